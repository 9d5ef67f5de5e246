// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/library/JobStore.h"

#include "core/library/CatalogDatabase.h"
#include "core/library/CatalogDialect.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSqlQuery>
#include <QSysInfo>
#include <QVariant>

#include <cerrno>
#include <csignal>

namespace timbre::library {

namespace {

const char kColumns[] = "id, kind, title, parameters, priority, state, done, total, failed, "
                        "error_text, result, owner, created_ms, coalesce(started_ms, 0), "
                        "coalesce(finished_ms, 0)";

JobRecord fromQuery(const QSqlQuery &q)
{
    JobRecord j;
    j.id = q.value(0).toLongLong();
    j.kind = q.value(1).toString();
    j.title = q.value(2).toString();
    j.parametersJson = q.value(3).toString();
    j.priority = q.value(4).toInt();
    j.state = q.value(5).toString();
    j.done = q.value(6).toLongLong();
    j.total = q.value(7).toLongLong();
    j.failed = q.value(8).toLongLong();
    j.errorText = q.value(9).toString();
    j.resultJson = q.value(10).toString();
    j.owner = q.value(11).toString();
    j.createdMs = q.value(12).toLongLong();
    j.startedMs = q.value(13).toLongLong();
    j.finishedMs = q.value(14).toLongLong();
    return j;
}

} // namespace

bool JobStore::ownerAlive(const QString &owner)
{
    const int at = owner.indexOf(QLatin1Char('@'));
    if (at <= 0)
        return false;
    if (owner.mid(at + 1) != QSysInfo::machineHostName())
        return true;
    bool ok = false;
    const qint64 pid = owner.left(at).toLongLong(&ok);
    if (!ok || pid <= 0)
        return false;
    if (pid == QCoreApplication::applicationPid())
        return true;
    return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

bool JobRecord::isFinal() const
{
    return JobStore::isFinalState(state);
}

bool JobStore::isFinalState(const QString &state)
{
    return state == QLatin1String("finished") || state == QLatin1String("failed")
            || state == QLatin1String("cancelled");
}

JobStore::JobStore(const CatalogDatabase &db) : m_db(db) { }

QString JobStore::currentOwner()
{
    return QStringLiteral("%1@%2")
            .arg(QCoreApplication::applicationPid())
            .arg(QSysInfo::machineHostName());
}

CatalogResult<qint64> JobStore::add(const JobRecord &job) const
{
    if (job.kind.isEmpty())
        return m_db.error(CatalogError::InvalidArgument,
                          QStringLiteral("%1: a job needs a kind").arg(m_db.filePath()));
    QSqlQuery q(m_db.connection());
    q.prepare(withReturningId(
            m_db,
            QStringLiteral("INSERT INTO job (kind, title, parameters, priority, state, done, "
                           "total, failed, error_text, result, owner, created_ms) VALUES (?, ?, "
                           "?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")));
    q.addBindValue(job.kind);
    q.addBindValue(job.title.isNull() ? QStringLiteral("") : job.title);
    q.addBindValue(job.parametersJson.isEmpty() ? QStringLiteral("{}") : job.parametersJson);
    q.addBindValue(job.priority);
    q.addBindValue(job.state.isEmpty() ? QStringLiteral("queued") : job.state);
    q.addBindValue(job.done);
    q.addBindValue(job.total);
    q.addBindValue(job.failed);
    q.addBindValue(job.errorText.isNull() ? QStringLiteral("") : job.errorText);
    q.addBindValue(job.resultJson.isEmpty() ? QStringLiteral("{}") : job.resultJson);
    q.addBindValue(currentOwner());
    q.addBindValue(job.createdMs > 0 ? job.createdMs : QDateTime::currentMSecsSinceEpoch());
    if (!q.exec())
        return m_db.queryError(q, QStringLiteral("adding a %1 job").arg(job.kind));
    return insertedId(q, m_db);
}

CatalogError JobStore::setState(qint64 jobId, const QString &state, const QString &errorText) const
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
            "UPDATE job SET state = ?, owner = ?, "
            "started_ms = CASE WHEN ? = 1 AND started_ms IS NULL THEN ? ELSE started_ms END, "
            "finished_ms = CASE WHEN ? = 1 THEN ? ELSE finished_ms END, "
            "error_text = coalesce(?, error_text) WHERE id = ?"));
    q.addBindValue(state);
    q.addBindValue(currentOwner());
    q.addBindValue(state == QLatin1String("running") ? 1 : 0);
    q.addBindValue(now);
    q.addBindValue(isFinalState(state) ? 1 : 0);
    q.addBindValue(now);
    q.addBindValue(errorText.isNull() ? QVariant(QMetaType(QMetaType::QString)) : errorText);
    q.addBindValue(jobId);
    if (!q.exec())
        return m_db.queryError(q, QStringLiteral("updating job %1").arg(jobId));
    if (q.numRowsAffected() != 1)
        return m_db.error(CatalogError::NotFound,
                          QStringLiteral("%1: no job %2").arg(m_db.filePath()).arg(jobId));
    return {};
}

