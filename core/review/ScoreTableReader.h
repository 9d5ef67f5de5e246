// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/CatalogError.h"

#include <QString>

#include <memory>

struct sqlite3;
struct sqlite3_stmt;
class QSqlQuery;

namespace timbre::library {
class CatalogDatabase;
}

namespace timbre::review {

// Bulk reads of the catalog for ReviewSnapshot (clips, labels, a model version's scores)
// through SQLite's C API, on a read-only connection of its own to the catalog file.
//
// Why not Qt SQL: the QSQLITE driver builds a QVariant per value, and reading the ~2 million
// `prediction` rows of one model version (100 000 clips x 20 instruments) through QSqlQuery
// cost about 0.7 us of CPU per row, 1.3-1.8 s per version, while SQLite's own scan of those
// rows takes ~0.14 s (docs/BENCHMARKS.md, "Review queues"). Here a row is one sqlite3_step and
// a few sqlite3_column_* calls by column index.
//
// The connection is opened SQLITE_OPEN_READONLY (WAL lets it read beside the library's
// writers) with the catalog's busy timeout, and reads in one transaction from the first query
// to its destruction, so every query sees the same committed state of the catalog. It does not
// see uncommitted writes of the calling thread's Qt connection. One thread at a time.
//
// Errors name the file: OpenFailed when it cannot be opened, QueryFailed (with SQLite's
// message: "file is not a database", "database is locked", ...) when a statement fails.
//
// A catalog on a PostgreSQL server is read through a QPSQL connection of the reader's own, in
// one REPEATABLE READ READ ONLY transaction (the same one-snapshot promise); there the rows
// come through Qt SQL, as nothing faster is at hand.
class ScoreTableReader
{
public:
    static library::CatalogResult<std::unique_ptr<ScoreTableReader>>
    open(const QString &catalogFile);
    // The catalog's file, or its server.
    static library::CatalogResult<std::unique_ptr<ScoreTableReader>>
    open(const library::CatalogDatabase &catalog);
    ~ScoreTableReader();
    ScoreTableReader(const ScoreTableReader &) = delete;
    ScoreTableReader &operator=(const ScoreTableReader &) = delete;

    QString filePath() const { return m_filePath; }

    // The rows of one statement, read forward. Columns by index, as in the SELECT.
    class Rows
    {
    public:
        Rows(Rows &&other) noexcept;
        Rows &operator=(Rows &&other) = delete;
        Rows(const Rows &) = delete;
        ~Rows();

        // Steps to the next row: false at the end, or on an error (then error() is set).
        bool next();
        library::CatalogError error() const { return m_error; }

        qint64 integer(int column) const;
        double real(int column) const;
        bool isNull(int column) const;
        QString text(int column) const; // UTF-16 from SQLite, as QSQLITE reads it

    private:
        friend class ScoreTableReader;
        Rows(const ScoreTableReader *reader, sqlite3_stmt *statement, QString what);
        Rows(const ScoreTableReader *reader, std::unique_ptr<QSqlQuery> query, QString what);

        const ScoreTableReader *m_reader = nullptr;
        sqlite3_stmt *m_statement = nullptr;
        std::unique_ptr<QSqlQuery> m_server; // a server catalog's rows
        QString m_what;
        library::CatalogError m_error;
    };

    // Prepares `sql`; `bind` > 0 is bound to its one `?`. `what` ("reading labels") names the
    // read in errors. The Rows must not outlive this reader.
    library::CatalogResult<Rows> query(const char *sql, const QString &what, qint64 bind = 0) const;

private:
    ScoreTableReader(QString filePath, sqlite3 *db);
    library::CatalogError failure(const QString &what) const;

    QString m_filePath;
    sqlite3 *m_db = nullptr;
    QString m_serverConnection; // the QSqlDatabase name of a server catalog's reader
};

} // namespace timbre::review
