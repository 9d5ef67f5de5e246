// SPDX-License-Identifier: GPL-3.0-or-later
// The frame-level auxiliary loss (docs/METHOD.md §5.4, `instance_loss`): where the training
// bags carry instance truth, ATT's instance head learns when an instrument sounds, not only
// whether it does. Planted so that weak labels alone cannot tell: a positive bag's instances
// all share a "room" pattern tied to the label, and only the instances where the instrument
// sounds add its own pattern. A weak-only ATT may score the room; the strong labels point the
// instance head at the instrument. Measured as within-bag instance AUROC (active instances
// against silent ones of the same positive bag, as Localisation::withinTrack does).
#include "models/api/BagSet.h"
#include "models/api/Predictor.h"
#include "models/api/TrainConfig.h"
#include "models/api/Training.h"
#include "models/training/Losses.h"

#include "MilFixtures.h"

#include <QTemporaryDir>
#include <QtTest>

#include <random>

using namespace timbre::models;

namespace {

constexpr int kDim = 16;
constexpr int kClasses = 3;
constexpr int kInstances = 10;

BagSet roomAndInstrumentBags(int bags, uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> noise(0.0f, 1.0f);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    // Fixed patterns (seed 1), so train and test sets share them.
    std::mt19937_64 patternRng(1);
    std::vector<std::vector<float>> instrument(kClasses, std::vector<float>(kDim));
    std::vector<std::vector<float>> room(kClasses, std::vector<float>(kDim));
    for (int c = 0; c < kClasses; ++c) {
        for (int d = 0; d < kDim; ++d) {
            instrument[c][d] = 0.9f * noise(patternRng);
            room[c][d] = 1.2f * noise(patternRng);
        }
    }
    BagSet set;
    set.featureDim = kDim;
    set.numClasses = kClasses;
    for (int b = 0; b < bags; ++b) {
        std::vector<float> x(size_t(kInstances) * kDim);
        for (float &v : x)
            v = noise(rng);
        std::vector<float> y(kClasses, 0.0f);
        std::vector<uint8_t> observed(kClasses, 1);
        std::vector<uint8_t> truth(size_t(kInstances) * kClasses, 0);
        for (int c = 0; c < kClasses; ++c) {
            if (uniform(rng) >= 0.4)
                continue;
            y[c] = 1.0f;
            // The instrument sounds in a run of 2-6 instances; the room is everywhere.
            const int length = 2 + int(uniform(rng) * 5);
            const int start = int(uniform(rng) * (kInstances - length + 1));
            for (int i = 0; i < kInstances; ++i) {
                const bool sounds = i >= start && i < start + length;
                for (int d = 0; d < kDim; ++d)
                    x[size_t(i) * kDim + d] += room[c][d] + (sounds ? instrument[c][d] : 0.0f);
                truth[size_t(i) * kClasses + c] = sounds ? 1 : 0;
            }
        }
        set.appendBag(x.data(), kInstances, y.data(), observed.data());
        set.instanceTruth.insert(set.instanceTruth.end(), truth.begin(), truth.end());
    }
    return set;
}

// Mann-Whitney AUROC of active against silent instances within each positive bag, summed
// over bags (pairs of one bag only).
double withinBagAuroc(const BagSet &data, const std::vector<BagPrediction> &predictions)
{
    double wins = 0.0, pairs = 0.0;
    for (int b = 0; b < data.numBags(); ++b) {
        const int64_t first = data.bagOffsets[b];
        for (int c = 0; c < kClasses; ++c) {
            std::vector<float> on, off;
            for (int i = 0; i < data.bagSize(b); ++i) {
                const float s = predictions[b].instanceScores[size_t(i) * kClasses + c];
                (data.instanceTruth[size_t(first + i) * kClasses + c] ? on : off).push_back(s);
            }
            for (float a : on) {
                for (float z : off) {
                    wins += a > z ? 1.0 : a == z ? 0.5 : 0.0;
                    pairs += 1.0;
                }
            }
        }
    }
    return pairs > 0 ? wins / pairs : 0.5;
}

TrainConfig attConfig(double instanceLoss, const QString &out)
{
    TrainConfig c = testing::plantedAttConfig(out.toStdString(), 12, 3);
    c.extra["instance_loss"] = instanceLoss;
    return c;
}

} // namespace

class InstanceLossTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void lossIsTheMeanBceOverRealInstances()
    {
        // Two bags of two instances, one class; the second bag's second instance is padding.
        const torch::Tensor instance = torch::tensor({0.9f, 0.2f, 0.6f, 0.0f}).view({2, 2, 1});
        const torch::Tensor truth = torch::tensor({1.0f, 0.0f, 0.0f, 0.0f}).view({2, 2, 1});
        const torch::Tensor mask = torch::tensor({1.0f, 1.0f, 1.0f, 0.0f}).view({2, 2});
        const double expected = -(std::log(0.9) + std::log(0.8) + std::log(0.4)) / 3.0;
        QVERIFY(std::abs(instanceBce(instance, truth, mask).item<double>() - expected) < 1e-6);
        // Without a mask every instance counts.
        const torch::Tensor full = torch::tensor({0.9f, 0.2f}).view({1, 2, 1});
        const torch::Tensor fullTruth = torch::tensor({1.0f, 0.0f}).view({1, 2, 1});
        QVERIFY(std::abs(instanceBce(full, fullTruth, torch::Tensor()).item<double>()
                         + (std::log(0.9) + std::log(0.8)) / 2.0)
                < 1e-6);
    }

    void subsetKeepsTheTruthOfItsBags()
    {
        const BagSet data = roomAndInstrumentBags(6, 2);
        QCOMPARE(data.validate(), std::string());
        const BagSet part = data.subset({4, 1});
        QCOMPARE(part.validate(), std::string());
        QCOMPARE(part.instanceTruth.size(), size_t(2 * kInstances * kClasses));
        const size_t row = size_t(kInstances) * kClasses;
        QVERIFY(std::equal(part.instanceTruth.begin(), part.instanceTruth.begin() + row,
                           data.instanceTruth.begin() + 4 * row));
        BagSet broken = data;
        broken.instanceTruth.pop_back();
        QVERIFY(!broken.validate().empty());
    }

    void withoutTruthItIsAnErrorNotAPlainRun()
    {
        BagSet data = roomAndInstrumentBags(40, 4);
        data.instanceTruth.clear();
        const TrainResult r = trainModel(attConfig(1.0, m_dir.filePath("none.ckpt")), data, nullptr,
                                         nullptr, nullptr);
        QVERIFY(!r.ok);
        QVERIFY2(QString::fromStdString(r.error).contains("instance_loss"), r.error.c_str());
    }

    // Same data, seed and schedule; only the auxiliary term differs.
    void strongLabelsTeachWhenNotOnlyWhether()
    {
        const BagSet train = roomAndInstrumentBags(400, 5);
        const BagSet test = roomAndInstrumentBags(200, 6);
        double within[2] = {0.0, 0.0};
        double loss[2] = {0.0, 0.0};
        for (int k = 0; k < 2; ++k) {
            const QString path = m_dir.filePath(QStringLiteral("att%1.ckpt").arg(k));
            const TrainResult r = trainModel(attConfig(k == 0 ? 0.0 : 1.0, path), train, nullptr,
                                             nullptr, nullptr);
            QVERIFY2(r.ok, r.error.c_str());
            QCOMPARE(r.history.back().trainLosses.count("instance"), size_t(k));
            if (k == 1)
                loss[1] = r.history.back().trainLosses.at("instance");
            ModelError error;
            auto predictor = Predictor::load(path.toStdString(), &error);
            QVERIFY2(predictor, error.message.c_str());
            const std::vector<BagPrediction> p = predictor->predict(test);
            QCOMPARE(int(p.size()), test.numBags());
            within[k] = withinBagAuroc(test, p);
        }
        qInfo("within-bag instance AUROC: weak labels only %.3f, with instance_loss=1 %.3f "
              "(final instance BCE %.3f)",
              within[0], within[1], loss[1]);
        QVERIFY2(within[1] > 0.9, qPrintable(QString::number(within[1])));
        QVERIFY2(within[1] > within[0] + 0.03,
                 qPrintable(QStringLiteral("%1 vs %2").arg(within[1]).arg(within[0])));
    }
};

QTEST_GUILESS_MAIN(InstanceLossTest)
#include "InstanceLoss_test.moc"
