// SPDX-License-Identifier: GPL-3.0-or-later
// CatalogDatabase: migrations create the schema and record the version; a database written by
// a newer build is refused and left byte-identical; a non-catalog SQLite file is refused.
#include "core/library/CatalogDatabase.h"
#include "core/library/CatalogThreadScope.h"
#include "core/library/CatalogTransaction.h"
#include "core/library/Library.h"
#include "core/library/Taxonomy.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

using namespace timbre::library;

namespace {

QByteArray fileSha(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

// Creates a SQLite file with a plain connection (not through CatalogDatabase).
void makeRawDatabase(const QString &path, const QStringList &statements)
{
    {
        QSqlDatabase db
                = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        for (const QString &s : statements)
            QVERIFY2(q.exec(s), qPrintable(s));
        q = QSqlQuery();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
}

QSet<QString> tableNames(const QSqlDatabase &db)
{
    QSet<QString> out;
    QSqlQuery q(db);
    q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'"));
    while (q.next())
        out.insert(q.value(0).toString());
    return out;
}

} // namespace

class CatalogDatabaseTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void migrationsCreateSchema();
    void reopenKeepsVersion();
    void newerSchemaIsRefusedUntouched_data();
    void newerSchemaIsRefusedUntouched();
    void foreignSqliteFileIsRefused();
    void failedMigrationRollsBackWhole();
    void garbageFileIsRefused();
    void connectionPerThread();
    void pooledTasksCloseTheirConnections();
    void nestedTransactionsUseSavepoints();
    void splitStatementsRespectsQuotesAndComments();
};

void CatalogDatabaseTest::migrationsCreateSchema()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("c.sqlite"));
    CatalogDatabase db(path);
    const CatalogError e = db.open();
    QVERIFY2(e.ok(), qPrintable(e.message));
    QVERIFY(db.wasCreated());
    QCOMPARE(db.schemaVersion(), CatalogDatabase::kLatestSchemaVersion);

    const QSet<QString> tables = tableNames(db.connection());
    for (const char *t : {"schema_version", "library_meta", "track", "clip", "instrument", "label",
                          "label_batch", "label_history", "feature_set", "model", "prediction"})
        QVERIFY2(tables.contains(QLatin1String(t)), t);

    QSqlQuery q(db.connection());
    QVERIFY(q.exec(QStringLiteral("SELECT version FROM schema_version ORDER BY version")));
    QList<int> versions;
    while (q.next())
        versions << q.value(0).toInt();
    QList<int> expected;
    for (int v = 1; v <= CatalogDatabase::kLatestSchemaVersion; ++v)
        expected << v;
    QCOMPARE(versions, expected);

    QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
    QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys")) && q.next());
    QCOMPARE(q.value(0).toInt(), 1);

    // Foreign keys are enforced: a clip of a track that does not exist is rejected.
    QVERIFY(!q.exec(QStringLiteral("INSERT INTO clip (track_id, created_ms) VALUES (424242, 0)")));
    // Label values are constrained to 0/1.
    QVERIFY(q.exec(
            QStringLiteral("INSERT INTO track (path, added_ms, updated_ms) VALUES ('/a', 0, 0)")));
    QVERIFY(q.exec(QStringLiteral("INSERT INTO clip (track_id, created_ms) VALUES (1, 0)")));
    QVERIFY(q.exec(QStringLiteral("INSERT INTO instrument (key, display_name, colour, position) "
                                  "VALUES ('x', 'X', '#000000', 0)")));
    QVERIFY(!q.exec(QStringLiteral("INSERT INTO label (clip_id, instrument_id, value, source, "
                                   "time_ms) VALUES (1, 1, 2, 'user', 0)")));
    QVERIFY(!q.exec(QStringLiteral("INSERT INTO label (clip_id, instrument_id, value, source, "
                                   "time_ms) VALUES (1, 1, 1, 'robot', 0)")));
    QVERIFY(q.exec(QStringLiteral("INSERT INTO label (clip_id, instrument_id, value, source, "
                                  "time_ms) VALUES (1, 1, 1, 'user', 0)")));
    // One whole-track clip per track.
    QVERIFY(!q.exec(QStringLiteral("INSERT INTO clip (track_id, created_ms) VALUES (1, 0)")));

    // Every migration resource this build knows is present.
    for (int v = 1; v <= CatalogDatabase::kLatestSchemaVersion; ++v)
        QVERIFY(QFile::exists(CatalogDatabase::migrationResource(v)));
}

