// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/CatalogError.h"
#include "core/library/LabelTypes.h"

#include <QObject>
#include <QString>
#include <QThread>

#include <functional>
#include <memory>

namespace timbre::library {

class Library;

// What one queued label write did.
struct LabelWriteResult
{
    enum class Problem {
        None,
        CatalogGone, // the catalog file (or the library folder) no longer exists
        ReadOnly, // the folder or the catalog file lost its write permission
        Failed, // the catalog refused the write (message in detail)
    };
    enum class Kind { Edit, Accept, Undo, Redo };

    quint64 request = 0;
    Kind kind = Kind::Edit;
    Problem problem = Problem::None;
    QString detail; // English, names the file; empty when ok
    LabelChangeResult change; // batchId 0: nothing changed (or nothing to undo)

    bool ok() const { return problem == Problem::None; }
    QList<qint64> clipIds() const;
};

// Where the persistent undo stack (LabelCommandLog) stands, for Edit > Undo / Redo.
struct LabelUndoState
{
    bool canUndo = false;
    bool canRedo = false;
    QString undoText; // the batch's description
    QString redoText;
};

// The label editor's writer: every edit, accepted prediction, undo and redo goes through
// LabelCommandLog on ONE thread of its own, in the order asked, each as its own committed
// transaction — the GUI thread never waits for the disk or for another process's write lock
// (the catalog's busy timeout absorbs those; a write still refused as locked is tried again).
//
// Before a write the library folder and the catalog file must still exist and be writable:
// a write through the open file descriptor of a deleted catalog would "succeed" and be lost,
// and a folder made read-only means the user wants no writes. Results come back as `written`
// on the thread that owns the queue, always in request order, followed by `undoStateChanged`.
// The destructor waits for the queued writes, so a closed window loses none.
class LabelWriteQueue : public QObject
{
    Q_OBJECT
public:
    LabelWriteQueue(std::shared_ptr<Library> library, const QString &author,
                    QObject *parent = nullptr);
    ~LabelWriteQueue() override;

    std::shared_ptr<Library> library() const { return m_library; }
    QString author() const { return m_author; }

    quint64 setLabelsAsync(const QList<LabelEdit> &edits, const QString &description = QString(),
                           OnConflict onConflict = OnConflict::WriteNothing);
    quint64 acceptPredictionsAsync(const QList<LabelEdit> &edits,
                                   OnConflict onConflict = OnConflict::WriteNothing);
    quint64 undoAsync();
    quint64 redoAsync();
    // Reads the undo stack again (another process may have edited) and emits undoStateChanged.
    void refreshUndoStateAsync();
    // Writes asked for and not yet answered.
    int pending() const { return m_pending; }

    // The checks made before each write, on the calling thread: Problem::None when `library`
    // may be written now, else why not (detail names the file).
    static LabelWriteResult::Problem checkWritable(const Library &library, QString *detail);

Q_SIGNALS:
    void written(const timbre::library::LabelWriteResult &result);
    void undoStateChanged(const timbre::library::LabelUndoState &state);

private:
    using Write = std::function<CatalogResult<LabelChangeResult>(const Library &)>;
    quint64 post(LabelWriteResult::Kind kind, Write write);

    std::shared_ptr<Library> m_library;
    QString m_author;
    QThread m_thread;
    QObject *m_context = nullptr; // lives on m_thread
    quint64 m_nextRequest = 1;
    int m_pending = 0;
};

} // namespace timbre::library

Q_DECLARE_METATYPE(timbre::library::LabelWriteResult)
Q_DECLARE_METATYPE(timbre::library::LabelUndoState)
