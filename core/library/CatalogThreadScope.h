// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Closes the calling thread's catalog connection when the scope ends. Every lambda that reads
// or writes the catalog on a pooled thread (QtConcurrent::run's global pool, a WorkerPool)
// opens it with one of these as its first line: a pooled thread outlives the task, and without
// the scope it would keep its SQLite connection (a file handle, a page cache and a WAL read
// mark) until the library closes, one more for every pool thread that ever touched it (Mixxx's
// DbConnectionPooler solves the same). Opening a connection again costs well under a
// millisecond, against the hundreds a pooled read takes.
//
// Threads: construct and destroy on the thread whose connection it scopes, outside any
// transaction of that thread (declare it before the stores' queries so it is destroyed last).
#include "core/library/CatalogDatabase.h"

namespace timbre::library {

class CatalogThreadScope
{
public:
    explicit CatalogThreadScope(const CatalogDatabase &db) : m_db(db) { }
    ~CatalogThreadScope() { m_db.closeThreadConnection(); }
    CatalogThreadScope(const CatalogThreadScope &) = delete;
    CatalogThreadScope &operator=(const CatalogThreadScope &) = delete;

private:
    const CatalogDatabase &m_db;
};

} // namespace timbre::library
