// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/eval/BagScoring.h"

#include "core/inference/InstanceLevel.h"
#include "core/inference/InstanceOverlap.h"

#include "models/api/SeededOrder.h"

#include <algorithm>
#include <numeric>

namespace timbre::eval {

QStringList BagScoring::classNames(const models::BagSet &bags)
{
    QStringList names;
    for (const std::string &n : bags.classNames)
        names << QString::fromStdString(n);
    return names;
}

ScoreTable BagScoring::scoreTable(const models::BagSet &bags,
                                  const std::vector<models::BagPrediction> &predictions)
{
    ScoreTable t;
    t.rows = int64_t(predictions.size());
    t.classes = bags.numClasses;
    t.classNames = classNames(bags);
    const size_t n = std::min(predictions.size(), size_t(std::max(bags.numBags(), 0)));
    t.rows = int64_t(n);
    t.scores.reserve(n * size_t(t.classes));
    for (size_t b = 0; b < n; ++b) {
        const std::vector<float> &s = predictions[b].clipScores;
        for (int c = 0; c < t.classes; ++c)
            t.scores.push_back(size_t(c) < s.size() ? s[size_t(c)] : 0.0f);
    }
    t.labels.assign(bags.labels.begin(), bags.labels.begin() + int64_t(n) * t.classes);
    t.observed.assign(bags.observed.begin(), bags.observed.begin() + int64_t(n) * t.classes);
    return t;
}

std::vector<TrackActivity> BagScoring::trackActivity(
        const models::BagSet &bags, const std::vector<models::BagPrediction> &predictions,
        const std::vector<uint8_t> &instanceTruth, const LocalisationScoring &scoring,
        const std::vector<models::BagPrediction> *shifted,
        const std::vector<std::vector<float>> *levels)
{
    std::vector<TrackActivity> tracks;
    const int C = bags.numClasses;
    if (instanceTruth.size() != size_t(bags.numInstances()) * size_t(C))
        return tracks;
    if (scoring.overlap && (!shifted || shifted->size() != predictions.size()))
        return tracks;
    if (scoring.level && (!levels || levels->size() != predictions.size()))
        return tracks;
    const size_t n = std::min(predictions.size(), size_t(std::max(bags.numBags(), 0)));
    for (size_t b = 0; b < n; ++b) {
        const models::BagPrediction &p = predictions[b];
        const int frames = bags.bagSize(int(b));
        const size_t cells = size_t(frames) * size_t(C);
        if (p.instances != frames || p.instanceScores.size() != cells)
            continue;
        TrackActivity t;
        t.key = b < bags.keys.size() ? QString::fromStdString(bags.keys[b]) : QString::number(b);
        t.frames = frames;
        std::vector<float> instanceScores = p.instanceScores;
        if (scoring.overlap) {
            const models::BagPrediction &q = (*shifted)[b];
            instanceScores = inference::InstanceOverlap::mean(instanceScores, frames,
                                                              q.instanceScores, q.instances, C);
            if (instanceScores.size() != cells)
                continue;
        }
        if (scoring.level) {
            instanceScores = inference::InstanceLevel::blend(
                    instanceScores, frames, C, (*levels)[b], inference::InstanceLevel::kWeightPerDb,
                    scoring.levelWindow);
            if (instanceScores.size() != cells)
                continue;
        }
        t.scores = Localisation::perSecond(
                instanceScores, p.attention.size() == cells ? p.attention : std::vector<float>(),
                p.clipScores, frames, C, scoring);
        if (t.scores.size() != cells)
            continue;
        const auto first = instanceTruth.begin() + bags.bagOffsets[b] * C;
        t.active.assign(first, first + int64_t(cells));
        tracks.push_back(std::move(t));
    }
    return tracks;
}

models::BagSet BagScoring::observedOnly(const models::BagSet &bags)
{
    std::vector<int> keep;
    for (int b = 0; b < bags.numBags(); ++b) {
        const auto first = bags.observed.begin() + int64_t(b) * bags.numClasses;
        if (std::any_of(first, first + bags.numClasses, [](uint8_t m) { return m != 0; }))
            keep.push_back(b);
    }
    return bags.subset(keep);
}

void BagScoring::splitValidation(const models::BagSet &bags, double fraction, uint64_t seed,
                                 models::BagSet *train, models::BagSet *validation)
{
    const models::SeededSplit split = models::seededSplit(bags.numBags(), fraction, seed);
    *validation = bags.subset(split.held);
    *train = bags.subset(split.kept);
}

} // namespace timbre::eval
