// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/review/ScoreTableReader.h"

#include "core/library/CatalogDatabase.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

#include <sqlite3.h>

#include <utility>

namespace timbre::review {

using library::CatalogError;
using library::CatalogResult;

ScoreTableReader::ScoreTableReader(QString filePath, sqlite3 *db)
    : m_filePath(std::move(filePath)), m_db(db)
{ }

ScoreTableReader::~ScoreTableReader()
{
    // Ends the read transaction (a read-only one has nothing to roll back).
    sqlite3_close_v2(m_db);
    if (!m_serverConnection.isEmpty()) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_serverConnection, false);
            QSqlQuery(db).exec(QStringLiteral("COMMIT"));
            db.close();
        }
        QSqlDatabase::removeDatabase(m_serverConnection);
    }
}

CatalogResult<std::unique_ptr<ScoreTableReader>>
ScoreTableReader::open(const library::CatalogDatabase &catalog)
{
    if (!catalog.isPostgres())
        return open(catalog.filePath());
    const QSqlDatabase shared = catalog.connection();
    if (!shared.isValid()) {
        return CatalogError::make(
                CatalogError::OpenFailed, catalog.filePath(),
                QStringLiteral("%1: cannot open the catalog for reading").arg(catalog.filePath()));
    }
    std::unique_ptr<ScoreTableReader> reader(new ScoreTableReader(catalog.filePath(), nullptr));
    reader->m_serverConnection = QStringLiteral("timbre-score-reader-%1")
                                         .arg(QUuid::createUuid().toString(QUuid::Id128));
    QSqlDatabase db = QSqlDatabase::cloneDatabase(shared, reader->m_serverConnection);
    if (!db.open()) {
        return CatalogError::make(
                CatalogError::OpenFailed, catalog.filePath(),
                QStringLiteral("%1: cannot open the catalog for reading: %2")
                        .arg(catalog.filePath(), db.lastError().text().trimmed()));
    }
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SET search_path TO \"%1\"").arg(catalog.location().schema))
        || !q.exec(QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"))) {
        return CatalogError::make(CatalogError::QueryFailed, catalog.filePath(),
                                  QStringLiteral("%1: starting a read transaction failed: %2")
                                          .arg(catalog.filePath(), q.lastError().text().trimmed()));
    }
    return reader;
}

CatalogResult<std::unique_ptr<ScoreTableReader>> ScoreTableReader::open(const QString &file)
{
    sqlite3 *db = nullptr;
    // NOMUTEX: the connection is used by one thread at a time (see the header).
    const int rc = sqlite3_open_v2(file.toUtf8().constData(), &db,
                                   SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
    std::unique_ptr<ScoreTableReader> reader(new ScoreTableReader(file, db)); // closes db
    if (rc != SQLITE_OK)
        return CatalogError::make(CatalogError::OpenFailed, file,
                                  QStringLiteral("%1: cannot open the catalog for reading: %2")
                                          .arg(file,
                                               db ? QString::fromUtf8(sqlite3_errmsg(db))
                                                  : QString::fromUtf8(sqlite3_errstr(rc))));
    sqlite3_busy_timeout(db, library::CatalogDatabase::kBusyTimeoutMs);
    // Memory-mapped pages: a version's scores are ~2 million rows over tens of MiB of pages,
    // and read through pread every page is a system call and a copy (most of a snapshot's time
    // at 100 000 clips, docs/BENCHMARKS.md "Review queues"). Address space only; a failure just
    // leaves SQLite on pread.
    sqlite3_exec(db, "PRAGMA mmap_size = 1073741824", nullptr, nullptr, nullptr);
    // One read transaction for every query of this reader (it starts with the first SELECT).
    if (sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK)
        return reader->failure(QStringLiteral("starting a read transaction"));
    return reader;
}

CatalogError ScoreTableReader::failure(const QString &what) const
{
    if (!m_serverConnection.isEmpty()) {
        return CatalogError::make(CatalogError::QueryFailed, m_filePath,
                                  QStringLiteral("%1: %2 failed").arg(m_filePath, what));
    }
    return CatalogError::make(
            CatalogError::QueryFailed, m_filePath,
            QStringLiteral("%1: %2 failed: %3")
                    .arg(m_filePath, what, QString::fromUtf8(sqlite3_errmsg(m_db))));
}

CatalogResult<ScoreTableReader::Rows> ScoreTableReader::query(const char *sql, const QString &what,
                                                              qint64 bind) const
{
    if (!m_serverConnection.isEmpty()) {
        auto q = std::make_unique<QSqlQuery>(QSqlDatabase::database(m_serverConnection, false));
        q->setForwardOnly(true);
        const bool ok = q->prepare(QString::fromUtf8(sql))
                && (bind <= 0 || (q->addBindValue(bind), true)) && q->exec();
        if (!ok) {
            return CatalogError::make(
                    CatalogError::QueryFailed, m_filePath,
                    QStringLiteral("%1: %2 failed: %3")
                            .arg(m_filePath, what, q->lastError().text().trimmed()));
        }
        return Rows(this, std::move(q), what);
    }
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(m_db, sql, -1, &statement, nullptr) != SQLITE_OK) {
        sqlite3_finalize(statement);
        return failure(what);
    }
    if (bind > 0 && sqlite3_bind_int64(statement, 1, bind) != SQLITE_OK) {
        sqlite3_finalize(statement);
        return failure(what);
    }
    return Rows(this, statement, what);
}

