// SPDX-License-Identifier: GPL-3.0-or-later
// Checkpoints and training configurations written before the models layer moved from its own
// JSON code (MiniJson) to nlohmann-json stay readable. The metadata below is what the old
// writer put into a real checkpoint (`timbre train --model att ... --set legacy_init=1`), in
// its field order and number formatting, with a few values changed to exercise escapes, a null
// and a 64-bit seed; the test wraps it in the container format of CheckpointFile.h.
#include "models/api/TrainConfig.h"
#include "models/checkpoints/CheckpointFile.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace timbre::models;

namespace {

const char *kOldMetadata
        = "{\"classNames\":[\"accordion\",\"banjo\",\"bass\"],\"created\":\"2026-12-01T15:04:40Z\","
          "\"extractorId\":\"openmic-npz\",\"extractorVersion\":1,\"featureDim\":128,\"hyperParamet"
          "ers\":\"{\\\"balanced\\\":false,\\\"batchSize\\\":128,\\\"consistencyRampEpochs\\\":100,"
          "\\\"consistencyWeight\\\":3,\\\"dropout\\\":0.6,\\\"earlyStoppingPatience\\\":0,\\\"emaD"
          "ecay\\\":0.999,\\\"epochs\\\":20,\\\"extra\\\":{\\\"legacy_init\\\":1},\\\"extractorId\\"
          "\":\\\"openmic-npz\\\",\\\"extractorVersion\\\":1,\\\"fineTune\\\":\\\"scratch\\\",\\\"l"
          "abelSnapshot\\\":\\\"\\\",\\\"learningRate\\\":0.0005,\\\"lossAlpha\\\":1,\\\"lossBeta\\"
          "\":0,\\\"lossGamma\\\":-1,\\\"lrHalvingEpochs\\\":0,\\\"lrRampDownEpochs\\\":0,\\\"lrRam"
          "pUpEpochs\\\":0,\\\"modelKind\\\":\\\"att\\\",\\\"outputCheckpoint\\\":\\\"/work/runs/at"
          "t_old.ckpt\\\",\\\"parentModel\\\":\\\"\\\",\\\"progressEverySteps\\\":0,\\\"seed\\\":\\"
          "\"18446744073709551557\\\",\\\"separateUnlabelledBatches\\\":false,\\\"threads\\\":2,\\"
          "\"timeBudgetSeconds\\\":0,\\\"validationFraction\\\":0,\\\"warmStartCheckpoint\\\":\\\""
          "\\\",\\\"weightDecay\\\":0}\",\"kind\":\"att\",\"labelSnapshot\":\"\",\"metrics\":\"{\\"
          "\"bestEpoch\\\":20,\\\"validationLoss\\\":null}\",\"parentModel\":\"p\\u00e9re \\\"quote"
          "d\\\"\"}";

template<typename T> void put(std::string &out, T value)
{
    out.append(reinterpret_cast<const char *>(&value), sizeof value);
}

// The container of CheckpointFile.h around a metadata block and no blobs.
std::string container(const std::string &metadata)
{
    std::string out = "TIMBRECK";
    put<uint32_t>(out, 1);
    put<uint64_t>(out, metadata.size());
    out += metadata;
    put<uint32_t>(out, 0);
    uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : out) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    put<uint64_t>(out, h);
    return out;
}

} // namespace

class CheckpointJsonCompatTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void oldMetadataStillLoads()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("old.ckpt")).toStdString();
        {
            std::ofstream f(path, std::ios::binary);
            f << container(kOldMetadata);
        }
        CheckpointFile file;
        ModelError error;
        QVERIFY2(file.loadInfo(path, &error), error.message.c_str());
        QCOMPARE(file.info.kind, std::string("att"));
        QCOMPARE(file.info.featureDim, 128);
        QCOMPARE(file.info.extractorVersion, 1);
        QCOMPARE(file.info.classNames, (std::vector<std::string> {"accordion", "banjo", "bass"}));
        QCOMPARE(file.info.parentModel, std::string("p\xc3\xa9re \"quoted\""));

        const TrainConfig c = TrainConfig::fromJson(file.info.hyperParametersJson, &error);
        QVERIFY2(error.ok(), error.message.c_str());
        QCOMPARE(c.modelKind, std::string("att"));
        QCOMPARE(c.epochs, 20);
        QCOMPARE(c.learningRate, 5e-4);
        QCOMPARE(c.seed, uint64_t(18446744073709551557ULL));
        QCOMPARE(c.extra.at("legacy_init"), 1.0);
        QCOMPARE(c.validationFraction, 0.0);
    }

    void newWriterRoundTrips()
    {
        TrainConfig c = TrainConfig::defaultsFor("mt");
        c.seed = 18446744073709551557ULL;
        c.extra["hidden"] = 64;
        c.labelSnapshot = "label_history:42";
        ModelError error;
        const TrainConfig back = TrainConfig::fromJson(c.toJson(), &error);
        QVERIFY2(error.ok(), error.message.c_str());
        QCOMPARE(back.toJson(), c.toJson());
        QCOMPARE(back.seed, c.seed);
        QCOMPARE(back.lrHalvingEpochs, 30);
    }

    // A path from a Latin-1 file system is not UTF-8; writing the config must not throw.
    void pathsThatAreNotUtf8StillWrite()
    {
        TrainConfig c = TrainConfig::defaultsFor("att");
        c.outputCheckpoint = "/data/caf\xe9/model.ckpt";
        std::string json;
        try {
            json = c.toJson();
        } catch (const std::exception &e) {
            QFAIL(e.what());
        }
        ModelError error;
        const TrainConfig back = TrainConfig::fromJson(json, &error);
        QVERIFY2(error.ok(), error.message.c_str());
        QCOMPARE(back.epochs, c.epochs);
        QVERIFY(back.outputCheckpoint.rfind("/data/caf", 0) == 0);
    }

    void brokenMetadataIsAClearError()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("bad.ckpt")).toStdString();
        {
            std::ofstream f(path, std::ios::binary);
            f << container("{\"kind\":\"att\", \"featureDim\": ");
        }
        CheckpointFile file;
        ModelError error;
        QVERIFY(!file.loadInfo(path, &error));
        QVERIFY2(error.message.find(path) != std::string::npos, error.message.c_str());
        QVERIFY2(error.message.find("not valid JSON") != std::string::npos, error.message.c_str());

        const TrainConfig c = TrainConfig::fromJson("{\"epochs\": \"many\"}", &error);
        QVERIFY2(error.message.find("\"epochs\" is not a number") != std::string::npos,
                 error.message.c_str());
        QCOMPARE(c.epochs, TrainConfig().epochs);
    }
};

QTEST_GUILESS_MAIN(CheckpointJsonCompatTest)
#include "CheckpointJsonCompat_test.moc"
