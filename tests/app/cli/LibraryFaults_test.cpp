// SPDX-License-Identifier: GPL-3.0-or-later
// Faults under the built `timbre`, as a researcher meets them (docs/RELIABILITY.md, "Faults"):
// the library's disk fills up during a label edit, an extraction, a training run and a catalog
// migration; the library's file system turns read-only; the active model's file is corrupt;
// two processes write labels into one library at once. Each time the command fails with a
// message naming the file and the problem, and nothing stored before is lost: the catalog
// passes SQLite's integrity check, every acknowledged label is there, the feature files and
// the active model still load, and the library works again once the fault is gone.
//
// The full-disk and read-only cases put the library on a small tmpfs of its own (mount needs
// root, as on the CI machines); where mount is refused they are skipped with the reason.
#include "support/CliRunner.h"

#include <QDebug>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using timbre::testing::CliRun;
using timbre::testing::field;
using timbre::testing::runCli;

namespace {

bool run(const QString &program, const QStringList &arguments, QString *output = nullptr)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, arguments);
    const bool ok = p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit
            && p.exitCode() == 0;
    if (output)
        *output = QString::fromUtf8(p.readAll());
    return ok;
}

// One query's first value on a private connection to a catalog file (closed before return).
QVariant scalar(const QString &catalog, const QString &sql)
{
    QVariant value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                    QStringLiteral("faults-check"));
        db.setDatabaseName(catalog);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                value = q.value(0);
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("faults-check"));
    return value;
}

// Fills the file system holding `folder` to the last byte; the file goes when this does.
class DiskFiller
{
public:
    // `leaveBytes` free afterwards (rounded to the file system's pages), for a fault that
    // strikes in the middle of a command rather than when it opens the catalog.
    explicit DiskFiller(const QString &folder, qint64 leaveBytes = 0)
        : m_file(QDir(folder).filePath(QStringLiteral("filler.bin")))
    {
        QFile f(m_file);
        if (!f.open(QIODevice::WriteOnly))
            return;
        for (const qint64 block : {qint64(1) << 20, qint64(4096), qint64(1)}) {
            const QByteArray zeros(int(block), '\0');
            while (f.write(zeros) == block && f.flush())
                ;
        }
        f.close();
        if (leaveBytes > 0)
            QFile::resize(m_file, qMax<qint64>(0, QFileInfo(m_file).size() - leaveBytes));
    }
    ~DiskFiller() { QFile::remove(m_file); }

private:
    QString m_file;
};

} // namespace

class LibraryFaultsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void fullDiskLabelEdit();
    void fullDiskExtraction();
    void fullDiskTraining();
    void fullDiskMigration();
    void diskFillsDuringExtraction();
    void diskFillsDuringTraining();
    void readOnlyLibrary();
    void corruptActiveModel();
    void twoWritersOneLibrary();

private:
    QString catalog() const { return QDir(m_lib).filePath(QStringLiteral("catalog.sqlite")); }
    QString mixes() const { return QDir(m_corpus).filePath(QStringLiteral("mixes")); }
    QString track(int i) const
    {
        return QDir(mixes()).filePath(QDir(mixes()).entryList(QDir::Files, QDir::Name).at(i));
    }
    CliRun setLabel(int trackIndex, const QString &value)
    {
        return runCli({QStringLiteral("labels"), QStringLiteral("set"), m_lib,
                       QStringLiteral("--track"), track(trackIndex), QStringLiteral("--instrument"),
                       QStringLiteral("piano"), QStringLiteral("--value"), value});
    }
    int labelCount() const
    {
        return scalar(catalog(), QStringLiteral("SELECT count(*) FROM label")).toInt();
    }
    void verifyIntact();
    void requireMount();

    QTemporaryDir m_work;
    QString m_corpus;
    QString m_mount; // the tmpfs, or empty when mount was refused
    QString m_mountRefusal;
    QString m_lib;
    int m_tracks = 12;
};

