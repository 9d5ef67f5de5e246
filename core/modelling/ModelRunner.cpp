// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/modelling/ModelRunner.h"

#include "core/eval/BagScoring.h"
#include "core/eval/MultiLabelEvaluator.h"
#include "core/modelling/RunReport.h"

#include "models/api/Predictor.h"
#include "models/api/TorchInfo.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace timbre::modelling {

using eval::BagScoring;
using eval::EvaluationOptions;
using eval::jsonNumber;
using eval::Localisation;
using eval::LocalisationScoring;
using eval::MetricsReport;
using eval::MultiLabelEvaluator;
using eval::ScoreTable;
using eval::TrackActivity;

namespace {

QJsonObject dataJson(const RunData &data, int validationBags, int trainBags)
{
    auto observedShare = [](const models::BagSet &b) {
        int64_t n = 0;
        for (uint8_t m : b.observed)
            n += m ? 1 : 0;
        return b.observed.empty() ? 0.0 : double(n) / double(b.observed.size());
    };
    QJsonObject o;
    o[QStringLiteral("source")] = data.source;
    o[QStringLiteral("train_bags")] = trainBags;
    o[QStringLiteral("validation_bags")] = validationBags;
    o[QStringLiteral("test_bags")] = data.test ? data.test->numBags() : 0;
    o[QStringLiteral("feature_dim")] = data.test ? data.test->featureDim : 0;
    o[QStringLiteral("classes")] = data.test ? data.test->numClasses : 0;
    if (data.train)
        o[QStringLiteral("train_observed_fraction")] = observedShare(*data.train);
    if (data.test)
        o[QStringLiteral("test_observed_fraction")] = observedShare(*data.test);
    return o;
}

// The predictions on the shifted grid for the scorings with overlap: the same clips, in the
// same order, as the test bags (a folder of other clips would pair the wrong instances).
bool predictShifted(models::Predictor &predictor, const RunData &data, const QString &checkpoint,
                    std::vector<models::BagPrediction> *out, QString *error)
{
    const models::BagSet *shifted = data.testShifted;
    if (!shifted) {
        *error = QStringLiteral("a '+overlap' localisation score needs the test clips' features "
                                "on the shifted grid (timbre evaluate --shifted DIR)");
        return false;
    }
    if (shifted->numBags() != data.test->numBags() || shifted->keys != data.test->keys
        || shifted->featureDim != data.test->featureDim) {
        *error = QStringLiteral("the shifted grid's test clips (%1, %2-d) are not the test "
                                "split's (%3, %4-d), clip for clip")
                         .arg(shifted->numBags())
                         .arg(shifted->featureDim)
                         .arg(data.test->numBags())
                         .arg(data.test->featureDim);
        return false;
    }
    models::ModelError e;
    *out = predictor.predict(*shifted, 256, &e);
    if (out->size() != size_t(shifted->numBags())) {
        *error = QStringLiteral("%1: prediction on the shifted grid failed: %2")
                         .arg(checkpoint, QString::fromStdString(e.message));
        return false;
    }
    return true;
}

// The levels for the scorings with `level`: one list per test bag, as long as the bag, so that
// a '+level' figure never quietly leaves clips out.
bool checkLevels(const RunData &data, QString *error)
{
    if (!data.testLevels) {
        *error = QStringLiteral("a '+level' localisation score needs the test clips' instance "
                                "levels (levels.csv, written by timbre features --write)");
        return false;
    }
    if (data.testLevels->size() != size_t(data.test->numBags())) {
        *error = QStringLiteral("%1 level lists for %2 test clips")
                         .arg(data.testLevels->size())
                         .arg(data.test->numBags());
        return false;
    }
    for (int b = 0; b < data.test->numBags(); ++b)
        if ((*data.testLevels)[size_t(b)].size() != size_t(data.test->bagSize(b))) {
            const QString key = size_t(b) < data.test->keys.size()
                    ? QString::fromStdString(data.test->keys[size_t(b)])
                    : QString::number(b);
            *error = QStringLiteral("clip '%1' has %2 levels for %3 instances (extract its "
                                    "features again)")
                             .arg(key)
                             .arg((*data.testLevels)[size_t(b)].size())
                             .arg(data.test->bagSize(b));
            return false;
        }
    return true;
}

} // namespace

