// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/library/CatalogTransaction.h"

#include "core/library/CatalogDatabase.h"

#include <QSqlError>
#include <QSqlQuery>

namespace timbre::library {

namespace {
QString savepointName(int depth)
{
    return QStringLiteral("timbre_sp_%1").arg(depth);
}
} // namespace

CatalogTransaction::CatalogTransaction(const CatalogDatabase &db)
    : m_db(db), m_connection(db.connection())
{
    if (!m_connection.isValid()) {
        m_beginError = db.error(CatalogError::OpenFailed,
                                QStringLiteral("%1: catalog is not open").arg(db.filePath()));
        return;
    }
    int &depth = db.transactionDepth();
    QSqlQuery q(m_connection);
    bool ok = false;
    if (depth > 0) {
        ok = q.exec(QStringLiteral("SAVEPOINT ") + savepointName(depth + 1));
    } else if (db.isPostgres()) {
        // Writers one at a time, as BEGIN IMMEDIATE makes them on SQLite (CatalogDatabase.h).
        ok = q.exec(QStringLiteral("BEGIN"))
                && q.exec(
                        QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(db.writerLockKey()));
        if (!ok) {
            QSqlQuery(m_connection).exec(QStringLiteral("ROLLBACK"));
        }
    } else {
        ok = q.exec(QStringLiteral("BEGIN IMMEDIATE"));
    }
    if (!ok) {
        m_beginError = db.queryError(q, QStringLiteral("starting a transaction"));
        return;
    }
    m_depth = ++depth;
    m_active = true;
}

CatalogTransaction::~CatalogTransaction()
{
    rollback();
}

CatalogError CatalogTransaction::commit()
{
    if (!m_active) {
        return m_beginError.isError()
                ? m_beginError
                : m_db.error(CatalogError::QueryFailed,
                             QStringLiteral("%1: commit of a finished transaction")
                                     .arg(m_db.filePath()));
    }
    QSqlQuery q(m_connection);
    const bool ok = m_depth == 1 ? q.exec(QStringLiteral("COMMIT"))
                                 : q.exec(QStringLiteral("RELEASE ") + savepointName(m_depth));
    if (!ok) {
        const CatalogError e = m_db.queryError(q, QStringLiteral("commit"));
        q = QSqlQuery();
        rollback();
        return e;
    }
    m_active = false;
    --m_db.transactionDepth();
    return {};
}

void CatalogTransaction::rollback()
{
    if (!m_active)
        return;
    QSqlQuery q(m_connection);
    if (m_depth == 1) {
        q.exec(QStringLiteral("ROLLBACK"));
    } else {
        const QString sp = savepointName(m_depth);
        q.exec(QStringLiteral("ROLLBACK TO ") + sp);
        q.exec(QStringLiteral("RELEASE ") + sp);
    }
    m_active = false;
    --m_db.transactionDepth();
}

} // namespace timbre::library
