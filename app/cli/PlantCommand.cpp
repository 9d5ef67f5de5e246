// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre plant`: writes an OpenMIC-2018-shaped data set with planted weak structure
// (core/datasets/generators/PlantedBagGenerator).
#include "CliCommand.h"

#include "core/datasets/generators/PlantedBagGenerator.h"

#include <QCommandLineParser>
#include <QElapsedTimer>

namespace {

using namespace timbre::cli;
using timbre::datasets::PlantedBagData;
using timbre::datasets::PlantedBagGenerator;
using timbre::datasets::PlantedBagOptions;

int run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "Write an OpenMIC-2018-shaped data set (openmic-2018.npz, partitions/, "
            "class-map.json) with planted weak structure: each instrument's evidence sits in a "
            "random 1..K of a positive bag's instances; a chosen fraction of labels is observed. "
            "instance_truth in the npz says which instances carry which instrument."));
    parser.addHelpOption();
    PlantedBagOptions defaults;
    auto option = [](const char *name, const QString &help, const char *value, const QString &def) {
        return QCommandLineOption(QString::fromLatin1(name), help, QString::fromLatin1(value), def);
    };
    const QCommandLineOption outOption(QStringLiteral("out"), QStringLiteral("Output folder."),
                                       QStringLiteral("DIR"));
    const QCommandLineOption bagsOption = option("bags", QStringLiteral("Bags (default 20000)."),
                                                 "N", QString::number(defaults.bags));
    const QCommandLineOption observedOption = option(
            "observed", QStringLiteral("Observed fraction of the train labels (default 0.15)."),
            "FRACTION", QString::number(defaults.observedFraction));
    const QCommandLineOption testObservedOption
            = option("test-observed",
                     QStringLiteral("Observed fraction of the test labels (default: --observed)."),
                     "FRACTION", QStringLiteral("-1"));
    const QCommandLineOption labelledBagsOption = option(
            "labelled-bags",
            QStringLiteral("Few-label setting (thesis Sec. 5.5): this fraction of the train bags "
                           "has every label observed, the rest none (replaces --observed for "
                           "the train split)."),
            "FRACTION", QStringLiteral("-1"));
    const QCommandLineOption seedOption
            = option("seed", QStringLiteral("Seed (default 0)."), "S", QStringLiteral("0"));
    const QCommandLineOption evidenceOption
            = option("max-evidence",
                     QStringLiteral("Evidence instances per positive bag: 1..K (default 5)."), "K",
                     QString::number(defaults.maxEvidenceInstances));
    const QCommandLineOption signalOption = option(
            "signal",
            QStringLiteral("Evidence amplitude in noise standard deviations (default 1.5)."), "X",
            QString::number(defaults.signal));
    const QCommandLineOption instancesOption
            = option("instances", QStringLiteral("Instances per bag (default 10)."), "N",
                     QString::number(defaults.instances));
    const QCommandLineOption dimOption
            = option("dim", QStringLiteral("Feature dimension (default 128)."), "N",
                     QString::number(defaults.dim));
    parser.addOptions({outOption, bagsOption, observedOption, testObservedOption,
                       labelledBagsOption, seedOption, evidenceOption, signalOption,
                       instancesOption, dimOption});
    if (!parser.parse(arguments)) {
        err() << "timbre plant: " << parser.errorText() << '\n';
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText();
        return ExitOk;
    }
    if (!parser.isSet(outOption)) {
        err() << "timbre plant: --out DIR is required\n";
        return ExitUsage;
    }
    PlantedBagOptions o;
    bool ok = true, good = true;
    o.bags = parser.value(bagsOption).toInt(&good);
    ok = ok && good;
    o.observedFraction = parser.value(observedOption).toDouble(&good);
    ok = ok && good;
    o.testObservedFraction = parser.value(testObservedOption).toDouble(&good);
    ok = ok && good;
    o.labelledBagFraction = parser.value(labelledBagsOption).toDouble(&good);
    ok = ok && good;
    o.seed = parser.value(seedOption).toULongLong(&good);
    ok = ok && good;
    o.maxEvidenceInstances = parser.value(evidenceOption).toInt(&good);
    ok = ok && good;
    o.signal = parser.value(signalOption).toDouble(&good);
    ok = ok && good;
    o.instances = parser.value(instancesOption).toInt(&good);
    ok = ok && good;
    o.dim = parser.value(dimOption).toInt(&good);
    ok = ok && good;
    if (!ok) {
        err() << "timbre plant: a numeric option has a value that is not a number\n";
        return ExitUsage;
    }
    if (const QString problem = o.validate(); !problem.isEmpty()) {
        err() << "timbre plant: " << problem << '\n';
        return ExitUsage;
    }
    QElapsedTimer timer;
    timer.start();
    PlantedBagData data;
    timbre::datasets::NpzError e = PlantedBagGenerator::generate(o, &data);
    if (e.ok())
        e = PlantedBagGenerator::write(parser.value(outOption), data, o);
    if (!e.ok()) {
        err() << "timbre plant: " << e.message << '\n';
        return ExitFailure;
    }
    int64_t observed = 0;
    for (uint8_t m : data.yMask)
        observed += m;
    out() << "planted " << data.bags << " bags (" << data.trainKeys.size() << " train, "
          << data.testKeys.size() << " test) x " << data.instances << " x " << data.dim << ", "
          << data.classes << " classes, " << observed << " observed labels ("
          << QString::number(100.0 * double(observed) / double(data.yMask.size()), 'f', 2)
          << " %) -> " << parser.value(outOption) << " in "
          << QString::number(timer.elapsed() / 1000.0, 'f', 1) << " s\n";
    return ExitOk;
}

static CliRegistrar registrar(
        {QStringLiteral("plant"),
         QStringLiteral("Write an OpenMIC-shaped data set with planted structure"), &run});

} // namespace
