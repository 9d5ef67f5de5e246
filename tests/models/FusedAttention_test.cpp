// SPDX-License-Identifier: GPL-3.0-or-later
// ATT's hand-written training kernels (models/kernels/FusedAttention) against the composed LibTorch
// operators they replace: same clip, instance and attention scores, same gradient for every
// parameter, same running statistics, with and without dropout, full and padded batches.
#include "models/kernels/ActivationPool.h"
#include "models/networks/AttentionMil.h"
#include "models/training/Losses.h"

#include "MilFixtures.h"

#include <QScopeGuard>
#include <QtTest>

using namespace timbre::models;
using namespace timbre::models::testing;

namespace {

struct StepResult
{
    MilOutput out;
    std::map<std::string, torch::Tensor> grads;
    std::map<std::string, torch::Tensor> buffers;
};

// One training-mode forward and backward of a partial BCE with random labels.
StepResult trainingStep(AttentionMil &net, const BagBatch &batch, const torch::Tensor &labels,
                        const torch::Tensor &observed, uint64_t dropoutSeed)
{
    net->train();
    net->reseedDropout(dropoutSeed);
    net->zero_grad();
    StepResult r;
    r.out = net->forward(batch);
    partialBce(r.out.clip, labels, observed, PartialBceOptions {}, torch::Tensor()).backward();
    for (const auto &p : net->named_parameters()) {
        if (!p.value().grad().defined())
            throw std::runtime_error("no gradient for " + p.key());
        r.grads[p.key()] = p.value().grad().clone();
    }
    for (const auto &b : net->named_buffers())
        r.buffers[b.key()] = b.value().clone();
    return r;
}

void compareSteps(const StepResult &fused, const StepResult &composed)
{
    QVERIFY(torch::allclose(fused.out.clip, composed.out.clip, 1e-4, 1e-6));
    QVERIFY(torch::allclose(fused.out.instance, composed.out.instance, 1e-4, 1e-6));
    QVERIFY(torch::allclose(fused.out.attention, composed.out.attention, 1e-4, 1e-6));
    QCOMPARE(fused.grads.size(), composed.grads.size());
    for (const auto &[name, g] : composed.grads) {
        const torch::Tensor &f = fused.grads.at(name);
        // Relative to the gradient's own scale (batch-norm sums round differently), plus an
        // absolute floor: inputNorm.bias's gradient is zero up to rounding in both versions,
        // because the next batch norm cancels any shift of its input.
        const double scale = g.abs().max().item<double>();
        const double diff = (f - g).abs().max().item<double>();
        if (diff > 2e-4 * scale + 1e-7)
            QFAIL(qPrintable(QStringLiteral("gradient of %1 differs by %2 (scale %3)")
                                     .arg(QString::fromStdString(name))
                                     .arg(diff)
                                     .arg(scale)));
    }
    for (const auto &[name, b] : composed.buffers)
        QVERIFY2(torch::allclose(fused.buffers.at(name).to(torch::kDouble), b.to(torch::kDouble),
                                 1e-4, 1e-6),
                 name.c_str());
}

AttentionMil twinOf(AttentionMil &net)
{
    AttentionMil twin(net->options);
    torch::NoGradGuard noGrad;
    auto src = net->named_parameters();
    for (auto &p : twin->named_parameters())
        p.value().copy_(src[p.key()]);
    auto srcBuffers = net->named_buffers();
    for (auto &b : twin->named_buffers())
        b.value().copy_(srcBuffers[b.key()]);
    return twin;
}

} // namespace

class FusedAttentionTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { torch::manual_seed(3); }

    void matchesComposedOperators_data()
    {
        QTest::addColumn<double>("dropout");
        QTest::addColumn<bool>("padded");
        QTest::addColumn<int>("bagCount");
        QTest::addColumn<int>("threads");
        QTest::newRow("no dropout, full bags") << 0.0 << false << 24 << 1;
        QTest::newRow("dropout 0.6, full bags") << 0.6 << false << 24 << 1;
        QTest::newRow("dropout 0.6, padded bags") << 0.6 << true << 24 << 1;
        // 640 instances: the kernels' row blocks and the split products run on two threads.
        QTest::newRow("dropout 0.6, full bags, 2 threads") << 0.6 << false << 64 << 2;
    }

    void matchesComposedOperators()
    {
        QFETCH(double, dropout);
        QFETCH(bool, padded);
        QFETCH(int, bagCount);
        QFETCH(int, threads);
        const int previousThreads = torch::get_num_threads();
        torch::set_num_threads(threads);
        auto restore = qScopeGuard([&] { torch::set_num_threads(previousThreads); });
        const int64_t B = bagCount, T = 10, D = 128, C = 20;
        AttentionMil fused(AttentionMilOptions(D, C).dropout(dropout));
        AttentionMil composed = twinOf(fused);
        composed->fusedKernels = false;

        std::vector<torch::Tensor> bags;
        for (int64_t b = 0; b < B; ++b)
            bags.push_back(torch::rand({padded ? 1 + b % T : T, D}) * 3.0 - 1.0);
        const BagBatch batch = padded ? paddedBatch(bags) : fullBatch(torch::stack(bags));
        const torch::Tensor labels = (torch::rand({B, C}) < 0.3).to(torch::kFloat32);
        const torch::Tensor observed = (torch::rand({B, C}) < 0.5).to(torch::kFloat32);

        // Two steps, so the second runs on running statistics the first updated.
        for (int step = 0; step < 2; ++step) {
            const StepResult f = trainingStep(fused, batch, labels, observed, 99 + step);
            const StepResult c = trainingStep(composed, batch, labels, observed, 99 + step);
            compareSteps(f, c);
            if (QTest::currentTestFailed())
                return;
            QVERIFY(f.grads.at("linear0.weight").abs().sum().item<double>() > 0.0);
            QVERIFY(f.grads.at("inputNorm.weight").abs().sum().item<double>() > 0.0);
            // Move both the same way so the second step sees new weights.
            torch::NoGradGuard noGrad;
            for (auto *net : {&fused, &composed})
                for (auto &p : (*net)->parameters())
                    p.sub_(0.1 * f.grads.at("linear0.weight").abs().mean() * p.sign());
        }
    }

    void stepsFreeTheirActivations()
    {
        // A node that keeps its own output (a reference cycle through grad_fn) is never freed,
        // and neither is any activation it saved: 4.6 MB per ATT step at batch 128.
        AttentionMil net(AttentionMilOptions(32, 6).hidden(32).dropout(0.5));
        const BagBatch batch = fullBatch(torch::rand({16, 5, 32}));
        const torch::Tensor labels = (torch::rand({16, 6}) < 0.3).to(torch::kFloat32);
        const torch::Tensor observed = torch::ones({16, 6});
        const size_t before = pooledLiveBytes();
        for (int step = 0; step < 3; ++step) {
            StepResult r = trainingStep(net, batch, labels, observed, 7 + step);
            QVERIFY(pooledLiveBytes() > before); // the outputs still hold pooled buffers
        }
        QCOMPARE(pooledLiveBytes(), before);
        {
            // Without gradients (the Mean Teacher's teacher) nothing is kept either.
            torch::NoGradGuard noGrad;
            net->forward(batch);
        }
        QCOMPARE(pooledLiveBytes(), before);
    }

    void frozenEmbeddingStillTrainsTheHeads()
    {
        // Table 3.2's "FT final": the embedding gets no gradient, the heads do.
        AttentionMil net(AttentionMilOptions(16, 4).hidden(16));
        for (auto &p : net->parameters())
            p.set_requires_grad(false);
        for (auto &p : net->headParameters())
            p.set_requires_grad(true);
        net->train();
        const MilOutput out = net->forward(fullBatch(torch::rand({8, 5, 16})));
        out.clip.sum().backward();
        for (const auto &p : net->named_parameters()) {
            const bool head = p.key().rfind("instanceHead", 0) == 0
                    || p.key().rfind("attentionHead", 0) == 0;
            QCOMPARE(p.value().grad().defined(), head);
        }
    }

    void evaluationFoldsTheNormsWithoutChangingScores()
    {
        AttentionMil net(AttentionMilOptions(32, 5).hidden(32));
        {
            // Non-trivial running statistics first.
            torch::NoGradGuard noGrad;
            for (int i = 0; i < 3; ++i)
                net->forward(fullBatch(torch::rand({6, 7, 32}) * 4.0 - 1.0));
        }
        AttentionMil composed = twinOf(net);
        composed->fusedKernels = false;
        net->eval();
        composed->eval();
        const BagBatch batch = fullBatch(torch::rand({6, 7, 32}) * 4.0 - 1.0);
        const MilOutput reference = composed->forward(batch);
        // With gradients enabled evaluation keeps the composed operators exactly.
        QVERIFY(torch::equal(net->forward(batch).clip, reference.clip));
        torch::NoGradGuard noGrad;
        const MilOutput folded = net->forward(batch);
        QVERIFY(torch::allclose(folded.clip, reference.clip, 1e-4, 1e-6));
        QVERIFY(torch::allclose(folded.instance, reference.instance, 1e-4, 1e-6));
        QVERIFY(torch::allclose(folded.attention, reference.attention, 1e-4, 1e-6));
        const BagBatch ragged = paddedBatch({torch::rand({3, 32}), torch::rand({7, 32})});
        QVERIFY(torch::allclose(net->forward(ragged).clip, composed->forward(ragged).clip, 1e-4,
                                1e-6));
    }
};

QTEST_APPLESS_MAIN(FusedAttentionTest)
#include "FusedAttention_test.moc"
