// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/library/CatalogWatcher.h"

#include "core/library/CatalogDatabase.h"
#include "core/library/Library.h"
#include "core/library/StorageProblem.h"

#include <QFileInfo>
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
    // while nothing changed. A server has no such counter: the stamp is read every poll.
    qint64 version = m_dataVersion + 1;
    if (!server) {
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
        return;
    }
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

} // namespace timbre::library
