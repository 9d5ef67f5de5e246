// SPDX-License-Identifier: GPL-3.0-or-later
// The thesis' baselines (Sec. 3.3.1): FC, FC_T and RNN shapes and parameter counts, and bags
// of unequal length.
#include "models/networks/FlatFc.h"
#include "models/networks/GruMil.h"
#include "models/networks/MeanPoolMil.h"

#include "MilFixtures.h"

#include <QtTest>

using namespace timbre::models;
using namespace timbre::models::testing;

class MilBaselinesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { torch::manual_seed(11); }

    void fcTHasTheThesisParameterCount()
    {
        MeanPoolMil net(MeanPoolMilOptions(128, 20));
        QCOMPARE(parameterCount(*net), int64_t(52116));
        net->eval();
        const MilOutput out = net->forward(fullBatch(torch::rand({4, 10, 128})));
        QCOMPARE(out.clip.sizes().vec(), (std::vector<int64_t>{4, 20}));
        QCOMPARE(out.instance.sizes().vec(), (std::vector<int64_t>{4, 10, 20}));
        QVERIFY(!out.attention.defined());
        // Clip = mean of instance scores.
        QVERIFY(torch::allclose(out.clip, out.instance.mean(1), 1e-6, 1e-7));
    }

    void fcTMeanIgnoresPadding()
    {
        MeanPoolMil net(MeanPoolMilOptions(8, 3).hidden(16));
        net->eval();
        const torch::Tensor a = torch::randn({3, 8});
        const torch::Tensor b = torch::randn({6, 8});
        const MilOutput ragged = net->forward(paddedBatch({a, b}));
        const MilOutput alone = net->forward(fullBatch(a.unsqueeze(0)));
        QVERIFY(torch::allclose(ragged.clip[0], alone.clip[0], 1e-5, 1e-6));
    }

    void fcHasTheThesisParameterCount()
    {
        FlatFc net(FlatFcOptions(128, 20));
        QCOMPARE(parameterCount(*net), int64_t(986772));
        net->eval();
        QCOMPARE(net->forward(fullBatch(torch::rand({3, 10, 128}))).clip.sizes().vec(),
                 (std::vector<int64_t>{3, 20}));
        // Shorter bags are zero-padded, longer ones cropped to 10 instances.
        const torch::Tensor longBag = torch::rand({1, 14, 128});
        const torch::Tensor cropped = longBag.narrow(1, 0, 10);
        QVERIFY(torch::allclose(net->forward(fullBatch(longBag)).clip,
                                net->forward(fullBatch(cropped)).clip));
        const torch::Tensor shortBag = torch::rand({1, 4, 128});
        const torch::Tensor padded = torch::cat({shortBag, torch::zeros({1, 6, 128})}, 1);
        QVERIFY(torch::allclose(net->forward(fullBatch(shortBag)).clip,
                                net->forward(fullBatch(padded)).clip));
    }

    void rnnHasTheThesisParameterCount()
    {
        GruMil net(GruMilOptions(128, 20));
        QCOMPARE(parameterCount(*net), int64_t(226068));
        net->eval();
        const MilOutput out = net->forward(fullBatch(torch::rand({2, 10, 128})));
        QCOMPARE(out.clip.sizes().vec(), (std::vector<int64_t>{2, 20}));
        QVERIFY(!out.instance.defined());
    }

    void rnnPacksUnequalBags()
    {
        GruMil net(GruMilOptions(8, 3).hidden(8));
        net->eval();
        const torch::Tensor a = torch::randn({3, 8});
        const torch::Tensor b = torch::randn({6, 8});
        const MilOutput ragged = net->forward(paddedBatch({a, b}));
        QVERIFY(torch::allclose(ragged.clip[0], net->forward(fullBatch(a.unsqueeze(0))).clip[0],
                                1e-5, 1e-6));
        QVERIFY(torch::allclose(ragged.clip[1], net->forward(fullBatch(b.unsqueeze(0))).clip[0],
                                1e-5, 1e-6));
    }
};

QTEST_GUILESS_MAIN(MilBaselinesTest)
#include "MilBaselines_test.moc"