void LibraryFaultsTest::initTestCase()
{
    QVERIFY(m_work.isValid());
    m_corpus = m_work.filePath(QStringLiteral("corpus"));
    RUN_OK(runCli({QStringLiteral("synth"), QStringLiteral("--out"), m_corpus,
                   QStringLiteral("--clips"), QString::number(m_tracks),
                   QStringLiteral("--seconds"), QStringLiteral("4"), QStringLiteral("--no-stems"),
                   QStringLiteral("--quiet"), QStringLiteral("--seed"), QStringLiteral("5")}));
    const QString mountPoint = m_work.filePath(QStringLiteral("fs"));
    QVERIFY(QDir().mkpath(mountPoint));
    QString output;
    if (run(QStringLiteral("mount"),
            {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
             QStringLiteral("size=24m"), QStringLiteral("tmpfs"), mountPoint},
            &output)) {
        m_mount = mountPoint;
        m_lib = QDir(m_mount).filePath(QStringLiteral("lib"));
    } else {
        m_mountRefusal
                = QStringLiteral("mount -t tmpfs refused (%1): needs root").arg(output.trimmed());
        m_lib = m_work.filePath(QStringLiteral("lib"));
    }
    RUN_OK(runCli({QStringLiteral("library"), QStringLiteral("init"), m_lib}));
    RUN_OK(runCli({QStringLiteral("library"), QStringLiteral("scan"), m_lib, mixes(),
                   QStringLiteral("--quiet")}));
    RUN_OK(runCli({QStringLiteral("labels"), QStringLiteral("import"), m_lib,
                   QDir(m_corpus).filePath(QStringLiteral("labels.csv"))}));
    RUN_OK(runCli({QStringLiteral("extract"), m_lib, QStringLiteral("--quiet")}));
    RUN_OK(runCli({QStringLiteral("train"), QStringLiteral("--library"), m_lib,
                   QStringLiteral("--model"), QStringLiteral("mt"), QStringLiteral("--epochs"),
                   QStringLiteral("3"), QStringLiteral("--seed"), QStringLiteral("1")}));
    verifyIntact();
}

void LibraryFaultsTest::cleanupTestCase()
{
    if (!m_mount.isEmpty())
        run(QStringLiteral("umount"), {QStringLiteral("-l"), m_mount});
}

void LibraryFaultsTest::requireMount()
{
    if (m_mount.isEmpty())
        QSKIP(qPrintable(m_mountRefusal));
}

// What must hold after every fault: the catalog is whole, the features are all fresh, the
// active model loads and predicts.
void LibraryFaultsTest::verifyIntact()
{
    QCOMPARE(scalar(catalog(), QStringLiteral("PRAGMA integrity_check")).toString(),
             QStringLiteral("ok"));
    const CliRun extract = runCli({QStringLiteral("extract"), m_lib, QStringLiteral("--quiet")});
    QVERIFY2(extract.exitCode == 0, qPrintable(extract.err + extract.out));
    QCOMPARE(field(extract.out, QStringLiteral("fresh")), QString::number(m_tracks));
    const CliRun predict = runCli({QStringLiteral("predict"), QStringLiteral("--library"), m_lib,
                                   QStringLiteral("--quiet")});
    QVERIFY2(predict.exitCode == 0, qPrintable(predict.err + predict.out));
}

void LibraryFaultsTest::fullDiskLabelEdit()
{
    requireMount();
    // Acknowledged edits before the disk fills.
    RUN_OK(setLabel(0, QStringLiteral("present")));
    RUN_OK(setLabel(1, QStringLiteral("absent")));
    const int before = labelCount();
    CliRun failed;
    {
        DiskFiller full(m_mount);
        failed = setLabel(2, QStringLiteral("present"));
        QVERIFY2(failed.exitCode != 0, qPrintable(failed.out));
    }
    qInfo().noquote() << "full disk, label edit:" << failed.err.trimmed();
    QVERIFY2(failed.err.contains(catalog()) || failed.err.contains(m_lib), qPrintable(failed.err));
    QVERIFY2(failed.err.contains(QStringLiteral("full"), Qt::CaseInsensitive)
                     || failed.err.contains(QStringLiteral("space"), Qt::CaseInsensitive),
             qPrintable(failed.err));
    QCOMPARE(labelCount(), before);
    QCOMPARE(scalar(catalog(),
                    QStringLiteral("SELECT value FROM label JOIN clip ON clip.id = label.clip_id "
                                   "JOIN track ON track.id = clip.track_id JOIN instrument ON "
                                   "instrument.id = label.instrument_id WHERE track.path = '%1' "
                                   "AND instrument.key = 'piano'")
                            .arg(track(1)))
                     .toInt(),
             0);
    verifyIntact();
    RUN_OK(setLabel(2, QStringLiteral("present"))); // works again once there is space
}

