// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre jobs LIB [--failures ID] [--resume] [--missing extract|predict]`: the library's job
// history as the catalog keeps it (core/jobs/JobRecorder), the per-item failures of one job,
// resuming interrupted jobs, and the manifest of what a batch job has not done yet (the
// anti-join of core/library/MissingWork.h) for a retry array (docs/CLUSTER.md).
#include "CliCommand.h"
#include "JobCli.h"

#include "LibraryPredict.h"

#include "core/features/ExtractorRegistry.h"
#include "core/jobs/JobFactory.h"
#include "core/jobs/JobWorker.h"
#include "core/jobs/Shard.h"
#include "core/library/JobStore.h"
#include "core/library/Library.h"
#include "core/library/MissingWork.h"
#include "core/library/ModelStore.h"
#include "core/util/SaveFile.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

using namespace timbre;
using namespace timbre::cli;

const char kExitCodes[]
        = "\nExit codes: 0 success; 1 failure (one line 'timbre jobs: error: ...'); 2 usage;\n"
          "3 a resumed job was interrupted again.\n"
          "\nOutput (stdout): one line per job, newest first:\n"
          "  ID KIND STATE done=N/TOTAL failed=N started=ISO seconds=S \"TITLE\" [error=...]\n"
          "--failures ID: one line per failed item, 'ITEM<TAB>MESSAGE'.\n"
          "--resume: runs every interrupted job again (finished work is not redone) and prints\n"
          "'resumed OLD as NEW STATE'.\n"
          "--missing extract|predict: the manifest of tracks still to do, 'TRACK_ID<TAB>PATH'\n"
          "per line after '#' comment lines, to --out FILE (else stdout); the count on stderr;\n"
          "with --shard I/N only the tracks of that shard (what one array task left).\n";

const CommandVoice voice {QStringLiteral("timbre jobs"), kExitCodes};

QString iso(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate)
                  : QStringLiteral("-");
}

int resumeInterrupted(const library::Library &lib)
{
    auto pending = lib.jobs().unfinished();
    if (!pending)
        return voice.fail(pending.error().message);
    int code = ExitOk;
    for (const library::JobRecord &job : *pending) {
        if (job.state != QLatin1String("interrupted"))
            continue;
        QString error;
        const QVariantMap parameters
                = QJsonDocument::fromJson(job.parametersJson.toUtf8()).object().toVariantMap();
        std::unique_ptr<jobs::JobWorker> worker
                = jobs::createJobWorker(job.kind, parameters, &error);
        if (!worker) {
            err() << voice.name << ": job " << job.id << ": " << error << '\n';
            continue;
        }
        ForegroundJobOptions fg;
        fg.libraryFolder = lib.folder();
        const int ran = runJobInForeground(std::move(worker), voice, nullptr, fg);
        auto newest = lib.jobs().list(1);
        const qint64 newId = newest && !newest->isEmpty() ? newest->first().id : 0;
        const library::CatalogError marked
                = lib.jobs().setState(job.id, QStringLiteral("cancelled"),
                                      QStringLiteral("interrupted; resumed as job %1").arg(newId));
        if (marked.isError())
            return voice.fail(marked.message);
        out() << "resumed " << job.id << " as " << newId << ' '
              << (newest && !newest->isEmpty() ? newest->first().state : QStringLiteral("?"))
              << '\n';
        if (ran != ExitOk)
            code = ran;
    }
    return code;
}

// The manifest of --missing: comment lines saying what it lists, then one track per line.
int writeMissing(const library::Library &lib, const QString &what, const QString &extractorId,
                 const QString &modelArgument, const jobs::Shard &shard, const QString &outPath)
{
    library::CatalogResult<QList<library::MissingTrack>> missing = QList<library::MissingTrack>();
    QString header;
    if (what == QLatin1String("extract")) {
        const features::ExtractorRegistry registry(lib.folder());
        const std::optional<features::ExtractorSpec> spec = registry.find(extractorId);
        if (!spec)
            return voice.usage(
                    QStringLiteral("no extractor '%1' (see `timbre extractors`)").arg(extractorId));
        missing = library::tracksMissingFeatures(lib.database(), spec->info.id, spec->info.version);
        header = QStringLiteral("extract %1 v%2").arg(spec->info.id).arg(spec->info.version);
    } else if (what == QLatin1String("predict")) {
        auto model = lib.models().active();
        if (!modelArgument.isEmpty()) {
            QString error;
            const qint64 id = modelIdFromArgument(lib.folder(), modelArgument, &error);
            if (id == 0)
                return voice.fail(error);
            model = lib.models().findById(id);
        }
        if (!model)
            return voice.fail(model.error().message);
        if (!*model)
            return voice.fail(QStringLiteral("%1: no active model; name one with --model")
                                      .arg(lib.databasePath()));
        const library::ModelRecord &m = **model;
        missing = library::tracksMissingPredictions(lib.database(), m.id, 0, m.extractorId,
                                                    m.extractorVersion);
        header = QStringLiteral("predict model %1 ('%2') on %3 v%4 features")
                         .arg(m.id)
                         .arg(m.name, m.extractorId)
                         .arg(m.extractorVersion);
    } else {
        return voice.usage(QStringLiteral("--missing takes extract or predict"));
    }
    if (!missing)
        return voice.fail(missing.error().message);
    if (!shard.whole()) {
        // What one array task left: the tracks of its hash bucket (core/jobs/Shard.h).
        QList<library::MissingTrack> kept;
        for (const library::MissingTrack &t : *missing) {
            if (shard.holds(t.trackId))
                kept << t;
        }
        *missing = kept;
        header += QStringLiteral(", shard %1").arg(shard.text());
    }
    QString text = QStringLiteral("# timbre jobs --missing: %1, library %2\n# %3 tracks\n")
                           .arg(header, lib.folder())
                           .arg(missing->size());
    for (const library::MissingTrack &t : *missing)
        text += QStringLiteral("%1\t%2\n").arg(t.trackId).arg(t.path);
    if (outPath.isEmpty()) {
        out() << text;
    } else {
        QSaveFile file(outPath);
        if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0
            || !util::commitSaveFile(file))
            return voice.fail(QStringLiteral("%1: cannot write the manifest (%2)")
                                      .arg(outPath, file.errorString()));
    }
    err() << voice.name << ": " << missing->size() << " tracks still to " << what << " (" << header
          << ")\n";
    return ExitOk;
}

