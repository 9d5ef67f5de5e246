// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/library/CatalogReadSnapshot.h"

#include "core/library/CatalogDatabase.h"

#include <QSqlQuery>

namespace timbre::library {

CatalogReadSnapshot::CatalogReadSnapshot(const CatalogDatabase &db) : m_db(db)
{
    const QSqlDatabase connection = db.connection();
    if (!connection.isValid() || db.transactionDepth() > 0)
        return;
    QSqlQuery q(connection);
    const bool begun = db.isPostgres()
            ? q.exec(QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"))
            : q.exec(QStringLiteral("BEGIN"));
    if (!begun)
        return; // reads still work, each on its own
    // Nested CatalogTransactions become savepoints, as inside any transaction.
    ++db.transactionDepth();
    m_active = true;
}

CatalogReadSnapshot::~CatalogReadSnapshot()
{
    if (!m_active)
        return;
    QSqlQuery(m_db.connection()).exec(QStringLiteral("COMMIT"));
    --m_db.transactionDepth();
}

} // namespace timbre::library