void LibraryFaultsTest::fullDiskExtraction()
{
    requireMount();
    CliRun failed;
    {
        DiskFiller full(m_mount);
        failed = runCli({QStringLiteral("extract"), m_lib, QStringLiteral("--force"),
                         QStringLiteral("--quiet")});
    }
    QVERIFY2(failed.exitCode != 0, qPrintable(failed.out + failed.err));
    const QString said = failed.err + failed.out;
    qInfo().noquote() << "full disk, extraction:" << said.trimmed();
    QVERIFY2(said.contains(QStringLiteral("No space left"), Qt::CaseInsensitive)
                     || said.contains(QStringLiteral("full"), Qt::CaseInsensitive),
             qPrintable(said));
    QVERIFY2(said.contains(m_lib), qPrintable(said)); // names the file it could not write
    // The old feature files were replaced only by complete new ones, so all are still fresh.
    verifyIntact();
}

void LibraryFaultsTest::fullDiskTraining()
{
    requireMount();
    const QString models = runCli({QStringLiteral("models"), m_lib}).out;
    CliRun failed;
    {
        DiskFiller full(m_mount);
        failed = runCli({QStringLiteral("train"), QStringLiteral("--library"), m_lib,
                         QStringLiteral("--model"), QStringLiteral("mt"),
                         QStringLiteral("--epochs"), QStringLiteral("2"), QStringLiteral("--seed"),
                         QStringLiteral("2")});
    }
    QVERIFY2(failed.exitCode != 0, qPrintable(failed.out + failed.err));
    const QString said = failed.err + failed.out;
    qInfo().noquote() << "full disk, training:" << said.trimmed();
    QVERIFY2(said.contains(m_lib), qPrintable(said));
    QVERIFY2(said.contains(QStringLiteral("space"), Qt::CaseInsensitive)
                     || said.contains(QStringLiteral("full"), Qt::CaseInsensitive)
                     || said.contains(QStringLiteral("write"), Qt::CaseInsensitive),
             qPrintable(said));
    // No half-registered version: the list of models and the active one are as before.
    QCOMPARE(runCli({QStringLiteral("models"), m_lib}).out, models);
    verifyIntact();
}

void LibraryFaultsTest::fullDiskMigration()
{
    requireMount();
    // A copy of the library made three schema versions older (version 4 only added
    // model_epoch, version 5 the prediction's run_id, version 6 the predict run's shard,
    // version 7 annotator_label).
    const QString old = QDir(m_mount).filePath(QStringLiteral("old"));
    QVERIFY(QDir().mkpath(old));
    const QString oldCatalog = QDir(old).filePath(QStringLiteral("catalog.sqlite"));
    QVERIFY(QFile::copy(catalog(), oldCatalog));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                    QStringLiteral("faults-downgrade"));
        db.setDatabaseName(oldCatalog);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode=DELETE")));
        QVERIFY(q.exec(QStringLiteral("DROP TABLE model_epoch")));
        QVERIFY(q.exec(QStringLiteral("ALTER TABLE prediction DROP COLUMN run_id")));
        QVERIFY(q.exec(QStringLiteral("ALTER TABLE prediction_run DROP COLUMN shard")));
        QVERIFY(q.exec(QStringLiteral("DROP TABLE annotator_label")));
        QVERIFY(q.exec(QStringLiteral("DELETE FROM schema_version WHERE version >= 4")));
        QVERIFY(q.exec(QStringLiteral("VACUUM")));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("faults-downgrade"));
    QFile before(oldCatalog);
    QVERIFY(before.open(QIODevice::ReadOnly));
    const QByteArray bytes = before.readAll();
    before.close();
    CliRun failed;
    {
        DiskFiller full(m_mount);
        failed = runCli({QStringLiteral("library"), QStringLiteral("status"), old});
    }
    QVERIFY2(failed.exitCode != 0, qPrintable(failed.out + failed.err));
    qInfo().noquote() << "full disk, migration:" << failed.err.trimmed();
    QVERIFY2(failed.err.contains(oldCatalog), qPrintable(failed.err));
    // Not half-migrated: the file is as it was and still at version 3.
    QFile after(oldCatalog);
    QVERIFY(after.open(QIODevice::ReadOnly));
    QCOMPARE(after.readAll(), bytes);
    after.close();
    QCOMPARE(scalar(oldCatalog, QStringLiteral("SELECT max(version) FROM schema_version")).toInt(),
             3);
    // With space again the migration goes through.
    RUN_OK(runCli({QStringLiteral("library"), QStringLiteral("status"), old}));
    QCOMPARE(scalar(oldCatalog, QStringLiteral("SELECT max(version) FROM schema_version")).toInt(),
             7);
    QVERIFY(QDir(old).removeRecursively());
}

