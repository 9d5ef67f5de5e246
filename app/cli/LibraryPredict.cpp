// SPDX-License-Identifier: GPL-3.0-or-later
#include "LibraryPredict.h"

#include "BatchPart.h"
#include "CliCommand.h"
#include "CommonOptions.h"
#include "JobCli.h"

#include "core/jobs/PredictJob.h"
#include "core/library/Library.h"
#include "core/library/ModelStore.h"

#include <QCommandLineParser>

namespace timbre::cli {

bool hasLibraryOption(const QStringList &arguments)
{
    for (const QString &a : arguments)
        if (a == QLatin1String("--library") || a.startsWith(QLatin1String("--library=")))
            return true;
    return false;
}

qint64 modelIdFromArgument(const QString &libraryFolder, const QString &argument, QString *error)
{
    auto lib = library::Library::open(libraryFolder, library::Library::OpenMode::ExistingOnly);
    if (!lib) {
        *error = lib.error().message;
        return 0;
    }
    bool numeric = false;
    const qint64 id = argument.toLongLong(&numeric);
    auto found = numeric ? (*lib)->models().findById(id) : (*lib)->models().findByName(argument);
    if (!found) {
        *error = found.error().message;
        return 0;
    }
    if (!*found) {
        *error = QStringLiteral("%1: no model '%2'").arg((*lib)->databasePath(), argument);
        return 0;
    }
    return (*found)->id;
}

int predictLibrary(const QStringList &arguments)
{
    const CommandVoice voice {QStringLiteral("timbre predict"),
                              "\nExit codes: 0 done, 1 failed, 2 usage, 3 cancelled.\n"};
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "Score every clip of a library (labelled or not, test clips included) with a model "
            "of its registry and store the bag-level scores in the catalog for the browser. "
            "Without --model the active model predicts. Scores are written in batches of "
            "clips, one transaction each; Ctrl-C keeps the batches written and leaves the run "
            "unfinished."));
    const QCommandLineOption libraryOption(
            QStringLiteral("library"), QStringLiteral("Library folder."), QStringLiteral("LIB"));
    const QCommandLineOption modelOption(QStringLiteral("model"),
                                         QStringLiteral("Model id or name (default: active)."),
                                         QStringLiteral("ID"));
    const QCommandLineOption batchOption(QStringLiteral("batch"),
                                         QStringLiteral("Clips per transaction (default 512)."),
                                         QStringLiteral("N"), QStringLiteral("512"));
    const QCommandLineOption threadsOption = options::torchThreads();
    const QCommandLineOption quietOption(QStringLiteral("quiet"),
                                         QStringLiteral("No progress output."));
    const QCommandLineOption shardOpt = shardOption();
    const QCommandLineOption tracksOpt = tracksOption();
    parser.addOptions({libraryOption, modelOption, batchOption, threadsOption, quietOption,
                       shardOpt, tracksOpt});
    int exitCode = ExitOk;
    if (!voice.parseOrHelp(parser, arguments, &exitCode))
        return exitCode;
    if (!parser.positionalArguments().isEmpty())
        return voice.usage(QStringLiteral("unexpected argument '%1'")
                                   .arg(parser.positionalArguments().first()));
    bool batchOk = false;
    const int batch = parser.value(batchOption).toInt(&batchOk);
    if (!batchOk || batch < 1)
        return voice.usage(QStringLiteral("--batch must be a positive number"));

    BatchPart part;
    QString partError;
    bool usageError = false;
    if (!readBatchPart(parser, shardOpt, tracksOpt, &part, &partError, &usageError))
        return usageError ? voice.usage(partError) : voice.fail(partError);
    if (part.fromManifest && part.trackIds.isEmpty()) {
        out() << "predicted 0 clips (the manifest lists none)\n";
        return ExitOk;
    }
    if (!part.note.isEmpty() && !parser.isSet(quietOption))
        err() << voice.name << ": shard " << part.shard.text() << " (" << part.note << ")\n";

    jobs::PredictOptions options;
    options.trackIds = part.trackIds;
    options.shardIndex = part.shard.index;
    options.shardCount = part.shard.count;
    options.libraryFolder = parser.value(libraryOption);
    options.batchClips = batch;
    options.threads = parser.value(threadsOption).toInt();
    if (parser.isSet(modelOption)) {
        QString error;
        options.modelId
                = modelIdFromArgument(options.libraryFolder, parser.value(modelOption), &error);
        if (options.modelId == 0)
            return voice.fail(error);
    }
    QVariantMap result;
    const int code = runJobInForeground(std::make_unique<jobs::PredictJob>(options), voice, &result,
                                        {parser.isSet(quietOption), options.libraryFolder});
    if (code != ExitOk && result.isEmpty())
        return code;
    const double seconds = result.value(QStringLiteral("seconds")).toDouble();
    const qint64 clips = result.value(QStringLiteral("clips")).toLongLong();
    const QString runPart = result.value(QStringLiteral("part")).toString();
    out() << QStringLiteral(
                     "%1 %2 clips with model %3 (run %4%8), %5 skipped, %6 s (%7 clips/s)%9\n")
                     .arg(code == ExitOk ? QStringLiteral("predicted")
                                         : QStringLiteral("stopped after"))
                     .arg(clips)
                     .arg(result.value(QStringLiteral("modelId")).toLongLong())
                     .arg(result.value(QStringLiteral("runId")).toLongLong())
                     .arg(result.value(QStringLiteral("skipped")).toLongLong())
                     .arg(seconds, 0, 'f', 2)
                     .arg(seconds > 0 ? clips / seconds : 0.0, 0, 'f', 0)
                     .arg(runPart.isEmpty() ? QString() : QStringLiteral(", part %1").arg(runPart))
                     .arg(result.value(QStringLiteral("completedWhole")).toBool()
                                  ? QStringLiteral("; nothing left to score: whole run recorded")
                                  : QString());
    return code;
}

} // namespace timbre::cli