CatalogError JobStore::setProgress(qint64 jobId, qint64 done, qint64 total, qint64 failed) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE job SET done = ?, total = ?, failed = ? WHERE id = ?"));
    q.addBindValue(done);
    q.addBindValue(total);
    q.addBindValue(failed);
    q.addBindValue(jobId);
    if (!q.exec())
        return m_db.queryError(q, QStringLiteral("updating job %1").arg(jobId));
    return {};
}

CatalogError JobStore::setResult(qint64 jobId, const QString &resultJson) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE job SET result = ? WHERE id = ?"));
    q.addBindValue(resultJson.isEmpty() ? QStringLiteral("{}") : resultJson);
    q.addBindValue(jobId);
    if (!q.exec())
        return m_db.queryError(q, QStringLiteral("updating job %1").arg(jobId));
    return {};
}

CatalogError JobStore::addFailure(qint64 jobId, const QString &item, const QString &message) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
            "INSERT INTO job_failure (job_id, item, message, time_ms) VALUES (?, ?, ?, ?)"));
    q.addBindValue(jobId);
    q.addBindValue(item);
    q.addBindValue(message);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!q.exec())
        return m_db.queryError(q, QStringLiteral("recording a failure of job %1").arg(jobId));
    return {};
}

CatalogResult<std::optional<JobRecord>> JobStore::findById(qint64 jobId) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT %1 FROM job WHERE id = ?").arg(QLatin1String(kColumns)));
    q.addBindValue(jobId);
    if (!q.exec())
        return m_db.queryError(q, QStringLiteral("reading job %1").arg(jobId));
    if (!q.next())
        return std::optional<JobRecord>();
    return std::optional<JobRecord>(fromQuery(q));
}

CatalogResult<QList<JobRecord>> JobStore::list(int limit) const
{
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("SELECT %1 FROM job ORDER BY id DESC%2")
                        .arg(QLatin1String(kColumns),
                             limit > 0 ? QStringLiteral(" LIMIT %1").arg(limit) : QString())))
        return m_db.queryError(q, QStringLiteral("reading jobs"));
    QList<JobRecord> out;
    while (q.next())
        out << fromQuery(q);
    return out;
}

CatalogResult<QList<JobRecord>> JobStore::unfinished() const
{
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("SELECT %1 FROM job WHERE state IN ('queued', 'running', "
                               "'paused', 'interrupted') ORDER BY id")
                        .arg(QLatin1String(kColumns))))
        return m_db.queryError(q, QStringLiteral("reading jobs"));
    QList<JobRecord> out;
    while (q.next())
        out << fromQuery(q);
    return out;
}

CatalogResult<QList<JobFailure>> JobStore::failures(qint64 jobId, int limit) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT item, message, time_ms FROM job_failure WHERE job_id = ? "
                             "ORDER BY id%1")
                      .arg(limit > 0 ? QStringLiteral(" LIMIT %1").arg(limit) : QString()));
    q.addBindValue(jobId);
    if (!q.exec())
        return m_db.queryError(q, QStringLiteral("reading failures of job %1").arg(jobId));
    QList<JobFailure> out;
    while (q.next())
        out << JobFailure {q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong()};
    return out;
}

CatalogResult<int> JobStore::markInterrupted() const
{
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("SELECT id, owner FROM job WHERE state IN ('queued', 'running', "
                               "'paused')")))
        return m_db.queryError(q, QStringLiteral("reading jobs"));
    QList<qint64> orphans;
    while (q.next())
        if (!JobStore::ownerAlive(q.value(1).toString()))
            orphans << q.value(0).toLongLong();
    for (qint64 id : orphans) {
        q.prepare(QStringLiteral("UPDATE job SET state = 'interrupted' WHERE id = ?"));
        q.addBindValue(id);
        if (!q.exec())
            return m_db.queryError(q, QStringLiteral("marking job %1 interrupted").arg(id));
    }
    return int(orphans.size());
}

} // namespace timbre::library
