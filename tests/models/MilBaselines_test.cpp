// The thesis' baselines (Sec. 3.3.1): FC, FC_T and RNN shapes and parameter counts, and bags
// of unequal length.
#include "models/FlatFc.h"
#include "models/GruMil.h"
#include "models/MeanPoolMil.h"

#include <QtTest>

using namespace timbre::models;

namespace {

int64_t parameterCount(torch::nn::Module &m)
{
    int64_t n = 0;
    for (const auto &p : m.parameters())
        n += p.numel();
    return n;
}

BagBatch fullBatch(const torch::Tensor &x)
{
    BagBatch b;
    b.features = x;
    b.lengths.assign(static_cast<size_t>(x.size(0)), x.size(1));
    return b;
}

// Two bags of 3 and 6 instances, padded to 6.
BagBatch raggedBatch(const torch::Tensor &a, const torch::Tensor &b)
{
    BagBatch out;
    out.features = torch::zeros({2, 6, a.size(1)});
    out.features[0].narrow(0, 0, 3).copy_(a);
    out.features[1].copy_(b);
    out.mask = torch::zeros({2, 6});
    out.mask[0].narrow(0, 0, 3).fill_(1.0);
    out.mask[1].fill_(1.0);
    out.validRows = torch::tensor({0, 1, 2, 6, 7, 8, 9, 10, 11}, torch::kInt64);
    out.lengths = {3, 6};
    return out;
}

} // namespace

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
        const MilOutput ragged = net->forward(raggedBatch(a, b));
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
        const MilOutput ragged = net->forward(raggedBatch(a, b));
        QVERIFY(torch::allclose(ragged.clip[0], net->forward(fullBatch(a.unsqueeze(0))).clip[0],
                                1e-5, 1e-6));
        QVERIFY(torch::allclose(ragged.clip[1], net->forward(fullBatch(b.unsqueeze(0))).clip[0],
                                1e-5, 1e-6));
    }
};

QTEST_GUILESS_MAIN(MilBaselinesTest)
#include "MilBaselines_test.moc"