int run(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "Lists a library's jobs, the failures of one, or resumes interrupted ones."));
    parser.addPositionalArgument(QStringLiteral("LIB"), QStringLiteral("Library folder."));
    const QCommandLineOption failures(QStringLiteral("failures"),
                                      QStringLiteral("The failed items of job ID."),
                                      QStringLiteral("ID"));
    const QCommandLineOption resume(QStringLiteral("resume"),
                                    QStringLiteral("Run interrupted jobs again."));
    const QCommandLineOption limit(QStringLiteral("limit"), QStringLiteral("Jobs listed."),
                                   QStringLiteral("N"), QStringLiteral("20"));
    const QCommandLineOption missing(
            QStringLiteral("missing"),
            QStringLiteral("Write the manifest of tracks not yet done by WHAT (extract: no "
                           "current features of --extractor; predict: clips --model, default "
                           "the active one, has not scored from their current features)."),
            QStringLiteral("WHAT"));
    const QCommandLineOption extractorOption(QStringLiteral("extractor"),
                                             QStringLiteral("Extractor of --missing extract."),
                                             QStringLiteral("ID"), QStringLiteral("melstat"));
    const QCommandLineOption modelOption(QStringLiteral("model"),
                                         QStringLiteral("Model id or name of --missing predict."),
                                         QStringLiteral("ID"));
    const QCommandLineOption outOption(QStringLiteral("out"),
                                       QStringLiteral("Write the --missing manifest to FILE."),
                                       QStringLiteral("FILE"));
    const QCommandLineOption shardOption(
            QStringLiteral("shard"),
            QStringLiteral("Only the tracks of shard I of N in --missing (what one array task "
                           "of `timbre extract/predict --shard` has left)."),
            QStringLiteral("I/N"));
    parser.addOptions({failures, resume, limit, missing, extractorOption, modelOption, outOption,
                       shardOption});
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
    // Jobs whose process is gone are interrupted, whoever looks first.
    auto marked = lib.jobs().markInterrupted();
    if (!marked)
        return voice.fail(marked.error().message);

    if (parser.isSet(failures)) {
        bool ok = false;
        const qint64 id = parser.value(failures).toLongLong(&ok);
        if (!ok)
            return voice.usage(QStringLiteral("--failures needs a job id"));
        auto list = lib.jobs().failures(id);
        if (!list)
            return voice.fail(list.error().message);
        for (const library::JobFailure &f : *list)
            out() << f.item << '\t' << f.message << '\n';
        return ExitOk;
    }
    if (parser.isSet(resume))
        return resumeInterrupted(lib);
    if (parser.isSet(missing)) {
        jobs::Shard shard;
        if (parser.isSet(shardOption)) {
            QString error;
            const std::optional<jobs::Shard> parsed
                    = jobs::Shard::parse(parser.value(shardOption), &error);
            if (!parsed)
                return voice.usage(error);
            shard = *parsed;
        }
        return writeMissing(lib, parser.value(missing), parser.value(extractorOption),
                            parser.value(modelOption), shard, parser.value(outOption));
    }

    auto jobs = lib.jobs().list(parser.value(limit).toInt());
    if (!jobs)
        return voice.fail(jobs.error().message);
    for (const library::JobRecord &j : *jobs) {
        const qint64 end = j.finishedMs > 0 ? j.finishedMs : QDateTime::currentMSecsSinceEpoch();
        out() << j.id << ' ' << j.kind << ' ' << j.state << " done=" << j.done << '/' << j.total
              << " failed=" << j.failed << " started=" << iso(j.startedMs) << " seconds="
              << QString::number(j.startedMs > 0 ? (end - j.startedMs) / 1000.0 : 0.0, 'f', 1)
              << " \"" << j.title << '"';
        if (!j.errorText.isEmpty())
            out() << " error=\"" << j.errorText << '"';
        out() << '\n';
    }
    return ExitOk;
}

} // namespace

static CliRegistrar registrar({QStringLiteral("jobs"),
                               QStringLiteral("List a library's jobs; resume interrupted ones"),
                               run});