QString ModelRunner::summaryLine(const MetricsReport &r)
{
    auto pct = [](double v) { return QString::number(100.0 * v, 'f', 2); };
    return QStringLiteral("P %1  R %2  F1 %3  AUROC %4  mAP %5")
            .arg(pct(r.precision), pct(r.recall), pct(r.f1), pct(r.auroc),
                 pct(r.meanAveragePrecision));
}

std::map<std::string, double> ModelRunner::overallMetrics(const models::BagSet &bags,
                                                          const std::vector<float> &scores)
{
    ScoreTable table;
    table.rows = bags.numBags();
    table.classes = bags.numClasses;
    table.scores = scores;
    table.labels = bags.labels;
    table.observed = bags.observed;
    const MetricsReport r = MultiLabelEvaluator::evaluate(table);
    return {{"precision", r.precision},
            {"recall", r.recall},
            {"f1", r.f1},
            {"auroc", r.auroc},
            {"mAP", r.meanAveragePrecision}};
}

bool ModelRunner::score(const QString &checkpoint, const RunData &data, uint64_t seed,
                        double validationFraction, bool observedOnly, bool storeMetrics,
                        RunOutcome *out)
{
    QElapsedTimer timer;
    timer.start();
    models::ModelError error;
    std::unique_ptr<models::Predictor> predictor
            = models::Predictor::load(checkpoint.toStdString(), &error);
    if (!predictor) {
        out->error = QString::fromStdString(error.message);
        return false;
    }
    const std::vector<models::BagPrediction> testPredictions
            = predictor->predict(*data.test, 256, &error);
    if (testPredictions.size() != size_t(data.test->numBags())) {
        out->error = QStringLiteral("%1: prediction failed: %2")
                             .arg(checkpoint, QString::fromStdString(error.message));
        return false;
    }
    const ScoreTable testTable = BagScoring::scoreTable(*data.test, testPredictions);
    out->test = MultiLabelEvaluator::evaluate(testTable);

    // Thresholds tuned on the validation bags the training run held out (same seed, fraction).
    if (data.train && validationFraction > 0.0) {
        models::BagSet pool = observedOnly ? BagScoring::observedOnly(*data.train) : *data.train;
        models::BagSet fit, validation;
        BagScoring::splitValidation(pool, validationFraction, seed, &fit, &validation);
        const std::vector<models::BagPrediction> vp = predictor->predict(validation, 256, &error);
        if (vp.size() == size_t(validation.numBags()) && !vp.empty()) {
            out->thresholds
                    = MultiLabelEvaluator::tuneThresholds(BagScoring::scoreTable(validation, vp));
            EvaluationOptions options;
            options.thresholds = out->thresholds;
            out->testTuned = MultiLabelEvaluator::evaluate(testTable, options);
        }
    }
    if (data.testInstanceTruth && !data.testInstanceTruth->empty()) {
        std::vector<LocalisationScoring> scorings = data.localisationScorings;
        if (scorings.empty())
            scorings.push_back(LocalisationScoring::defaults());
        std::vector<models::BagPrediction> shiftedPredictions;
        if (std::any_of(scorings.begin(), scorings.end(),
                        [](const LocalisationScoring &s) { return s.overlap; })
            && !predictShifted(*predictor, data, checkpoint, &shiftedPredictions, &out->error))
            return false;
        if (std::any_of(scorings.begin(), scorings.end(),
                        [](const LocalisationScoring &s) { return s.level; })
            && !checkLevels(data, &out->error))
            return false;
        for (const LocalisationScoring &scoring : scorings) {
            const std::vector<TrackActivity> tracks = BagScoring::trackActivity(
                    *data.test, testPredictions, *data.testInstanceTruth, scoring,
                    scoring.overlap ? &shiftedPredictions : nullptr,
                    scoring.level ? data.testLevels : nullptr);
            out->localisationByScoring.push_back(
                    {scoring, Localisation::table(tracks, data.test->numClasses),
                     Localisation::withinTrack(tracks, data.test->numClasses)});
        }
        out->localisationScoring = out->localisationByScoring.front().scoring;
        out->localisation = out->localisationByScoring.front().table;
    }
    out->evaluateSeconds = timer.elapsed() / 1000.0;

    QJsonObject metrics;
    metrics[QStringLiteral("test")] = out->test.toJson();
    if (!out->thresholds.empty()) {
        metrics[QStringLiteral("test_tuned_thresholds")] = out->testTuned.toJson();
        QJsonArray th;
        for (double t : out->thresholds)
            th.append(t);
        metrics[QStringLiteral("thresholds")] = th;
    }
    if (!out->localisation.empty()) {
        QJsonObject loc
                = Localisation::toJson(out->localisation, BagScoring::classNames(*data.test));
        loc[QStringLiteral("scoring")] = out->localisationScoring.name();
        loc[QStringLiteral("within_track_1s_mean_auroc")]
                = jsonNumber(out->localisationByScoring.front().withinTrack.mean);
        loc[QStringLiteral("within_track_1s_pair_weighted_auroc")]
                = jsonNumber(out->localisationByScoring.front().withinTrack.pairWeightedMean);
        metrics[QStringLiteral("localisation")] = loc;
    }
    out->report[QStringLiteral("metrics")] = metrics;
    out->report[QStringLiteral("checkpoint")] = checkpoint;
    QJsonObject timing = out->report.value(QStringLiteral("timing")).toObject();
    timing[QStringLiteral("evaluate_seconds")] = out->evaluateSeconds;
    out->report[QStringLiteral("timing")] = timing;

    if (!storeMetrics)
        return true;
    // The checkpoint keeps its own test metrics (overall numbers only, to stay small).
    QJsonObject stored;
    stored[QStringLiteral("test_overall")] = out->test.toJson().value(QStringLiteral("overall"));
    stored[QStringLiteral("source")] = data.source;
    stored[QStringLiteral("time")] = RunReport::timestamp();
    models::Predictor::writeMetrics(
            checkpoint.toStdString(),
            QJsonDocument(stored).toJson(QJsonDocument::Compact).toStdString(), &error);
    return true;
}

