// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/library/CatalogDatabase.h"

#include "core/library/CatalogDialect.h"
#include "core/library/CatalogTransaction.h"
#include "core/library/StorageProblem.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

#include <atomic>

// Resources of a static library are not registered by the linker; this must live outside any
// namespace (Q_INIT_RESOURCE declares a global function).
static void initCatalogSchemaResources()
{
    Q_INIT_RESOURCE(CatalogSchema);
}

namespace timbre::library {

namespace {

// A serial per thread that is never reused (thread addresses are), so a connection left by a
// finished thread can never be picked up by a new one at the same address.
quint64 threadSerial()
{
    static std::atomic<quint64> next {1};
    thread_local const quint64 serial = next.fetch_add(1);
    return serial;
}

std::atomic<quint64> g_instanceSerial {1};

const QString kDriver = QStringLiteral("QSQLITE");
const QString kServerDriver = QStringLiteral("QPSQL");

QString quotedIdentifier(const QString &name)
{
    return QLatin1Char('"') + QString(name).replace(QLatin1Char('"'), QStringLiteral("\"\""))
            + QLatin1Char('"');
}

} // namespace

CatalogDatabase::CatalogDatabase(const QString &filePath)
    : CatalogDatabase(CatalogLocation::sqliteFile(filePath))
{ }

CatalogDatabase::CatalogDatabase(const CatalogLocation &location)
    : m_location(location), m_filePath(location.display())
{
    const QByteArray pathHash
            = QCryptographicHash::hash(m_filePath.toUtf8(), QCryptographicHash::Sha1)
                      .toHex()
                      .left(12);
    m_namePrefix = QStringLiteral("timbre-catalog-%1-%2-")
                           .arg(QString::fromLatin1(pathHash))
                           .arg(g_instanceSerial.fetch_add(1));
}

CatalogDatabase::~CatalogDatabase()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    for (const ThreadConnection &c : std::as_const(m_connections))
        QSqlDatabase::removeDatabase(c.name);
    m_connections.clear();
}

QString CatalogDatabase::connectionName() const
{
    return m_namePrefix + QString::number(threadSerial());
}

QSqlDatabase CatalogDatabase::openConnection(QString *errorText) const
{
    const quint64 serial = threadSerial();
    ThreadConnection known;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        auto it = m_connections.constFind(serial);
        if (it != m_connections.constEnd()) {
            // Inside a transaction a new connection would silently drop it: the transaction's
            // statements fail and it rolls back instead.
            if (!it->suspect || it->transactionDepth > 0)
                return QSqlDatabase::database(it->name, false);
            known = *it;
        }
    }
    if (!known.name.isEmpty()) {
        QSqlDatabase alive = checkedConnection(known);
        if (alive.isValid())
            return alive;
    }
    const QString name = connectionName();
    if (isPostgres()) {
        QSqlDatabase db = addServerConnection(name);
        QString why;
        if (!db.open()) {
            why = db.lastError().text().trimmed();
        } else {
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("SET search_path TO %1")
                                .arg(quotedIdentifier(m_location.schema))))
                why = q.lastError().text().trimmed();
        }
        if (!why.isEmpty()) {
            if (errorText)
                *errorText = why;
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
            return QSqlDatabase();
        }
        std::lock_guard<std::mutex> lock(m_mutex);
        m_connections.insert(serial, ThreadConnection {name, 0});
        return db;
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(kDriver, name);
    db.setDatabaseName(m_filePath);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kBusyTimeoutMs));
    if (!db.open()) {
        if (errorText)
            *errorText = describeSqlError(db.lastError(), m_filePath);
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        return QSqlDatabase();
    }
    QSqlQuery q(db);
    // foreign_keys is per connection and off by default; FULL makes each committed label edit
    // durable against power loss too, while batches keep the scanner's cost low.
    for (const char *pragma : {"PRAGMA foreign_keys = ON", "PRAGMA synchronous = FULL"}) {
        if (!q.exec(QLatin1String(pragma))) {
            if (errorText)
                *errorText = describeSqlError(q.lastError(), m_filePath);
            q = QSqlQuery();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
            return QSqlDatabase();
        }
    }
    std::lock_guard<std::mutex> lock(m_mutex);
    m_connections.insert(serial, ThreadConnection {name, 0});
    return db;
}

