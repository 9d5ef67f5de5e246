// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre evaluate`: the thesis' metrics of a checkpoint on a data set's test split; with
// --library, of model versions on a library's clips (LibraryEvaluate.cpp).
#include "CliCommand.h"
#include "CommonOptions.h"
#include "LibraryEvaluate.h"
#include "LibraryPredict.h"

#include "core/datasets/trainsets/InstanceLevelsFile.h"
#include "core/datasets/trainsets/NpzDataset.h"
#include "core/eval/AurocBySupport.h"
#include "core/modelling/ModelRunner.h"
#include "core/modelling/RunReport.h"

#include <QCommandLineParser>
#include <QDir>

#include <algorithm>

namespace {

using namespace timbre::cli;
using timbre::datasets::InstanceLevelsFile;
using timbre::datasets::NpzDataset;
using timbre::modelling::ModelRunner;

// Each test clip's levels from a levels.csv, in the test split's order; a clip without a row
// is an error, never a clip quietly left out of a '+level' figure.
bool testLevels(const QString &path, const timbre::models::BagSet &test,
                std::vector<std::vector<float>> *out, QString *why)
{
    InstanceLevelsFile::Levels all;
    const timbre::datasets::NpzError e = InstanceLevelsFile::read(path, &all);
    if (!e.ok()) {
        *why = e.message;
        return false;
    }
    out->clear();
    for (const std::string &key : test.keys) {
        const auto it = all.constFind(QString::fromStdString(key));
        if (it == all.cend()) {
            *why = QStringLiteral("%1: no levels for clip '%2' (extract its features again with "
                                  "timbre features --write)")
                           .arg(path, QString::fromStdString(key));
            return false;
        }
        out->push_back(it.value());
    }
    return true;
}

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
    const QCommandLineOption threadsOption = options::torchThreads();
    const QCommandLineOption perClassOption(QStringLiteral("per-instrument"),
                                            QStringLiteral("Also print one line per instrument."));
    const QCommandLineOption localisationOption(
            QStringLiteral("localisation"),
            QStringLiteral("Per-second localisation score(s), comma-separated or repeated: "
                           "evidence, instance, clip-attention, clip-evidence, clip-instance or "
                           "clip (the clip score for every second: a reference without "
                           "localisation), optionally +overlap (needs --shifted), optionally "
                           "+level (the data folder's levels.csv, or --levels; +levelN: relative "
                           "to the N instances around each, not the track), then optionally "
                           "+meanK / +medianK (centred window of K seconds, odd). The first one "
                           "is the summary line and the report's; each gets its own line. "
                           "Default: %1.")
                    .arg(timbre::eval::LocalisationScoring::defaults().name()),
            QStringLiteral("SCORE"));
    const QCommandLineOption shiftedOption(
            QStringLiteral("shifted"),
            QStringLiteral("The same folder's clips with features on the grid shifted by half an "
                           "instance (`timbre features --start 0.48`), for the '+overlap' "
                           "scores (e.g. instance+overlap): each second's instance score "
                           "averaged with the two shifted instances overlapping it."),
            QStringLiteral("DIR"));
    const QCommandLineOption levelsOption(
            QStringLiteral("levels"),
            QStringLiteral("Each clip's instance levels in dB for the '+level' scores (e.g. "
                           "instance+level), as `timbre features --write` leaves them: "
                           "default DIR/levels.csv of --data."),
            QStringLiteral("CSV"));
    parser.addOptions({modelOption, dataOption, reportOption, splitOption, threadsOption,
                       perClassOption, localisationOption, shiftedOption, levelsOption});
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
    std::vector<timbre::eval::LocalisationScoring> scorings;
    for (const QString &value : parser.values(localisationOption))
        for (const QString &text : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const auto scoring = timbre::eval::LocalisationScoring::parse(text);
            if (!scoring) {
                err() << "timbre evaluate: unknown --localisation '" << text << "'\n";
                return ExitUsage;
            }
            scorings.push_back(*scoring);
        }
    NpzDataset data;
    const timbre::datasets::NpzError e
            = NpzDataset::open(parser.value(dataOption), &data, parser.value(splitOption));
    if (!e.ok()) {
        err() << "timbre evaluate: " << e.message << '\n';
        return ExitFailure;
    }
    NpzDataset shifted;
    if (parser.isSet(shiftedOption)) {
        const timbre::datasets::NpzError se = NpzDataset::open(parser.value(shiftedOption),
                                                               &shifted, parser.value(splitOption));
        if (!se.ok()) {
            err() << "timbre evaluate: --shifted: " << se.message << '\n';
            return ExitFailure;
        }
    }
    timbre::modelling::RunData run;
    run.source = parser.value(dataOption);
    run.train = &data.train;
    run.test = &data.test;
    run.testInstanceTruth = &data.testInstanceTruth;
    run.localisationScorings = scorings;
    if (parser.isSet(shiftedOption))
        run.testShifted = &shifted.test;
    std::vector<std::vector<float>> levels;
    if (std::any_of(scorings.begin(), scorings.end(),
                    [](const timbre::eval::LocalisationScoring &s) { return s.level; })) {
        const QString path = parser.isSet(levelsOption)
                ? parser.value(levelsOption)
                : QDir(parser.value(dataOption)).filePath(InstanceLevelsFile::fileName());
        QString why;
        if (!testLevels(path, data.test, &levels, &why)) {
            err() << "timbre evaluate: --levels: " << why << '\n';
            return ExitFailure;
        }
        run.testLevels = &levels;
    }
    const timbre::modelling::RunOutcome outcome = ModelRunner::evaluate(
            parser.value(modelOption), run, parser.value(threadsOption).toInt());
    if (parser.isSet(reportOption)) {
        QString writeError;
        if (!timbre::modelling::RunReport::write(parser.value(reportOption), outcome.report,
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
    // What the mean AUROC rests on: instruments of a few test clips move it as much as
    // instruments of a hundred (docs/METHOD.md §10.8).
    const timbre::eval::AurocBySupport support
            = timbre::eval::aurocBySupport(outcome.test.instruments);
    if (support.thinlySupportedInstruments > 0)
        out() << QStringLiteral("test AUROC by support: %1 over %2 instruments with at least %3 "
                                "test clips with and %3 without, %4 over %5 with fewer\n")
                         .arg(100 * support.wellSupported, 0, 'f', 2)
                         .arg(support.wellSupportedInstruments)
                         .arg(support.minSupport)
                         .arg(100 * support.thinlySupported, 0, 'f', 2)
                         .arg(support.thinlySupportedInstruments);
    if (!outcome.localisation.empty())
        out() << "localisation AUROC 1s/5s/10s/track: "
              << QString::number(100 * outcome.localisation[0].mean, 'f', 2) << " / "
              << QString::number(100 * outcome.localisation[1].mean, 'f', 2) << " / "
              << QString::number(100 * outcome.localisation[2].mean, 'f', 2) << " / "
              << QString::number(100 * outcome.localisation[3].mean, 'f', 2) << '\n';
    // One line per asked-for scoring, named, so that several can be compared in one pass.
    if (!scorings.empty())
        for (const auto &l : outcome.localisationByScoring) {
            out() << "localisation AUROC 1s/5s/10s/track (" << l.scoring.name() << "):";
            for (const timbre::eval::ResolutionAuroc &r : l.table)
                out() << (r.seconds == 1 ? " " : " / ") << QString::number(100 * r.mean, 'f', 2);
            out() << ", within-track 1s " << QString::number(100 * l.withinTrack.mean, 'f', 2)
                  << " (pair-weighted "
                  << QString::number(100 * l.withinTrack.pairWeightedMean, 'f', 2) << ")\n";
            // What each class's within-track figure rests on: a class of one track moves the
            // mean as much as one of fifty.
            if (!parser.isSet(perClassOption))
                continue;
            const timbre::eval::ResolutionAuroc &w = l.withinTrack;
            for (size_t c = 0; c < w.perClass.size() && c < w.perClassPairs.size(); ++c) {
                if (w.perClassPairs[c] <= 0.0)
                    continue;
                const QString name = c < outcome.test.instruments.size()
                        ? outcome.test.instruments[c].name
                        : QString::number(c);
                out() << QStringLiteral("  within-track 1s %1 tracks=%2 pairs=%3 AUROC %4\n")
                                 .arg(name.leftJustified(18))
                                 .arg(w.perClassTracks[c])
                                 .arg(qint64(w.perClassPairs[c]))
                                 .arg(100 * w.perClass[c], 0, 'f', 2);
            }
        }
    return ExitOk;
}

static CliRegistrar registrar({QStringLiteral("evaluate"),
                               QStringLiteral("Thesis metrics of a checkpoint on a test split"),
                               &run});

} // namespace
