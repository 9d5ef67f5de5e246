// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre models LIB [--activate ID | --import-starter | --import CKPT]`: the library's model
// versions as a tree (parent -> children), which one is active, and how many label changes
// each has not seen; or make one active, or add the shipped starter or an outside checkpoint.
#include "CliCommand.h"
#include "core/modelling/CheckpointImport.h"
#include "core/modelling/StarterModelImport.h"

#include "core/library/LabelStore.h"
#include "core/library/Library.h"
#include "core/library/ModelStore.h"
#include "core/modelling/ModelActivation.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMultiMap>
#include <QSet>

#include <algorithm>
#include <functional>

namespace {

using namespace timbre;
using namespace timbre::cli;

const char kExitCodes[]
        = "\nExit codes: 0 success; 1 failure (one line 'timbre models: error: ...'); 2 usage.\n"
          "\nOutput (stdout): one line per model, children indented under their parent:\n"
          "  [*] ID NAME kind=K extractor=E created=ISO snapshot=N labels_since=N auroc=A f1=F\n"
          "('*' marks the active model; auroc / f1 on the library's test clips, '-' if none).\n"
          "--activate ID prints 'active ID NAME'; --import-starter and --import print 'imported "
          "ID NAME ...'.\n";

const CommandVoice voice {QStringLiteral("timbre models"), kExitCodes};

// Test-clip AUROC / F1 from a model's metrics JSON, in percent, or "-".
QString metric(const QString &metricsJson, const char *key)
{
    const QJsonObject o = QJsonDocument::fromJson(metricsJson.toUtf8()).object();
    for (const QJsonObject &where :
         {o, o.value(QStringLiteral("test")).toObject(),
          o.value(QStringLiteral("overall")).toObject(),
          o.value(QStringLiteral("test")).toObject().value(QStringLiteral("overall")).toObject()}) {
        const QJsonValue v = where.value(QLatin1String(key));
        if (v.isDouble()) {
            const double x = v.toDouble();
            return QString::number(x <= 1.0 ? 100.0 * x : x, 'f', 2);
        }
    }
    return QStringLiteral("-");
}

int run(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
            QStringLiteral("Lists a library's model versions, activates one, or imports the "
                           "starter model or a checkpoint."));
    parser.addPositionalArgument(QStringLiteral("LIB"), QStringLiteral("Library folder."));
    const QCommandLineOption activate(QStringLiteral("activate"),
                                      QStringLiteral("Make model ID (or NAME) the active one."),
                                      QStringLiteral("ID"));
    parser.addOption(activate);
    const QCommandLineOption importStarter(
            QStringLiteral("import-starter"),
            QStringLiteral("Register the starter model shipped with Timbre (ATT over the "
                           "built-in 'cnn' extractor); active when the library has none."));
    parser.addOption(importStarter);
    const QCommandLineOption importFile(
            QStringLiteral("import"),
            QStringLiteral("Add a checkpoint trained elsewhere (`timbre train --data`, "
                           "`timbre train-cnn`) as a new version; checked against the "
                           "library's extractors and instruments, never activated."),
            QStringLiteral("CKPT"));
    parser.addOption(importFile);
    int code = ExitOk;
    if (!voice.parseOrHelp(parser, args, &code))
        return code;
    if (parser.positionalArguments().size() != 1)
        return voice.usage(QStringLiteral("needs exactly one LIB"));
    auto opened = library::Library::open(parser.positionalArguments().first(),
                                         library::Library::OpenMode::ExistingOnly);
    if (!opened)
        return voice.fail(opened.error().message);
    const library::Library &lib = **opened;

    if (parser.isSet(importStarter)) {
        QString message;
        if (!modelling::importStarterModel(lib, &message))
            return voice.fail(message);
        out() << message << '\n';
        return ExitOk;
    }
    if (parser.isSet(importFile)) {
        const modelling::CheckpointImportResult r
                = modelling::importCheckpoint(lib, parser.value(importFile));
        if (!r.ok)
            return voice.fail(r.message);
        out() << "imported " << r.modelId << ' ' << r.name << '\n';
        return ExitOk;
    }
    if (parser.isSet(activate)) {
        const QString which = parser.value(activate);
        bool isId = false;
        const qint64 id = which.toLongLong(&isId);
        auto found = isId ? lib.models().findById(id) : lib.models().findByName(which);
        if (!found)
            return voice.fail(found.error().message);
        if (!found->has_value())
            return voice.fail(QStringLiteral("%1: no model '%2'").arg(lib.folder(), which));
        const library::CatalogError e = modelling::activateIfLoadable(lib, (*found)->id);
        if (e.isError())
            return voice.fail(e.message);
        out() << "active " << (*found)->id << ' ' << (*found)->name << '\n';
        return ExitOk;
    }

    auto models = lib.models().list();
    if (!models)
        return voice.fail(models.error().message);
    QMultiMap<qint64, library::ModelRecord> byParent;
    QSet<qint64> ids;
    for (const library::ModelRecord &m : *models)
        ids.insert(m.id);
    for (const library::ModelRecord &m : *models)
        byParent.insert(ids.contains(m.parentId) ? m.parentId : 0, m);
    if (models->isEmpty()) {
        out() << "no models (train one: timbre train --library " << lib.folder()
              << " --model mt)\n";
        return ExitOk;
    }
    // Depth-first from the roots, oldest first at each level.
    QString failure;
    std::function<void(qint64, int)> walk = [&](qint64 parent, int depth) {
        QList<library::ModelRecord> kids = byParent.values(parent);
        std::sort(kids.begin(), kids.end(),
                  [](const auto &a, const auto &b) { return a.id < b.id; });
        for (const library::ModelRecord &m : kids) {
            auto since = lib.labels().changesAfter(m.labelSnapshot);
            if (!since && failure.isEmpty())
                failure = since.error().message;
            out() << (m.active ? "* " : "  ") << QString(2 * depth, QLatin1Char(' ')) << m.id << ' '
                  << m.name << " kind=" << m.kind << " extractor="
                  << (m.extractorId.isEmpty()
                              ? QStringLiteral("-")
                              : QStringLiteral("%1-v%2").arg(m.extractorId).arg(m.extractorVersion))
                  << " created="
                  << QDateTime::fromMSecsSinceEpoch(m.createdMs, Qt::UTC).toString(Qt::ISODate)
                  << " snapshot=" << m.labelSnapshot << " labels_since=" << (since ? *since : -1)
                  << " auroc=" << metric(m.metricsJson, "auroc")
                  << " f1=" << metric(m.metricsJson, "f1");
            if (!m.note.isEmpty())
                out() << " note=\"" << m.note << '"';
            out() << '\n';
            walk(m.id, depth + 1);
        }
    };
    walk(0, 0);
    if (!failure.isEmpty())
        return voice.fail(failure);
    return ExitOk;
}

} // namespace

static CliRegistrar registrar({QStringLiteral("models"),
                               QStringLiteral("List a library's model versions; activate one"),
                               run});
