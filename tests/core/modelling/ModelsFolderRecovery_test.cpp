// SPDX-License-Identifier: GPL-3.0-or-later
// What a killed train job or import leaves in the models folder (core/modelling/
// ModelsFolderRecovery): staging files of ended processes go, live and foreign ones stay; a
// finished checkpoint no row names becomes a version carrying what its file says; files that do
// not load, sidecars and fresh files (a registration under way) are left alone; a second sweep
// changes nothing.
#include "core/library/JobStore.h"
#include "core/library/Library.h"
#include "core/library/ModelStore.h"
#include "core/modelling/ModelsFolderRecovery.h"

#include "models/api/Predictor.h"
#include "support/PlantedLibrary.h"
#include "support/TrainedLibraryModel.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace timbre;

namespace {

bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace

class ModelsFolderRecoveryTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<library::Library> m_lib;
    testing::TrainedLibraryModel m_parent;

    QString modelsFile(const QString &name) const
    {
        return QDir(m_lib->modelsPath()).filePath(name);
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto lib = library::Library::open(m_dir.filePath(QStringLiteral("lib")));
        QVERIFY2(lib.ok(), qPrintable(lib.error().message));
        m_lib = lib.take();
        testing::PlantedLibraryOptions o;
        o.tracks = 24;
        QVERIFY(testing::makePlantedLibrary(*m_lib, o).error.isEmpty());
        testing::TrainedLibraryModelOptions t;
        t.name = QStringLiteral("parent");
        t.epochs = 3;
        m_parent = testing::trainLibraryModel(*m_lib, t);
        QVERIFY2(m_parent.error.isEmpty(), qPrintable(m_parent.error));
    }

    void stagingNamesCarryTheOwner()
    {
        const QString path = modelling::stagingCheckpointPath(*m_lib, QStringLiteral("att-x"));
        const QString name = QFileInfo(path).fileName();
        QVERIFY2(name.startsWith(QStringLiteral(".att-x-")), qPrintable(name));
        QVERIFY2(name.endsWith(QStringLiteral("~") + library::JobStore::currentOwner()
                               + QStringLiteral(".training.ckpt")),
                 qPrintable(name));
        QCOMPARE(QFileInfo(path).absolutePath(), QFileInfo(m_lib->modelsPath()).absoluteFilePath());
    }

    void sweepsDeadStagingAndRegistersOrphans()
    {
        const QString host = QSysInfo::machineHostName();
        // Above Linux's largest pid: a process that cannot be running.
        const QString dead = QStringLiteral(".att-a-1~999999999@%1.training.ckpt").arg(host);
        const QString live = QStringLiteral(".att-b-2~%1.training.ckpt")
                                     .arg(library::JobStore::currentOwner());
        const QString foreign = QStringLiteral(".att-c-3~1@not-%1.training.ckpt").arg(host);
        const QString legacy = QStringLiteral(".att-d-4.training.ckpt");
        for (const QString &name : {dead, dead + QStringLiteral(".tmp"), live, foreign, legacy})
            QVERIFY(writeAll(modelsFile(name), "partial"));
        // A whole checkpoint no row names (killed between the rename and the row), a file that
        // is no checkpoint, and a sidecar of the parent's checkpoint.
        const QString orphan = modelsFile(QStringLiteral("att-20261206-040000.ckpt"));
        QVERIFY(QFile::copy(m_parent.checkpoint, orphan));
        QVERIFY(writeAll(modelsFile(QStringLiteral("junk.ckpt")), "not a checkpoint"));
        QVERIFY(writeAll(modelsFile(QStringLiteral("parent.ckpt.x.ckpt")), "sidecar"));
        const int rowsBefore = int(m_lib->models().list()->size());

        // Just moved into place: a registration may be under way, so it waits.
        modelling::ModelsFolderRecovery r = modelling::recoverModelsFolder(*m_lib);
        QVERIFY(r.registered.isEmpty());
        QVERIFY(QFileInfo::exists(orphan));
        QVERIFY(!QFileInfo::exists(modelsFile(dead))); // an ended owner needs no waiting
        QVERIFY(QFileInfo::exists(modelsFile(legacy))); // no owner: only once it is quiet

        r = modelling::recoverModelsFolder(*m_lib, 0);
        QVERIFY(!QFileInfo::exists(modelsFile(dead + QStringLiteral(".tmp"))));
        QVERIFY(!QFileInfo::exists(modelsFile(legacy)));
        QVERIFY(QFileInfo::exists(modelsFile(live)));
        QVERIFY(QFileInfo::exists(modelsFile(foreign)));
        QVERIFY(QFileInfo::exists(modelsFile(QStringLiteral("junk.ckpt"))));
        QVERIFY(QFileInfo::exists(modelsFile(QStringLiteral("parent.ckpt.x.ckpt"))));
        QCOMPARE(r.registered.size(), 1);
        QCOMPARE(int(m_lib->models().list()->size()), rowsBefore + 1);
        QVERIFY2(r.messages.join(QLatin1Char('\n')).contains(QStringLiteral("junk.ckpt")),
                 qPrintable(r.messages.join(QLatin1Char('\n'))));

        auto found = m_lib->models().findById(r.registered.first());
        QVERIFY(found.ok() && found->has_value());
        const library::ModelRecord &m = **found;
        QCOMPARE(m.name, QStringLiteral("att-20261206-040000"));
        QCOMPARE(m.checkpointFile, QStringLiteral("att-20261206-040000.ckpt"));
        QCOMPARE(m.kind, QStringLiteral("att"));
        QCOMPARE(m.extractorId, QStringLiteral("melstat"));
        QCOMPARE(m.extractorVersion, 1);
        QVERIFY(!m.active);
        QVERIFY(m.note.startsWith(QStringLiteral("recovered")));
        QVERIFY(m.hyperParametersJson.contains(QStringLiteral("\"epochs\"")));
        models::ModelError error;
        QVERIFY2(models::Predictor::load(orphan.toStdString(), &error), error.message.c_str());

        // Nothing left to do: the same folder again changes nothing.
        r = modelling::recoverModelsFolder(*m_lib, 0);
        QVERIFY(r.registered.isEmpty());
        QVERIFY(r.removed.isEmpty());
        QCOMPARE(int(m_lib->models().list()->size()), rowsBefore + 1);
    }
};

QTEST_GUILESS_MAIN(ModelsFolderRecoveryTest)
#include "ModelsFolderRecovery_test.moc"
