// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre train`: trains one model kind on an OpenMIC-layout folder or a feature directory,
// evaluates it on the test split and writes a JSON report (core/modelling/ModelRunner); with
// --library, the train job on a library's clips (LibraryTrain.cpp).
#include "CliCommand.h"
#include "CommonOptions.h"
#include "LibraryPredict.h"
#include "LibraryTrain.h"

#include "core/datasets/trainsets/NpzDataset.h"
#include "core/modelling/ModelRunner.h"
#include "core/modelling/RunReport.h"

#include "models/api/ModelKinds.h"
#include "models/api/TrainConfig.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

namespace {

using namespace timbre::cli;
using timbre::datasets::NpzDataset;
using timbre::modelling::ModelRunner;

int run(const QStringList &arguments)
{
    if (hasLibraryOption(arguments))
        return trainLibrary(arguments);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "Train a model (docs/METHOD.md) on an OpenMIC-2018-layout folder "
            "(openmic-2018.npz, partitions/, class-map.json; e.g. from `timbre plant`) or a "
            "feature directory (<clip>.npy + labels.csv), keep the best-validation checkpoint, "
            "evaluate it on the test split with the thesis' metrics and write a JSON report. "
            "With --library LIB, trains on a library's clips and registers a model version "
            "(see `timbre train --library LIB --help`)."));
    parser.addHelpOption();
    QStringList bagKeys, strongKeys;
    for (const timbre::models::ModelKind &k : timbre::models::modelKinds())
        (k.bag ? bagKeys : strongKeys) << QString::fromLatin1(k.key);
    const QCommandLineOption modelOption(
            QStringLiteral("model"),
            QStringLiteral("%1 (%2 need strong labels).")
                    .arg(bagKeys.join(QLatin1Char('|')), strongKeys.join(QLatin1Char('|'))),
            QStringLiteral("KIND"));
    const QCommandLineOption dataOption(QStringLiteral("data"), QStringLiteral("Data folder."),
                                        QStringLiteral("DIR"));
    const QCommandLineOption outOption(
            QStringLiteral("out"), QStringLiteral("Checkpoint to write."), QStringLiteral("CKPT"));
    const QCommandLineOption epochsOption
            = options::epochs(QStringLiteral("Epochs (default: the thesis' for the kind)."));
    const QCommandLineOption seedOption = options::seed();
    const QCommandLineOption threadsOption = options::torchThreads();
    const QCommandLineOption observedOnlyOption(
            QStringLiteral("observed-only"),
            QStringLiteral("Train only on bags with at least one observed label."));
    const QCommandLineOption reportOption(QStringLiteral("report"),
                                          QStringLiteral("JSON report (default CKPT.report.json)."),
                                          QStringLiteral("JSON"));
    const QCommandLineOption batchOption(QStringLiteral("batch"), QStringLiteral("Batch size."),
                                         QStringLiteral("N"));
    const QCommandLineOption lrOption(QStringLiteral("lr"), QStringLiteral("Learning rate."),
                                      QStringLiteral("X"));
    const QCommandLineOption patienceOption(
            QStringLiteral("patience"),
            QStringLiteral("Early stopping after N epochs without a better validation loss."),
            QStringLiteral("N"));
    const QCommandLineOption budgetOption(QStringLiteral("time-budget"),
                                          QStringLiteral("Stop training after S seconds."),
                                          QStringLiteral("S"));
    const QCommandLineOption validationOption(
            QStringLiteral("validation-fraction"),
            QStringLiteral("Held-out share of train (default 0.15)."), QStringLiteral("F"));
    const QCommandLineOption balancedOption(QStringLiteral("balanced"),
                                            QStringLiteral("Balanced partial BCE (Eq. 3.7/3.8)."));
    const QCommandLineOption warmOption(QStringLiteral("warm-start"),
                                        QStringLiteral("Continue from this checkpoint."),
                                        QStringLiteral("CKPT"));
    const QCommandLineOption splitOption(QStringLiteral("split"),
                                         QStringLiteral("Partition name (default split01)."),
                                         QStringLiteral("NAME"), QStringLiteral("split01"));
    const QCommandLineOption setOption(QStringLiteral("set"),
                                       QStringLiteral("Kind-specific number, e.g. hidden=128 "
                                                      "(repeatable)."),
                                       QStringLiteral("KEY=VALUE"));
    const QCommandLineOption rampOption(QStringLiteral("ramp-epochs"),
                                        QStringLiteral("Mean Teacher: consistency ramp-up epochs "
                                                       "(default 100)."),
                                        QStringLiteral("N"));
    const QCommandLineOption halvingOption(QStringLiteral("lr-halving"),
                                           QStringLiteral("Halve the learning rate every N epochs "
                                                          "(0 = constant)."),
                                           QStringLiteral("N"));
    const QCommandLineOption consistencyOption(
            QStringLiteral("consistency-weight"),
            QStringLiteral("Mean Teacher: consistency weight beta (default 3; Sec. 5.5 uses "
                           "16, 32, 64)."),
            QStringLiteral("BETA"));
    const QCommandLineOption separateOption(
            QStringLiteral("separate-unlabelled"),
            QStringLiteral("Mean Teacher: each step draws one labelled and one unlabelled batch "
                           "(Sec. 5.5) instead of mixed batches."));
    const QCommandLineOption lrRampUpOption(
            QStringLiteral("lr-ramp-up"),
            QStringLiteral("Learning-rate ramp-up exp(-5(1-x)^2) over the first N epochs "
                           "(Appendix A; default 0 = off)."),
            QStringLiteral("N"));
    const QCommandLineOption lrRampDownOption(
            QStringLiteral("lr-ramp-down"),
            QStringLiteral("Learning-rate ramp-down 1-exp(-12.5x^2) over the last N epochs "
                           "(Appendix A; default 0 = off)."),
            QStringLiteral("N"));
    const QCommandLineOption dropoutOption(
            QStringLiteral("dropout"), QStringLiteral("Dropout probability."), QStringLiteral("P"));
    const QCommandLineOption quietOption(QStringLiteral("quiet"),
                                         QStringLiteral("No epoch lines."));
    const QCommandLineOption testEveryEpochOption(
            QStringLiteral("test-every-epoch"),
            QStringLiteral("Score the test split after every epoch (learning curve in the "
                           "report; not counted as training time, never used to pick a model)."));
    parser.addOptions({modelOption,        dataOption,     outOption,
                       epochsOption,       seedOption,     threadsOption,
                       observedOnlyOption, reportOption,   batchOption,
                       lrOption,           patienceOption, budgetOption,
                       validationOption,   balancedOption, warmOption,
                       splitOption,        setOption,      rampOption,
                       halvingOption,      quietOption,    testEveryEpochOption,
                       consistencyOption,  separateOption, lrRampUpOption,
                       lrRampDownOption,   dropoutOption});
    if (!parser.parse(arguments)) {
        err() << "timbre train: " << parser.errorText() << '\n';
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText();
        return ExitOk;
    }
    const QString kind = parser.value(modelOption);
    const QString dataPath = parser.value(dataOption);
    const QString checkpoint = parser.value(outOption);
    if (kind.isEmpty() || dataPath.isEmpty() || checkpoint.isEmpty()) {
        err() << "timbre train: --model, --data and --out are required\n";
        return ExitUsage;
    }
    if (!timbre::models::findModelKind(kind.toStdString())) {
        err() << "timbre train: unknown model kind '" << kind << "'\n";
        return ExitUsage;
    }

    timbre::models::TrainConfig config
            = timbre::models::TrainConfig::defaultsFor(kind.toStdString());
    bool ok = true;
    auto number = [&parser, &ok](const QCommandLineOption &o, auto *target) {
        if (!parser.isSet(o))
            return;
        bool good = false;
        const double v = parser.value(o).toDouble(&good);
        if (!good)
            ok = false;
        else
            *target = static_cast<std::remove_pointer_t<decltype(target)>>(v);
    };
    number(epochsOption, &config.epochs);
    number(threadsOption, &config.threads);
    number(batchOption, &config.batchSize);
    number(lrOption, &config.learningRate);
    number(patienceOption, &config.earlyStoppingPatience);
    number(budgetOption, &config.timeBudgetSeconds);
    number(validationOption, &config.validationFraction);
    number(rampOption, &config.consistencyRampEpochs);
    number(halvingOption, &config.lrHalvingEpochs);
    number(consistencyOption, &config.consistencyWeight);
    number(lrRampUpOption, &config.lrRampUpEpochs);
    number(lrRampDownOption, &config.lrRampDownEpochs);
    number(dropoutOption, &config.dropout);
    config.separateUnlabelledBatches = parser.isSet(separateOption);
    bool seedOk = false;
    config.seed = parser.value(seedOption).toULongLong(&seedOk);
    ok = ok && seedOk;
    for (const QString &pair : parser.values(setOption)) {
        const QString key = pair.section(QLatin1Char('='), 0, 0);
        bool good = false;
        const double value = pair.section(QLatin1Char('='), 1).toDouble(&good);
        if (key.isEmpty() || !good) {
            err() << "timbre train: --set expects KEY=NUMBER, got '" << pair << "'\n";
            return ExitUsage;
        }
        config.extra[key.toStdString()] = value;
    }
    if (!ok) {
        err() << "timbre train: a numeric option has a value that is not a number\n";
        return ExitUsage;
    }
    config.balanced = parser.isSet(balancedOption);
    if (parser.isSet(warmOption)) {
        config.warmStartCheckpoint = parser.value(warmOption).toStdString();
        config.fineTune = "all";
    }
    config.outputCheckpoint = checkpoint.toStdString();
    const bool observedOnly = parser.isSet(observedOnlyOption);
    if (observedOnly)
        config.extra["observed_only"] = 1.0; // so `timbre evaluate` re-derives the same split

    NpzDataset data;
    const timbre::datasets::NpzError e
            = NpzDataset::open(dataPath, &data, parser.value(splitOption));
    if (!e.ok()) {
        err() << "timbre train: " << e.message << '\n';
        return ExitFailure;
    }
    for (const QString &w : data.warnings)
        err() << "timbre train: warning: " << w << '\n';
    // The extractor a feature folder names (extractor.json of `timbre features --write`), so
    // that the head can become a version of a library with it; else where the data came from.
    if (!data.extractorId.isEmpty()) {
        config.extractorId = data.extractorId.toStdString();
        config.extractorVersion = data.extractorVersion;
    } else {
        config.extractorId
                = data.layout == NpzDataset::Layout::OpenMic ? "openmic-npz" : "feature-directory";
        config.extractorVersion = 1;
    }

    // The trainer writes the checkpoint beside itself (a temporary file, then a rename).
    QDir().mkpath(QFileInfo(checkpoint).absolutePath());

    ModelRunner::TrainOptions options;
    options.config = config;
    options.observedOnly = observedOnly;
    options.testEveryEpoch = parser.isSet(testEveryEpochOption);
    const bool quiet = parser.isSet(quietOption);
    const int epochs = config.epochs;
    options.progress = [quiet, epochs](const timbre::models::EpochReport &r) {
        if (quiet || r.partial)
            return;
        QString losses;
        for (const auto &[name, value] : r.trainLosses)
            losses += QStringLiteral(" %1 %2")
                              .arg(QString::fromStdString(name))
                              .arg(value, 0, 'f', 4);
        const QString validation = r.validated
                ? QStringLiteral("  val %1%2")
                          .arg(r.validationLoss, 0, 'f', 4)
                          .arg(r.improved ? QStringLiteral(" *") : QString())
                : QString();
        const auto auroc = r.monitorMetrics.find("auroc");
        const QString test = auroc == r.monitorMetrics.end()
                ? QString()
                : QStringLiteral("  test AUROC %1").arg(100.0 * auroc->second, 0, 'f', 2);
        out() << QStringLiteral("epoch %1/%2%3%4%5  %6 s\n")
                         .arg(r.epoch)
                         .arg(epochs)
                         .arg(losses, validation, test)
                         .arg(r.seconds, 0, 'f', 1);
        out().flush();
    };
    // Strong labels ride along with the bags; the trainer uses them only when asked to
    // (--set instance_loss=W).
    if (data.trainInstanceTruth.size()
        == size_t(data.train.numInstances()) * size_t(data.train.numClasses))
        data.train.instanceTruth = data.trainInstanceTruth;
    timbre::modelling::RunData run;
    run.source = dataPath;
    run.train = &data.train;
    run.test = &data.test;
    run.testInstanceTruth = &data.testInstanceTruth;
    if (config.validationFraction <= 0.0)
        out() << "timbre train: no validation set (--validation-fraction 0): the last epoch "
                 "is kept\n";
    out() << "timbre train: " << kind << " on " << data.train.numBags() << " train / "
          << data.test.numBags() << " test bags of " << data.train.featureDim << "-d instances, "
          << data.classNames.size() << " classes\n";
    out().flush();
    const timbre::modelling::RunOutcome outcome = ModelRunner::train(options, run);

    const QString reportPath = parser.isSet(reportOption)
            ? parser.value(reportOption)
            : checkpoint + QStringLiteral(".report.json");
    QString writeError;
    if (!timbre::modelling::RunReport::write(reportPath, outcome.report, &writeError))
        err() << "timbre train: " << writeError << '\n';
    if (!outcome.ok) {
        err() << "timbre train: " << outcome.error << '\n';
        return outcome.training.cancelled ? ExitCancelled : ExitFailure;
    }
    if (!outcome.training.history.empty() && !outcome.training.history.back().validated)
        out() << "no validation set: kept the last epoch, " << outcome.training.bestEpoch << ", ";
    else
        out() << "best epoch " << outcome.training.bestEpoch << " of "
              << outcome.training.history.size() << ", ";
    out() << QString::number(outcome.trainSeconds, 'f', 1) << " s\n";
    out() << "test (threshold 0.5): " << ModelRunner::summaryLine(outcome.test) << '\n';
    if (!outcome.thresholds.empty())
        out() << "test (tuned thresholds): " << ModelRunner::summaryLine(outcome.testTuned) << '\n';
    if (!outcome.localisation.empty())
        out() << "localisation AUROC 1s/5s/10s/track: "
              << QString::number(100 * outcome.localisation[0].mean, 'f', 2) << " / "
              << QString::number(100 * outcome.localisation[1].mean, 'f', 2) << " / "
              << QString::number(100 * outcome.localisation[2].mean, 'f', 2) << " / "
              << QString::number(100 * outcome.localisation[3].mean, 'f', 2) << '\n';
    out() << "checkpoint " << checkpoint << ", report " << reportPath << '\n';
    return ExitOk;
}

static CliRegistrar registrar({QStringLiteral("train"),
                               QStringLiteral("Train a model on an npz data set or feature folder"),
                               &run});

} // namespace
