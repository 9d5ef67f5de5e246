// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/eval/Localisation.h"
#include "core/eval/MetricsReport.h"

#include "models/api/BagSet.h"
#include "models/api/TrainConfig.h"
#include "models/api/Training.h"

#include <QJsonObject>
#include <QString>

#include <atomic>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace timbre::modelling {

// The data a run works on, already loaded (core/datasets reads it; this layer does not).
struct RunData
{
    QString source;
    const models::BagSet *train = nullptr; // the official train split (validation drawn from it)
    const models::BagSet *test = nullptr;
    const std::vector<uint8_t> *testInstanceTruth = nullptr; // may be null or empty
    // Per-second localisation scores to measure; the first is RunOutcome::localisation (and
    // what the report and checkpoint record). Empty = eval::LocalisationScoring::defaults()
    // only.
    std::vector<eval::LocalisationScoring> localisationScorings;
    // The test bags once more on the grid shifted by half an instance (same bags, same order;
    // `timbre features --start`), for the scorings with `overlap`; null when there is none.
    const models::BagSet *testShifted = nullptr;
    // Each test bag's instance levels in dB (same order; `timbre features` writes them to
    // levels.csv), for the scorings with `level`; null when there are none.
    const std::vector<std::vector<float>> *testLevels = nullptr;
};

struct RunOutcome
{
    bool ok = false;
    QString error;
    models::TrainResult training; // train() only
    eval::MetricsReport test; // threshold 0.5, the thesis' numbers
    eval::MetricsReport testTuned; // per-instrument thresholds tuned on validation
    std::vector<double> thresholds;
    std::vector<eval::ResolutionAuroc> localisation; // empty without instance truth
    eval::LocalisationScoring localisationScoring; // what `localisation` measured
    // Every scoring of RunData::localisationScorings, in that order (the first is
    // `localisation` again), with its within-track AUROC (Localisation::withinTrack).
    struct ScoredLocalisation
    {
        eval::LocalisationScoring scoring;
        std::vector<eval::ResolutionAuroc> table;
        eval::ResolutionAuroc withinTrack;
    };
    std::vector<ScoredLocalisation> localisationByScoring;
    double trainSeconds = 0.0;
    double evaluateSeconds = 0.0;
    QJsonObject report; // everything above as the run's JSON report
};

// Train-then-evaluate and evaluate-a-checkpoint, as `timbre train` and `timbre evaluate` (and
// the GUI's jobs) run them: the validation split is drawn here with the config's seed and
// fraction, so `evaluate` re-derives exactly the split `train` used for threshold tuning.
class ModelRunner
{
public:
    struct TrainOptions
    {
        models::TrainConfig config; // config.outputCheckpoint is required
        bool observedOnly = false; // train only on bags with at least one observed label
        // Score the test split after every epoch (learning curves: EpochReport::monitorMetrics
        // holds "auroc", "f1", "mAP", "precision", "recall"); never used for model choice.
        bool testEveryEpoch = false;
        models::ProgressCallback progress;
        const std::atomic<bool> *cancel = nullptr;
    };

    static RunOutcome train(const TrainOptions &options, const RunData &data);
    static RunOutcome evaluate(const QString &checkpoint, const RunData &data, int threads = 0);

    // The summary line printed by the CLI: "P 81.2 R 80.1 F1 80.5 AUROC 89.0 mAP 60.1".
    static QString summaryLine(const eval::MetricsReport &report);

    // The overall metrics of clip scores [bags x classes] on bags, as EpochReport keys.
    static std::map<std::string, double> overallMetrics(const models::BagSet &bags,
                                                        const std::vector<float> &scores);

private:
    // storeMetrics: write the test metrics into the checkpoint (a model just trained); never
    // for `evaluate`, which must leave the file it reads as it was (a shipped or registered
    // model's bytes are checked against their hash).
    static bool score(const QString &checkpoint, const RunData &data, uint64_t seed,
                      double validationFraction, bool observedOnly, bool storeMetrics,
                      RunOutcome *out);
};

} // namespace timbre::modelling
