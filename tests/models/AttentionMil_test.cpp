// SPDX-License-Identifier: GPL-3.0-or-later
// ATT (thesis Sec. 3.2.2): shapes, parameter count, attention normalisation and padding.
#include "models/networks/AttentionMil.h"

#include "MilFixtures.h"

#include <QtTest>

using namespace timbre::models;
using namespace timbre::models::testing;


class AttentionMilTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { torch::manual_seed(7); }

    void shapes()
    {
        AttentionMil net(AttentionMilOptions(128, 20));
        net->eval();
        const MilOutput out = net->forward(fullBatch(torch::rand({4, 10, 128})));
        QCOMPARE(out.clip.sizes().vec(), (std::vector<int64_t>{4, 20}));
        QCOMPARE(out.instance.sizes().vec(), (std::vector<int64_t>{4, 10, 20}));
        QCOMPARE(out.attention.sizes().vec(), (std::vector<int64_t>{4, 10, 20}));
        QVERIFY(out.clip.min().item<float>() >= 0.0f);
        QVERIFY(out.clip.max().item<float>() <= 1.0f);
    }

    void parameterCountFollowsTheArchitecture()
    {
        // Input BN (2 x 128) + 3 bias-free 128 x 128 layers + 3 BN (2 x 128 each) + two heads
        // (128 x 20 + 20 each) = 55 336. The thesis quotes "about 52 k" for ATT and 52 116 for
        // FC_T, which has one head and biased layers without batch norm (see MeanPoolMil.h).
        AttentionMil net(AttentionMilOptions(128, 20));
        QCOMPARE(parameterCount(*net), int64_t(256 + 3 * 128 * 128 + 3 * 256 + 2 * 2580));
        QCOMPARE(parameterCount(*net), int64_t(55336));
        // Another input dimension adds a bias-free projection for the skip connection.
        AttentionMil wide(AttentionMilOptions(40, 5));
        QCOMPARE(parameterCount(*wide),
                 int64_t(80 + 40 * 128 + 2 * 128 * 128 + 3 * 256 + 40 * 128 + 2 * (128 * 5 + 5)));
    }

    void attentionSumsToOnePerBag()
    {
        AttentionMil net(AttentionMilOptions(128, 20));
        net->train();
        const MilOutput out = net->forward(fullBatch(torch::randn({3, 7, 128})));
        const torch::Tensor sums = out.attention.sum(1);
        QVERIFY(torch::allclose(sums, torch::ones_like(sums), 1e-5, 1e-6));
        // Clip score is the attention-weighted mean of the instance scores (Eq. 3.3).
        const torch::Tensor manual = (out.attention * out.instance).sum(1);
        QVERIFY(torch::allclose(out.clip, manual, 1e-5, 1e-6));
    }

    void paddingGetsZeroWeightAndChangesNothing()
    {
        AttentionMil net(AttentionMilOptions(16, 3).hidden(32));
        // Batch statistics must match between the two calls: train with several bags so the
        // batch-norm in train mode is exercised, then compare in eval mode as well.
        const torch::Tensor a = torch::randn({5, 16});
        const torch::Tensor b = torch::randn({2, 16});
        const torch::Tensor c = torch::randn({9, 16});
        for (bool training : {true, false}) {
            net->train(training);
            torch::manual_seed(1);
            net->reseedDropout(11);
            const MilOutput padded = net->forward(paddedBatch({a, b, c}));
            // Padding rows get exactly zero attention and zero instance score.
            QCOMPARE(padded.attention[1].narrow(0, 2, 7).abs().sum().item<float>(), 0.0f);
            QCOMPARE(padded.instance[0].narrow(0, 5, 4).abs().sum().item<float>(), 0.0f);
            const torch::Tensor sums = padded.attention.sum(1);
            QVERIFY(torch::allclose(sums, torch::ones_like(sums), 1e-5, 1e-6));
            if (!training) {
                // In eval mode each bag alone gives the same scores as inside the padded batch.
                const std::vector<torch::Tensor> bags{a, b, c};
                for (int i = 0; i < 3; ++i) {
                    const MilOutput alone = net->forward(fullBatch(bags[i].unsqueeze(0)));
                    QVERIFY(torch::allclose(alone.clip[0], padded.clip[i], 1e-5, 1e-6));
                }
            }
        }
        // In train mode padding must not enter the batch-norm statistics either: filling the
        // padding rows with large values changes nothing.
        net->train();
        BagBatch clean = paddedBatch({a, b, c});
        BagBatch noisy = clean;
        noisy.features = clean.features.clone();
        noisy.features[1].narrow(0, 2, 7).copy_(100.0 * torch::randn({7, 16}));
        net->reseedDropout(3);
        const torch::Tensor cleanClip = net->forward(clean).clip;
        net->reseedDropout(3);
        const torch::Tensor noisyClip = net->forward(noisy).clip;
        QVERIFY(torch::allclose(cleanClip, noisyClip, 1e-5, 1e-6));
    }

    void dropoutIsSeededAndOffInEval()
    {
        AttentionMil net(AttentionMilOptions(128, 4));
        const BagBatch batch = fullBatch(torch::randn({8, 10, 128}));
        net->train();
        net->reseedDropout(5);
        const torch::Tensor first = net->forward(batch).clip;
        net->reseedDropout(5);
        const torch::Tensor again = net->forward(batch).clip;
        QVERIFY(torch::equal(first, again));
        net->reseedDropout(6);
        QVERIFY(!torch::equal(first, net->forward(batch).clip));
        net->eval();
        QVERIFY(torch::equal(net->forward(batch).clip, net->forward(batch).clip));
    }
};

QTEST_GUILESS_MAIN(AttentionMilTest)
#include "AttentionMil_test.moc"
