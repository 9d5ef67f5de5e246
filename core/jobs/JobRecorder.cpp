#include "core/jobs/JobRecorder.h"

#include "core/jobs/Job.h"
#include "core/library/JobStore.h"
#include "core/library/Library.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace timbre::jobs {

namespace {

QString stateName(JobState state)
{
    switch (state) {
    case JobState::Queued:
        return QStringLiteral("queued");
    case JobState::Running:
        return QStringLiteral("running");
    case JobState::Suspended:
        return QStringLiteral("paused");
    case JobState::Finished:
        return QStringLiteral("finished");
    case JobState::Cancelled:
        return QStringLiteral("cancelled");
    case JobState::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("failed");
}

QString toJson(const QVariantMap &map)
{
    return QString::fromUtf8(
            QJsonDocument(QJsonObject::fromVariantMap(map)).toJson(QJsonDocument::Compact));
}

} // namespace

JobRecorder::JobRecorder(const QString &libraryFolder, Job *job, int priority, QObject *parent)
    : QObject(parent), m_job(job)
{
    auto opened = library::Library::open(libraryFolder, library::Library::OpenMode::ExistingOnly);
    if (!opened) {
        note(opened.error().message);
        return;
    }
    m_library = opened.take();
    library::JobRecord record;
    record.kind = job->kind();
    record.title = job->title();
    record.parametersJson = toJson(job->parameters());
    record.priority = priority;
    auto id = m_library->jobs().add(record);
    if (!id) {
        note(id.error().message);
        return;
    }
    m_recordId = *id;
    m_sinceWrite.start();
    connect(job, &Job::progressChanged, this, &JobRecorder::onProgress);
    connect(job, &Job::itemFailed, this, &JobRecorder::onFailure);
    connect(job, &Job::finished, this, &JobRecorder::onDone);
    connect(job, &Job::error, this, &JobRecorder::onDone);
    connect(job, &Job::cancelled, this, &JobRecorder::onDone);
}

JobRecorder::~JobRecorder() = default;

void JobRecorder::note(const QString &error)
{
    if (m_lastError.isEmpty())
        m_lastError = error;
}

void JobRecorder::onProgress(const JobProgress &progress)
{
    if (!m_recordId || isFinalState(progress.state))
        return;
    if (progress.state != m_lastState) {
        m_lastState = progress.state;
        const library::CatalogError e
                = m_library->jobs().setState(m_recordId, stateName(progress.state));
        if (e.isError())
            note(e.message);
    }
    if (m_sinceWrite.elapsed() < 1000)
        return;
    m_sinceWrite.restart();
    const library::CatalogError e = m_library->jobs().setProgress(
            m_recordId, progress.done, std::max<qint64>(0, progress.total), progress.failed);
    if (e.isError())
        note(e.message);
}

void JobRecorder::onFailure(const QString &item, const QString &message)
{
    if (!m_recordId)
        return;
    const library::CatalogError e = m_library->jobs().addFailure(m_recordId, item, message);
    if (e.isError())
        note(e.message);
}

void JobRecorder::onDone()
{
    if (!m_recordId)
        return;
    const JobProgress p = m_job->progress();
    library::JobStore &store = m_library->jobs();
    for (const library::CatalogError &e :
         {store.setProgress(m_recordId, p.done, std::max<qint64>(0, p.total), p.failed),
          store.setResult(m_recordId, toJson(m_job->result())),
          store.setState(m_recordId, stateName(p.state),
                         p.state == JobState::Failed ? m_job->errorText() : QString())}) {
        if (e.isError())
            note(e.message);
    }
}

} // namespace timbre::jobs
