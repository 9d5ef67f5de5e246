// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre train-cnn`: trains the "cnn" instance embedding end to end with the ATT head on the
// weak labels of one or more labelled corpora (docs/METHOD.md §2.3;
// models/api/PatchTraining.h), and writes the frozen CNN as TorchScript, the ATT head as an
// "att" checkpoint over its features, and the learning curve.
#include "CliCommand.h"
#include "CommonOptions.h"

#include "core/datasets/trainsets/CorpusPatches.h"
#include "core/features/BuiltInCnn.h"
#include "models/api/PatchTraining.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace {

using namespace timbre;
using namespace timbre::cli;

const char kExitCodes[] = "\nExit codes: 0 success; 1 failure (one line 'timbre train-cnn: "
                          "error: ...' naming the file); 2 usage.\n"
                          "\nWrites into --out: cnn.pt (TorchScript, [n,1,96,64] -> [n,D]), "
                          "head.ckpt (ATT over the CNN's features), history.csv (one row per "
                          "epoch), summary.json.\n";

const CommandVoice voice {QStringLiteral("timbre train-cnn"), kExitCodes};

// "all", "none" or a list of gain,tilt,pitch,stretch,mix,noise with their default strengths.
bool applyAugment(const QString &spec, models::PatchTrainConfig *c, QString *why)
{
    const QStringList all
            = {QStringLiteral("gain"),    QStringLiteral("tilt"), QStringLiteral("pitch"),
               QStringLiteral("stretch"), QStringLiteral("mix"),  QStringLiteral("noise")};
    QStringList names = spec == QLatin1String("all") ? all
            : spec == QLatin1String("none")          ? QStringList()
                                            : spec.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &n : names) {
        if (n == QLatin1String("gain"))
            c->gainDb = 6.0;
        else if (n == QLatin1String("tilt"))
            c->tiltDb = 6.0;
        else if (n == QLatin1String("pitch"))
            c->pitchBands = 1.0;
        else if (n == QLatin1String("stretch"))
            c->stretch = 0.08;
        else if (n == QLatin1String("mix"))
            c->mixProbability = 0.5;
        else if (n == QLatin1String("noise"))
            c->noiseProbability = 0.3;
        else {
            *why = QStringLiteral("unknown augmentation '%1' (use all, none or a list of %2)")
                           .arg(n, all.join(QLatin1Char(',')));
            return false;
        }
    }
    return true;
}

