// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/features/ExtractorRegistry.h"

#include "core/features/VggishPostprocess.h"
#include "core/features/XxHash64.h"
#include "core/util/SaveFile.h"
#include "models/api/ScriptedEmbedding.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>

namespace timbre::features {

namespace {

// XXH64 of a whole file as 16 hex digits; empty and *error when it cannot be read. Mapped
// rather than read so that a VGGish-sized .pt (about 290 MB) is not copied into memory.
QString fileHash(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot read (%2)").arg(path, file.errorString());
        return {};
    }
    quint64 hash = 0;
    if (file.size() == 0) {
        hash = xxHash64(nullptr, 0);
    } else if (uchar *data = file.map(0, file.size())) {
        hash = xxHash64(data, size_t(file.size()));
        file.unmap(data);
    } else {
        const QByteArray bytes = file.readAll();
        hash = xxHash64(bytes.constData(), size_t(bytes.size()));
    }
    return QStringLiteral("%1").arg(hash, 16, 16, QLatin1Char('0'));
}

// Copies source to target through a QSaveFile (nothing at target until the whole copy is
// there). False and *error naming the file on failure.
bool copyAtomically(const QString &source, const QString &target, QString *error)
{
    QFile in(source);
    if (!in.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot read (%2)").arg(source, in.errorString());
        return false;
    }
    QSaveFile out(target);
    if (!out.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("%1: cannot write (%2)").arg(target, out.errorString());
        return false;
    }
    QByteArray buffer;
    while (!in.atEnd()) {
        buffer = in.read(1 << 20);
        if (buffer.isEmpty() && in.error() != QFile::NoError) {
            *error = QStringLiteral("%1: cannot read (%2)").arg(source, in.errorString());
            return false;
        }
        if (out.write(buffer) != buffer.size()) {
            *error = QStringLiteral("%1: cannot write (%2)").arg(target, out.errorString());
            return false;
        }
    }
    if (!util::commitSaveFile(out)) {
        *error = QStringLiteral("%1: cannot write (%2)").arg(target, out.errorString());
        return false;
    }
    return true;
}

std::optional<ExtractorSpec> readSpec(const QString &jsonPath, const QString &folder,
                                      QString *error)
{
    QFile file(jsonPath);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot read (%2)").arg(jsonPath, file.errorString());
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject()) {
        *error = QStringLiteral("%1: not a JSON object (%2)")
                         .arg(jsonPath, parseError.errorString());
        return std::nullopt;
    }
    QString why;
    std::optional<ExtractorSpec> spec = ExtractorSpec::fromJson(doc.object(), folder, &why);
    if (!spec) {
        *error = QStringLiteral("%1: %2").arg(jsonPath, why);
        return std::nullopt;
    }
    const QString expectedId = QFileInfo(jsonPath).completeBaseName();
    if (spec->info.id != expectedId) {
        *error = QStringLiteral("%1: holds id \"%2\", not \"%3\"")
                         .arg(jsonPath, spec->info.id, expectedId);
        return std::nullopt;
    }
    if (!ExtractorRegistry::isValidId(spec->info.id, &why)) {
        *error = QStringLiteral("%1: %2").arg(jsonPath, why);
        return std::nullopt;
    }
    return spec;
}

} // namespace

ExtractorRegistry::ExtractorRegistry(const QString &libraryFolder)
{
    for (const ExtractorInfo &info : ExtractorInfo::builtins())
        m_specs.append(ExtractorSpec::builtIn(info));
    if (libraryFolder.isEmpty())
        return;
    const QString dir = folder(libraryFolder);
    const QStringList names
            = QDir(dir).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString &name : names) {
        // The PCA copies live in the same folder ("<id>-<hash>.pca.json").
        if (name.endsWith(QLatin1String(".pca.json")))
            continue;
        QString error;
        const auto spec = readSpec(QDir(dir).filePath(name), dir, &error);
        if (spec)
            m_specs.append(*spec);
        else
            m_errors.append(error);
    }
}

std::optional<ExtractorSpec> ExtractorRegistry::find(const QString &id) const
{
    for (const ExtractorSpec &spec : m_specs)
        if (spec.info.id == id)
            return spec;
    return std::nullopt;
}

QString ExtractorRegistry::defaultId()
{
    return QStringLiteral("melstat");
}

QString ExtractorRegistry::folder(const QString &libraryFolder)
{
    return QDir(libraryFolder).filePath(QStringLiteral("extractors"));
}

bool ExtractorRegistry::isValidId(const QString &id, QString *why)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$"));
    QString problem;
    if (!pattern.match(id).hasMatch())
        problem = QStringLiteral("extractor id \"%1\" must be 1 to 64 letters, digits, '.', '_' "
                                 "or '-', not starting with '.'")
                          .arg(id);
    else if (ExtractorInfo::builtin(id))
        problem = QStringLiteral("extractor id \"%1\" is a built-in extractor's").arg(id);
    if (why)
        *why = problem;
    return problem.isEmpty();
}

