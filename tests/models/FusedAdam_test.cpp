// SPDX-License-Identifier: GPL-3.0-or-later
// models/kernels/FusedAdam against torch::optim::Adam: the same parameters after many steps (with
// and without weight decay), the same state, and a state that LibTorch's own serialiser reads back.
#include "models/kernels/FusedAdam.h"

#include <QtTest>

#include <sstream>

using namespace timbre::models;

namespace {

std::vector<torch::Tensor> someParameters()
{
    return {torch::randn({7, 5}), torch::randn({5}), torch::randn({3, 2, 4})};
}

std::vector<torch::Tensor> leafCopies(const std::vector<torch::Tensor> &params)
{
    std::vector<torch::Tensor> out;
    for (const auto &p : params)
        out.push_back(p.clone().set_requires_grad(true));
    return out;
}

// A loss with a different gradient every step.
void backwardOf(const std::vector<torch::Tensor> &params, int step)
{
    torch::Tensor loss = torch::zeros({});
    for (size_t i = 0; i < params.size(); ++i)
        loss = loss + (params[i].sin() * (1.0 + step + static_cast<double>(i))).pow(2).sum();
    loss.backward();
}

} // namespace

class FusedAdamTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { torch::manual_seed(5); }

    void matchesLibTorchAdam_data()
    {
        QTest::addColumn<double>("weightDecay");
        QTest::newRow("no weight decay") << 0.0;
        QTest::newRow("weight decay 1e-2") << 1e-2;
    }

    void matchesLibTorchAdam()
    {
        QFETCH(double, weightDecay);
        const auto initial = someParameters();
        auto reference = leafCopies(initial);
        auto fused = leafCopies(initial);
        const auto options = torch::optim::AdamOptions(3e-3).weight_decay(weightDecay);
        torch::optim::Adam referenceOptimizer(reference, options);
        torch::optim::Adam fusedOptimizer(fused, options);
        for (int step = 0; step < 50; ++step) {
            referenceOptimizer.zero_grad();
            fusedOptimizer.zero_grad();
            backwardOf(reference, step);
            backwardOf(fused, step);
            referenceOptimizer.step();
            fusedAdamStep(fusedOptimizer);
        }
        for (size_t i = 0; i < initial.size(); ++i) {
            QVERIFY(!torch::allclose(fused[i], initial[i])); // it moved
            QVERIFY(torch::allclose(fused[i], reference[i], 1e-5, 1e-6));
        }
        // The fused step keeps LibTorch's state: serialise it and load it into a fresh Adam.
        std::ostringstream bytes;
        {
            torch::serialize::OutputArchive archive;
            fusedOptimizer.save(archive);
            archive.save_to(bytes);
        }
        auto restored = leafCopies(initial);
        torch::optim::Adam restoredOptimizer(restored, options);
        std::istringstream in(bytes.str());
        torch::serialize::InputArchive archive;
        archive.load_from(in);
        restoredOptimizer.load(archive);
        const auto &state
                = static_cast<torch::optim::AdamParamState &>(*restoredOptimizer.state().at(
                        c10::guts::to_string(restored[0].unsafeGetTensorImpl())));
        QCOMPARE(state.step(), int64_t(50));
        const auto &referenceState
                = static_cast<torch::optim::AdamParamState &>(*referenceOptimizer.state().at(
                        c10::guts::to_string(reference[0].unsafeGetTensorImpl())));
        // 1e-4: the gradients themselves differ in the last bits after 50 steps.
        QVERIFY(torch::allclose(state.exp_avg_sq(), referenceState.exp_avg_sq(), 1e-4, 1e-9));
    }

    void skipsParametersWithoutGradient()
    {
        auto params = leafCopies(someParameters());
        const torch::Tensor before = params[1].detach().clone();
        torch::optim::Adam optimizer(params, torch::optim::AdamOptions(1e-2));
        (params[0].sum() + params[2].sum()).backward();
        fusedAdamStep(optimizer);
        QVERIFY(torch::equal(params[1].detach(), before));
        QCOMPARE(optimizer.state().size(), size_t(2));
    }
};

QTEST_APPLESS_MAIN(FusedAdamTest)
#include "FusedAdam_test.moc"