QSqlDatabase CatalogDatabase::checkedConnection(const ThreadConnection &c) const
{
    {
        QSqlDatabase db = QSqlDatabase::database(c.name, false);
        QSqlQuery probe(db);
        if (db.isOpen() && probe.exec(QStringLiteral("SELECT 1")) && probe.next()) {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_connections[threadSerial()].suspect = false;
            return db;
        }
    }
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_connections.remove(threadSerial());
    }
    QSqlDatabase::removeDatabase(c.name);
    return QSqlDatabase();
}

bool CatalogDatabase::reconnectIfLost() const
{
    if (!isPostgres() || !isOpen())
        return false;
    ThreadConnection known;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        auto it = m_connections.find(threadSerial());
        if (it == m_connections.end() || it->transactionDepth > 0)
            return false;
        known = *it;
    }
    if (checkedConnection(known).isValid())
        return false;
    return openConnection(nullptr).isOpen();
}

QSqlDatabase CatalogDatabase::connection() const
{
    if (!isOpen())
        return QSqlDatabase();
    return openConnection(nullptr);
}

void CatalogDatabase::checkpointAfterBulkWrite() const
{
    if (isPostgres())
        return; // the server's own checkpointer
    QSqlQuery q(connection());
    // PASSIVE waits for nobody; TRUNCATE would sit in the busy handler behind a GUI reader.
    q.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"));
}

void CatalogDatabase::closeThreadConnection() const
{
    QString name;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        auto it = m_connections.find(threadSerial());
        if (it == m_connections.end())
            return;
        name = it->name;
        m_connections.erase(it);
    }
    QSqlDatabase::removeDatabase(name);
}

int &CatalogDatabase::transactionDepth() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    // connection() has registered the thread before any transaction starts.
    return m_connections[threadSerial()].transactionDepth;
}

bool CatalogDatabase::isOpen() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_open;
}

int CatalogDatabase::schemaVersion() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_version;
}

CatalogError CatalogDatabase::error(CatalogError::Code code, const QString &message) const
{
    return CatalogError::make(code, m_filePath, message);
}

CatalogError CatalogDatabase::queryError(const QSqlQuery &query, const QString &what) const
{
    if (isPostgres()) {
        std::lock_guard<std::mutex> lock(m_mutex);
        auto it = m_connections.find(threadSerial());
        if (it != m_connections.end())
            it->suspect = true;
    }
    return error(CatalogError::QueryFailed,
                 QStringLiteral("%1: %2 failed: %3")
                         .arg(m_filePath, what, describeSqlError(query.lastError(), m_filePath)));
}

QString CatalogDatabase::migrationResource(int version)
{
    return QStringLiteral(":/timbre/library/schema/schema-%1.sql").arg(version);
}

CatalogResult<int> CatalogDatabase::probeSchemaVersion(const QString &filePath)
{
    const QFileInfo info(filePath);
    if (!info.exists() || info.size() == 0)
        return 0;
    const QString name = QStringLiteral("timbre-catalog-probe-%1")
                                 .arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
    CatalogResult<int> result = CatalogError::make(CatalogError::OpenFailed, filePath, QString());
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(kDriver, name);
        db.setDatabaseName(info.absoluteFilePath());
        // Read-only: neither the journal mode nor a single page may change before the
        // version is known to be one this build understands.
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=%1")
                                     .arg(kBusyTimeoutMs));
        if (!db.open()) {
            result = CatalogError::make(
                    CatalogError::OpenFailed, filePath,
                    QStringLiteral("%1: cannot open catalog: %2")
                            .arg(filePath, describeSqlError(db.lastError(), filePath)));
        } else {
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table'"))
                && !isNotADatabase(q.lastError())) {
                // Readable in principle but not now: a full or read-only disk, a vanished
                // folder (the WAL index cannot be made). Not a verdict on the file.
                result = CatalogError::make(
                        CatalogError::OpenFailed, filePath,
                        QStringLiteral("%1: cannot read the catalog: %2")
                                .arg(filePath, describeSqlError(q.lastError(), filePath)));
            } else if (!q.isActive() || !q.next()) {
                result = CatalogError::make(
                        CatalogError::NotACatalog, filePath,
                        QStringLiteral("%1: not a Timbre catalog (not a SQLite database: %2)")
                                .arg(filePath, q.lastError().text()));
            } else if (q.value(0).toInt() == 0) {
                result = 0;
            } else if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE "
                                              "type = 'table' AND name = 'schema_version'"))
                       || !q.next() || q.value(0).toInt() == 0) {
                result = CatalogError::make(
                        CatalogError::NotACatalog, filePath,
                        QStringLiteral("%1: not a Timbre catalog (no schema_version table)")
                                .arg(filePath));
            } else if (!q.exec(QStringLiteral("SELECT max(version) FROM schema_version"))
                       || !q.next()) {
                result = CatalogError::make(
                        CatalogError::NotACatalog, filePath,
                        QStringLiteral("%1: cannot read schema version: %2")
                                .arg(filePath, describeSqlError(q.lastError(), filePath)));
            } else {
                result = q.value(0).toInt();
            }
            q = QSqlQuery();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

