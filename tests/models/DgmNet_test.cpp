// SPDX-License-Identifier: GPL-3.0-or-later
// The terms of the DGM objective (thesis Eq. 4.5-4.8) against hand formulas, and the DGM's
// weights and scaling surviving a byte round-trip.
#include "models/networks/DgmNet.h"
#include "models/scoring/DgmScorer.h"

#include <QtTest/QtTest>

#include <cmath>

using namespace timbre::models;

class DgmNetTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { torch::manual_seed(7); }

    void klOfStandardNormalIsZero()
    {
        const torch::Tensor mean = torch::zeros({3, 64});
        const torch::Tensor logVariance = torch::zeros({3, 64});
        const torch::Tensor kl = dgmGaussianKl(mean, logVariance);
        QCOMPARE(kl.sizes().vec(), std::vector<int64_t>({3}));
        QVERIFY(kl.abs().max().item<double>() < 1e-7);
        // KL(N(1, 1) || N(0, 1)) = 1/2 per dimension; KL(N(0, e) || N(0, 1)) = (e - 1 - 1)/2.
        const torch::Tensor shifted = dgmGaussianKl(torch::ones({1, 2}), torch::zeros({1, 2}));
        QVERIFY(std::abs(shifted.item<double>() - 1.0) < 1e-6);
        const torch::Tensor wide = dgmGaussianKl(torch::zeros({1, 1}), torch::ones({1, 1}));
        QVERIFY(std::abs(wide.item<double>() - 0.5 * (std::exp(1.0) - 2.0)) < 1e-6);
        // Never negative.
        const torch::Tensor random = dgmGaussianKl(torch::randn({50, 8}), torch::randn({50, 8}));
        QVERIFY(random.min().item<double>() >= 0.0);
    }

    void likelihoodsMatchHandValues()
    {
        const torch::Tensor x = torch::rand({4, 10});
        // Bernoulli with logit 0: p = 1/2 everywhere, log p(x) = D log(1/2) for x in [0, 1].
        const torch::Tensor bern = dgmLogLikelihood(torch::zeros({4, 10}), x, false);
        QCOMPARE(bern.sizes().vec(), std::vector<int64_t>({4}));
        for (int i = 0; i < 4; ++i)
            QVERIFY(std::abs(bern[i].item<double>() - 10 * std::log(0.5)) < 1e-5);
        // Unit-variance Gaussian at its mean: -D/2 log(2 pi).
        const torch::Tensor gauss = dgmLogLikelihood(x, x, true);
        QVERIFY(std::abs(gauss[0].item<double>() + 5.0 * std::log(2 * M_PI)) < 1e-5);
        const torch::Tensor off = dgmLogLikelihood(x + 1, x, true);
        QVERIFY(std::abs(off[0].item<double>() + 5.0 * std::log(2 * M_PI) + 5.0) < 1e-4);
    }

    void labelledBoundShapesAndSigns()
    {
        DgmNetOptions o;
        o.inputDim = 12;
        o.latentDim = 4;
        o.hidden = {16, 8, 0};
        o.classifierHidden = {8, 8, 8};
        DgmNet net(o);
        const torch::Tensor x = torch::rand({5, 12});
        const torch::Tensor y = torch::tensor({0, 1, 1, 0, 1}, torch::kLong);
        const DgmBoundTerms t = net->labelledBound(x, y);
        QCOMPARE(t.logLikelihood.sizes().vec(), std::vector<int64_t>({5}));
        QCOMPARE(t.kl.sizes().vec(), std::vector<int64_t>({5}));
        QCOMPARE(t.loss.sizes().vec(), std::vector<int64_t>({5}));
        // Bernoulli log-likelihood of [0, 1] data is <= 0, KL >= 0, so L = -(ll + log 1/2 - kl)
        // is at least log 2.
        QVERIFY(t.logLikelihood.max().item<double>() <= 0.0);
        QVERIFY(t.kl.min().item<double>() >= 0.0);
        QVERIFY(t.loss.min().item<double>() >= std::log(2.0) - 1e-6);
        const torch::Tensor expected = -(t.logLikelihood + std::log(0.5) - t.kl);
        QVERIFY((t.loss - expected).abs().max().item<double>() < 1e-5);
        const auto [mean, logVariance] = net->encode(x, y);
        QCOMPARE(mean.sizes().vec(), std::vector<int64_t>({5, 4}));
        QCOMPARE(logVariance.sizes().vec(), std::vector<int64_t>({5, 4}));
        QCOMPARE(net->decode(mean, y).sizes().vec(), std::vector<int64_t>({5, 12}));
        QCOMPARE(net->classifierLogit(x).sizes().vec(), std::vector<int64_t>({5}));
    }

    void unlabelledBoundMatchesHandFormula()
    {
        // U(x) = sum_y q(y|x) L(x,y) - H(q(y|x)) on a tiny example (Eq. 4.6, sign flipped).
        const std::vector<double> logits = {0.0, 0.3, -2.0, 4.0};
        const std::vector<double> l0 = {2.0, 2.0, 7.5, 1.0};
        const std::vector<double> l1 = {5.0, 5.0, 3.0, 9.0};
        const torch::Tensor u = dgmUnlabelledBound(torch::tensor(logits, torch::kDouble),
                                                   torch::tensor(l0, torch::kDouble),
                                                   torch::tensor(l1, torch::kDouble));
        QCOMPARE(u.sizes().vec(), std::vector<int64_t>({4}));
        for (size_t i = 0; i < logits.size(); ++i) {
            const double p = 1.0 / (1.0 + std::exp(-logits[i]));
            const double h = -(p * std::log(p) + (1 - p) * std::log(1 - p));
            const double hand = p * l1[i] + (1 - p) * l0[i] - h;
            QVERIFY2(
                    std::abs(u[i].item<double>() - hand) < 1e-9,
                    qPrintable(
                            QString("row %1: %2 vs %3").arg(i).arg(u[i].item<double>()).arg(hand)));
        }
        // Logit 0: (L0 + L1) / 2 - log 2.
        QVERIFY(std::abs(u[0].item<double>() - (3.5 - std::log(2.0))) < 1e-12);
        QVERIFY(std::abs(dgmBinaryEntropy(torch::zeros({1}, torch::kDouble)).item<double>()
                         - std::log(2.0))
                < 1e-12);
    }

    void objectiveTrainsTheClassifierThroughU()
    {
        DgmNetOptions o;
        o.inputDim = 6;
        o.latentDim = 3;
        o.hidden = {8, 8, 0};
        o.classifierHidden = {8, 8, 8};
        o.classifierDropout = 0.0;
        DgmNet net(o);
        const torch::Tensor xl = torch::rand({4, 6});
        const torch::Tensor yl = torch::tensor({0, 1, 0, 1}, torch::kLong);
        const torch::Tensor xu = torch::rand({3, 6});
        // alpha = 0 and no unlabelled data: the classifier gets no gradient at all.
        DgmObjective onlyLabelled = dgmObjective(net, xl, yl, torch::Tensor(), 0.0);
        onlyLabelled.total.backward();
        double classifierGrad = 0;
        for (const auto &p : net->named_parameters()) {
            if (p.key().rfind("classifier", 0) == 0 && p.value().grad().defined())
                classifierGrad += p.value().grad().abs().sum().item<double>();
        }
        QCOMPARE(classifierGrad, 0.0);
        QCOMPARE(onlyLabelled.unlabelled, 0.0);
        // With unlabelled data, U reaches the classifier through q(y|x).
        net->zero_grad();
        DgmObjective withU = dgmObjective(net, xl, yl, xu, 0.0);
        withU.total.backward();
        classifierGrad = 0;
        for (const auto &p : net->named_parameters()) {
            if (p.key().rfind("classifier", 0) == 0 && p.value().grad().defined())
                classifierGrad += p.value().grad().abs().sum().item<double>();
        }
        QVERIFY(classifierGrad > 0.0);
        QVERIFY(withU.unlabelled > 0.0);
        // The reported total is the sum of its parts.
        const double alpha = 10.0;
        DgmObjective all = dgmObjective(net, xl, yl, xu, alpha);
        QVERIFY(std::abs(all.total.item<double>()
                         - (all.labelled + all.unlabelled + alpha * all.classification))
                < 1e-3);
    }

    void scorerBytesRoundTrip()
    {
        DgmScorer scorer;
        scorer.options.inputDim = 5;
        scorer.options.latentDim = 4;
        scorer.options.hidden = {8, 6, 4};
        scorer.options.classifierHidden = {7, 7, 7};
        scorer.low = {0, -1, 0, 0, 2};
        scorer.high = {1, 1, 3, 1, 4};
        scorer.fallback = {-1.0f, 0.25f, -1.0f};
        for (int c = 0; c < 3; ++c)
            scorer.nets.emplace_back(scorer.options);
        BagSet bags;
        bags.featureDim = 5;
        bags.numClasses = 3;
        for (int b = 0; b < 4; ++b) {
            const int n = 1 + b;
            const torch::Tensor f = torch::randn({n, 5});
            const float labels[3] = {0, 0, 0};
            const uint8_t observed[3] = {0, 0, 0};
            bags.appendBag(f.data_ptr<float>(), n, labels, observed);
        }
        const auto before = scorer.predict(bags, 3);
        const std::unique_ptr<DgmScorer> loaded = DgmScorer::fromBytes(scorer.toBytes());
        const auto after = loaded->predict(bags, 2);
        QCOMPARE(after.size(), size_t(4));
        for (size_t b = 0; b < 4; ++b) {
            QCOMPARE(after[b].clipScores, before[b].clipScores);
            QCOMPARE(after[b].instanceScores, before[b].instanceScores);
            QCOMPARE(after[b].instanceScores.size(), size_t(after[b].instances * 3));
            QCOMPARE(after[b].clipScores[1], 0.25f);
        }
        QCOMPARE(loaded->options.hidden, scorer.options.hidden);
        QCOMPARE(loaded->low, scorer.low);
    }
};

QTEST_GUILESS_MAIN(DgmNetTest)
#include "DgmNet_test.moc"