void CatalogDatabaseTest::reopenKeepsVersion()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("c.sqlite"));
    {
        CatalogDatabase db(path);
        QVERIFY(db.open().ok());
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(QStringLiteral(
                "INSERT INTO track (path, added_ms, updated_ms) VALUES ('/keep', 1, 1)")));
    }
    CatalogResult<int> probed = CatalogDatabase::probeSchemaVersion(path);
    QVERIFY(probed.ok());
    QCOMPARE(*probed, CatalogDatabase::kLatestSchemaVersion);
    CatalogDatabase again(path);
    QVERIFY(again.open().ok());
    QVERIFY(!again.wasCreated());
    QSqlQuery q(again.connection());
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM schema_version")) && q.next());
    QCOMPARE(q.value(0).toInt(), CatalogDatabase::kLatestSchemaVersion);
    QVERIFY(q.exec(QStringLiteral("SELECT path FROM track")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("/keep"));
}

void CatalogDatabaseTest::newerSchemaIsRefusedUntouched_data()
{
    QTest::addColumn<QString>("journalMode");
    QTest::newRow("rollback journal") << QStringLiteral("DELETE");
    QTest::newRow("wal") << QStringLiteral("WAL");
}

void CatalogDatabaseTest::newerSchemaIsRefusedUntouched()
{
    QFETCH(QString, journalMode);
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("lib"));
    QVERIFY(QDir().mkpath(folder));
    const QString path = QDir(folder).filePath(Library::databaseFileName());
    const int future = CatalogDatabase::kLatestSchemaVersion + 7;
    makeRawDatabase(
            path,
            {QStringLiteral("PRAGMA journal_mode = %1").arg(journalMode),
             QStringLiteral("CREATE TABLE schema_version (version INTEGER PRIMARY "
                            "KEY, applied_ms INTEGER NOT NULL)"),
             QStringLiteral("INSERT INTO schema_version VALUES (1, 0)"),
             QStringLiteral("INSERT INTO schema_version VALUES (%1, 0)").arg(future),
             QStringLiteral("CREATE TABLE track (id INTEGER PRIMARY KEY, future_column TEXT)")});
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    const QByteArray before = fileSha(path);
    const QDateTime mtimeBefore = QFileInfo(path).lastModified();
    const qint64 sizeBefore = QFileInfo(path).size();
    QVERIFY(!before.isEmpty());
    QTest::qWait(20); // so that a write would show in the mtime

    {
        CatalogDatabase db(path);
        const CatalogError e = db.open();
        QCOMPARE(e.code, CatalogError::NewerSchema);
        QVERIFY(e.message.contains(path));
        QVERIFY(e.message.contains(QString::number(future)));
        QVERIFY(!db.isOpen());
        QVERIFY(!db.connection().isValid());
    }
    auto lib = Library::open(folder);
    QVERIFY(!lib);
    QCOMPARE(lib.error().code, CatalogError::NewerSchema);
    // The Library refused before creating its subfolders.
    QVERIFY(!QFileInfo::exists(QDir(folder).filePath(QStringLiteral("features"))));

    QCOMPARE(fileSha(path), before);
    QCOMPARE(QFileInfo(path).size(), sizeBefore);
    QCOMPARE(QFileInfo(path).lastModified(), mtimeBefore);
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal"))
            || QFileInfo(path + QStringLiteral("-wal")).size() == 0);
}