QStringList CatalogDatabase::splitStatements(const QString &script)
{
    QStringList statements;
    QString current;
    const int n = script.size();
    for (int i = 0; i < n; ++i) {
        const QChar c = script.at(i);
        const QChar next = i + 1 < n ? script.at(i + 1) : QChar();
        if (c == QLatin1Char('-') && next == QLatin1Char('-')) {
            while (i < n && script.at(i) != QLatin1Char('\n'))
                ++i;
            current += QLatin1Char('\n');
            continue;
        }
        if (c == QLatin1Char('/') && next == QLatin1Char('*')) {
            const int end = script.indexOf(QLatin1String("*/"), i + 2);
            i = end < 0 ? n : end + 1;
            current += QLatin1Char(' ');
            continue;
        }
        if (c == QLatin1Char('\'') || c == QLatin1Char('"') || c == QLatin1Char('`')
            || c == QLatin1Char('[')) {
            const QChar close = c == QLatin1Char('[') ? QLatin1Char(']') : c;
            current += c;
            for (++i; i < n; ++i) {
                current += script.at(i);
                if (script.at(i) == close)
                    break;
            }
            continue;
        }
        if (c == QLatin1Char(';')) {
            const QString s = current.trimmed();
            if (!s.isEmpty())
                statements << s;
            current.clear();
            continue;
        }
        current += c;
    }
    const QString tail = current.trimmed();
    if (!tail.isEmpty())
        statements << tail;
    return statements;
}

QSqlDatabase CatalogDatabase::addServerConnection(const QString &name) const
{
    QSqlDatabase db = QSqlDatabase::addDatabase(kServerDriver, name);
    db.setHostName(m_location.host);
    db.setPort(m_location.port);
    db.setDatabaseName(m_location.database);
    if (!m_location.user.isEmpty())
        db.setUserName(m_location.user);
    // No password here: libpq reads PGPASSWORD or ~/.pgpass. The schema in the application
    // name tells an administrator (and the tests) whose connection it is.
    db.setConnectOptions(
            QStringLiteral("connect_timeout=10;application_name=timbre_%1").arg(m_location.schema));
    return db;
}

QString CatalogDatabase::notificationChannel() const
{
    return isPostgres() ? QStringLiteral("timbre_") + m_location.schema : QString();
}

namespace {

// Installed (again) at every open of a server catalog, after its migrations: not part of the
// migration files, which both backends share. FOR EACH STATEMENT, so a batch of 500 rows is one
// notice, and PostgreSQL folds equal notices of one transaction into one.
CatalogError installChangeNotices(const CatalogDatabase &db, QSqlQuery &q)
{
    const QString channel = db.notificationChannel();
    // Already there: nothing to do (re-creating them would lock every table for a moment).
    if (q.exec(QStringLiteral("SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = "
                              "t.tgrelid WHERE c.relnamespace = current_schema()::regnamespace "
                              "AND t.tgname LIKE 'timbre_notify_%'"))
        && q.next() && q.value(0).toInt() == 7)
        return {};
    if (!q.exec(QStringLiteral(
                        "CREATE OR REPLACE FUNCTION timbre_notify_change() RETURNS trigger "
                        "LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('%1', TG_TABLE_NAME); "
                        "RETURN NULL; END $$")
                        .arg(channel)))
        return db.queryError(q, QStringLiteral("installing change notices"));
    for (const char *table :
         {"label", "label_batch", "track", "clip", "instrument", "model", "prediction_run"}) {
        const QString t = QLatin1String(table);
        if (!q.exec(QStringLiteral("CREATE OR REPLACE TRIGGER timbre_notify_%1 AFTER INSERT OR "
                                   "UPDATE OR "
                                   "DELETE ON %1 FOR EACH STATEMENT EXECUTE FUNCTION "
                                   "timbre_notify_change()")
                            .arg(t)))
            return db.queryError(q, QStringLiteral("installing change notices on %1").arg(t));
    }
    return {};
}

} // namespace