// The catalog opens, then the disk runs out while the command writes (its files or its rows).
void LibraryFaultsTest::diskFillsDuringExtraction()
{
    requireMount();
    CliRun failed;
    {
        DiskFiller nearlyFull(m_mount, 32 * 1024);
        failed = runCli({QStringLiteral("extract"), m_lib, QStringLiteral("--force"),
                         QStringLiteral("--quiet")});
    }
    const QString said = failed.err + failed.out;
    qInfo().noquote() << "disk fills during extraction:" << failed.exitCode << said.trimmed();
    QVERIFY2(failed.exitCode != 0, qPrintable(said));
    QVERIFY2(said.contains(m_lib), qPrintable(said));
    QVERIFY2(said.contains(QStringLiteral("space"), Qt::CaseInsensitive)
                     || said.contains(QStringLiteral("full"), Qt::CaseInsensitive),
             qPrintable(said));
    verifyIntact();
}

void LibraryFaultsTest::diskFillsDuringTraining()
{
    requireMount();
    const QString models = runCli({QStringLiteral("models"), m_lib}).out;
    CliRun failed;
    {
        DiskFiller nearlyFull(m_mount, 192 * 1024);
        failed = runCli({QStringLiteral("train"), QStringLiteral("--library"), m_lib,
                         QStringLiteral("--model"), QStringLiteral("mt"),
                         QStringLiteral("--epochs"), QStringLiteral("2"), QStringLiteral("--seed"),
                         QStringLiteral("3")});
    }
    const QString said = failed.err + failed.out;
    qInfo().noquote() << "disk fills during training:" << failed.exitCode << said.trimmed();
    QVERIFY2(failed.exitCode != 0, qPrintable(said));
    QVERIFY2(said.contains(m_lib), qPrintable(said));
    QVERIFY2(said.contains(QStringLiteral("space"), Qt::CaseInsensitive)
                     || said.contains(QStringLiteral("full"), Qt::CaseInsensitive),
             qPrintable(said));
    QCOMPARE(runCli({QStringLiteral("models"), m_lib}).out, models);
    // No half-written model file left in the models folder.
    const QStringList left = QDir(QDir(m_lib).filePath(QStringLiteral("models")))
                                     .entryList(QDir::Files | QDir::Hidden);
    QCOMPARE(left.size(), 1);
    verifyIntact();
}

void LibraryFaultsTest::readOnlyLibrary()
{
    requireMount();
    const int before = labelCount();
    QString output;
    QVERIFY2(run(QStringLiteral("mount"),
                 {QStringLiteral("-o"), QStringLiteral("remount,ro"), m_mount}, &output),
             qPrintable(output));
    const CliRun label = setLabel(3, QStringLiteral("present"));
    const CliRun extract = runCli({QStringLiteral("extract"), m_lib, QStringLiteral("--force"),
                                   QStringLiteral("--quiet")});
    const CliRun train = runCli({QStringLiteral("train"), QStringLiteral("--library"), m_lib,
                                 QStringLiteral("--model"), QStringLiteral("mt"),
                                 QStringLiteral("--epochs"), QStringLiteral("1")});
    QVERIFY2(run(QStringLiteral("mount"),
                 {QStringLiteral("-o"), QStringLiteral("remount,rw"), m_mount}, &output),
             qPrintable(output));
    for (const CliRun *r : {&label, &extract, &train}) {
        QVERIFY2(r->exitCode != 0, qPrintable(r->out + r->err));
        const QString said = r->err + r->out;
        qInfo().noquote() << "read-only:" << said.trimmed();
        QVERIFY2(said.contains(m_lib), qPrintable(said));
        QVERIFY2(said.contains(QStringLiteral("read-only"), Qt::CaseInsensitive)
                         || said.contains(QStringLiteral("readonly"), Qt::CaseInsensitive),
                 qPrintable(said));
    }
    QCOMPARE(labelCount(), before);
    verifyIntact();
}