ScoreTableReader::Rows::Rows(const ScoreTableReader *reader, sqlite3_stmt *statement, QString what)
    : m_reader(reader), m_statement(statement), m_what(std::move(what))
{ }

ScoreTableReader::Rows::Rows(const ScoreTableReader *reader, std::unique_ptr<QSqlQuery> query,
                             QString what)
    : m_reader(reader), m_server(std::move(query)), m_what(std::move(what))
{ }

ScoreTableReader::Rows::Rows(Rows &&other) noexcept
    : m_reader(other.m_reader), m_statement(std::exchange(other.m_statement, nullptr)),
      m_server(std::move(other.m_server)), m_what(std::move(other.m_what)),
      m_error(std::move(other.m_error))
{ }

ScoreTableReader::Rows::~Rows()
{
    sqlite3_finalize(m_statement);
}

bool ScoreTableReader::Rows::next()
{
    if (m_server) {
        if (m_error.isError())
            return false;
        if (m_server->next())
            return true;
        if (m_server->lastError().isValid())
            m_error = CatalogError::make(CatalogError::QueryFailed, m_reader->filePath(),
                                         QStringLiteral("%1: %2 failed: %3")
                                                 .arg(m_reader->filePath(), m_what,
                                                      m_server->lastError().text().trimmed()));
        return false;
    }
    if (!m_statement || m_error.isError())
        return false;
    const int rc = sqlite3_step(m_statement);
    if (rc == SQLITE_ROW)
        return true;
    if (rc != SQLITE_DONE)
        m_error = m_reader->failure(m_what);
    return false;
}

qint64 ScoreTableReader::Rows::integer(int column) const
{
    if (m_server)
        return m_server->value(column).toLongLong();
    return sqlite3_column_int64(m_statement, column);
}

double ScoreTableReader::Rows::real(int column) const
{
    if (m_server)
        return m_server->value(column).toDouble();
    return sqlite3_column_double(m_statement, column);
}

bool ScoreTableReader::Rows::isNull(int column) const
{
    if (m_server)
        return m_server->isNull(column);
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

QString ScoreTableReader::Rows::text(int column) const
{
    if (m_server)
        return m_server->value(column).toString();
    const void *utf16 = sqlite3_column_text16(m_statement, column);
    if (!utf16)
        return {};
    return QString::fromUtf16(static_cast<const char16_t *>(utf16),
                              qsizetype(sqlite3_column_bytes16(m_statement, column)) / 2);
}

} // namespace timbre::review
