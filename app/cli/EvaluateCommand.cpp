// `timbre evaluate`: the thesis' metrics of a checkpoint on a data set's test split; with
// --library, of model versions on a library's clips (LibraryEvaluate.cpp).
#include "CliCommand.h"
#include "LibraryEvaluate.h"
#include "LibraryPredict.h"

#include "core/datasets/trainsets/NpzDataset.h"
#include "core/eval/ModelRunner.h"
#include "core/eval/RunReport.h"

#include <QCommandLineParser>

namespace {

using namespace timbre::cli;
using timbre::datasets::NpzDataset;
using timbre::eval::ModelRunner;

int run(const QStringList &arguments)
{
    if (hasLibraryOption(arguments))
        return evaluateLibrary(arguments);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "Evaluate a checkpoint on the test split of an OpenMIC-layout folder or feature "
            "directory: per-instrument precision, recall and F1 of both classes (macro), AUROC, "
            "AP on the observed labels at threshold 0.5 and with thresholds tuned on the "
            "validation split training used; localisation AUROC where instance truth exists. "
            "With --library LIB --models A,B: model versions of a library on its test clips "
            "(see `timbre evaluate --library LIB --help`)."));
    parser.addHelpOption();
    const QCommandLineOption modelOption(QStringLiteral("model"), QStringLiteral("Checkpoint."),
                                         QStringLiteral("CKPT"));
    const QCommandLineOption dataOption(QStringLiteral("data"), QStringLiteral("Data folder."),
                                        QStringLiteral("DIR"));
    const QCommandLineOption reportOption(QStringLiteral("report"), QStringLiteral("JSON report."),
                                          QStringLiteral("JSON"));
    const QCommandLineOption splitOption(QStringLiteral("split"),
                                         QStringLiteral("Partition name (default split01)."),
                                         QStringLiteral("NAME"), QStringLiteral("split01"));
    const QCommandLineOption threadsOption(QStringLiteral("threads"),
                                           QStringLiteral("LibTorch threads."), QStringLiteral("T"),
                                           QStringLiteral("0"));
    const QCommandLineOption perClassOption(QStringLiteral("per-instrument"),
                                            QStringLiteral("Also print one line per instrument."));
    parser.addOptions(
            {modelOption, dataOption, reportOption, splitOption, threadsOption, perClassOption});
    if (!parser.parse(arguments)) {
        err() << "timbre evaluate: " << parser.errorText() << '\n';
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText();
        return ExitOk;
    }
    if (!parser.isSet(modelOption) || !parser.isSet(dataOption)) {
        err() << "timbre evaluate: --model and --data are required\n";
        return ExitUsage;
    }
    NpzDataset data;
    const timbre::datasets::NpzError e
            = NpzDataset::open(parser.value(dataOption), &data, parser.value(splitOption));
    if (!e.ok()) {
        err() << "timbre evaluate: " << e.message << '\n';
        return ExitFailure;
    }
    timbre::eval::RunData run;
    run.source = parser.value(dataOption);
    run.train = &data.train;
    run.test = &data.test;
    run.testInstanceTruth = &data.testInstanceTruth;
    const timbre::eval::RunOutcome outcome = ModelRunner::evaluate(
            parser.value(modelOption), run, parser.value(threadsOption).toInt());
    if (parser.isSet(reportOption)) {
        QString writeError;
        if (!timbre::eval::RunReport::write(parser.value(reportOption), outcome.report,
                                            &writeError))
            err() << "timbre evaluate: " << writeError << '\n';
    }
    if (!outcome.ok) {
        err() << "timbre evaluate: " << outcome.error << '\n';
        return ExitFailure;
    }
    if (parser.isSet(perClassOption)) {
        for (const timbre::eval::InstrumentMetrics &m : outcome.test.instruments)
            out() << QStringLiteral("%1 n=%2 pos=%3 P %4 R %5 F1 %6 AUROC %7\n")
                             .arg(m.name.leftJustified(18))
                             .arg(m.observed)
                             .arg(m.positives)
                             .arg(100 * m.precision, 0, 'f', 2)
                             .arg(100 * m.recall, 0, 'f', 2)
                             .arg(100 * m.f1, 0, 'f', 2)
                             .arg(100 * m.auroc, 0, 'f', 2);
    }
    out() << "test (threshold 0.5): " << ModelRunner::summaryLine(outcome.test) << '\n';
    if (!outcome.thresholds.empty())
        out() << "test (tuned thresholds): " << ModelRunner::summaryLine(outcome.testTuned) << '\n';
    if (!outcome.localisation.empty())
        out() << "localisation AUROC 1s/5s/10s/track: "
              << QString::number(100 * outcome.localisation[0].mean, 'f', 2) << " / "
              << QString::number(100 * outcome.localisation[1].mean, 'f', 2) << " / "
              << QString::number(100 * outcome.localisation[2].mean, 'f', 2) << " / "
              << QString::number(100 * outcome.localisation[3].mean, 'f', 2) << '\n';
    return ExitOk;
}

static CliRegistrar registrar({QStringLiteral("evaluate"),
                               QStringLiteral("Thesis metrics of a checkpoint on a test split"),
                               &run});

} // namespace
