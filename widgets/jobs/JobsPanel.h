// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QWidget>

class QAction;
class QLabel;
class QPlainTextEdit;
class QTableView;

namespace timbre::jobs {
class JobRunner;
}

namespace timbre::widgets {

class JobListModel;

// The jobs panel: running, queued and finished jobs of one JobRunner with a progress bar,
// state, ETA and stage each; cancel, pause and resume for the selected jobs; the selected
// job's log beside the list. Only reads the runner and forwards requests to it: every job's
// work stays on the runner's threads. Lives on the GUI thread.
class JobsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit JobsPanel(jobs::JobRunner *runner, QWidget *parent = nullptr);

    JobListModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QPlainTextEdit *logView() const { return m_log; }
    QAction *cancelAction() const { return m_cancel; }
    QAction *pauseAction() const { return m_pause; }
    QAction *resumeAction() const { return m_resume; }
    QAction *clearFinishedAction() const { return m_clear; }

    // Selects the job's row (and shows its log); false if the runner has no such job.
    bool selectJob(quint64 jobId);
    QList<quint64> selectedJobIds() const;

Q_SIGNALS:
    // The runner's summary changed ("2 jobs running, ETA 0:41"; empty when idle).
    void summaryChanged(const QString &text);

private:
    void updateActions();
    void showLogOfCurrent();
    void updateLogTitle();
    void emitSummary();

    jobs::JobRunner *m_runner;
    JobListModel *m_model;
    QTableView *m_view;
    QPlainTextEdit *m_log;
    QLabel *m_logTitle;
    QAction *m_cancel;
    QAction *m_pause;
    QAction *m_resume;
    QAction *m_clear;
    quint64 m_logJob = 0; // job whose log is shown
    QMetaObject::Connection m_logConnection;
    QString m_summary;
};

} // namespace timbre::widgets
