// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre predict`: clip scores of a checkpoint for every bag of a data set, or for one
// feature matrix, as CSV (clip, then one column per instrument); with --library, the predict
// job over a library's clips (LibraryPredict.cpp).
#include "CliCommand.h"
#include "LibraryPredict.h"

#include "core/datasets/interchange/NpyArray.h"
#include "core/datasets/trainsets/NpzDataset.h"
#include "core/util/SaveFile.h"

#include "models/api/Predictor.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace {

using namespace timbre::cli;
using timbre::datasets::NpyArray;
using timbre::datasets::NpzDataset;
using timbre::models::BagSet;

int run(const QStringList &arguments)
{
    if (hasLibraryOption(arguments))
        return predictLibrary(arguments);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "Score bags with a checkpoint. --data scores a split of a data folder; --features "
            "scores one [instances x dim] .npy matrix as one bag. Writes CSV: clip, then one "
            "probability column per instrument; --instances adds one row per instance with its "
            "instance scores and attention. With --library LIB [--model ID], scores every clip of "
            "a "
            "library into its catalog (see `timbre predict --library LIB --help`)."));
    parser.addHelpOption();
    const QCommandLineOption modelOption(QStringLiteral("model"), QStringLiteral("Checkpoint."),
                                         QStringLiteral("CKPT"));
    const QCommandLineOption dataOption(QStringLiteral("data"), QStringLiteral("Data folder."),
                                        QStringLiteral("DIR"));
    const QCommandLineOption featuresOption(QStringLiteral("features"),
                                            QStringLiteral("One feature matrix (.npy)."),
                                            QStringLiteral("FILE"));
    const QCommandLineOption outOption(QStringLiteral("out"), QStringLiteral("CSV to write."),
                                       QStringLiteral("CSV"));
    const QCommandLineOption partOption(QStringLiteral("part"),
                                        QStringLiteral("test, train or all (default test)."),
                                        QStringLiteral("PART"), QStringLiteral("test"));
    const QCommandLineOption instancesOption(QStringLiteral("instances"),
                                             QStringLiteral("Also write per-instance rows."));
    parser.addOptions(
            {modelOption, dataOption, featuresOption, outOption, partOption, instancesOption});
    if (!parser.parse(arguments)) {
        err() << "timbre predict: " << parser.errorText() << '\n';
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText();
        return ExitOk;
    }
    if (!parser.isSet(modelOption) || !parser.isSet(outOption)
        || parser.isSet(dataOption) == parser.isSet(featuresOption)) {
        err() << "timbre predict: --model, --out and one of --data or --features are required\n";
        return ExitUsage;
    }
    timbre::models::ModelError error;
    const std::unique_ptr<timbre::models::Predictor> predictor
            = timbre::models::Predictor::load(parser.value(modelOption).toStdString(), &error);
    if (!predictor) {
        err() << "timbre predict: " << QString::fromStdString(error.message) << '\n';
        return ExitFailure;
    }
    BagSet bags;
    if (parser.isSet(featuresOption)) {
        const QString path = parser.value(featuresOption);
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            err() << "timbre predict: " << path << ": cannot open\n";
            return ExitFailure;
        }
        NpyArray a;
        timbre::datasets::NpzError e = NpyArray::fromNpy(f.readAll(), path, &a);
        std::vector<float> values;
        if (e.ok())
            e = a.toFloat(&values, path);
        if (e.ok() && (a.rank() != 2 || a.dim(0) < 1))
            e = timbre::datasets::NpzError::make(
                    timbre::datasets::NpzErrorCode::ShapeMismatch,
                    QStringLiteral("%1: shape %2, expected [instances x dim]")
                            .arg(path, a.shapeString()));
        if (!e.ok()) {
            err() << "timbre predict: " << e.message << '\n';
            return ExitFailure;
        }
        bags.featureDim = int(a.dim(1));
        bags.numClasses = int(predictor->info().classNames.size());
        bags.classNames = predictor->info().classNames;
        bags.bagOffsets = {0};
        const std::vector<float> labels(size_t(bags.numClasses), 0.0f);
        const std::vector<uint8_t> observed(size_t(bags.numClasses), 0);
        bags.appendBag(values.data(), int(a.dim(0)), labels.data(), observed.data(),
                       QFileInfo(path).completeBaseName().toStdString());
    } else {
        NpzDataset data;
        const timbre::datasets::NpzError e = NpzDataset::open(parser.value(dataOption), &data);
        if (!e.ok()) {
            err() << "timbre predict: " << e.message << '\n';
            return ExitFailure;
        }
        const QString part = parser.value(partOption);
        if (part == QLatin1String("train")) {
            bags = std::move(data.train);
        } else if (part == QLatin1String("test")) {
            bags = std::move(data.test);
        } else if (part == QLatin1String("all")) {
            bags = data.train;
            for (int b = 0; b < data.test.numBags(); ++b) {
                const int64_t first = data.test.bagOffsets[size_t(b)];
                bags.appendBag(data.test.features.data() + first * data.test.featureDim,
                               data.test.bagSize(b),
                               data.test.labels.data() + int64_t(b) * data.test.numClasses,
                               data.test.observed.data() + int64_t(b) * data.test.numClasses,
                               data.test.keys.empty() ? std::string() : data.test.keys[size_t(b)]);
            }
        } else {
            err() << "timbre predict: --part must be test, train or all\n";
            return ExitUsage;
        }
    }
    const std::vector<timbre::models::BagPrediction> predictions
            = predictor->predict(bags, 256, &error);
    if (predictions.size() != size_t(bags.numBags())) {
        err() << "timbre predict: " << QString::fromStdString(error.message) << '\n';
        return ExitFailure;
    }
    const std::vector<std::string> &names = predictor->info().classNames;
    QByteArray csv = parser.isSet(instancesOption) ? "clip,instance,kind" : "clip";
    for (const std::string &n : names)
        csv += ',' + QByteArray::fromStdString(n);
    csv += '\n';
    for (size_t b = 0; b < predictions.size(); ++b) {
        const timbre::models::BagPrediction &p = predictions[b];
        const QByteArray key = b < bags.keys.size() && !bags.keys[b].empty()
                ? QByteArray::fromStdString(bags.keys[b])
                : QByteArray::number(qulonglong(b));
        auto row = [&csv, &p](const QByteArray &prefix, const float *values) {
            csv += prefix;
            for (int c = 0; c < p.numClasses; ++c)
                csv += ',' + QByteArray::number(values[c], 'g', 6);
            csv += '\n';
        };
        if (!parser.isSet(instancesOption)) {
            row(key, p.clipScores.data());
            continue;
        }
        row(key + ",,clip", p.clipScores.data());
        for (int i = 0; i < p.instances; ++i) {
            row(key + ',' + QByteArray::number(i) + ",instance",
                p.instanceScores.data() + size_t(i) * p.numClasses);
            if (!p.attention.empty())
                row(key + ',' + QByteArray::number(i) + ",attention",
                    p.attention.data() + size_t(i) * p.numClasses);
        }
    }
    QSaveFile file(parser.value(outOption));
    if (!file.open(QIODevice::WriteOnly) || file.write(csv) < 0
        || !timbre::util::commitSaveFile(file)) {
        err() << "timbre predict: " << parser.value(outOption)
              << ": cannot write: " << file.errorString() << '\n';
        return ExitFailure;
    }
    out() << "predicted " << predictions.size() << " bags -> " << parser.value(outOption) << '\n';
    return ExitOk;
}

static CliRegistrar registrar({QStringLiteral("predict"),
                               QStringLiteral("Score bags with a checkpoint, write CSV"), &run});

} // namespace