RunOutcome ModelRunner::train(const TrainOptions &options, const RunData &data)
{
    RunOutcome out;
    if (!data.train || !data.test) {
        out.error = QStringLiteral("no train or test split");
        return out;
    }
    if (options.config.outputCheckpoint.empty()) {
        out.error = QStringLiteral("no output checkpoint given");
        return out;
    }
    const models::BagSet pool
            = options.observedOnly ? BagScoring::observedOnly(*data.train) : *data.train;
    models::BagSet fit, validation;
    BagScoring::splitValidation(pool, options.config.validationFraction, options.config.seed, &fit,
                                &validation);
    out.report[QStringLiteral("command")] = QStringLiteral("train");
    out.report[QStringLiteral("started")] = RunReport::timestamp();
    out.report[QStringLiteral("config")] = RunReport::parseObject(options.config.toJson());
    out.report[QStringLiteral("observed_only")] = options.observedOnly;
    out.report[QStringLiteral("data")] = dataJson(data, validation.numBags(), fit.numBags());
    out.report[QStringLiteral("libtorch")] = QString::fromStdString(models::libtorchVersion());

    QElapsedTimer timer;
    timer.start();
    // Per-epoch test metrics are computed here (models/ knows no metrics) and handed on.
    std::vector<std::map<std::string, double>> testCurve;
    models::ProgressCallback progress = options.progress;
    if (options.testEveryEpoch) {
        progress = [&](const models::EpochReport &r) {
            if (r.partial || r.monitorScores.empty()) {
                if (options.progress)
                    options.progress(r);
                return;
            }
            models::EpochReport withMetrics = r;
            withMetrics.monitorMetrics = overallMetrics(*data.test, r.monitorScores);
            testCurve.push_back(withMetrics.monitorMetrics);
            if (options.progress)
                options.progress(withMetrics);
        };
    }
    out.training = models::trainModel(options.config, fit,
                                      validation.numBags() > 0 ? &validation : nullptr, progress,
                                      options.cancel, options.testEveryEpoch ? data.test : nullptr);
    // Without the per-epoch test scoring, which the trainer does not count as training time.
    out.trainSeconds = options.testEveryEpoch ? out.training.seconds : timer.elapsed() / 1000.0;
    for (size_t i = 0; i < out.training.history.size() && i < testCurve.size(); ++i)
        out.training.history[i].monitorMetrics = testCurve[i];
    out.report[QStringLiteral("epochs")] = RunReport::epochCurves(out.training.history);
    out.report[QStringLiteral("best_epoch")] = out.training.bestEpoch;
    out.report[QStringLiteral("best_validation_loss")]
            = jsonNumber(out.training.bestValidationLoss);
    out.report[QStringLiteral("cancelled")] = out.training.cancelled;
    QJsonObject timing;
    timing[QStringLiteral("train_seconds")] = out.trainSeconds;
    timing[QStringLiteral("epochs_run")] = int(out.training.history.size());
    timing[QStringLiteral("seconds_per_epoch")] = out.training.history.empty()
            ? 0.0
            : out.trainSeconds / double(out.training.history.size());
    out.report[QStringLiteral("timing")] = timing;
    if (!out.training.ok) {
        out.error = QString::fromStdString(out.training.error);
        out.report[QStringLiteral("error")] = out.error;
        return out;
    }
    const QString checkpoint = QString::fromStdString(out.training.checkpointPath.empty()
                                                              ? options.config.outputCheckpoint
                                                              : out.training.checkpointPath);
    out.ok = score(checkpoint, data, options.config.seed, options.config.validationFraction,
                   options.observedOnly, /*storeMetrics=*/true, &out);
    if (!out.ok)
        out.report[QStringLiteral("error")] = out.error;
    return out;
}

