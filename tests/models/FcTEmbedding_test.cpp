// SPDX-License-Identifier: GPL-3.0-or-later
// FC_T as thesis Sec. 3.3.1 describes it (models/networks/AttentionMil.h, meanPooling): ATT's
// batch-normed embedding and instance head with the clip score the mean of the bag's instance
// scores, the default for new FC_T models; the earlier plain embedding stays reachable with
// fct_embedding=0 and is what an FC_T checkpoint without the key loads as.
#include "SyntheticBags.h"
#include "models/api/Predictor.h"
#include "models/api/TrainConfig.h"
#include "models/api/Training.h"
#include "models/networks/MilNet.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace timbre::models;
using namespace timbre::models::testing;

namespace {

bool hasParameter(torch::nn::Module &net, const std::string &prefix)
{
    for (const auto &item : net.named_parameters())
        if (item.key().rfind(prefix, 0) == 0)
            return true;
    return false;
}

TrainConfig fctConfig(double embedding)
{
    TrainConfig c = TrainConfig::defaultsFor("fct");
    c.extra["fct_embedding"] = embedding;
    c.extra["hidden"] = 32;
    c.epochs = 6;
    c.batchSize = 32;
    c.learningRate = 3e-3;
    c.seed = 7;
    c.threads = 1;
    c.validationFraction = 0.0;
    return c;
}

} // namespace

class FcTEmbeddingTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    BagSet m_data = syntheticBags(300, 16, 4, 3, 8, 0.6, 5);

private Q_SLOTS:
    void defaultsToAttsEmbedding()
    {
        const TrainConfig c = TrainConfig::defaultsFor("fct");
        QCOMPARE(c.extraOr("fct_embedding", 0), 1.0);
        auto att = createMilNet("fct", 16, 4, c.dropout, c.extra);
        QVERIFY(att);
        QVERIFY(hasParameter(*att, "inputNorm"));
        QVERIFY(hasParameter(*att, "norm2"));
        QVERIFY(!hasParameter(*att, "attentionHead"));
        // No key (every FC_T checkpoint written before): the plain embedding, no batch norm.
        auto plain = createMilNet("fct", 16, 4, c.dropout, {});
        QVERIFY(plain);
        QVERIFY(!hasParameter(*plain, "inputNorm"));
        QVERIFY(hasParameter(*plain, "linear0.bias"));
    }

    void clipScoreIsTheMeanOverTheBagsInstances()
    {
        torch::manual_seed(1);
        auto net = createMilNet("fct", 16, 4, 0.5, {{"fct_embedding", 1}});
        net->eval();
        torch::NoGradGuard noGrad;
        // Two bags of 5 and 3 instances: the second padded with zeros to 5.
        BagBatch batch;
        batch.features = torch::randn({2, 5, 16});
        batch.features.index_put_({1, torch::indexing::Slice(3, 5)}, 0.0);
        batch.mask = torch::ones({2, 5});
        batch.mask.index_put_({1, torch::indexing::Slice(3, 5)}, 0.0);
        batch.validRows = torch::tensor({0, 1, 2, 3, 4, 5, 6, 7}, torch::kLong);
        batch.lengths = {5, 3};
        const MilOutput out = net->forward(batch);
        QVERIFY(!out.attention.defined());
        QCOMPARE(out.clip.sizes(), (torch::IntArrayRef {2, 4}));
        const torch::Tensor first = out.instance[0].mean(0);
        const torch::Tensor second = out.instance[1].slice(0, 0, 3).mean(0);
        QVERIFY(torch::allclose(out.clip[0], first, 1e-6, 1e-6));
        QVERIFY(torch::allclose(out.clip[1], second, 1e-6, 1e-6));
        // Padding scores nothing.
        QCOMPARE(out.instance[1].slice(0, 3, 5).abs().sum().item<float>(), 0.0f);
    }

    void bothEmbeddingsTrainSaveAndLoad_data()
    {
        QTest::addColumn<double>("embedding");
        QTest::newRow("att embedding") << 1.0;
        QTest::newRow("plain") << 0.0;
    }

    void bothEmbeddingsTrainSaveAndLoad()
    {
        QFETCH(double, embedding);
        TrainConfig c = fctConfig(embedding);
        c.outputCheckpoint
                = m_dir.filePath(QStringLiteral("fct-%1.ckpt").arg(embedding)).toStdString();
        const TrainResult r = trainModel(c, m_data, nullptr, {}, nullptr);
        QVERIFY2(r.ok, r.error.c_str());
        QVERIFY(r.history.back().trainLosses.at("bce") < r.history.front().trainLosses.at("bce"));
        ModelError error;
        auto predictor = Predictor::load(r.checkpointPath, &error);
        QVERIFY2(predictor, error.message.c_str());
        const auto scores = predictor->predict(m_data, 64, &error);
        QCOMPARE(int(scores.size()), m_data.numBags());
        // Each clip score is the mean of that bag's instance scores.
        for (size_t b = 0; b < 5; ++b) {
            const BagPrediction &p = scores[b];
            for (int k = 0; k < p.numClasses; ++k) {
                double mean = 0;
                for (int i = 0; i < p.instances; ++i)
                    mean += p.instanceScores[size_t(i * p.numClasses + k)];
                mean /= p.instances;
                QVERIFY(std::abs(mean - p.clipScores[size_t(k)]) < 1e-5);
            }
        }
    }
};

QTEST_GUILESS_MAIN(FcTEmbeddingTest)
#include "FcTEmbedding_test.moc"
