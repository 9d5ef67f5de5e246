// SPDX-License-Identifier: GPL-3.0-or-later
// The bag networks must learn as the same network in PyTorch does (docs/RESULTS.md, "Parity
// with PyTorch"). These checks would have caught the He-uniform / Xavier initialisation that
// made ATT, FC_T and FC learn 3-4x less per epoch: every linear layer starts from PyTorch's
// default, and the fused ATT kernels follow the composed operators over a whole training run
// with dropout on, not just one step. The end-to-end check against the PyTorch twin's figures
// is tests/app/cli/TrainParity_test.cpp.
#include "SyntheticBags.h"
#include "models/api/Training.h"
#include "models/networks/DgmNet.h"
#include "models/networks/MilNet.h"
#include "models/networks/StrongNet.h"

#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace timbre::models;
using timbre::models::testing::syntheticBags;

namespace {

// PyTorch's nn.Linear / nn.Conv2d reset_parameters: kaiming_uniform_(a = sqrt(5)) for the
// weight, which is U(-1/sqrt(fan_in), 1/sqrt(fan_in)), and the same bound for the bias.
void checkDefaultInit(const std::string &name, const torch::Tensor &weight,
                      const torch::Tensor &bias)
{
    const double fanIn = static_cast<double>(weight[0].numel());
    const double bound = 1.0 / std::sqrt(fanIn);
    const double maxAbs = weight.abs().max().item<double>();
    // Uniform on [-b, b]: max close to b, standard deviation b / sqrt(3).
    const double stddev = weight.std().item<double>();
    const std::string where = name + ": max " + std::to_string(maxAbs) + " std "
            + std::to_string(stddev) + " bound " + std::to_string(bound);
    QVERIFY2(maxAbs <= bound * (1.0 + 1e-6), where.c_str());
    if (weight.numel() >= 400) {
        QVERIFY2(maxAbs > 0.95 * bound, where.c_str());
        QVERIFY2(std::abs(stddev - bound / std::sqrt(3.0)) < 0.1 * bound, where.c_str());
    }
    if (bias.defined()) {
        QVERIFY2(bias.abs().max().item<double>() <= bound * (1.0 + 1e-6), name.c_str());
        // A zeroed bias was part of the old initialisation.
        QVERIFY2(bias.abs().max().item<double>() > 0.0, (name + ": zero bias").c_str());
    }
}

// Every linear and convolution layer of module; returns how many were checked.
int checkLayers(torch::nn::Module &module)
{
    int checked = 0;
    for (const auto &child : module.named_modules()) {
        if (auto *linear = child.value()->as<torch::nn::Linear>()) {
            checkDefaultInit(child.key(), linear->weight, linear->bias);
            ++checked;
        } else if (auto *conv = child.value()->as<torch::nn::Conv2d>()) {
            checkDefaultInit(child.key(), conv->weight, conv->bias);
            ++checked;
        }
    }
    return checked;
}

std::vector<double> bceCurve(const TrainResult &r)
{
    std::vector<double> curve;
    for (const auto &e : r.history)
        curve.push_back(e.trainLosses.at("bce"));
    return curve;
}

} // namespace

class TrainingParityTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void linearLayersStartAsInPyTorch_data()
    {
        QTest::addColumn<QString>("kind");
        for (const char *kind : {"att", "fct", "fc", "rnn"})
            QTest::newRow(kind) << QString(kind);
    }

    void linearLayersStartAsInPyTorch()
    {
        QFETCH(QString, kind);
        torch::manual_seed(3);
        auto net = createMilNet(kind.toStdString(), 128, 20, 0.5, {});
        QVERIFY(net);
        QVERIFY(checkLayers(*net) >= (kind == QLatin1String("rnn") ? 1 : 4));
    }

    // The other networks never had an initialisation of their own; this keeps it that way.
    void otherNetworksStartAsInPyTorch()
    {
        torch::manual_seed(4);
        DgmNet dgm(DgmNetOptions {});
        QVERIFY(checkLayers(*dgm) >= 6);
        for (const char *kind : {"mlp", "cnn", "crnn"}) {
            auto net = makeStrongNet(kind, StrongNetOptions {});
            QVERIFY(net);
            QVERIFY(checkLayers(*net) >= 2);
        }
    }

    // The fused kernels against the composed operators over a whole run: 12 epochs x 13 steps
    // of Adam with dropout 0.6 on, batch norms updating (Mean Teacher: the EMA teacher and the
    // consistency term too). Only rounding differs (measured: at most 1e-6 per epoch), so a
    // kernel that learns differently (a wrong gradient, a mask that repeats or differs) shows.
    void fusedFollowsComposedOverARun_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("att") << QStringLiteral("att");
        QTest::newRow("mt") << QStringLiteral("mt");
    }

    void fusedFollowsComposedOverARun()
    {
        QFETCH(QString, kind);
        // Fixed-length bags of 128-d instances: the shapes the fused path serves.
        const BagSet data = syntheticBags(400, 128, 6, 10, 10, 0.3, 7);
        TrainConfig c = TrainConfig::defaultsFor(kind.toStdString());
        c.epochs = 12;
        c.batchSize = 32;
        c.seed = 5;
        c.threads = 1;
        c.validationFraction = 0.0;
        c.learningRate = 1e-3;
        c.consistencyRampEpochs = 4;
        TrainResult fused = trainModel(c, data, nullptr, {}, nullptr);
        QVERIFY2(fused.ok, fused.error.c_str());
        c.extra["fused_kernels"] = 0;
        TrainResult composed = trainModel(c, data, nullptr, {}, nullptr);
        QVERIFY2(composed.ok, composed.error.c_str());
        const std::vector<double> f = bceCurve(fused);
        const std::vector<double> k = bceCurve(composed);
        QCOMPARE(f.size(), size_t(12));
        QCOMPARE(k.size(), f.size());
        double largest = 0.0;
        for (size_t e = 0; e < f.size(); ++e)
            largest = std::max(largest, std::abs(f[e] - k[e]));
        qInfo("largest per-epoch BCE difference fused - composed: %.6f", largest);
        for (size_t e = 0; e < f.size(); ++e) {
            const std::string where = "epoch " + std::to_string(e + 1) + ": fused "
                    + std::to_string(f[e]) + " composed " + std::to_string(k[e]);
            QVERIFY2(std::abs(f[e] - k[e]) < 1e-3, where.c_str());
        }
        // Both learn: the last epoch well below the first.
        QVERIFY(f.back() < 0.8 * f.front());
    }

    // Without a validation set no epoch is "best" and the last one is what gets kept.
    void withoutValidationTheLastEpochIsKept()
    {
        const BagSet data = syntheticBags(200, 16, 3, 4, 8, 0.5, 2);
        TrainConfig c = TrainConfig::defaultsFor("att");
        c.epochs = 3;
        c.batchSize = 32;
        c.threads = 1;
        c.validationFraction = 0.0;
        int reports = 0;
        const TrainResult r = trainModel(
                c, data, nullptr,
                [&](const EpochReport &e) {
                    ++reports;
                    QVERIFY(!e.validated);
                    QVERIFY(!e.improved);
                    QVERIFY(std::isnan(e.validationLoss));
                },
                nullptr);
        QVERIFY2(r.ok, r.error.c_str());
        QCOMPARE(reports, 3);
        QCOMPARE(r.bestEpoch, 3);
    }

    // The monitored set is scored after every epoch and leaves training untouched.
    void monitorScoresEveryEpochWithoutChangingTraining()
    {
        const BagSet data = syntheticBags(200, 16, 3, 4, 8, 0.5, 2);
        const BagSet held = syntheticBags(50, 16, 3, 4, 8, 1.0, 9);
        TrainConfig c = TrainConfig::defaultsFor("mt");
        c.epochs = 3;
        c.batchSize = 32;
        c.threads = 1;
        c.seed = 4;
        const TrainResult plain = trainModel(c, data, nullptr, {}, nullptr);
        int scored = 0;
        const TrainResult monitored = trainModel(
                c, data, nullptr,
                [&](const EpochReport &e) {
                    QCOMPARE(e.monitorScores.size(), size_t(50 * 3));
                    for (float s : e.monitorScores)
                        QVERIFY(s >= 0.0f && s <= 1.0f);
                    ++scored;
                },
                nullptr, &held);
        QVERIFY(plain.ok && monitored.ok);
        QCOMPARE(scored, 3);
        QCOMPARE(bceCurve(plain), bceCurve(monitored));
        QCOMPARE(plain.bestValidationLoss, monitored.bestValidationLoss);
    }
};

QTEST_GUILESS_MAIN(TrainingParityTest)
#include "TrainingParity_test.moc"
