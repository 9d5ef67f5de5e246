// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/eval/Localisation.h"
#include "core/eval/MultiLabelEvaluator.h"

#include "models/api/BagSet.h"
#include "models/api/Predictor.h"

#include <QStringList>

#include <cstdint>
#include <vector>

namespace timbre::eval {

// Glue between the models' plain structs (models/api, no torch) and the metrics: the labels
// of a BagSet next to a Predictor's clip scores, and its per-instance evidence next to
// per-instance truth.
class BagScoring
{
public:
    // Clip scores of `predictions` (one per bag of `bags`, same order) against the bags'
    // labels and observed flags. Class names come from the bag set when it has them.
    static ScoreTable scoreTable(const models::BagSet &bags,
                                 const std::vector<models::BagPrediction> &predictions);

    // Per-bag per-second scores against per-instance truth ([bags.numInstances() x classes]),
    // formed by `scoring` from the bag's instance scores, attention (uniform for a model
    // without) and clip scores (Localisation::perSecond). Bags whose prediction does not match
    // the bag are left out. A scoring with `overlap` needs `shifted`: the same bags' predictions
    // on the grid shifted by half an instance, in the same order (nothing is returned without
    // them); a bag whose shifted prediction is missing is left out. A scoring with `level`
    // needs `levels`: each bag's instance levels in dB (FeatureMatrix::levelsDb), in the same
    // order (nothing is returned without them); a bag whose levels do not match its instances
    // is left out.
    static std::vector<TrackActivity>
    trackActivity(const models::BagSet &bags, const std::vector<models::BagPrediction> &predictions,
                  const std::vector<uint8_t> &instanceTruth,
                  const LocalisationScoring &scoring = LocalisationScoring::defaults(),
                  const std::vector<models::BagPrediction> *shifted = nullptr,
                  const std::vector<std::vector<float>> *levels = nullptr);

    // A copy of `bags` keeping only the bags with at least one observed label.
    static models::BagSet observedOnly(const models::BagSet &bags);

    // Splits `bags` into (train, validation) with `fraction` of the bags in validation, by the
    // project's one seeded hold-out (models::seededSplit: same seed, same split everywhere).
    static void splitValidation(const models::BagSet &bags, double fraction, uint64_t seed,
                                models::BagSet *train, models::BagSet *validation);

    static QStringList classNames(const models::BagSet &bags);
};

} // namespace timbre::eval