void CatalogDatabaseTest::foreignSqliteFileIsRefused()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("other.sqlite"));
    makeRawDatabase(path, {QStringLiteral("CREATE TABLE songs (id INTEGER PRIMARY KEY)")});
    const QByteArray before = fileSha(path);
    CatalogDatabase db(path);
    QCOMPARE(db.open().code, CatalogError::NotACatalog);
    QCOMPARE(fileSha(path), before);
}

void CatalogDatabaseTest::failedMigrationRollsBackWhole()
{
    // A catalog stuck at version 0 whose migration 1 fails half-way (library_meta and track
    // are created, then `clip` collides with an existing table): nothing of it may remain.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("c.sqlite"));
    makeRawDatabase(path,
                    {QStringLiteral("CREATE TABLE schema_version (version INTEGER PRIMARY "
                                    "KEY, applied_ms INTEGER NOT NULL)"),
                     QStringLiteral("CREATE TABLE clip (x INTEGER)")});
    {
        CatalogDatabase db(path);
        const CatalogError e = db.open();
        QCOMPARE(e.code, CatalogError::MigrationFailed);
        QVERIFY(e.message.contains(path));
        QVERIFY(!db.isOpen());
    }
    {
        QSqlDatabase raw
                = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
        raw.setDatabaseName(path);
        QVERIFY(raw.open());
        const QSet<QString> tables = tableNames(raw);
        QCOMPARE(tables,
                 (QSet<QString> {QStringLiteral("schema_version"), QStringLiteral("clip")}));
        QSqlQuery q(raw);
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM schema_version")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        q = QSqlQuery();
        raw.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("check"));
}

void CatalogDatabaseTest::garbageFileIsRefused()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("garbage.sqlite"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(4096, 'x'));
    f.close();
    CatalogDatabase db(path);
    const CatalogError e = db.open();
    QVERIFY(e.code == CatalogError::NotACatalog || e.code == CatalogError::OpenFailed);
    QVERIFY(e.message.contains(path));
    QCOMPARE(QFileInfo(path).size(), qint64(4096));
}

void CatalogDatabaseTest::connectionPerThread()
{
    QTemporaryDir dir;
    CatalogDatabase db(dir.filePath(QStringLiteral("c.sqlite")));
    QVERIFY(db.open().ok());
    const QString mainName = db.connection().connectionName();
    QCOMPARE(db.connection().connectionName(), mainName); // same thread, same connection
    QString workerName;
    bool workerOk = false;
    QThread *worker = QThread::create([&] {
        QSqlQuery q(db.connection());
        workerName = db.connection().connectionName();
        workerOk = q.exec(QStringLiteral("INSERT INTO track (path, added_ms, updated_ms) "
                                         "VALUES ('/from-worker', 0, 0)"));
        q = QSqlQuery();
        db.closeThreadConnection();
    });
    worker->start();
    QVERIFY(worker->wait(10000));
    delete worker;
    QVERIFY(workerOk);
    QVERIFY(!workerName.isEmpty());
    QVERIFY(workerName != mainName);
    QVERIFY(!QSqlDatabase::contains(workerName)); // closed by closeThreadConnection
    QSqlQuery q(db.connection());
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM track WHERE path = '/from-worker'"))
            && q.next());
    QCOMPARE(q.value(0).toInt(), 1);
}

