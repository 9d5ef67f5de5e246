// SPDX-License-Identifier: GPL-3.0-or-later
// Input noise for the MIL heads (docs/METHOD.md §5.5, `--set input_noise=S`): the noise's scale
// per feature dimension, the noise itself, and what it is for, on planted bags: in training a
// class is told both by a faint pattern spread over many dimensions and by a loud cue in one
// dimension; the test bags keep the spread pattern but the loud cue comes and goes at random
// (as what one SoundFont's samples put into a few dimensions of the embedding does on another
// synthesiser). A head trained with noise leans on the pattern and ranks the test bags better.
#include "models/api/BagSet.h"
#include "models/api/Predictor.h"
#include "models/api/TrainConfig.h"
#include "models/api/Training.h"
#include "models/training/InputNoise.h"

#include "MilFixtures.h"

#include <QTemporaryDir>
#include <QtTest>

#include <random>

using namespace timbre::models;

namespace {

constexpr int kSpread = 16; // dimensions of the faint pattern
constexpr int kClasses = 2;
constexpr int kDim = kSpread + kClasses; // one loud-cue dimension per class
constexpr int kInstances = 10;

// cueFollowsLabel: in training the loud cue is on exactly when the class is; in the shifted
// test set it is on for half of all bags, whatever their labels.
BagSet plantedBags(int bags, uint64_t seed, bool cueFollowsLabel)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> noise(0.0f, 1.0f);
    std::bernoulli_distribution half(0.5);
    std::mt19937_64 patternRng(7); // the same patterns in every set
    std::vector<std::vector<float>> pattern(kClasses, std::vector<float>(kSpread));
    for (auto &p : pattern)
        for (float &v : p)
            v = (noise(patternRng) > 0.0f ? 0.3f : -0.3f);
    BagSet set;
    set.featureDim = kDim;
    set.numClasses = kClasses;
    for (int b = 0; b < bags; ++b) {
        std::vector<float> x(size_t(kInstances) * kDim);
        for (float &v : x)
            v = noise(rng);
        std::vector<float> y(kClasses, 0.0f);
        std::vector<uint8_t> observed(kClasses, 1);
        for (int c = 0; c < kClasses; ++c) {
            const bool present = half(rng);
            const bool cue = cueFollowsLabel ? present : half(rng);
            y[c] = present ? 1.0f : 0.0f;
            for (int i = 0; i < kInstances; ++i) {
                float *row = x.data() + size_t(i) * kDim;
                if (present)
                    for (int d = 0; d < kSpread; ++d)
                        row[d] += pattern[c][d];
                if (cue)
                    row[kSpread + c] += 2.0f;
            }
        }
        set.appendBag(x.data(), kInstances, y.data(), observed.data());
    }
    return set;
}

// Mean over classes of the Mann-Whitney AUROC of the clip scores.
double meanAuroc(const BagSet &data, const std::vector<BagPrediction> &p)
{
    double sum = 0.0;
    for (int c = 0; c < kClasses; ++c) {
        std::vector<float> pos, neg;
        for (int b = 0; b < data.numBags(); ++b)
            (data.labels[size_t(b) * kClasses + c] > 0.5f ? pos : neg)
                    .push_back(p[b].clipScores[c]);
        double wins = 0.0;
        for (float a : pos)
            for (float z : neg)
                wins += a > z ? 1.0 : a == z ? 0.5 : 0.0;
        sum += wins / (double(pos.size()) * neg.size());
    }
    return sum / kClasses;
}

TrainConfig attConfig(double inputNoise, const QString &out, uint64_t seed = 2)
{
    TrainConfig c = testing::plantedAttConfig(out.toStdString(), 15, seed);
    if (inputNoise != 0.0)
        c.extra["input_noise"] = inputNoise;
    return c;
}

} // namespace

class InputNoiseTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void scaleIsEachDimensionsStandardDeviationTimesS()
    {
        // Dimension 0: 1, 2, 3, 4 (sd 1.291 unbiased); dimension 1 constant (sd 0).
        const torch::Tensor x
                = torch::tensor({1.0f, 5.0f, 2.0f, 5.0f, 3.0f, 5.0f, 4.0f, 5.0f}).view({2, 2, 2});
        const torch::Tensor s = inputNoiseScale(x, 2.0);
        QCOMPARE(s.size(0), int64_t(2));
        QVERIFY(std::abs(s[0].item<double>() - 2.0 * std::sqrt(5.0 / 3.0)) < 1e-5);
        QCOMPARE(s[1].item<double>(), 0.0);
    }

    void noiseHasThatStandardDeviationAndLeavesAZeroScaleAlone()
    {
        torch::manual_seed(11);
        const torch::Tensor clean = torch::ones({400, 10, 3});
        const torch::Tensor scale = torch::tensor({0.5f, 2.0f, 0.0f});
        const torch::Tensor noisy = withInputNoise(clean, scale);
        const torch::Tensor diff = (noisy - clean).reshape({-1, 3});
        QVERIFY(std::abs(diff.select(1, 0).std().item<double>() - 0.5) < 0.02);
        QVERIFY(std::abs(diff.select(1, 1).std().item<double>() - 2.0) < 0.08);
        QVERIFY(std::abs(diff.select(1, 1).mean().item<double>()) < 0.08);
        QCOMPARE(diff.select(1, 2).abs().max().item<double>(), 0.0);
        QVERIFY(torch::equal(clean, torch::ones({400, 10, 3}))); // the input is not changed
    }

    void aNegativeScaleIsAnError()
    {
        const BagSet train = plantedBags(40, 1, true);
        const TrainResult r = trainModel(attConfig(-1.0, m_dir.filePath("neg.ckpt")), train,
                                         nullptr, nullptr, nullptr);
        QVERIFY(!r.ok);
        QVERIFY2(QString::fromStdString(r.error).contains("input_noise"), r.error.c_str());
    }

    // Same data, seeds and schedule; only the noise differs. Mean over three seeds.
    void noiseMovesTheHeadFromTheLoudCueToTheSpreadPattern()
    {
        const BagSet train = plantedBags(500, 3, true);
        const BagSet shifted = plantedBags(400, 4, false);
        double auroc[2] = {0.0, 0.0};
        const double noise[2] = {0.0, 2.0};
        for (int k = 0; k < 2; ++k) {
            for (uint64_t seed = 1; seed <= 3; ++seed) {
                const QString path
                        = m_dir.filePath(QStringLiteral("att%1-%2.ckpt").arg(k).arg(seed));
                const TrainResult r = trainModel(attConfig(noise[k], path, seed), train, nullptr,
                                                 nullptr, nullptr);
                QVERIFY2(r.ok, r.error.c_str());
                ModelError error;
                auto predictor = Predictor::load(path.toStdString(), &error);
                QVERIFY2(predictor, error.message.c_str());
                const double a = meanAuroc(shifted, predictor->predict(shifted));
                qInfo("input_noise=%.0f seed %d: %.3f", noise[k], int(seed), a);
                auroc[k] += a / 3.0;
            }
        }
        qInfo("AUROC where the loud cue no longer follows the label: no noise %.3f, "
              "input_noise=2 %.3f",
              auroc[0], auroc[1]);
        QVERIFY2(auroc[1] > auroc[0] + 0.05,
                 qPrintable(QStringLiteral("%1 vs %2").arg(auroc[1]).arg(auroc[0])));
    }
};

QTEST_GUILESS_MAIN(InputNoiseTest)
#include "InputNoise_test.moc"
