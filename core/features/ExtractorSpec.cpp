// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/features/ExtractorSpec.h"

#include "core/features/BuiltInCnn.h"

#include <QDir>
#include <QFileInfo>

namespace timbre::features {

namespace {

const QString kTorchScript = QStringLiteral("torchscript");
const QString kBuiltIn = QStringLiteral("built-in");

} // namespace

double ExtractorSpec::instanceHopSeconds() const
{
    if (info.frontEnd.sampleRate <= 0)
        return 0.0;
    return static_cast<double>(info.framesPerPatch) * info.frontEnd.hopLength
            / info.frontEnd.sampleRate;
}

QString ExtractorSpec::kindName(Kind kind)
{
    return kind == Kind::TorchScript ? kTorchScript : kBuiltIn;
}

ExtractorSpec ExtractorSpec::builtIn(const ExtractorInfo &info)
{
    ExtractorSpec spec;
    spec.info = info;
    spec.kind = Kind::BuiltIn;
    if (info.id == QLatin1String("melstat"))
        spec.description = QStringLiteral("Built-in: mean and standard deviation of each mel band "
                                          "over a 0.96 s patch (no weights)");
    if (info.id == BuiltInCnn::id()) {
        // Weights inside the program, checked against their hash before use.
        spec.modelFile = BuiltInCnn::weightsFile();
        spec.weightsHash = BuiltInCnn::weightsHash();
        spec.description = QStringLiteral("Built-in: CNN over 0.96 s log-mel patches, trained "
                                          "with ATT on weak labels (scripts/starter_model.sh)");
    }
    return spec;
}

QJsonObject ExtractorSpec::toJson(const QString &folder) const
{
    const QDir dir(folder);
    QJsonObject json;
    json.insert(QStringLiteral("format"), QStringLiteral("timbre-extractor"));
    json.insert(QStringLiteral("id"), info.id);
    json.insert(QStringLiteral("version"), info.version);
    json.insert(QStringLiteral("dimension"), info.dimension);
    // Only VGGish's front end is accepted for TorchScript extractors so far; the name is
    // stored so that a later front end can be told apart.
    json.insert(QStringLiteral("front_end"), QStringLiteral("vggish"));
    json.insert(QStringLiteral("frames_per_patch"), info.framesPerPatch);
    json.insert(QStringLiteral("kind"), kindName(kind));
    json.insert(QStringLiteral("model"),
                modelFile.isEmpty() ? QString() : dir.relativeFilePath(modelFile));
    json.insert(QStringLiteral("postprocess"),
                postprocessFile.isEmpty() ? QString() : dir.relativeFilePath(postprocessFile));
    json.insert(QStringLiteral("weights_hash"), weightsHash);
    json.insert(QStringLiteral("postprocess_hash"), postprocessHash);
    json.insert(QStringLiteral("description"), description);
    return json;
}

std::optional<ExtractorSpec> ExtractorSpec::fromJson(const QJsonObject &json, const QString &folder,
                                                     QString *error)
{
    auto fail = [error](const QString &message) -> std::optional<ExtractorSpec> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (json.value(QStringLiteral("format")).toString() != QLatin1String("timbre-extractor"))
        return fail(QStringLiteral("not a timbre extractor description (\"format\" is not "
                                   "\"timbre-extractor\")"));
    ExtractorSpec spec;
    spec.info.frontEnd = dsp::LogMelConfig::vggish();
    spec.info.id = json.value(QStringLiteral("id")).toString();
    spec.info.version = json.value(QStringLiteral("version")).toInt(0);
    spec.info.dimension = json.value(QStringLiteral("dimension")).toInt(0);
    spec.info.framesPerPatch = json.value(QStringLiteral("frames_per_patch")).toInt(0);
    if (!spec.info.isValid())
        return fail(QStringLiteral("needs an \"id\", a positive \"version\" and a positive "
                                   "\"dimension\""));
    if (json.value(QStringLiteral("front_end")).toString() != QLatin1String("vggish")
        || spec.info.framesPerPatch != 96)
        return fail(QStringLiteral("only the VGGish front end with 96-frame patches is "
                                   "supported"));
    const QString kind = json.value(QStringLiteral("kind")).toString();
    if (kind != kTorchScript)
        return fail(QStringLiteral("kind \"%1\" is not \"torchscript\"").arg(kind));
    spec.kind = Kind::TorchScript;
    const QDir dir(folder);
    const QString model = json.value(QStringLiteral("model")).toString();
    if (model.isEmpty())
        return fail(QStringLiteral("no \"model\" file"));
    spec.modelFile = QDir::cleanPath(dir.absoluteFilePath(model));
    const QString post = json.value(QStringLiteral("postprocess")).toString();
    if (!post.isEmpty())
        spec.postprocessFile = QDir::cleanPath(dir.absoluteFilePath(post));
    spec.weightsHash = json.value(QStringLiteral("weights_hash")).toString();
    spec.postprocessHash = json.value(QStringLiteral("postprocess_hash")).toString();
    spec.description = json.value(QStringLiteral("description")).toString();
    return spec;
}

} // namespace timbre::features