// Pool threads outlive their tasks: a task that reads the catalog inside a CatalogThreadScope
// leaves no connection behind, one without it leaves one per pool thread it ran on.
void CatalogDatabaseTest::pooledTasksCloseTheirConnections()
{
    QTemporaryDir dir;
    CatalogDatabase db(dir.filePath(QStringLiteral("c.sqlite")));
    QVERIFY(db.open().ok());
    const QString mainName = db.connection().connectionName();
    const auto readTracks = [&db] {
        QSqlQuery q(db.connection());
        return q.exec(QStringLiteral("SELECT count(*) FROM track")) && q.next();
    };
    QThreadPool pool;
    pool.setMaxThreadCount(3);
    pool.setExpiryTimeout(-1); // threads stay, as the global pool's do between tasks
    QList<QFuture<bool>> scoped;
    for (int i = 0; i < 30; ++i)
        scoped << QtConcurrent::run(&pool, [&db, readTracks] {
            const CatalogThreadScope scope(db);
            return readTracks();
        });
    for (QFuture<bool> &f : scoped)
        QVERIFY(f.result());
    pool.waitForDone();
    QCOMPARE(QSqlDatabase::connectionNames(), QStringList {mainName});

    // The same tasks without the scope keep a connection on every thread they ran on.
    QList<QFuture<bool>> unscoped;
    for (int i = 0; i < 30; ++i)
        unscoped << QtConcurrent::run(&pool, readTracks);
    for (QFuture<bool> &f : unscoped)
        QVERIFY(f.result());
    pool.waitForDone();
    QVERIFY(QSqlDatabase::connectionNames().size() > 1);
}

void CatalogDatabaseTest::nestedTransactionsUseSavepoints()
{
    QTemporaryDir dir;
    CatalogDatabase db(dir.filePath(QStringLiteral("c.sqlite")));
    QVERIFY(db.open().ok());
    auto countTracks = [&] {
        QSqlQuery q(db.connection());
        q.exec(QStringLiteral("SELECT count(*) FROM track"));
        q.next();
        return q.value(0).toInt();
    };
    {
        CatalogTransaction outer(db);
        QVERIFY(outer.isActive());
        QVERIFY(outer.isOutermost());
        QSqlQuery q(outer.connection());
        QVERIFY(q.exec(QStringLiteral(
                "INSERT INTO track (path, added_ms, updated_ms) VALUES ('/1', 0, 0)")));
        {
            CatalogTransaction inner(db);
            QVERIFY(inner.isActive());
            QVERIFY(!inner.isOutermost());
            QVERIFY(q.exec(QStringLiteral(
                    "INSERT INTO track (path, added_ms, updated_ms) VALUES ('/2', 0, 0)")));
            // rolled back when it goes out of scope
        }
        {
            CatalogTransaction inner(db);
            QVERIFY(q.exec(QStringLiteral(
                    "INSERT INTO track (path, added_ms, updated_ms) VALUES ('/3', 0, 0)")));
            QVERIFY(inner.commit().ok());
        }
        q = QSqlQuery();
        QVERIFY(outer.commit().ok());
    }
    QCOMPARE(countTracks(), 2);
    {
        CatalogTransaction dropped(db);
        QSqlQuery q(dropped.connection());
        QVERIFY(q.exec(QStringLiteral(
                "INSERT INTO track (path, added_ms, updated_ms) VALUES ('/4', 0, 0)")));
    }
    QCOMPARE(countTracks(), 2);
}

void CatalogDatabaseTest::splitStatementsRespectsQuotesAndComments()
{
    const QStringList s = CatalogDatabase::splitStatements(
            QStringLiteral("-- a comment; with a semicolon\nCREATE TABLE a (x TEXT DEFAULT ';');\n"
                           "/* block; comment */ INSERT INTO a VALUES ('it''s; fine');;\n  \n"
                           "SELECT 1"));
    QCOMPARE(s.size(), 3);
    QVERIFY(s[0].startsWith(QLatin1String("CREATE TABLE a")));
    QVERIFY(s[0].contains(QLatin1String("';'")));
    QVERIFY(s[1].contains(QLatin1String("'it''s; fine'")));
    QCOMPARE(s[2], QStringLiteral("SELECT 1"));
}

QTEST_GUILESS_MAIN(CatalogDatabaseTest)
#include "CatalogDatabase_test.moc"
