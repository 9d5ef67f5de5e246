// SPDX-License-Identifier: GPL-3.0-or-later
// Checkpoints through the public Predictor: identical outputs after a round trip, metadata,
// and refusal of corrupt or mismatched files with messages that name the file.
#include "SyntheticBags.h"
#include "models/api/Predictor.h"
#include "models/checkpoints/CheckpointFile.h"
#include "models/checkpoints/MilCheckpoint.h"
#include "models/inputs/BagTensors.h"
#include "models/networks/AttentionMil.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace timbre::models;
using timbre::models::testing::syntheticBags;

class PredictorTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir dir;
    BagSet data = syntheticBags(37, 12, 3, 1, 7, 0.5, 9);
    std::string path(const char *name) { return dir.filePath(name).toStdString(); }

    // An ATT checkpoint written from a network built here, so outputs can be compared.
    std::shared_ptr<MilNetImpl> writeAtt(const std::string &file, const std::string &kind = "att")
    {
        torch::manual_seed(5);
        auto net = createMilNet("att", 12, 3, 0.6, {{"hidden", 24}});
        // Train-mode passes give the batch norms non-default running statistics.
        BagTensors tensors(data);
        net->train();
        {
            torch::NoGradGuard noGrad;
            net->forward(tensors.batch(0, 20));
        }
        net->eval();
        CheckpointFile ckpt;
        TrainConfig config = TrainConfig::defaultsFor(kind);
        config.extra["hidden"] = 24;
        ckpt.info.kind = kind;
        ckpt.info.hyperParametersJson = config.toJson();
        ckpt.info.extractorId = "melstat";
        ckpt.info.extractorVersion = 2;
        ckpt.info.featureDim = 12;
        ckpt.info.classNames = data.classNames;
        ckpt.info.labelSnapshot = "snap-1";
        ckpt.info.metricsJson = "{}";
        ckpt.info.created = "2026-11-24T00:00:00Z";
        ckpt.blobs["student"] = moduleBytes(*net);
        if (kind == "mt")
            ckpt.blobs["teacher"] = moduleBytes(*net);
        ModelError error;
        if (!ckpt.save(file, &error))
            qFatal("%s", error.message.c_str());
        return net;
    }

    static QByteArray readFile(const std::string &file)
    {
        QFile f(QString::fromStdString(file));
        f.open(QIODevice::ReadOnly);
        return f.readAll();
    }
    static void writeFile(const std::string &file, const QByteArray &bytes)
    {
        QFile f(QString::fromStdString(file));
        f.open(QIODevice::WriteOnly | QIODevice::Truncate);
        f.write(bytes);
    }

