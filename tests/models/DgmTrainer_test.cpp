// SPDX-License-Identifier: GPL-3.0-or-later
// The DGM trained end to end through trainModel on planted weak data: it must separate the
// classes far above chance, write a checkpoint Predictor can serve, report its loss terms every
// epoch, and stop when cancelled.
#include "DgmPlantedBags.h"
#include "models/api/Predictor.h"
#include "models/api/Training.h"

#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <atomic>
#include <cmath>

using namespace timbre::models;
using namespace timbre::models::testing;

class DgmTrainerTest : public QObject
{
    Q_OBJECT

private:
    static TrainConfig smallConfig()
    {
        TrainConfig c = TrainConfig::defaultsFor("dgm");
        c.epochs = 12;
        c.batchSize = 64;
        // The thesis' 1e-4 needs its 100 epochs; a test gets a dozen.
        c.learningRate = 1e-3;
        // The networks are tiny: a second intra-op thread only waits for its share.
        c.threads = 1;
        c.seed = 3;
        c.extra["dgm_h1"] = 64;
        c.extra["dgm_h2"] = 32;
        c.extra["dgm_latent"] = 8;
        c.extra["dgm_classifier_hidden"] = 32;
        return c;
    }

    static double meanAuroc(const std::vector<BagPrediction> &predictions, const BagSet &truth)
    {
        double sum = 0;
        for (int c = 0; c < truth.numClasses; ++c) {
            std::vector<float> scores;
            std::vector<float> labels;
            for (int b = 0; b < truth.numBags(); ++b) {
                scores.push_back(predictions[b].clipScores[c]);
                labels.push_back(truth.labels[static_cast<size_t>(b) * truth.numClasses + c]);
            }
            const double a = auroc(scores, labels);
            qInfo("class %d AUROC %.3f", c, a);
            sum += a;
        }
        return sum / truth.numClasses;
    }

private Q_SLOTS:
    void separatesPlantedClasses()
    {
        QTemporaryDir dir;
        const BagSet train = plantedBags(700, 3, 0.3, 11);
        const BagSet test = plantedBags(300, 3, 1.0, 12);
        TrainConfig c = smallConfig();
        c.outputCheckpoint = dir.filePath("dgm.ckpt").toStdString();
        int reports = 0;
        const TrainResult r = trainModel(
                c, train, nullptr,
                [&](const EpochReport &e) {
                    ++reports;
                    QVERIFY(e.trainLosses.count("labelled") && e.trainLosses.count("unlabelled")
                            && e.trainLosses.count("classification"));
                    QVERIFY(std::isfinite(e.trainLosses.at("total")));
                    QVERIFY(e.trainLosses.at("labelled") > 0);
                },
                nullptr);
        QVERIFY2(r.ok, r.error.c_str());
        QCOMPARE(reports, c.epochs);
        QCOMPARE(static_cast<int>(r.history.size()), c.epochs);
        QVERIFY(std::isfinite(r.bestValidationLoss));
        QCOMPARE(r.checkpointPath, c.outputCheckpoint);
        // The ELBO terms fall as the VAE learns.
        QVERIFY(r.history.back().trainLosses.at("labelled")
                < r.history.front().trainLosses.at("labelled"));

        ModelError error;
        std::unique_ptr<Predictor> predictor = Predictor::load(c.outputCheckpoint, &error);
        QVERIFY2(predictor, error.message.c_str());
        QCOMPARE(predictor->info().kind, std::string("dgm"));
        QCOMPARE(predictor->info().classNames, train.classNames);
        const std::vector<BagPrediction> p = predictor->predict(test, 64, &error);
        QVERIFY2(p.size() == size_t(test.numBags()), error.message.c_str());
        for (const BagPrediction &b : p) {
            QCOMPARE(b.clipScores.size(), size_t(3));
            QCOMPARE(b.instanceScores.size(), size_t(b.instances * 3));
            QVERIFY(b.attention.empty());
            for (float s : b.clipScores)
                QVERIFY(s > 0.0f && s < 1.0f);
        }
        const double a = meanAuroc(p, test);
        QVERIFY2(a > 0.9, qPrintable(QString("mean AUROC %1").arg(a)));
        // Same checkpoint, same answers.
        const std::vector<BagPrediction> again
                = Predictor::load(c.outputCheckpoint, &error)->predict(test, 17, &error);
        // (Another batch size may round differently in the last bits.)
        for (size_t b = 0; b < p.size(); ++b) {
            for (int k = 0; k < 3; ++k)
                QVERIFY(std::abs(again[b].clipScores[k] - p[b].clipScores[k]) < 1e-5f);
        }
    }

