// SPDX-License-Identifier: GPL-3.0-or-later
// The model engine (models/api/ModelEngine.h) is loaded on first use, once, and only then does
// LibTorch enter the process. This suite links core's eval module, which reaches models only
// through the api, exactly as the workbench and the CLI do.
#include "models/api/ModelEngine.h"
#include "models/api/Predictor.h"
#include "models/api/TorchInfo.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <set>
#include <thread>
#include <vector>

using namespace timbre;

namespace {

bool libtorchMapped()
{
    QFile maps(QStringLiteral("/proc/self/maps"));
    if (!maps.open(QIODevice::ReadOnly))
        return false;
    return maps.readAll().contains("libtorch_cpu");
}

} // namespace

class ModelEngineLoadingTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void libtorchIsNotLinked()
    {
        QVERIFY(!models::modelEngineLoaded());
        QVERIFY2(!libtorchMapped(), "LibTorch was mapped before any model was used");
        QVERIFY(QString::fromStdString(models::modelEnginePath())
                        .endsWith(QStringLiteral("libtimbre_model_engine.so")));
    }

    void concurrentFirstUsersShareOneLoad()
    {
        std::vector<models::ModelEngine *> seen(4, nullptr);
        std::vector<models::ModelError> errors(4);
        std::vector<std::thread> threads;
        for (int i = 0; i < 4; ++i)
            threads.emplace_back(
                    [&, i] { seen[size_t(i)] = models::modelEngine(&errors[size_t(i)]); });
        for (std::thread &t : threads)
            t.join();
        QVERIFY2(seen[0], errors[0].message.c_str());
        QCOMPARE(std::set<models::ModelEngine *>(seen.begin(), seen.end()).size(), size_t(1));
        QVERIFY(models::modelEngineLoaded());
        QVERIFY(libtorchMapped());
        models::preloadModelEngine(); // a no-op once loaded
        QCOMPARE(models::modelEngine(), seen[0]);
    }

    void apiCallsReachTheEngine()
    {
        QVERIFY(models::libtorchVersion().rfind("1.", 0) == 0);
        models::setTorchThreads(1);
        QCOMPARE(models::torchThreads(), 1);

        // Errors made in the engine come back through the api, naming the file.
        QTemporaryDir dir;
        const QString missing = dir.filePath(QStringLiteral("missing.ckpt"));
        models::ModelError error;
        QVERIFY(!models::Predictor::load(missing.toStdString(), &error));
        QVERIFY2(QString::fromStdString(error.message).contains(missing), error.message.c_str());
        QCOMPARE(int(error.code), int(models::ModelError::Code::NotFound));
        QCOMPARE(error.path, missing.toStdString());

        const QString garbage = dir.filePath(QStringLiteral("garbage.ckpt"));
        QFile f(garbage);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a checkpoint");
        f.close();
        error = models::ModelError();
        models::CheckpointInfo info;
        QVERIFY(!models::Predictor::readInfo(garbage.toStdString(), &info, &error));
        QVERIFY2(QString::fromStdString(error.message).contains(garbage), error.message.c_str());
        QCOMPARE(int(error.code), int(models::ModelError::Code::Corrupt));
    }
};

QTEST_GUILESS_MAIN(ModelEngineLoadingTest)
#include "ModelEngineLoading_test.moc"
