// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/library/LabelWriteQueue.h"

#include "core/library/CatalogDatabase.h"
#include "core/library/LabelCommandLog.h"
#include "core/library/Library.h"

#include <QFileInfo>

namespace timbre::library {

namespace {

constexpr int kLockedRetries = 2; // each after the catalog's own busy timeout

bool hasWriteBit(const QFileInfo &info)
{
    // By the permission bits too, not only access(2): root may write anywhere, but a folder
    // someone made read-only is a folder they want left alone.
    // (WriteUser is access(2)'s answer again, so only the mode bits count here.)
    const QFileDevice::Permissions any
            = QFileDevice::WriteOwner | QFileDevice::WriteGroup | QFileDevice::WriteOther;
    return info.isWritable() && (info.permissions() & any);
}

bool isLockedError(const CatalogError &e)
{
    return e.message.contains(QLatin1String("locked"), Qt::CaseInsensitive)
            || e.message.contains(QLatin1String("busy"), Qt::CaseInsensitive);
}

LabelUndoState readUndoState(const Library &lib)
{
    LabelUndoState state;
    if (auto u = lib.labelLog().nextUndo(); u && u->has_value()) {
        state.canUndo = true;
        state.undoText = (*u)->description;
    }
    if (auto u = lib.labelLog().nextRedo(); u && u->has_value()) {
        state.canRedo = true;
        state.redoText = (*u)->description;
    }
    return state;
}

} // namespace

QList<qint64> LabelWriteResult::clipIds() const
{
    QList<qint64> ids;
    for (const LabelEdit &e : change.changes)
        if (!ids.contains(e.clipId))
            ids << e.clipId;
    return ids;
}

LabelWriteQueue::LabelWriteQueue(std::shared_ptr<Library> library, const QString &author,
                                 QObject *parent)
    : QObject(parent), m_library(std::move(library)), m_author(author)
{
    qRegisterMetaType<LabelWriteResult>();
    qRegisterMetaType<LabelUndoState>();
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    m_thread.setObjectName(QStringLiteral("label writer"));
    m_thread.start();
}

LabelWriteQueue::~LabelWriteQueue()
{
    // Queued invocations run in order: once this one has run, every write asked for before
    // it is in the catalog. Its results are not delivered any more (the queue is going).
    std::shared_ptr<Library> lib = m_library;
    QMetaObject::invokeMethod(
            m_context, [lib] { lib->database().closeThreadConnection(); },
            Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete m_context;
}

LabelWriteResult::Problem LabelWriteQueue::checkWritable(const Library &library, QString *detail)
{
    if (library.catalogOnServer())
        return LabelWriteResult::Problem::None; // the server answers for itself
    const QFileInfo folder(library.folder());
    const QFileInfo file(library.databasePath());
    if (!folder.isDir() || !file.exists()) {
        *detail = !folder.isDir() ? library.folder() : library.databasePath();
        return LabelWriteResult::Problem::CatalogGone;
    }
    if (!hasWriteBit(folder) || !hasWriteBit(file)) {
        *detail = !hasWriteBit(folder) ? library.folder() : library.databasePath();
        return LabelWriteResult::Problem::ReadOnly;
    }
    return LabelWriteResult::Problem::None;
}

quint64 LabelWriteQueue::post(LabelWriteResult::Kind kind, Write write)
{
    const quint64 request = m_nextRequest++;
    ++m_pending;
    std::shared_ptr<Library> lib = m_library;
    QMetaObject::invokeMethod(
            m_context,
            [this, lib, kind, request, write = std::move(write)] {
                LabelWriteResult r;
                r.request = request;
                r.kind = kind;
                r.problem = checkWritable(*lib, &r.detail);
                if (r.ok()) {
                    CatalogResult<LabelChangeResult> done = write(*lib);
                    for (int retry = 0;
                         !done && isLockedError(done.error()) && retry < kLockedRetries; ++retry)
                        done = write(*lib);
                    // The server dropped the connection (restart, network): the write rolled
                    // back with it, so it is made again once on a new connection.
                    if (!done && lib->database().reconnectIfLost())
                        done = write(*lib);
                    if (!done) {
                        r.problem = LabelWriteResult::Problem::Failed;
                        r.detail = done.error().message;
                    } else {
                        r.change = *done;
                        // Committed into a file that was removed meanwhile is not saved.
                        if (!lib->catalogOnServer() && !QFileInfo::exists(lib->databasePath())) {
                            r.problem = LabelWriteResult::Problem::CatalogGone;
                            r.detail = lib->databasePath();
                        }
                    }
                }
                const LabelUndoState state = readUndoState(*lib);
                QMetaObject::invokeMethod(
                        this,
                        [this, r, state] {
                            --m_pending;
                            Q_EMIT written(r);
                            Q_EMIT undoStateChanged(state);
                        },
                        Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
    return request;
}

quint64 LabelWriteQueue::setLabelsAsync(const QList<LabelEdit> &edits, const QString &description,
                                        OnConflict onConflict)
{
    const QString author = m_author;
    return post(LabelWriteResult::Kind::Edit,
                [edits, author, description, onConflict](const Library &lib) {
                    return lib.labelLog().setLabels(edits, author, description, onConflict);
                });
}

quint64 LabelWriteQueue::acceptPredictionsAsync(const QList<LabelEdit> &edits,
                                                OnConflict onConflict)
{
    const QString author = m_author;
    return post(LabelWriteResult::Kind::Accept, [edits, author, onConflict](const Library &lib) {
        return lib.labelLog().acceptPredictions(edits, author, onConflict);
    });
}

quint64 LabelWriteQueue::undoAsync()
{
    const QString author = m_author;
    return post(LabelWriteResult::Kind::Undo,
                [author](const Library &lib) { return lib.labelLog().undo(author); });
}

quint64 LabelWriteQueue::redoAsync()
{
    const QString author = m_author;
    return post(LabelWriteResult::Kind::Redo,
                [author](const Library &lib) { return lib.labelLog().redo(author); });
}

void LabelWriteQueue::refreshUndoStateAsync()
{
    std::shared_ptr<Library> lib = m_library;
    QMetaObject::invokeMethod(
            m_context,
            [this, lib] {
                const LabelUndoState state = readUndoState(*lib);
                QMetaObject::invokeMethod(
                        this, [this, state] { Q_EMIT undoStateChanged(state); },
                        Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
}

} // namespace timbre::library
