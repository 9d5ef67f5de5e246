// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre extract LIB [--extractor ID] [--shard I/N] [--tracks FILE]`: fills the library's
// feature store for one extractor (core/jobs/ExtractJob), recomputing only what is missing or
// stale, recorded as a job; one shard of the tracks when many processes share the work
// (docs/CLUSTER.md).
#include "BatchPart.h"
#include "CliCommand.h"
#include "JobCli.h"

#include "core/jobs/ExtractJob.h"
#include "core/library/Library.h"

#include <QCommandLineParser>

namespace {

using namespace timbre;
using namespace timbre::cli;

const char kExitCodes[]
        = "\nExit codes: 0 success (files that failed to decode are listed, the rest is stored);\n"
          "1 failure (one line 'timbre extract: error: ...'); 2 usage error; 3 interrupted\n"
          "(SIGINT/SIGTERM): every finished track is kept and the next run continues.\n"
          "\nOutput (stdout): extract done|cancelled extractor=KEY tracks=N fresh=N adopted=N\n"
          "extracted=N failed=N instances=N audio_s=S seconds=S x_realtime=R\n";

const CommandVoice voice {QStringLiteral("timbre extract"), kExitCodes};

int run(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Extracts instance features of every track of "
                                                    "a library (missing or stale ones only)."));
    parser.addPositionalArgument(QStringLiteral("LIB"), QStringLiteral("Library folder."));
    const QCommandLineOption extractor(QStringLiteral("extractor"),
                                       QStringLiteral("Extractor id (see `timbre extractors`)."),
                                       QStringLiteral("ID"), QStringLiteral("melstat"));
    const QCommandLineOption threads(QStringLiteral("threads"),
                                     QStringLiteral("Extraction threads (0 = all cores)."),
                                     QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption force(QStringLiteral("force"),
                                   QStringLiteral("Recompute features that are current too."));
    const QCommandLineOption quiet(QStringLiteral("quiet"), QStringLiteral("No progress output."));
    const QCommandLineOption shard = shardOption();
    const QCommandLineOption tracks = tracksOption();
    parser.addOptions({extractor, threads, force, quiet, shard, tracks});
    int code = ExitOk;
    if (!voice.parseOrHelp(parser, args, &code))
        return code;
    if (parser.positionalArguments().size() != 1)
        return voice.usage(QStringLiteral("needs exactly one LIB"));
    bool okThreads = false;
    jobs::ExtractOptions options;
    options.libraryFolder = parser.positionalArguments().first();
    options.extractorId = parser.value(extractor);
    options.threads = parser.value(threads).toInt(&okThreads);
    options.force = parser.isSet(force);
    if (!okThreads || options.threads < 0)
        return voice.usage(QStringLiteral("--threads must be >= 0"));
    BatchPart part;
    QString partError;
    bool usageError = false;
    if (!readBatchPart(parser, shard, tracks, &part, &partError, &usageError))
        return usageError ? voice.usage(partError) : voice.fail(partError);
    if (part.fromManifest && part.trackIds.isEmpty()) {
        out() << "extract done extractor=" << options.extractorId
              << " tracks=0 (the manifest lists none)\n";
        return ExitOk;
    }
    options.trackIds = part.trackIds;
    options.shardIndex = part.shard.index;
    options.shardCount = part.shard.count;
    if (!part.note.isEmpty() && !parser.isSet(quiet))
        err() << voice.name << ": shard " << part.shard.text() << " (" << part.note << ")\n";
    {
        auto lib = library::Library::open(options.libraryFolder,
                                          library::Library::OpenMode::ExistingOnly);
        if (!lib)
            return voice.fail(lib.error().message);
        options.libraryFolder = (*lib)->folder();
    }
    QVariantMap r;
    ForegroundJobOptions fg;
    fg.quiet = parser.isSet(quiet);
    fg.libraryFolder = options.libraryFolder;
    code = runJobInForeground(std::make_unique<jobs::ExtractJob>(options), voice, &r, fg);
    if (code == ExitFailure || code == ExitUsage)
        return code;
    const double audio = r.value(QStringLiteral("audioSeconds")).toDouble();
    const double seconds = r.value(QStringLiteral("seconds")).toDouble();
    out() << "extract " << (code == ExitCancelled ? "cancelled" : "done")
          << " extractor=" << r.value(QStringLiteral("extractor")).toString();
    for (const char *k : {"tracks", "fresh", "adopted", "extracted", "failed", "instances"})
        out() << ' ' << k << '=' << r.value(QLatin1String(k)).toLongLong();
    out() << " audio_s=" << QString::number(audio, 'f', 1)
          << " seconds=" << QString::number(seconds, 'f', 2)
          << " x_realtime=" << QString::number(seconds > 0 ? audio / seconds : 0.0, 'f', 1) << '\n';
    return code;
}

} // namespace

static CliRegistrar registrar({QStringLiteral("extract"),
                               QStringLiteral("Extract a library's features (missing or stale)"),
                               run});