private Q_SLOTS:
    void roundTripGivesIdenticalOutputs()
    {
        for (const char *kind : {"att", "mt"}) {
            const std::string file = path("rt.ckpt");
            auto net = writeAtt(file, kind);
            ModelError error;
            auto predictor = Predictor::load(file, &error);
            QVERIFY2(predictor, error.message.c_str());
            const auto predictions = predictor->predict(data, 8, &error);
            QCOMPARE(static_cast<int>(predictions.size()), data.numBags());
            // Reference: the in-memory network, one bag at a time (no padding at all).
            torch::NoGradGuard noGrad;
            BagTensors tensors(data);
            for (int b = 0; b < data.numBags(); ++b) {
                const MilOutput ref = net->forward(tensors.batch(b, 1));
                const BagPrediction &p = predictions[b];
                QCOMPARE(p.instances, data.bagSize(b));
                QCOMPARE(p.numClasses, 3);
                QCOMPARE(static_cast<int>(p.attention.size()), p.instances * 3);
                QCOMPARE(static_cast<int>(p.instanceScores.size()), p.instances * 3);
                for (int c = 0; c < 3; ++c) {
                    QVERIFY(std::abs(p.clipScores[c] - ref.clip[0][c].item<float>()) < 1e-6f);
                    float sum = 0.0f;
                    for (int i = 0; i < p.instances; ++i)
                        sum += p.attention[static_cast<size_t>(i) * 3 + c];
                    QVERIFY(std::abs(sum - 1.0f) < 1e-5f);
                }
            }
        }
    }

    void metadataSurvives()
    {
        const std::string file = path("meta.ckpt");
        writeAtt(file);
        CheckpointInfo info;
        ModelError error;
        QVERIFY2(Predictor::readInfo(file, &info, &error), error.message.c_str());
        QCOMPARE(info.kind, std::string("att"));
        QCOMPARE(info.extractorId, std::string("melstat"));
        QCOMPARE(info.extractorVersion, 2);
        QCOMPARE(info.featureDim, 12);
        QCOMPARE(info.classNames, data.classNames);
        QCOMPARE(info.labelSnapshot, std::string("snap-1"));
        QCOMPARE(TrainConfig::fromJson(info.hyperParametersJson).extraOr("hidden", 0), 24.0);
        QVERIFY2(Predictor::writeMetrics(file, "{\"f1\":0.8}", &error), error.message.c_str());
        QVERIFY(Predictor::readInfo(file, &info, &error));
        QCOMPARE(info.metricsJson, std::string("{\"f1\":0.8}"));
        QVERIFY(Predictor::load(file, &error) != nullptr);
    }

    void corruptFilesAreRefused()
    {
        const std::string good = path("good.ckpt");
        writeAtt(good);
        const QByteArray bytes = readFile(good);
        ModelError error;

        const std::string truncated = path("truncated.ckpt");
        writeFile(truncated, bytes.left(bytes.size() / 2));
        QVERIFY(!Predictor::load(truncated, &error));
        QVERIFY2(error.message.find(truncated) != std::string::npos, error.message.c_str());
        QVERIFY2(error.message.find("corrupt") != std::string::npos, error.message.c_str());

        for (int offset :
             {20, static_cast<int>(bytes.size()) / 2, static_cast<int>(bytes.size()) - 12}) {
            QByteArray flipped = bytes;
            flipped[offset] = static_cast<char>(flipped[offset] ^ 0x10);
            const std::string file = path("flipped.ckpt");
            writeFile(file, flipped);
            error = ModelError();
            QVERIFY(!Predictor::load(file, &error));
            QCOMPARE(int(error.code), int(ModelError::Code::Corrupt));
            QCOMPARE(error.path, file);
            QVERIFY2(error.message.find(file) != std::string::npos, error.message.c_str());
            QVERIFY2(error.message.find("checksum") != std::string::npos, error.message.c_str());
        }

        const std::string alien = path("alien.ckpt");
        writeFile(alien, QByteArray("PK\x03\x04 this is a zip, not a checkpoint........"));
        QVERIFY(!Predictor::load(alien, &error));
        QVERIFY2(error.message.find("bad magic") != std::string::npos, error.message.c_str());

        const std::string missing = path("missing.ckpt");
        QVERIFY(!Predictor::load(missing, &error));
        QVERIFY2(error.message.find(missing) != std::string::npos, error.message.c_str());
        QVERIFY(!Predictor::readInfo(missing, nullptr, &error));
    }

    void mismatchedCheckpointsAreRefused()
    {
        const std::string good = path("good.ckpt");
        writeAtt(good);
        ModelError error;
        CheckpointFile ckpt;
        QVERIFY(ckpt.load(good, &error));

        // Metadata promising another feature dimension than the weights hold.
        CheckpointFile wrongDim = ckpt;
        wrongDim.info.featureDim = 64;
        const std::string dimFile = path("dim.ckpt");
        QVERIFY(wrongDim.save(dimFile, &error));
        QVERIFY(!Predictor::load(dimFile, &error));
        QVERIFY2(error.message.find(dimFile) != std::string::npos, error.message.c_str());
        QVERIFY2(error.message.find("do not match") != std::string::npos, error.message.c_str());

        // Another class count.
        CheckpointFile wrongClasses = ckpt;
        wrongClasses.info.classNames.push_back("extra");
        QVERIFY(wrongClasses.save(dimFile, &error));
        QVERIFY(!Predictor::load(dimFile, &error));
        QVERIFY2(error.message.find("4 classes") != std::string::npos, error.message.c_str());

        // A kind this build does not know, and an MT checkpoint without a teacher.
        CheckpointFile wrongKind = ckpt;
        wrongKind.info.kind = "transformer";
        QVERIFY(wrongKind.save(dimFile, &error));
        QVERIFY(!Predictor::load(dimFile, &error));
        QVERIFY2(error.message.find("transformer") != std::string::npos, error.message.c_str());
        CheckpointFile noTeacher = ckpt;
        noTeacher.info.kind = "mt";
        QVERIFY(noTeacher.save(dimFile, &error));
        QVERIFY(!Predictor::load(dimFile, &error));
        QVERIFY2(error.message.find("teacher") != std::string::npos, error.message.c_str());

        // Bags of another dimension than the model's.
        auto predictor = Predictor::load(good, &error);
        QVERIFY(predictor);
        const BagSet wide = syntheticBags(3, 20, 3, 2, 2, 0.5, 1);
        QVERIFY(predictor->predict(wide, 8, &error).empty());
        QVERIFY2(error.message.find("12-d") != std::string::npos, error.message.c_str());
    }

    void predictsUnlabelledBags()
    {
        const std::string file = path("u.ckpt");
        writeAtt(file);
        BagSet bags;
        bags.featureDim = 12;
        const std::vector<float> x(5 * 12, 0.5f);
        bags.features = x;
        bags.bagOffsets = {0, 2, 5};
        ModelError error;
        auto predictor = Predictor::load(file, &error);
        const auto p = predictor->predict(bags, 256, &error);
        QVERIFY2(p.size() == 2, error.message.c_str());
        QCOMPARE(p[1].instances, 3);
        // Identical instances get equal attention.
        QVERIFY(std::abs(p[1].attention[0] - 1.0f / 3.0f) < 1e-5f);
    }
};

QTEST_GUILESS_MAIN(PredictorTest)
#include "Predictor_test.moc"
