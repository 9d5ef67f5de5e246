// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/library/LibrarySession.h"

#include "core/library/CatalogWatcher.h"
#include "core/library/Library.h"

namespace timbre::library {

LibrarySession::LibrarySession(QObject *parent, int pollMs) : QObject(parent), m_pollMs(pollMs)
{
    qRegisterMetaType<CatalogChange>();
    m_thread.setObjectName(QStringLiteral("catalog watcher"));
}

LibrarySession::~LibrarySession()
{
    stopWatcher();
}

QString LibrarySession::folder() const
{
    return m_library ? m_library->folder() : QString();
}

void LibrarySession::stopWatcher()
{
    if (!m_watcher)
        return;
    // Blocking: the watcher's connection must be closed on its own thread before the Library
    // (which may be dropped right after) closes the rest.
    QMetaObject::invokeMethod(m_watcher, &CatalogWatcher::stop, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete m_watcher;
    m_watcher = nullptr;
}

void LibrarySession::setLibrary(std::shared_ptr<Library> library)
{
    stopWatcher();
    ++m_generation;
    m_announced.clear();
    m_problem.clear();
    m_library = std::move(library);
    if (m_library) {
        m_watcher = new CatalogWatcher(m_library, m_generation, m_pollMs);
        m_watcher->moveToThread(&m_thread);
        connect(m_watcher, &CatalogWatcher::changed, this, &LibrarySession::onChange,
                Qt::QueuedConnection);
        m_thread.start(QThread::LowPriority);
        QMetaObject::invokeMethod(m_watcher, &CatalogWatcher::start, Qt::QueuedConnection);
    }
    Q_EMIT libraryChanged();
}

void LibrarySession::checkNowAsync()
{
    if (m_watcher)
        QMetaObject::invokeMethod(m_watcher, &CatalogWatcher::pollNow, Qt::QueuedConnection);
}

void LibrarySession::announceLabels(qint64 batchId, const QList<qint64> &clipIds)
{
    if (!m_library || clipIds.isEmpty())
        return;
    if (batchId > 0)
        m_announced.insert(batchId);
    Q_EMIT labelsChanged(clipIds, false);
}

void LibrarySession::onChange(const CatalogChange &change)
{
    if (change.generation != m_generation)
        return; // from the watcher of a library closed since
    if (!change.problem.isEmpty() || change.problemCleared) {
        m_problem = change.problem;
        Q_EMIT problemChanged(m_problem);
        return;
    }
    if (change.manyLabelChanges) {
        m_announced.clear();
        Q_EMIT labelsChanged({}, true);
    } else if (!change.labelChanges.isEmpty()) {
        QList<qint64> clips;
        QSet<qint64> seen;
        for (const auto &[batch, clip] : change.labelChanges) {
            if (m_announced.contains(batch))
                continue;
            if (!seen.contains(clip)) {
                seen.insert(clip);
                clips << clip;
            }
        }
        for (const auto &pair : change.labelChanges)
            m_announced.remove(pair.first);
        if (!clips.isEmpty())
            Q_EMIT labelsChanged(clips, false);
    }
    if (change.tracks)
        Q_EMIT tracksChanged();
    if (change.models)
        Q_EMIT modelsChanged();
    if (change.activeModel)
        Q_EMIT activeModelChanged(change.activeModelId);
    for (qint64 model : change.predictionModels)
        Q_EMIT predictionsChanged(model);
}

} // namespace timbre::library