int run(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "Train the built-in 'cnn' instance embedding (a small CNN over 0.96 s log-mel "
            "patches) end to end with the ATT head on the weak labels of labelled corpora "
            "(`timbre synth` folders); patches are cached in each corpus as binary16."));
    const QCommandLineOption corpusOption(QStringLiteral("corpus"),
                                          QStringLiteral("Corpus folder (repeatable)."),
                                          QStringLiteral("DIR"));
    const QCommandLineOption outOption(QStringLiteral("out"), QStringLiteral("Output folder."),
                                       QStringLiteral("DIR"));
    const QCommandLineOption epochsOption
            = options::epochs(QStringLiteral("Epochs (default 8)."), QStringLiteral("8"));
    const QCommandLineOption seedOption = options::seed(QStringLiteral("1"));
    const QCommandLineOption threadsOption = options::torchThreads(QStringLiteral("2"));
    const QCommandLineOption batchOption(QStringLiteral("batch"),
                                         QStringLiteral("Clips per step (default 16)."),
                                         QStringLiteral("B"), QStringLiteral("16"));
    const QCommandLineOption lrOption(QStringLiteral("lr"),
                                      QStringLiteral("Adam learning rate (default 1e-3)."),
                                      QStringLiteral("X"), QStringLiteral("1e-3"));
    const QCommandLineOption halvingOption(
            QStringLiteral("lr-halving"),
            QStringLiteral("Halve the learning rate every N epochs (default 0 = never)."),
            QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption augmentOption(
            QStringLiteral("augment"),
            QStringLiteral("all, none, or a list of gain,tilt,pitch,stretch,mix,noise "
                           "(default none: they did not help at this budget, docs/RESULTS.md)."),
            QStringLiteral("LIST"), QStringLiteral("none"));
    const QCommandLineOption channelsOption(
            QStringLiteral("channels"), QStringLiteral("Conv block widths (default 8,16,32,64)."),
            QStringLiteral("LIST"), QStringLiteral("8,16,32,64"));
    const QCommandLineOption dropoutOption(QStringLiteral("dropout"),
                                           QStringLiteral("ATT dropout (default 0.3)."),
                                           QStringLiteral("P"), QStringLiteral("0.3"));
    const QCommandLineOption budgetOption(QStringLiteral("time-budget"),
                                          QStringLiteral("Stop after S seconds (default off)."),
                                          QStringLiteral("S"), QStringLiteral("0"));
    const QCommandLineOption versionOption(
            QStringLiteral("extractor-version"),
            QStringLiteral("Version the head checkpoint names for extractor 'cnn' (default %1, "
                           "the built-in's: the weights trained here are shipped as it).")
                    .arg(features::BuiltInCnn::kVersion),
            QStringLiteral("V"), QString::number(features::BuiltInCnn::kVersion));
    const QCommandLineOption monitorOption(
            QStringLiteral("monitor"),
            QStringLiteral("Corpus scored after every epoch (learning curve only; never picks "
                           "an epoch), e.g. one rendered with a SoundFont not trained on."),
            QStringLiteral("DIR"));
    const QCommandLineOption instanceLossOption(
            QStringLiteral("instance-loss"),
            QStringLiteral("Weight W of a frame-level auxiliary loss on the corpora's "
                           "activity.csv (docs/METHOD.md §5.4): the patches' instance scores "
                           "learn when each instrument sounds, beside the clip-level loss "
                           "(default 0 = off; every corpus needs activity.csv)."),
            QStringLiteral("W"), QStringLiteral("0"));
    const QCommandLineOption pairedOption(
            QStringLiteral("paired"),
            QStringLiteral("The corpora are renders of the same clips by different synthesisers "
                           "(`timbre synth` with one seed and several --soundfont): every step "
                           "takes each clip in all of them (docs/METHOD.md §2.6)."));
    const QCommandLineOption pairLossOption(
            QStringLiteral("pair-loss"),
            QStringLiteral("With --paired: weight W of the share of embedding variance between "
                           "renders of the same patch, added to the loss (default 0)."),
            QStringLiteral("W"), QStringLiteral("0"));
    const QCommandLineOption initOption(
            QStringLiteral("init-cnn"),
            QStringLiteral("Start the CNN from an exported one (a cnn.pt written here, or "
                           "resources/models/cnn-vN.pt) instead of at random; its batch norms "
                           "stay fixed."),
            QStringLiteral("FILE.pt"));
    const QCommandLineOption cnnLrOption(
            QStringLiteral("cnn-lr"), QStringLiteral("The CNN's learning rate (default 0 = --lr)."),
            QStringLiteral("X"), QStringLiteral("0"));
    const QCommandLineOption headEpochsOption(
            QStringLiteral("head-epochs"),
            QStringLiteral("The first N of the epochs train the ATT head alone on the fixed CNN "
                           "(default 0)."),
            QStringLiteral("N"), QStringLiteral("0"));
    parser.addOptions({instanceLossOption, monitorOption, corpusOption,  outOption,
                       epochsOption,       seedOption,    threadsOption, batchOption,
                       lrOption,           halvingOption, augmentOption, channelsOption,
                       dropoutOption,      budgetOption,  versionOption, pairedOption,
                       pairLossOption,     initOption,    cnnLrOption,   headEpochsOption});
    int code = ExitOk;
    if (!voice.parseOrHelp(parser, args, &code))
        return code;
    const QStringList corpora = parser.values(corpusOption);
    const QString outDir = parser.value(outOption);
    if (corpora.isEmpty() || outDir.isEmpty())
        return voice.usage(QStringLiteral("--corpus DIR and --out DIR are required"));

    models::PatchTrainConfig config;
    bool ok = true;
    auto number = [&](const QCommandLineOption &o) {
        bool good = false;
        const double v = parser.value(o).toDouble(&good);
        ok = ok && good && std::isfinite(v);
        return v;
    };
    config.epochs = int(number(epochsOption));
    config.seed = static_cast<uint64_t>(number(seedOption));
    config.threads = int(number(threadsOption));
    config.batchBags = int(number(batchOption));
    config.learningRate = number(lrOption);
    config.lrHalvingEpochs = int(number(halvingOption));
    config.attDropout = number(dropoutOption);
    config.timeBudgetSeconds = number(budgetOption);
    config.extractorVersion = int(number(versionOption));
    config.instanceLossWeight = number(instanceLossOption);
    config.pairLossWeight = number(pairLossOption);
    config.embeddingLearningRate = number(cnnLrOption);
    config.headOnlyEpochs = int(number(headEpochsOption));
    config.initEmbedding = parser.value(initOption).toStdString();
    if (!ok)
        return voice.usage(QStringLiteral("a numeric option has a value that is not a number"));
    config.channels.clear();
    for (const QString &w : parser.value(channelsOption).split(QLatin1Char(','))) {
        const int width = w.toInt(&ok);
        if (!ok || width < 1)
            return voice.usage(QStringLiteral("--channels needs positive widths, e.g. 8,16,32,64"));
        config.channels.push_back(width);
    }
    QString why;
    if (!applyAugment(parser.value(augmentOption), &config, &why))
        return voice.usage(why);
    if (config.instanceLossWeight < 0.0)
        return voice.usage(QStringLiteral("--instance-loss needs a weight of 0 or more"));
    if (config.instanceLossWeight > 0.0 && config.mixProbability > 0.0)
        return voice.usage(QStringLiteral("--instance-loss cannot be combined with the mix "
                                          "augmentation (the mixed-in clip's activity is not "
                                          "carried)"));
    const bool paired = parser.isSet(pairedOption);
    if (config.pairLossWeight < 0.0 || (config.pairLossWeight > 0.0 && !paired))
        return voice.usage(QStringLiteral("--pair-loss needs a weight of 0 or more, and --paired"));
    if (paired && corpora.size() < 2)
        return voice.usage(QStringLiteral("--paired needs two or more --corpus renders"));
    if (config.headOnlyEpochs < 0 || config.headOnlyEpochs >= config.epochs)
        return voice.usage(QStringLiteral("--head-epochs must be 0 or more and below --epochs"));
    if (config.embeddingLearningRate < 0.0)
        return voice.usage(QStringLiteral("--cnn-lr must be 0 or more"));
    if (paired)
        config.renders = int(corpora.size());
    if (!config.initEmbedding.empty() && !QFile::exists(parser.value(initOption)))
        return voice.fail(QStringLiteral("%1: no such file").arg(parser.value(initOption)));
    if (!QDir().mkpath(outDir))
        return voice.fail(QStringLiteral("%1: cannot create the folder").arg(outDir));
    const QDir out(outDir);
    config.embeddingScript = out.filePath(QStringLiteral("cnn.pt")).toStdString();
    config.headCheckpoint = out.filePath(QStringLiteral("head.ckpt")).toStdString();
    config.fullCheckpoint = out.filePath(QStringLiteral("full.pt")).toStdString();

    QElapsedTimer timer;
    timer.start();
    models::PatchBagSet data;
    // --paired: the first render's clips, labels and lengths, which the others must match.
    models::PatchBagSet first;
    for (const QString &corpus : corpora) {
        models::PatchBagSet part;
        QString error;
        datasets::CorpusPatches::Options options;
        options.threads = std::max(1, config.threads);
        QStringList warnings;
        if (!datasets::CorpusPatches::load(corpus, &part, &error, options, &warnings))
            return voice.fail(error);
        for (const QString &w : warnings)
            cli::err() << "timbre train-cnn: warning: " << w << '\n';
        cli::err().flush(); // before the long training, not at exit
        if (paired && !data.keys.empty()
            && (part.keys != first.keys || part.labels != first.labels
                || part.bagOffsets != first.bagOffsets))
            return voice.fail(QStringLiteral("%1: not the same clips as %2 (other clips, labels "
                                             "or lengths; --paired needs renders of one "
                                             "`timbre synth` seed)")
                                      .arg(corpus, corpora.front()));
        if (paired && data.keys.empty()) {
            first.keys = part.keys;
            first.labels = part.labels;
            first.bagOffsets = part.bagOffsets;
        }
        for (std::string &key : part.keys)
            key = QDir(corpus).dirName().toStdString() + "/" + key;
        models::ModelError appendError;
        if (!data.append(part, &appendError))
            return voice.fail(QStringLiteral("%1: %2").arg(
                    corpus, QString::fromStdString(appendError.message)));
        if (config.instanceLossWeight > 0.0 && !part.hasInstanceTruth())
            return voice.fail(
                    QStringLiteral("%1: no activity.csv, which --instance-loss needs").arg(corpus));
        cli::out() << "corpus " << corpus << ": " << part.numBags() << " clips, "
                   << part.numPatches() << " patches"
                   << (part.hasInstanceTruth() ? " with activity" : "") << '\n';
        cli::out().flush();
    }
    models::PatchBagSet monitor;
    const QString monitorDir = parser.value(monitorOption);
    if (!monitorDir.isEmpty()) {
        QString error;
        datasets::CorpusPatches::Options options;
        options.threads = std::max(1, config.threads);
        if (!datasets::CorpusPatches::load(monitorDir, &monitor, &error, options))
            return voice.fail(error);
        cli::out() << "monitor " << monitorDir << ": " << monitor.numBags() << " clips\n";
    }
    const double loadSeconds = timer.elapsed() / 1000.0;
    cli::out() << "patches ready in " << QString::number(loadSeconds, 'f', 1) << " s\n";
    cli::out().flush();

    QFile history(out.filePath(QStringLiteral("history.csv")));
    if (!history.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return voice.fail(QStringLiteral("%1: cannot write").arg(history.fileName()));
    history.write("epoch,train_loss,validation_loss,validation_auroc,monitor_loss,monitor_auroc,"
                  "seconds,patches_per_second,train_instance_loss,train_pair_ratio,"
                  "validation_pair_ratio\n");
    const models::PatchTrainResult result = models::trainPatchEmbedding(
            config, data,
            [&](const models::PatchEpochReport &r) {
                const QString line = QStringLiteral("%1,%2,%3,%4,%5,%6,%7,%8,%9,%10,%11\n")
                                             .arg(r.epoch)
                                             .arg(r.trainLoss, 0, 'f', 5)
                                             .arg(r.validationLoss, 0, 'f', 5)
                                             .arg(100 * r.validationAuroc, 0, 'f', 2)
                                             .arg(r.monitorLoss, 0, 'f', 5)
                                             .arg(100 * r.monitorAuroc, 0, 'f', 2)
                                             .arg(r.seconds, 0, 'f', 1)
                                             .arg(r.patchesPerSecond, 0, 'f', 0)
                                             .arg(r.trainInstanceLoss, 0, 'f', 5)
                                             .arg(r.trainPairRatio, 0, 'f', 5)
                                             .arg(r.validationPairRatio, 0, 'f', 5);
                history.write(line.toUtf8());
                history.flush();
                cli::out() << "epoch " << r.epoch << " train "
                           << QString::number(r.trainLoss, 'f', 4)
                           << (config.instanceLossWeight > 0.0
                                       ? QStringLiteral(" (instance %1)")
                                                 .arg(r.trainInstanceLoss, 0, 'f', 4)
                                       : QString())
                           << (r.headOnly ? QStringLiteral(" (head only)") : QString())
                           << (config.renders > 1
                                       ? QStringLiteral(" pair %1").arg(r.trainPairRatio, 0, 'f', 4)
                                       : QString())
                           << " validation " << QString::number(r.validationLoss, 'f', 4)
                           << " AUROC " << QString::number(100 * r.validationAuroc, 'f', 2)
                           << (config.renders > 1 ? QStringLiteral(" pair %1")
                                                            .arg(r.validationPairRatio, 0, 'f', 4)
                                                  : QString())
                           << (monitorDir.isEmpty() ? QString()
                                                    : QStringLiteral(" monitor AUROC %1")
                                                              .arg(100 * r.monitorAuroc, 0, 'f', 2))
                           << (r.improved ? " *" : "") << "  " << QString::number(r.seconds, 'f', 0)
                           << " s, " << QString::number(r.patchesPerSecond, 'f', 0)
                           << " patches/s\n";
                cli::out().flush();
            },
            nullptr, monitorDir.isEmpty() ? nullptr : &monitor);
    if (!result.ok)
        return voice.fail(QString::fromStdString(result.error));
    // The hash BuiltInCnn::weightsHash() must record when cnn.pt is shipped.
    QString hashError;
    const QString scriptPath = QString::fromStdString(config.embeddingScript);
    const QByteArray scriptBytes = features::BuiltInCnn::readVerified(scriptPath, {}, &hashError);
    if (scriptBytes.isEmpty())
        return voice.fail(hashError);
    const QString weightsHash = features::BuiltInCnn::hashOf(scriptBytes);
    QJsonObject summary;
    summary.insert(QStringLiteral("cnn_pt_xxh64"), weightsHash);
    summary.insert(QStringLiteral("cnn_pt_bytes"), double(scriptBytes.size()));
    summary.insert(QStringLiteral("corpora"), QJsonArray::fromStringList(corpora));
    summary.insert(QStringLiteral("clips"), data.numBags());
    summary.insert(QStringLiteral("patches"), double(data.numPatches()));
    summary.insert(QStringLiteral("seed"), double(config.seed));
    summary.insert(QStringLiteral("epochs"), config.epochs);
    summary.insert(QStringLiteral("augment"), parser.value(augmentOption));
    summary.insert(QStringLiteral("instance_loss"), config.instanceLossWeight);
    summary.insert(QStringLiteral("renders"), config.renders);
    summary.insert(QStringLiteral("pair_loss"), config.pairLossWeight);
    summary.insert(QStringLiteral("init_cnn"), parser.value(initOption));
    summary.insert(QStringLiteral("cnn_lr"), config.embeddingLearningRate);
    summary.insert(QStringLiteral("head_epochs"), config.headOnlyEpochs);
    summary.insert(QStringLiteral("channels"), parser.value(channelsOption));
    summary.insert(QStringLiteral("best_epoch"), result.bestEpoch);
    summary.insert(QStringLiteral("validation_loss"), result.bestValidationLoss);
    summary.insert(QStringLiteral("validation_auroc"), result.bestValidationAuroc);
    summary.insert(QStringLiteral("cnn_parameters"), double(result.parameters));
    summary.insert(QStringLiteral("patch_seconds"), loadSeconds);
    summary.insert(QStringLiteral("train_seconds"), result.seconds);
    QFile summaryFile(out.filePath(QStringLiteral("summary.json")));
    if (!summaryFile.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return voice.fail(QStringLiteral("%1: cannot write").arg(summaryFile.fileName()));
    summaryFile.write(QJsonDocument(summary).toJson());
    cli::out() << "best epoch " << result.bestEpoch << " (validation loss "
               << QString::number(result.bestValidationLoss, 'f', 4) << ", AUROC "
               << QString::number(100 * result.bestValidationAuroc, 'f', 2) << "); "
               << result.parameters << " CNN parameters; trained in "
               << QString::number(result.seconds, 'f', 0) << " s; wrote " << outDir << '\n'
               << "cnn.pt xxh64 " << weightsHash << " (" << scriptBytes.size() << " bytes)\n";
    return ExitOk;
}

static CliRegistrar registrar({QStringLiteral("train-cnn"),
                               QStringLiteral("Train the 'cnn' embedding with ATT on corpora"),
                               &run});

} // namespace