qint64 CatalogDatabase::writerLockKey() const
{
    const QByteArray h
            = QCryptographicHash::hash(m_location.schema.toUtf8(), QCryptographicHash::Sha1);
    qint64 key = 0;
    for (int i = 0; i < 8; ++i)
        key = (key << 8) | quint8(h[i]);
    return key;
}

CatalogResult<int> CatalogDatabase::recordedVersion(QSqlQuery &q) const
{
    const QString hasTable = isPostgres()
            ? QStringLiteral("SELECT count(*) FROM information_schema.tables WHERE "
                             "table_schema = current_schema() AND table_name = 'schema_version'")
            : QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
                             "name = 'schema_version'");
    if (!q.exec(hasTable) || !q.next())
        return queryError(q, QStringLiteral("reading the schema version"));
    if (q.value(0).toInt() == 0)
        return 0;
    if (!q.exec(QStringLiteral("SELECT max(version) FROM schema_version")) || !q.next())
        return queryError(q, QStringLiteral("reading the schema version"));
    return q.value(0).toInt();
}

CatalogError CatalogDatabase::openServer()
{
    const QString name = QStringLiteral("timbre-catalog-setup-%1")
                                 .arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
    CatalogError result;
    {
        QSqlDatabase db = addServerConnection(name);
        if (!db.open()) {
            result = error(CatalogError::OpenFailed,
                           QStringLiteral("%1: cannot connect to the catalog server: %2")
                                   .arg(m_filePath, db.lastError().text().trimmed()));
        } else {
            // The schema first, outside the migration: a newer schema must be refused before
            // anything is written, and CREATE SCHEMA IF NOT EXISTS writes nothing when it exists.
            QSqlQuery q(db);
            q.prepare(QStringLiteral("SELECT count(*) FROM information_schema.schemata WHERE "
                                     "schema_name = ?"));
            q.addBindValue(m_location.schema);
            const bool exists = q.exec() && q.next() && q.value(0).toInt() > 0;
            if ((!exists
                 && !q.exec(QStringLiteral("CREATE SCHEMA IF NOT EXISTS %1")
                                    .arg(quotedIdentifier(m_location.schema))))
                || !q.exec(QStringLiteral("SET search_path TO %1")
                                   .arg(quotedIdentifier(m_location.schema)))) {
                result = error(CatalogError::OpenFailed,
                               QStringLiteral("%1: cannot use schema %2: %3")
                                       .arg(m_filePath, m_location.schema,
                                            q.lastError().text().trimmed()));
            } else {
                CatalogResult<int> version = recordedVersion(q);
                if (!version) {
                    result = version.error();
                } else if (*version > kLatestSchemaVersion) {
                    result = error(CatalogError::NewerSchema,
                                   QStringLiteral("%1: catalog schema version %2 is newer than "
                                                  "this build supports (%3); open it with a "
                                                  "newer Timbre Workbench. Nothing was changed.")
                                           .arg(m_filePath)
                                           .arg(*version)
                                           .arg(kLatestSchemaVersion));
                }
            }
            q = QSqlQuery();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

CatalogError CatalogDatabase::open()
{
    if (isOpen())
        return {};
    initCatalogSchemaResources();
    if (isPostgres()) {
        const CatalogError ready = openServer();
        if (ready.isError())
            return ready;
        QString openError;
        if (!openConnection(&openError).isValid()) {
            return error(CatalogError::OpenFailed,
                         QStringLiteral("%1: cannot open catalog: %2").arg(m_filePath, openError));
        }
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_open = true;
        }
        const CatalogError migrated = migrate();
        if (migrated.isError()) {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_open = false;
        }
        return migrated;
    }

    CatalogResult<int> probed = probeSchemaVersion(m_filePath);
    if (!probed)
        return probed.error();
    if (*probed > kLatestSchemaVersion) {
        return error(CatalogError::NewerSchema,
                     QStringLiteral("%1: catalog schema version %2 is newer than this build "
                                    "supports (%3); open it with a newer Timbre Workbench. "
                                    "The file was not changed.")
                             .arg(m_filePath)
                             .arg(*probed)
                             .arg(kLatestSchemaVersion));
    }

    QString openError;
    QSqlDatabase db = openConnection(&openError);
    if (!db.isValid()) {
        return error(CatalogError::OpenFailed,
                     QStringLiteral("%1: cannot open catalog: %2").arg(m_filePath, openError));
    }
    {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("PRAGMA journal_mode = WAL")) || !q.next())
            return queryError(q, QStringLiteral("switching to WAL"));
        if (q.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
            return error(CatalogError::OpenFailed,
                         QStringLiteral("%1: cannot switch the catalog to WAL mode (got %2)")
                                 .arg(m_filePath, q.value(0).toString()));
        }
    }
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_open = true; // connection() works from here on; migrate() uses it
    }
    const CatalogError migrated = migrate();
    if (migrated.isError()) {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_open = false;
        return migrated;
    }
    return {};
}

