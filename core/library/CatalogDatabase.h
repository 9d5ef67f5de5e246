// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/CatalogError.h"
#include "core/library/CatalogLocation.h"

#include <QHash>
#include <QSqlDatabase>
#include <QString>

#include <mutex>

class QSqlQuery;

namespace timbre::library {

// The catalog's SQLite file (Qt's QSQLITE driver), or its schema on a PostgreSQL server (QPSQL;
// see the end of this comment), with one connection per thread.
//
// open() first reads the recorded schema version through a read-only connection and refuses a
// database written by a newer build (CatalogError::NewerSchema) or a SQLite file that is not a
// catalog (NotACatalog) without writing a byte. Only then does it switch the file to WAL and
// apply the missing migrations (resources :/timbre/library/schema/schema-N.sql, N = 1..latest)
// in ONE transaction, so an interrupted upgrade leaves the old version intact.
//
// Every thread that touches the catalog gets its own connection, named after this instance, the
// file and the thread (Strawberry's rule: a QSqlDatabase belongs to the thread that opened it).
// Connections are opened lazily by connection() with foreign_keys=ON, a busy timeout and
// synchronous=FULL; the destructor closes all of them, so no query may outlive the instance.
// A worker thread that ends before the instance may call closeThreadConnection().
//
// On PostgreSQL (CatalogLocation::isServer): the same migrations, through postgresDdl
// (CatalogDialect.h), into the location's schema, created by open() when missing; every
// connection sets its search_path to that schema. A write transaction takes a transaction-level
// advisory lock of the schema first, so writers are serialised as SQLite's BEGIN IMMEDIATE
// serialises them and every read-modify-write of the stores keeps its meaning; readers never
// wait. filePath() is then the URL (CatalogLocation::display), which is what messages name.
//
// Thread safety: all methods may be called from any thread once open() has returned.
class CatalogDatabase
{
public:
    static constexpr int kLatestSchemaVersion = 7;
    static constexpr int kBusyTimeoutMs = 10000;

    explicit CatalogDatabase(const QString &filePath);
    explicit CatalogDatabase(const CatalogLocation &location);
    ~CatalogDatabase();
    CatalogDatabase(const CatalogDatabase &) = delete;
    CatalogDatabase &operator=(const CatalogDatabase &) = delete;

    // Creates or upgrades the file as described above. Idempotent.
    CatalogError open();
    bool isOpen() const;
    QString filePath() const { return m_filePath; }
    const CatalogLocation &location() const { return m_location; }
    bool isPostgres() const { return m_location.isServer(); }
    // The NOTIFY channel of a server catalog: every statement that changes a table the
    // CatalogStamp covers (labels, tracks, clips, instruments, models, predict runs) notifies
    // it, from any client, through triggers open() installs. Empty for SQLite.
    QString notificationChannel() const;
    // Version after open(): kLatestSchemaVersion.
    int schemaVersion() const;
    // True when open() created the schema from nothing (a new library).
    bool wasCreated() const { return m_created; }

    // The calling thread's connection, opened on first use. Invalid before open() succeeded.
    QSqlDatabase connection() const;
    // Closes the calling thread's connection (a worker that is about to end).
    void closeThreadConnection() const;
    // A server catalog outlives its connections (a restarted server, a dropped network, an
    // idle timeout): after a failed query the thread's connection is suspect, and its next use
    // outside a transaction first checks it and opens a new one if it is gone, so one failed
    // operation is all a lost connection costs. This does that check now: true when the
    // connection was lost and a new one is open (the failed operation may be tried again).
    // Always false for SQLite.
    bool reconnectIfLost() const;
    // After a bulk write (a version's scores): copies the WAL into the database file and
    // truncates it, so readers find those pages in the (memory-mapped) file instead of looking
    // each one up in the WAL and reading it with a system call; at 100 000 clips that halves
    // the review queues' load (docs/BENCHMARKS.md, "Review queues"). Best effort: a reader
    // holding an old snapshot makes it copy less, never fail the write before it.
    void checkpointAfterBulkWrite() const;

    // The recorded schema version of `filePath` without changing the file (read-only
    // connection): 0 for a missing or empty file, NotACatalog / OpenFailed otherwise.
    static CatalogResult<int> probeSchemaVersion(const QString &filePath);
    // Resource path of migration `version` (1-based).
    static QString migrationResource(int version);
    // Statements of a migration script, split on ';' outside quotes and comments.
    static QStringList splitStatements(const QString &script);

    // A QueryFailed error naming the file, what was attempted and the driver's message.
    CatalogError queryError(const QSqlQuery &query, const QString &what) const;
    CatalogError error(CatalogError::Code code, const QString &message) const;

private:
    friend class CatalogTransaction;
    friend class CatalogReadSnapshot;
    // The advisory lock key of this catalog's writers (PostgreSQL).
    qint64 writerLockKey() const;
    struct ThreadConnection
    {
        QString name;
        int transactionDepth = 0;
        bool suspect = false; // a query failed on it (PostgreSQL): check before the next use
    };

    QString connectionName() const;
    QSqlDatabase openConnection(QString *errorText) const;
    // The calling thread's suspect server connection, if it is still alive; else forgets it
    // (returns an invalid one, and openConnection opens a new one).
    QSqlDatabase checkedConnection(const ThreadConnection &c) const;
    int &transactionDepth() const; // of the calling thread's connection
    CatalogError migrate();
    CatalogError openServer();
    // A QPSQL connection named `name` to the location's server (not yet open).
    QSqlDatabase addServerConnection(const QString &name) const;
    CatalogResult<int> recordedVersion(QSqlQuery &q) const;

    CatalogLocation m_location;
    QString m_filePath;
    QString m_namePrefix;
    // std::mutex rather than QMutex: its locking is visible to ThreadSanitizer (Debian's Qt is
    // not instrumented, and QMutex's inline half annotates what its library half does not).
    mutable std::mutex m_mutex;
    mutable QHash<quint64, ThreadConnection> m_connections; // by thread serial
    bool m_open = false;
    bool m_created = false;
    int m_version = 0;
};

} // namespace timbre::library
