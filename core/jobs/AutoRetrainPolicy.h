// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>

namespace timbre::jobs {

// When to retrain on its own: after `threshold` label edits, once the user has paused for the
// quiet period (a burst of edits, an undo storm or an import is one trigger, not many), and
// never while a train job of the library is queued or running. Lives on the GUI thread and
// only counts what it is told; it reads no catalog and starts no job: the window listens to
// retrainDue() and starts one (reporting it back through setTrainingRunning).
//
// What counts: every clip of LibrarySession::labelsChanged is one edit; an edit of "all"
// clips (an import, another process's bulk write) reaches the threshold at once.
// A run trains on the labels as they are when it starts (TrainJob reads the label snapshot
// then), so setTrainingRunning(true) consumes the edits counted so far, and edits that arrive
// while it runs count toward the next run, which is due once the run has ended. A run that
// fails gives nothing back: retrying on every later pause would repeat the failure; the
// failure is in the jobs panel and the next edits count afresh.
//
// Disabled, it counts nothing (enabling it later does not fire on old edits).
class AutoRetrainPolicy : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultThreshold = 20;
    static constexpr int kDefaultQuietMs = 10000;

    explicit AutoRetrainPolicy(QObject *parent = nullptr);

    void setEnabled(bool enabled);
    bool isEnabled() const { return m_enabled; }
    // At least 1.
    void setThreshold(int edits);
    int threshold() const { return m_threshold; }
    void setQuietPeriodMs(int msecs);
    int quietPeriodMs() const { return m_quietMs; }

    // Edits counted toward the next run.
    int pendingEdits() const { return m_pending; }
    bool isTrainingRunning() const { return m_running; }
    // retrainDue() will follow once the quiet period has passed (a timer is running).
    bool isWaiting() const { return m_quiet.isActive(); }

public Q_SLOTS:
    // Connect to LibrarySession::labelsChanged.
    void onLabelsChanged(const QList<qint64> &clipIds, bool all);
    // `count` more edits (what onLabelsChanged calls).
    void noteEdits(int count);
    // A train job of the library was queued or started (true), or ended in any way (false).
    void setTrainingRunning(bool running);
    // Another library was opened (or none): nothing counted carries over.
    void reset();

Q_SIGNALS:
    // Enough edits and a quiet pause, and no training: start a retrain now.
    void retrainDue();
    void pendingEditsChanged(int pending);

private:
    void setPending(int pending);
    // Starts (or restarts) the quiet timer for what is left of the quiet period, when a run
    // could be due.
    void arm();
    void onQuiet();

    bool m_enabled = false;
    int m_threshold = kDefaultThreshold;
    int m_quietMs = kDefaultQuietMs;
    int m_pending = 0;
    bool m_running = false;
    QElapsedTimer m_sinceLastEdit;
    QTimer m_quiet;
};

} // namespace timbre::jobs