    void flattenedInputOnBagsOfAnyLength()
    {
        QTemporaryDir dir;
        const BagSet train = plantedBags(400, 2, 0.5, 21, true);
        const BagSet test = plantedBags(200, 2, 1.0, 22, true);
        TrainConfig c = smallConfig();
        // Flattened rows are 8x wider than pooled ones and learn more slowly.
        c.epochs = 20;
        c.learningRate = 3e-3;
        c.extra["dgm_flatten"] = 1;
        c.outputCheckpoint = dir.filePath("flat.ckpt").toStdString();
        const TrainResult r = trainModel(c, train, nullptr, nullptr, nullptr);
        QVERIFY2(r.ok, r.error.c_str());
        ModelError error;
        const auto p = Predictor::load(c.outputCheckpoint, &error)->predict(test, 64, &error);
        QCOMPARE(p.size(), size_t(test.numBags()));
        QVERIFY(p.front().instanceScores.empty());
        const double a = meanAuroc(p, test);
        QVERIFY2(a > 0.75, qPrintable(QString("mean AUROC %1").arg(a)));
    }

    void cancelStopsAndWritesNothing()
    {
        QTemporaryDir dir;
        const BagSet train = plantedBags(200, 2, 0.3, 31);
        TrainConfig c = smallConfig();
        c.outputCheckpoint = dir.filePath("never.ckpt").toStdString();
        std::atomic<bool> cancel {true};
        const TrainResult r = trainModel(c, train, nullptr, nullptr, &cancel);
        QVERIFY(!r.ok);
        QVERIFY(r.cancelled);
        QVERIFY(!QFile::exists(QString::fromStdString(c.outputCheckpoint)));
    }

    void cancelKeepsTheFinishedEpochs()
    {
        QTemporaryDir dir;
        const BagSet train = plantedBags(200, 2, 0.3, 31);
        TrainConfig c = smallConfig();
        c.validationFraction = 0.0;
        c.outputCheckpoint = dir.filePath("kept.ckpt").toStdString();
        std::atomic<bool> cancel {false};
        int reports = 0;
        const TrainResult r = trainModel(
                c, train, nullptr,
                [&](const EpochReport &e) {
                    ++reports;
                    QCOMPARE(e.learningRate, c.learningRate);
                    QCOMPARE(e.consistencyWeight, 0.0);
                    if (e.epoch == 2)
                        cancel = true;
                },
                &cancel);
        QVERIFY(r.cancelled);
        QCOMPARE(reports, 2); // the cancelled third epoch is not reported
        QCOMPARE(r.history.size(), size_t(2));
        QCOMPARE(r.checkpointEpoch, 2);
        ModelError error;
        auto predictor = Predictor::load(c.outputCheckpoint, &error);
        QVERIFY2(predictor, error.message.c_str());
        QCOMPARE(predictor->predict(train, 64, &error).size(), size_t(train.numBags()));
    }

    // Each instrument draws from streams of its own (models/training/DgmTrainer.cpp), so training
    // them side by side on several threads must give the numbers of one thread, bit for bit.
    void sameNumbersOnOneThreadAndOnSeveral()
    {
        const BagSet train = plantedBags(300, 4, 0.3, 21);
        const BagSet test = plantedBags(120, 4, 1.0, 22);
        QTemporaryDir dir;
        std::vector<std::vector<BagPrediction>> predictions;
        std::vector<double> totals;
        for (int threads : {1, 3}) {
            TrainConfig c = smallConfig();
            c.epochs = 3;
            c.threads = threads;
            c.outputCheckpoint = dir.filePath(QString("t%1.ckpt").arg(threads)).toStdString();
            const TrainResult r = trainModel(c, train, nullptr, nullptr, nullptr);
            QVERIFY2(r.ok, r.error.c_str());
            totals.push_back(r.history.back().trainLosses.at("total"));
            ModelError error;
            predictions.push_back(
                    Predictor::load(c.outputCheckpoint, &error)->predict(test, 64, &error));
            QCOMPARE(predictions.back().size(), size_t(test.numBags()));
        }
        QCOMPARE(totals[0], totals[1]);
        for (int b = 0; b < test.numBags(); ++b) {
            for (int k = 0; k < 4; ++k)
                QCOMPARE(predictions[0][b].clipScores[k], predictions[1][b].clipScores[k]);
        }
        // And another seed gives other numbers (the streams do follow the seed).
        TrainConfig other = smallConfig();
        other.epochs = 3;
        other.threads = 3;
        other.seed = 4;
        const TrainResult r = trainModel(other, train, nullptr, nullptr, nullptr);
        QVERIFY2(r.ok, r.error.c_str());
        QVERIFY(r.history.back().trainLosses.at("total") != totals[0]);
    }

    void unobservedClassPredictsOneHalf()
    {
        BagSet train = plantedBags(150, 2, 0.5, 41);
        for (int b = 0; b < train.numBags(); ++b)
            train.observed[static_cast<size_t>(b) * 2 + 1] = 0;
        QTemporaryDir dir;
        TrainConfig c = smallConfig();
        c.epochs = 2;
        c.outputCheckpoint = dir.filePath("half.ckpt").toStdString();
        const TrainResult r = trainModel(c, train, nullptr, nullptr, nullptr);
        QVERIFY2(r.ok, r.error.c_str());
        ModelError error;
        const auto p = Predictor::load(c.outputCheckpoint, &error)->predict(train, 64, &error);
        for (const BagPrediction &b : p)
            QCOMPARE(b.clipScores[1], 0.5f);
    }
};

QTEST_GUILESS_MAIN(DgmTrainerTest)
#include "DgmTrainer_test.moc"
