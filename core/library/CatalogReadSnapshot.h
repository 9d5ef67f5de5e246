// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Several reads of the catalog that must see one committed state, e.g. a training run's labels,
// clips and feature rows (datasets::LibraryBags): while one lives, the calling thread's
// connection reads in one transaction: SQLite's deferred BEGIN (in WAL mode a reader's snapshot
// is fixed at its first read; writers go on), PostgreSQL's REPEATABLE READ READ ONLY. Neither
// blocks a writer, so training never holds up labelling. Inside a transaction the thread
// already has, it does nothing (that one is the snapshot). Reads only: a write through this
// thread's connection while it lives fails on PostgreSQL.
namespace timbre::library {

class CatalogDatabase;

class CatalogReadSnapshot
{
public:
    explicit CatalogReadSnapshot(const CatalogDatabase &db);
    ~CatalogReadSnapshot();
    CatalogReadSnapshot(const CatalogReadSnapshot &) = delete;
    CatalogReadSnapshot &operator=(const CatalogReadSnapshot &) = delete;

    bool active() const { return m_active; }

private:
    const CatalogDatabase &m_db;
    bool m_active = false;
};

} // namespace timbre::library
