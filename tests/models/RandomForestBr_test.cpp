// SPDX-License-Identifier: GPL-3.0-or-later
// RF-BR (Sec. 3.3.1) on planted data: it learns the classes, its bytes and its checkpoint
// reproduce its predictions exactly, and broken bytes are refused.
#include "DgmPlantedBags.h"
#include "models/api/Predictor.h"
#include "models/api/Training.h"
#include "models/forest/RandomForestBr.h"

#include <QTemporaryDir>
#include <QtTest/QtTest>

using namespace timbre::models;
using namespace timbre::models::testing;

class RandomForestBrTest : public QObject
{
    Q_OBJECT

private:
    static RandomForestBr::Options smallOptions()
    {
        RandomForestBr::Options o;
        o.trees = 40;
        o.maxDepth = 8;
        return o;
    }

private Q_SLOTS:
    void learnsPlantedClasses()
    {
        const BagSet train = plantedBags(400, 3, 0.6, 5);
        const BagSet test = plantedBags(200, 3, 1.0, 6);
        RandomForestBr forest;
        QCOMPARE(forest.train(train, smallOptions(), 1, 2, nullptr), std::string());
        QCOMPARE(forest.numClasses(), 3);
        const std::vector<float> scores = forest.clipScores(test);
        QCOMPARE(scores.size(), size_t(200 * 3));
        for (int c = 0; c < 3; ++c) {
            const double a = auroc(column(scores, 3, c), column(test.labels, 3, c));
            qInfo("class %d AUROC %.3f", c, a);
            QVERIFY2(a > 0.85, qPrintable(QString("class %1 AUROC %2").arg(c).arg(a)));
        }
        for (float s : scores)
            QVERIFY(s >= 0.0f && s <= 1.0f);

        // The seed matters, and a seed always gives the same forests.
        RandomForestBr again;
        QCOMPARE(again.train(train, smallOptions(), 1, 1, nullptr), std::string());
        QCOMPARE(again.clipScores(test), scores);
        RandomForestBr reseeded;
        QCOMPARE(reseeded.train(train, smallOptions(), 2, 2, nullptr), std::string());
        QVERIFY(reseeded.clipScores(test) != scores);

        // Mean-pooled rows learn the same problem.
        RandomForestBr::Options pooled = smallOptions();
        pooled.flatten = false;
        RandomForestBr pooledForest;
        QCOMPARE(pooledForest.train(train, pooled, 1, 2, nullptr), std::string());
        const std::vector<float> pooledScores = pooledForest.clipScores(test);
        QVERIFY(auroc(column(pooledScores, 3, 0), column(test.labels, 3, 0)) > 0.9);
    }

    void bytesRoundTripIsExact()
    {
        BagSet train = plantedBags(200, 3, 0.6, 7, true);
        // Class 2 never observed: a constant 0.5.
        for (int b = 0; b < train.numBags(); ++b)
            train.observed[static_cast<size_t>(b) * 3 + 2] = 0;
        const BagSet test = plantedBags(60, 3, 1.0, 8, true);
        RandomForestBr forest;
        QCOMPARE(forest.train(train, smallOptions(), 4, 2, nullptr), std::string());
        const std::string bytes = forest.toBytes();
        QVERIFY(!bytes.empty());
        ModelError error;
        const std::unique_ptr<RandomForestBr> loaded = RandomForestBr::fromBytes(bytes, &error);
        QVERIFY2(loaded, error.message.c_str());
        const std::vector<float> before = forest.clipScores(test);
        QCOMPARE(loaded->clipScores(test), before);
        for (float s : column(before, 3, 2))
            QCOMPARE(s, 0.5f);

        std::string broken = bytes;
        broken[broken.size() / 2] ^= 0x5a;
        QVERIFY(!RandomForestBr::fromBytes(broken, &error));
        QVERIFY(error.isError());
        QVERIFY(!RandomForestBr::fromBytes("not a forest", &error));
    }

    void checkpointThroughTrainModelAndPredictor()
    {
        QTemporaryDir dir;
        const BagSet train = plantedBags(250, 2, 0.6, 9);
        const BagSet test = plantedBags(80, 2, 1.0, 10);
        TrainConfig c = TrainConfig::defaultsFor("rf");
        c.seed = 17;
        c.threads = 2;
        c.extra["rf_trees"] = 30;
        c.extra["rf_max_depth"] = 8;
        c.outputCheckpoint = dir.filePath("rf.ckpt").toStdString();
        const TrainResult r = trainModel(c, train, &test, nullptr, nullptr);
        QVERIFY2(r.ok, r.error.c_str());
        QCOMPARE(r.history.size(), size_t(1));
        QVERIFY(r.history[0].validationLoss > 0 && r.history[0].validationLoss < 0.6);

        ModelError error;
        std::unique_ptr<Predictor> predictor = Predictor::load(c.outputCheckpoint, &error);
        QVERIFY2(predictor, error.message.c_str());
        QCOMPARE(predictor->info().kind, std::string("rf"));
        const std::vector<BagPrediction> p = predictor->predict(test, 32, &error);
        QCOMPARE(p.size(), size_t(test.numBags()));

        // The same seed and options give the same forests, so the same scores.
        RandomForestBr::Options o;
        o.trees = 30;
        o.maxDepth = 8;
        RandomForestBr direct;
        QCOMPARE(direct.train(train, o, 17, 1, nullptr), std::string());
        const std::vector<float> expected = direct.clipScores(test);
        for (int b = 0; b < test.numBags(); ++b) {
            QVERIFY(p[b].instanceScores.empty());
            for (int k = 0; k < 2; ++k)
                QCOMPARE(p[b].clipScores[k], expected[static_cast<size_t>(b) * 2 + k]);
        }
    }
};

QTEST_GUILESS_MAIN(RandomForestBrTest)
#include "RandomForestBr_test.moc"
