// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/jobs/JobRecorder.h"

#include "core/jobs/Job.h"
#include "core/library/JobStore.h"
#include "core/library/Library.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <mutex>

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

// The catalog side: lives on the write thread and only ever sees copies of the job's data.
class JobRecorder::Writer : public QObject
{
public:
    std::unique_ptr<library::Library> library;
    std::atomic<qint64> recordId {0};
    mutable std::mutex errorMutex; // std: visible to ThreadSanitizer
    QString lastError;

    void note(const QString &error)
    {
        std::lock_guard<std::mutex> lock(errorMutex);
        if (lastError.isEmpty())
            lastError = error;
    }
    void check(const library::CatalogError &e)
    {
        if (e.isError())
            note(e.message);
    }

    void open(const QString &folder, const library::JobRecord &record)
    {
        auto opened = library::Library::open(folder, library::Library::OpenMode::ExistingOnly);
        if (!opened) {
            note(opened.error().message);
            return;
        }
        library = opened.take();
        auto id = library->jobs().add(record);
        if (!id) {
            note(id.error().message);
            return;
        }
        recordId = *id;
    }
};

JobRecorder::JobRecorder(const QString &libraryFolder, Job *job, int priority, QThread *writeThread,
                         QObject *parent)
    : QObject(parent), m_writer(new Writer), m_async(writeThread != nullptr)
{
    if (m_async)
        m_writer->moveToThread(writeThread);
    library::JobRecord record;
    record.kind = job->kind();
    record.title = job->title();
    record.parametersJson = toJson(job->parameters());
    record.priority = priority;
    post([libraryFolder, record](Writer &w) { w.open(libraryFolder, record); });

    connect(job, &Job::progressChanged, this, [this](const JobProgress &progress) {
        if (isFinalState(progress.state))
            return;
        if (progress.state != m_lastState) {
            m_lastState = progress.state;
            post([state = stateName(progress.state)](Writer &w) {
                if (w.recordId)
                    w.check(w.library->jobs().setState(w.recordId, state));
            });
        }
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (m_lastProgressMs >= 0 && now - m_lastProgressMs < 1000)
            return;
        m_lastProgressMs = now;
        post([done = progress.done, total = std::max<qint64>(0, progress.total),
              failed = progress.failed](Writer &w) {
            if (w.recordId)
                w.check(w.library->jobs().setProgress(w.recordId, done, total, failed));
        });
    });
    connect(job, &Job::itemFailed, this, [this](const QString &item, const QString &message) {
        post([item, message](Writer &w) {
            if (w.recordId)
                w.check(w.library->jobs().addFailure(w.recordId, item, message));
        });
    });
    // The job's final data is copied here, on its own thread, before the job may go away.
    auto onDone = [this, job] {
        const JobProgress p = job->progress();
        const QString result = toJson(job->result());
        const QString error = p.state == JobState::Failed ? job->errorText() : QString();
        post([p, result, error](Writer &w) {
            if (!w.recordId)
                return;
            library::JobStore &store = w.library->jobs();
            w.check(store.setProgress(w.recordId, p.done, std::max<qint64>(0, p.total), p.failed));
            w.check(store.setResult(w.recordId, result));
            w.check(store.setState(w.recordId, stateName(p.state), error));
        });
    };
    connect(job, &Job::finished, this, onDone);
    connect(job, &Job::error, this, onDone);
    connect(job, &Job::cancelled, this, onDone);
}

JobRecorder::~JobRecorder()
{
    if (m_async)
        m_writer->deleteLater(); // after the writes already posted to it
    else
        delete m_writer;
}

void JobRecorder::post(std::function<void(Writer &)> write)
{
    if (!m_async) {
        write(*m_writer);
        return;
    }
    Writer *writer = m_writer;
    QMetaObject::invokeMethod(
            writer, [writer, write = std::move(write)] { write(*writer); }, Qt::QueuedConnection);
}

qint64 JobRecorder::recordId() const
{
    return m_writer->recordId.load();
}

QString JobRecorder::lastError() const
{
    std::lock_guard<std::mutex> lock(m_writer->errorMutex);
    return m_writer->lastError;
}

} // namespace timbre::jobs
