// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/library/CatalogWatcher.h"

#include "core/library/CatalogDatabase.h"
#include "core/library/Library.h"
#include "core/library/StorageProblem.h"

#include <QDateTime>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>
#include <QVariant>

namespace timbre::library {

CatalogWatcher::CatalogWatcher(std::shared_ptr<Library> library, int generation, int intervalMs)
    : m_library(std::move(library)), m_generation(generation), m_intervalMs(intervalMs)
{ }

CatalogWatcher::~CatalogWatcher() = default;

void CatalogWatcher::start()
{
    if (!m_timer) {
        m_timer = new QTimer(this);
        m_timer->setInterval(m_intervalMs);
        connect(m_timer, &QTimer::timeout, this, &CatalogWatcher::poll);
    }
    m_timer->start();
    poll();
}

void CatalogWatcher::pollNow()
{
    poll();
}

void CatalogWatcher::stop()
{
    if (m_timer)
        m_timer->stop();
    m_subscribed = false;
    m_library->database().closeThreadConnection();
}

void CatalogWatcher::poll()
{
    CatalogChange change;
    change.generation = m_generation;
    const auto report = [this, &change](const QString &problem) {
        if (problem == m_problem)
            return;
        m_problem = problem;
        change.problem = problem;
        change.problemCleared = problem.isEmpty();
        Q_EMIT changed(change);
    };
    const QString file = m_library->databasePath();
    const bool server = m_library->catalogOnServer();
    if (!server && !QFileInfo::exists(file)) {
        report(QStringLiteral("%1: the catalog file is gone").arg(file));
        return;
    }
    const QSqlDatabase db = m_library->database().connection();
    if (!db.isValid()) {
        const QString problem = storageProblem(file);
        report(problem.isEmpty()
                       ? QStringLiteral("%1: cannot open the catalog").arg(file)
                       : QStringLiteral("%1: cannot open the catalog: %2").arg(file, problem));
        return;
    }
    // SQLite counts other connections' commits in data_version, which spares the stamp's read
    // while nothing changed; a server says so by a notice.
    qint64 version = m_dataVersion + 1;
    if (server) {
        if (!serverNeedsRead())
            return;
    } else {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("PRAGMA data_version")) || !q.next()) {
            report(QStringLiteral("%1: cannot read the catalog: %2")
                           .arg(file, describeSqlError(q.lastError(), file)));
            return;
        }
        version = q.value(0).toLongLong();
    }
    if (m_haveStamp && version == m_dataVersion && m_problem.isEmpty())
        return;
    CatalogResult<CatalogStamp> stamp = CatalogStamp::readBlocking(db);
    if (!stamp) {
        report(stamp.error().message);
        if (server) {
            // A lost connection: reconnect, subscribe and reread on the next tick.
            m_subscribed = false;
            m_library->database().closeThreadConnection();
        }
        return;
    }
    m_notified = false;
    m_lastServerReadMs = QDateTime::currentMSecsSinceEpoch();
    m_dataVersion = version;
    if (!m_problem.isEmpty())
        report(QString());
    if (!m_haveStamp) {
        m_haveStamp = true;
        m_stamp = *stamp;
        return;
    }
    CatalogResult<CatalogChange> diff = CatalogChange::between(db, m_stamp, *stamp);
    if (!diff) {
        report(diff.error().message);
        return;
    }
    m_stamp = *stamp;
    diff->generation = m_generation;
    if (!diff->isEmpty())
        Q_EMIT changed(*diff);
}

bool CatalogWatcher::serverNeedsRead()
{
    if (!m_subscribed) {
        QSqlDatabase db = m_library->database().connection();
        QSqlDriver *driver = db.isValid() ? db.driver() : nullptr;
        const QString channel = m_library->database().notificationChannel();
        if (driver && driver->subscribeToNotification(channel)) {
            connect(driver, &QSqlDriver::notification, this,
                    [this](const QString &name, QSqlDriver::NotificationSource, const QVariant &) {
                        if (name == m_library->database().notificationChannel())
                            m_notified = true;
                    });
            m_subscribed = true;
            return true; // what happened before the subscription is not known
        }
        return true; // no subscription (yet): read, as without one
    }
    return m_notified || !m_haveStamp || !m_problem.isEmpty()
            || QDateTime::currentMSecsSinceEpoch() - m_lastServerReadMs >= kServerSafetyMs;
}

} // namespace timbre::library
