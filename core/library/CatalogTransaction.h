// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/CatalogError.h"

#include <QSqlDatabase>

namespace timbre::library {

class CatalogDatabase;

// RAII write transaction on the calling thread's connection (Strawberry's scoped transaction):
// rolls back unless commit() was called. The outermost one is BEGIN IMMEDIATE (takes the write
// lock up front, so two processes never deadlock upgrading a read lock); nested ones become
// SAVEPOINTs, so a store method that needs atomicity joins a batch the caller already opened
// (e.g. the scanner committing 500 upserts at once) instead of failing on a nested BEGIN.
class CatalogTransaction
{
public:
    explicit CatalogTransaction(const CatalogDatabase &db);
    ~CatalogTransaction();
    CatalogTransaction(const CatalogTransaction &) = delete;
    CatalogTransaction &operator=(const CatalogTransaction &) = delete;

    // Error of the BEGIN / SAVEPOINT itself (busy beyond the timeout, connection closed, ...).
    const CatalogError &beginError() const { return m_beginError; }
    bool isActive() const { return m_active; }
    bool isOutermost() const { return m_depth == 1; }
    QSqlDatabase connection() const { return m_connection; }

    CatalogError commit();
    void rollback();

private:
    const CatalogDatabase &m_db;
    QSqlDatabase m_connection;
    CatalogError m_beginError;
    int m_depth = 0;
    bool m_active = false;
};

} // namespace timbre::library