void LibraryFaultsTest::corruptActiveModel()
{
    QString file = scalar(catalog(),
                          QStringLiteral("SELECT checkpoint_file FROM model WHERE active = 1"))
                           .toString();
    QVERIFY(!file.isEmpty());
    if (QDir::isRelativePath(file))
        file = QDir(m_lib).filePath(QStringLiteral("models/") + file);
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadWrite));
    const QByteArray good = f.readAll();
    QVERIFY(f.resize(good.size() / 3)); // truncated, as by a copy that did not finish
    f.close();
    const CliRun predict = runCli({QStringLiteral("predict"), QStringLiteral("--library"), m_lib,
                                   QStringLiteral("--quiet")});
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(good);
    f.close();
    QVERIFY2(predict.exitCode != 0, qPrintable(predict.out + predict.err));
    qInfo().noquote() << "corrupt active model:" << predict.err.trimmed();
    QVERIFY2(predict.err.contains(file), qPrintable(predict.err));
    verifyIntact();
}

void LibraryFaultsTest::twoWritersOneLibrary()
{
    // Two processes, each setting every track's "violin", one "present", one "absent", at once:
    // every edit is acknowledged or refused with a message, and the acknowledged ones are all
    // in the label history.
    const qint64 historyBefore
            = scalar(catalog(), QStringLiteral("SELECT count(*) FROM label_history")).toLongLong();
    const QString script = QStringLiteral(
            "ok=0; for t in \"$@\"; do \"$0\" labels set \"$LIB\" --track \"$t\" --instrument "
            "violin --value \"$VALUE\" >/dev/null 2>>\"$ERR\" && ok=$((ok+1)); done; echo $ok");
    QStringList args {QStringLiteral("-c"), script, QStringLiteral(TIMBRE_CLI_PATH)};
    for (int i = 0; i < m_tracks; ++i)
        args << track(i);
    std::unique_ptr<QProcess> writers[2];
    const QString values[2] = {QStringLiteral("present"), QStringLiteral("absent")};
    for (int w = 0; w < 2; ++w) {
        writers[w] = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LIB"), m_lib);
        env.insert(QStringLiteral("VALUE"), values[w]);
        env.insert(QStringLiteral("ERR"), m_work.filePath(QStringLiteral("writer%1.err").arg(w)));
        writers[w]->setProcessEnvironment(env);
        writers[w]->start(QStringLiteral("bash"), args);
    }
    int acknowledged = 0;
    for (auto &w : writers) {
        QVERIFY(w->waitForFinished(300000));
        acknowledged += QString::fromUtf8(w->readAllStandardOutput()).trimmed().toInt();
    }
    QFile errors0(m_work.filePath(QStringLiteral("writer0.err")));
    QFile errors1(m_work.filePath(QStringLiteral("writer1.err")));
    errors0.open(QIODevice::ReadOnly);
    errors1.open(QIODevice::ReadOnly);
    const QString refused = QString::fromUtf8(errors0.readAll() + errors1.readAll());
    QVERIFY2(acknowledged == 2 * m_tracks, qPrintable(refused)); // the busy wait lets both in
    const qint64 historyAfter
            = scalar(catalog(), QStringLiteral("SELECT count(*) FROM label_history")).toLongLong();
    // Each acknowledged edit that changed a value left one history row; the first writer's
    // edits all changed something, the second's too unless it ran first on that track.
    QVERIFY2(historyAfter - historyBefore >= m_tracks, qPrintable(QString::number(historyAfter)));
    QCOMPARE(scalar(catalog(), QStringLiteral("PRAGMA integrity_check")).toString(),
             QStringLiteral("ok"));
}

QTEST_GUILESS_MAIN(LibraryFaultsTest)
#include "LibraryFaults_test.moc"
