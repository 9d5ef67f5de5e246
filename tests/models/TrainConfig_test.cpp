// SPDX-License-Identifier: GPL-3.0-or-later
// TrainConfig: the thesis' defaults per kind and a lossless JSON round trip.
#include "models/api/TrainConfig.h"

#include <QtTest>

using namespace timbre::models;

class TrainConfigTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsFollowMethod()
    {
        const TrainConfig att = TrainConfig::defaultsFor("att");
        QCOMPARE(att.epochs, 250);
        QCOMPARE(att.batchSize, 128);
        QCOMPARE(att.learningRate, 5e-4);
        QCOMPARE(att.dropout, 0.6);
        QCOMPARE(att.validationFraction, 0.15);
        QCOMPARE(att.lossAlpha, 1.0);
        QCOMPARE(att.lossBeta, 0.0);
        QCOMPARE(att.lossGamma, -1.0);
        const TrainConfig mt = TrainConfig::defaultsFor("mt");
        QCOMPARE(mt.epochs, 200);
        QCOMPARE(mt.learningRate, 1e-3);
        QCOMPARE(mt.lrHalvingEpochs, 30);
        QCOMPARE(mt.emaDecay, 0.999);
        QCOMPARE(mt.consistencyWeight, 3.0);
        QCOMPARE(mt.consistencyRampEpochs, 100);
        QCOMPARE(mt.dropout, 0.6);
        const TrainConfig dgm = TrainConfig::defaultsFor("dgm");
        QCOMPARE(dgm.extraOr("dgm_latent", 0), 64.0);
        QCOMPARE(dgm.weightDecay, 1e-5);
        QCOMPARE(TrainConfig::defaultsFor("cnn").batchSize, 32);
    }

    void jsonRoundTrip()
    {
        TrainConfig c = TrainConfig::defaultsFor("mt");
        c.seed = 18446744073709551557ULL; // beyond a double's exact integers
        c.learningRate = 3.3e-4;
        c.balanced = true;
        c.fineTune = "heads";
        c.separateUnlabelledBatches = true;
        c.lrRampUpEpochs = 10;
        c.lrRampDownEpochs = 50;
        c.warmStartCheckpoint = "/tmp/a \"quoted\" path\\x.ckpt";
        c.extractorId = "vggish-ts";
        c.extractorVersion = 3;
        c.labelSnapshot = "labels@2026-11-24\n";
        c.extra = {{"hidden", 256}, {"ratio", 0.1}};
        ModelError error;
        const TrainConfig back = TrainConfig::fromJson(c.toJson(), &error);
        QVERIFY2(error.ok(), error.message.c_str());
        QCOMPARE(back.toJson(), c.toJson());
        QCOMPARE(back.seed, c.seed);
        QCOMPARE(back.learningRate, 3.3e-4);
        QCOMPARE(back.warmStartCheckpoint, c.warmStartCheckpoint);
        QCOMPARE(back.labelSnapshot, c.labelSnapshot);
        QCOMPARE(back.extra, c.extra);
        QVERIFY(back.balanced);
        QCOMPARE(back.fineTune, std::string("heads"));
    }

    void partialJsonFillsKindDefaults()
    {
        ModelError error;
        const TrainConfig c = TrainConfig::fromJson("{\"modelKind\":\"mt\",\"epochs\":5}", &error);
        QVERIFY(error.ok());
        QCOMPARE(c.epochs, 5);
        QCOMPARE(c.learningRate, 1e-3);
    }

    void badJsonIsAnError()
    {
        ModelError error;
        TrainConfig::fromJson("{\"epochs\":", &error);
        QVERIFY(error.isError());
        TrainConfig::fromJson("{\"epochs\":\"ten\"}", &error);
        QVERIFY2(error.message.find("epochs") != std::string::npos, error.message.c_str());
        TrainConfig::fromJson("[1,2]", &error);
        QVERIFY(error.isError());
    }
};

QTEST_GUILESS_MAIN(TrainConfigTest)
#include "TrainConfig_test.moc"
