// SPDX-License-Identifier: GPL-3.0-or-later
// Partial BCE (Eq. 3.5), its balanced variant (Eq. 3.7/3.8) and the consistency MSE (Eq. 5.4).
#include "models/training/Losses.h"

#include <QtTest>

#include <cmath>

using namespace timbre::models;

class LossesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void partialBceIsMeanBceOverObservedLabels()
    {
        const torch::Tensor q = torch::tensor({0.9f, 0.2f, 0.6f, 0.3f, 0.5f, 0.8f}).view({2, 3});
        const torch::Tensor y = torch::tensor({1.0f, 0.0f, 1.0f, 0.0f, 1.0f, 1.0f}).view({2, 3});
        const torch::Tensor o = torch::tensor({1.0f, 1.0f, 0.0f, 0.0f, 1.0f, 0.0f}).view({2, 3});
        // Bag 0 observes labels 0 and 1, bag 1 only label 1: per-bag mean, then over bags.
        const double bag0 = -(std::log(0.9) + std::log(1.0 - 0.2)) / 2.0;
        const double bag1 = -std::log(0.5);
        const double expected = (bag0 + bag1) / 2.0;
        QVERIFY(std::abs(partialBce(q, y, o).item<double>() - expected) < 1e-6);
    }

    void unknownLabelsContributeNothingAndGetNoGradient()
    {
        torch::Tensor q = torch::tensor({0.9f, 0.2f, 0.6f, 0.3f}).view({2, 2}).requires_grad_();
        // Unknown labels hold garbage (even NaN): it must not matter.
        const torch::Tensor y = torch::tensor({1.0f, NAN, 7.0f, 0.0f}).view({2, 2});
        const torch::Tensor o = torch::tensor({1.0f, 0.0f, 0.0f, 1.0f}).view({2, 2});
        const torch::Tensor loss = partialBce(q, y, o);
        loss.backward();
        const torch::Tensor g = q.grad();
        QCOMPARE(g[0][1].item<float>(), 0.0f);
        QCOMPARE(g[1][0].item<float>(), 0.0f);
        QVERIFY(g[0][0].item<float>() != 0.0f);
        QVERIFY(g[1][1].item<float>() != 0.0f);
        const double expected = (-std::log(0.9) - std::log(0.7)) / 2.0;
        QVERIFY(std::abs(loss.item<double>() - expected) < 1e-6);
    }

    void bagsWithoutObservedLabelsAreLeftOut()
    {
        const torch::Tensor q = torch::tensor({0.9f, 0.2f, 0.6f, 0.3f}).view({2, 2});
        const torch::Tensor y = torch::tensor({1.0f, 0.0f, 1.0f, 0.0f}).view({2, 2});
        const torch::Tensor o = torch::tensor({1.0f, 1.0f, 0.0f, 0.0f}).view({2, 2});
        const double expected = -(std::log(0.9) + std::log(0.8)) / 2.0;
        QVERIFY(std::abs(partialBce(q, y, o).item<double>() - expected) < 1e-6);
        QCOMPARE(partialBce(q, y, torch::zeros({2, 2})).item<float>(), 0.0f);
    }

    void normalisationFunctionFollowsEq35()
    {
        // g(p) = alpha p^gamma + beta with alpha 2, beta 0.5, gamma 1 on one bag, 1 of 4 observed.
        const torch::Tensor q = torch::tensor({0.7f, 0.5f, 0.5f, 0.5f}).view({1, 4});
        const torch::Tensor y = torch::tensor({1.0f, 0.0f, 0.0f, 0.0f}).view({1, 4});
        const torch::Tensor o = torch::tensor({1.0f, 0.0f, 0.0f, 0.0f}).view({1, 4});
        PartialBceOptions opts;
        opts.alpha = 2.0;
        opts.beta = 0.5;
        opts.gamma = 1.0;
        const double g = 2.0 * 0.25 + 0.5;
        const double expected = g / 4.0 * -std::log(0.7);
        QVERIFY(std::abs(partialBce(q, y, o, opts).item<double>() - expected) < 1e-6);
    }

    void balancedWeightsAreNegativesOverPositives()
    {
        // Class 0: 1 positive, 3 negatives observed; class 1: no positives -> weight 1.
        const torch::Tensor y = torch::tensor({1.f, 0.f, 0.f, 0.f, 0.f, 0.f, 0.f, 1.f}).view({4, 2});
        const torch::Tensor o = torch::tensor({1.f, 1.f, 1.f, 1.f, 1.f, 0.f, 1.f, 0.f}).view({4, 2});
        const torch::Tensor w = balancedPositiveWeights(y, o);
        QCOMPARE(w[0].item<float>(), 3.0f);
        QCOMPARE(w[1].item<float>(), 1.0f);
        // Eq. 3.7: the positive term is weighted, the negative one is not.
        const torch::Tensor q = torch::tensor({0.6f, 0.4f}).view({1, 2});
        const torch::Tensor yy = torch::tensor({1.f, 0.f}).view({1, 2});
        const torch::Tensor oo = torch::ones({1, 2});
        const torch::Tensor pw = torch::tensor({3.0f, 5.0f});
        const double expected = (-3.0 * std::log(0.6) - std::log(0.6)) / 2.0;
        QVERIFY(std::abs(partialBce(q, yy, oo, {}, pw).item<double>() - expected) < 1e-6);
    }

    void consistencyIsMeanSquaredDifferenceOverAllLabels()
    {
        torch::Tensor s = torch::tensor({0.2f, 0.4f, 0.9f, 0.1f}).view({2, 2}).requires_grad_();
        torch::Tensor t = torch::tensor({0.3f, 0.4f, 0.5f, 0.1f}).view({2, 2}).requires_grad_();
        const torch::Tensor c = consistencyMse(s, t);
        // Per bag (1/C)||s - t||^2, then the batch mean.
        const double expected = ((0.01 + 0.0) / 2.0 + (0.16 + 0.0) / 2.0) / 2.0;
        QVERIFY(std::abs(c.item<double>() - expected) < 1e-6);
        c.backward();
        QVERIFY(!t.grad().defined() || t.grad().abs().sum().item<float>() == 0.0f);
        QVERIFY(s.grad().abs().sum().item<float>() > 0.0f);
    }
};

QTEST_GUILESS_MAIN(LossesTest)
#include "Losses_test.moc"