CatalogError CatalogDatabase::migrate()
{
    CatalogTransaction tx(*this);
    if (tx.beginError().isError())
        return tx.beginError();
    QSqlQuery q(tx.connection());

    // Another process may have upgraded the catalog between the probe and our write lock.
    CatalogResult<int> recorded = recordedVersion(q);
    if (!recorded)
        return recorded.error();
    const int version = *recorded;
    if (version > kLatestSchemaVersion) {
        return error(CatalogError::NewerSchema,
                     QStringLiteral("%1: catalog schema version %2 is newer than this build "
                                    "supports (%3)")
                             .arg(m_filePath)
                             .arg(version)
                             .arg(kLatestSchemaVersion));
    }
    const bool created = version == 0;
    for (int v = version + 1; v <= kLatestSchemaVersion; ++v) {
        QFile file(migrationResource(v));
        if (!file.open(QIODevice::ReadOnly)) {
            return error(CatalogError::MigrationFailed,
                         QStringLiteral("%1: migration %2 is missing from this build (%3)")
                                 .arg(m_filePath)
                                 .arg(v)
                                 .arg(file.fileName()));
        }
        const QStringList statements = splitStatements(QString::fromUtf8(file.readAll()));
        for (const QString &sqliteStatement : statements) {
            const QString statement = isPostgres() ? postgresDdl(sqliteStatement) : sqliteStatement;
            if (!q.exec(statement)) {
                return error(CatalogError::MigrationFailed,
                             QStringLiteral("%1: migration to schema %2 failed, nothing was "
                                            "changed: %3 (in: %4)")
                                     .arg(m_filePath)
                                     .arg(v)
                                     .arg(describeSqlError(q.lastError(), m_filePath),
                                          statement.left(80)));
            }
        }
        q.prepare(QStringLiteral("INSERT INTO schema_version (version, applied_ms) VALUES (?, ?)"));
        q.addBindValue(v);
        q.addBindValue(QDateTime::currentMSecsSinceEpoch());
        if (!q.exec())
            return queryError(q, QStringLiteral("recording schema version %1").arg(v));
    }
    if (isPostgres()) {
        const CatalogError notices = installChangeNotices(*this, q);
        if (notices.isError())
            return notices;
    }
    if (created) {
        q.prepare(QStringLiteral("INSERT INTO library_meta (key, value) VALUES (?, ?) "
                                 "ON CONFLICT (key) DO NOTHING"));
        q.addBindValue(QStringLiteral("created_ms"));
        q.addBindValue(QString::number(QDateTime::currentMSecsSinceEpoch()));
        if (!q.exec())
            return queryError(q, QStringLiteral("recording the creation time"));
    }
    q = QSqlQuery();
    const CatalogError committed = tx.commit();
    if (committed.isError()) {
        return error(CatalogError::MigrationFailed,
                     QStringLiteral("%1: upgrade could not be committed: %2")
                             .arg(m_filePath, committed.message));
    }
    std::lock_guard<std::mutex> lock(m_mutex);
    m_version = kLatestSchemaVersion;
    m_created = created;
    return {};
}

} // namespace timbre::library
