// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Where a library's catalog lives: the SQLite file <folder>/catalog.sqlite (the default), or a
// schema on a PostgreSQL server named by <folder>/catalog.conf, for libraries that several
// annotators or a multi-node array share (docs/CLUSTER.md, docs/ARCHITECTURE.md §3.2).
//
// catalog.conf holds one `url = postgresql://[user@]host[:port]/database?schema=NAME` line
// (and '#' comments). Credentials are never stored in it or in the catalog: libpq takes the
// password from PGPASSWORD or ~/.pgpass, and a URL with a password is refused.
#include "core/library/CatalogError.h"

#include <QString>

namespace timbre::library {

struct CatalogLocation
{
    enum class Backend { Sqlite, Postgres };

    Backend backend = Backend::Sqlite;
    QString filePath; // Sqlite: absolute path of the file
    QString host; // Postgres
    int port = 5432;
    QString database;
    QString user; // empty: libpq's default (PGUSER, else the login name)
    QString schema; // the library's PostgreSQL schema (one server database holds many)

    static CatalogLocation sqliteFile(const QString &filePath);
    bool isServer() const { return backend == Backend::Postgres; }
    // The file path, or the URL with the schema (no password ever): what messages name.
    QString display() const;
    QString url() const;

    // postgresql://[user@]host[:port]/database[?schema=NAME]; `defaultSchema` when the URL
    // names none. Refuses a password, a missing host or database, and a schema that is not a
    // plain lower-case identifier.
    static CatalogResult<CatalogLocation> parseUrl(const QString &url,
                                                   const QString &defaultSchema = QString());
    static QString configFileName() { return QStringLiteral("catalog.conf"); }
    // Reads <folder>/catalog.conf.
    static CatalogResult<CatalogLocation> readConfig(const QString &confPath);
    // Writes it atomically; the schema goes into the URL.
    CatalogError writeConfig(const QString &confPath) const;
    // A fresh schema name for a new library on a server: lib_ + 16 hex digits.
    static QString newSchemaName();
};

} // namespace timbre::library
