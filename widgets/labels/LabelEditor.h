// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/LabelTypes.h"
#include "widgets/labels/ClipLabels.h"
#include "widgets/labels/SaveStateLabel.h"

#include <QList>
#include <QPointer>
#include <QWidget>

#include <memory>

class QAction;
class QDoubleSpinBox;
class QKeyEvent;
class QLabel;
class QPushButton;
class QTreeWidget;

namespace timbre::library {
class LabelWriteQueue;
class LibrarySession;
struct LabelUndoState;
struct LabelWriteResult;
} // namespace timbre::library

namespace timbre::widgets {

class LabelConflictBar;

// The label editor (the dock beside the track view): every instrument of the taxonomy with the
// clip's label (present / absent / unknown) and the active model's score, the clip's label
// history, and how many labels changed since the active model was trained.
//
// Keyboard first (the key table in README.md): an instrument's own key picks it (shown beside
// its name), P / A / U set it, Y accepts the model's suggestion for it and Shift+Y every
// confident one (present at or above, absent at or below the thresholds; unknown labels only),
// N / Shift+N ask for the next / previous clip and Q for the next clip of the review queue.
// The keys work wherever listenToKeys() was called too (the browser's table, the track view).
// With several clips (a multi-selection in the browser) a key sets the same label on all of
// them as one undoable step.
//
// Every edit is written at once, in order, by a LabelWriteQueue off the GUI thread through the
// catalog's persistent command log; undoAction() / redoAction() walk that log, so they work
// after a restart and with edits from another process. The save state says "Saved" only when
// the catalog has the edit, and "Not saved: <reason>" when a write failed (the label shown goes
// back to what the catalog holds).
class LabelEditor : public QWidget
{
    Q_OBJECT
public:
    using SaveState = SaveStateLabel::State;

    explicit LabelEditor(QWidget *parent = nullptr);
    ~LabelEditor() override;

    // Follows the session's library (a new writer per library) and its change notices.
    void setSession(library::LibrarySession *session);
    // The clip(s) to edit: one clip, or several for bulk edits; empty shows nothing.
    void setClips(const QList<qint64> &clipIds);
    QList<qint64> clipIds() const { return m_clips; }
    // The review queue Q walks (clip ids, best first). Without one Q emits nextInQueueRequested.
    // Q shows the clip after the one it (or showQueueClip) showed last, whatever the browser
    // showed since; a new queue (another kind, or ranked again) is walked from its first clip.
    void setQueue(const QList<qint64> &clipIds);
    // One clip, on `instrument` when it is not empty (a queue entry, a disagreement).
    void showClip(qint64 clipId, const QString &instrument);
    // Shows a clip the user picked in the queue's list: Q goes on after it.
    void showQueueClip(qint64 clipId, const QString &instrument);
    // Editor keys also work while `widget` has the focus.
    void listenToKeys(QWidget *widget);
    // Applies an editor key; false when it is not one.
    bool handleKey(QKeyEvent *event);

    void setCurrentInstrument(const QString &key);
    QString currentInstrument() const;
    void setLabel(library::LabelState state);
    void acceptSuggestion();
    void acceptConfident();
    void setThresholds(double present, double absent);
    double presentThreshold() const;
    double absentThreshold() const;

    QAction *undoAction() const { return m_undo; }
    QAction *redoAction() const { return m_redo; }
    SaveState saveState() const { return m_save->state(); }
    QString saveText() const { return m_save->text(); }
    const ClipLabels &shown() const { return m_shown; }
    // The key that picks each instrument, by instrument key.
    QChar hotkey(const QString &instrumentKey) const;
    library::LabelWriteQueue *writer() const { return m_writer.get(); }
    QTreeWidget *instrumentList() const { return m_list; }
    QTreeWidget *historyList() const { return m_history; }
    // The bar that shows a label someone else changed while this editor was showing it (both
    // values, "Keep mine" / "Take theirs"); hidden when there is none.
    LabelConflictBar *conflictBar() const { return m_conflictBar; }
    QString conflictText() const;
    QPushButton *keepMineButton() const;
    QPushButton *takeTheirsButton() const;

Q_SIGNALS:
    void saveStateChanged(timbre::widgets::LabelEditor::SaveState state);
    // N / Shift+N: the next (+1) or previous (-1) clip of the browser.
    void clipStepRequested(int delta);
    // Q without a queue set.
    void nextInQueueRequested();
    // Q with a queue: the clip it moved to (already shown here).
    void queueClipChosen(qint64 clipId);
    // The catalog was read and is shown (after setClips or a change).
    void loaded();
    void statusMessage(const QString &text);

protected:
    void resizeEvent(QResizeEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void reloadAsync();
    void showLabels(ClipLabels labels);
    void updateRows();
    void updateRow(int index);
    void updateTexts();
    void onWritten(const library::LabelWriteResult &result);
    void onUndoState(const library::LabelUndoState &state);
    void setSaveState(SaveState state, const QString &problem = QString());
    void nextInQueue();
    void resolveConflict(const library::LabelConflict &conflict, bool keepMine);
    QString stateText(library::LabelState state) const;

    QPointer<library::LibrarySession> m_session;
    std::unique_ptr<library::LabelWriteQueue> m_writer;
    QList<qint64> m_clips;
    QList<qint64> m_queue;
    int m_queueAt = -1; // index in m_queue of the clip Q or showQueueClip showed last
    ClipLabels m_shown;
    QList<QChar> m_hotkeys; // per row of m_shown.instruments
    int m_generation = 0;
    bool m_reloadWhenWritten = false; // a change arrived while writes were pending

    QLabel *m_title = nullptr;
    SaveStateLabel *m_save = nullptr;
    QTreeWidget *m_list = nullptr;
    QDoubleSpinBox *m_presentAt = nullptr;
    QDoubleSpinBox *m_absentAt = nullptr;
    QString m_wantedInstrument; // setCurrentInstrument() before the rows were there
    QPushButton *m_acceptAll = nullptr;
    QLabel *m_model = nullptr;
    QTreeWidget *m_history = nullptr;
    QLabel *m_keys = nullptr;
    QAction *m_undo = nullptr;
    QAction *m_redo = nullptr;
    LabelConflictBar *m_conflictBar = nullptr;
};

} // namespace timbre::widgets