std::optional<ExtractorSpec> ExtractorRegistry::addTorchScript(const QString &libraryFolder,
                                                               const QString &id,
                                                               const QString &ptFile,
                                                               const QString &postprocessFile,
                                                               QString *error)
{
    QString scratch;
    QString &message = error ? *error : scratch;
    if (libraryFolder.isEmpty()) {
        message = QStringLiteral("no library folder given");
        return std::nullopt;
    }
    if (!isValidId(id, &message))
        return std::nullopt;

    // Probe first: nothing is copied for a module that would fail later.
    const QString modelSource = QFileInfo(ptFile).absoluteFilePath();
    models::ModelError loadError;
    const auto embedding = models::ScriptedEmbedding::load(modelSource.toStdString(), &loadError);
    if (!embedding) {
        message = QString::fromStdString(loadError.message);
        return std::nullopt;
    }
    ExtractorSpec spec;
    spec.kind = ExtractorSpec::Kind::TorchScript;
    spec.info.id = id;
    spec.info.frontEnd = dsp::LogMelConfig::vggish();
    spec.info.framesPerPatch = models::ScriptedEmbedding::kFrames;
    spec.info.dimension = embedding->dimension();
    const QString postSource
            = postprocessFile.isEmpty() ? QString() : QFileInfo(postprocessFile).absoluteFilePath();
    if (!postSource.isEmpty()) {
        const auto post = VggishPostprocess::load(postSource, embedding->dimension(), &message);
        if (!post)
            return std::nullopt;
        spec.info.dimension = post->outputDimension();
    }
    spec.weightsHash = fileHash(modelSource, &message);
    if (spec.weightsHash.isEmpty())
        return std::nullopt;
    if (!postSource.isEmpty()) {
        spec.postprocessHash = fileHash(postSource, &message);
        if (spec.postprocessHash.isEmpty())
            return std::nullopt;
    }
    spec.description
            = QStringLiteral("TorchScript %1, %2-d%3")
                      .arg(QFileInfo(ptFile).fileName())
                      .arg(embedding->dimension())
                      .arg(postSource.isEmpty() ? QString()
                                                : QStringLiteral(", VGGish PCA + 8-bit -> %1-d")
                                                          .arg(spec.info.dimension));

    const QString dir = folder(libraryFolder);
    if (!QDir().mkpath(dir)) {
        message = QStringLiteral("%1: cannot create the folder").arg(dir);
        return std::nullopt;
    }
    const QString jsonPath = QDir(dir).filePath(id + QStringLiteral(".json"));
    std::optional<ExtractorSpec> previous;
    if (QFileInfo::exists(jsonPath)) {
        QString ignored; // an unreadable previous description is replaced, starting again at 1
        previous = readSpec(jsonPath, dir, &ignored);
    }
    spec.modelFile = QDir(dir).filePath(QStringLiteral("%1-%2.pt").arg(id, spec.weightsHash));
    if (!postSource.isEmpty())
        spec.postprocessFile = QDir(dir).filePath(
                QStringLiteral("%1-%2.pca.json").arg(id, spec.postprocessHash));
    const bool same = previous && previous->weightsHash == spec.weightsHash
            && previous->postprocessHash == spec.postprocessHash
            && previous->info.dimension == spec.info.dimension;
    spec.info.version = !previous ? 1 : same ? previous->info.version : previous->info.version + 1;
    if (same)
        spec.description
                = previous->description.isEmpty() ? spec.description : previous->description;

    // Copies that are not there yet (the content-hash names make an existing one identical).
    QStringList created;
    auto undo = [&created] {
        for (const QString &path : created)
            QFile::remove(path);
    };
    const QList<QPair<QString, QString>> copies
            = {{modelSource, spec.modelFile}, {postSource, spec.postprocessFile}};
    for (const auto &[source, target] : copies) {
        if (source.isEmpty() || QFileInfo::exists(target))
            continue;
        if (!copyAtomically(source, target, &message)) {
            undo();
            return std::nullopt;
        }
        created.append(target);
    }
    QSaveFile json(jsonPath);
    const QByteArray bytes = QJsonDocument(spec.toJson(dir)).toJson(QJsonDocument::Indented);
    if (!json.open(QIODevice::WriteOnly) || json.write(bytes) != bytes.size()
        || !util::commitSaveFile(json)) {
        message = QStringLiteral("%1: cannot write (%2)").arg(jsonPath, json.errorString());
        undo();
        return std::nullopt;
    }
    // The previous version's copies are no longer referenced (its features stay in the
    // feature store under their own key).
    if (previous) {
        for (const QString &old : {previous->modelFile, previous->postprocessFile})
            if (!old.isEmpty() && old != spec.modelFile && old != spec.postprocessFile
                && QFileInfo(old).absolutePath() == QFileInfo(jsonPath).absolutePath())
                QFile::remove(old);
    }
    return spec;
}

} // namespace timbre::features