RunOutcome ModelRunner::evaluate(const QString &checkpoint, const RunData &data, int threads)
{
    RunOutcome out;
    if (!data.test) {
        out.error = QStringLiteral("no test split");
        return out;
    }
    if (threads > 0)
        models::setTorchThreads(threads);
    models::CheckpointInfo info;
    models::ModelError error;
    if (!models::Predictor::readInfo(checkpoint.toStdString(), &info, &error)) {
        out.error = QString::fromStdString(error.message);
        return out;
    }
    models::ModelError configError;
    const models::TrainConfig config
            = models::TrainConfig::fromJson(info.hyperParametersJson, &configError);
    const QJsonObject configJson = RunReport::parseObject(info.hyperParametersJson);
    const bool observedOnly = configJson.value(QStringLiteral("extra"))
                                      .toObject()
                                      .value(QStringLiteral("observed_only"))
                                      .toDouble()
            > 0.5;
    out.report[QStringLiteral("command")] = QStringLiteral("evaluate");
    out.report[QStringLiteral("started")] = RunReport::timestamp();
    out.report[QStringLiteral("config")] = configJson;
    out.report[QStringLiteral("model_kind")] = QString::fromStdString(info.kind);
    out.report[QStringLiteral("data")] = dataJson(data, 0, data.train ? data.train->numBags() : 0);
    out.ok = score(checkpoint, data, config.seed,
                   configError.ok() ? config.validationFraction : 0.0, observedOnly,
                   /*storeMetrics=*/false, &out);
    if (!out.ok)
        out.report[QStringLiteral("error")] = out.error;
    return out;
}

} // namespace timbre::modelling
