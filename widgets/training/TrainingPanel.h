// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/jobs/Job.h"
#include "core/jobs/JobProgress.h"
#include "widgets/training/TrainingOutcome.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QTimer>
#include <QVariantMap>
#include <QWidget>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QTabWidget;
class QTableView;

namespace timbre::library {
class LibrarySession;
}

namespace timbre::widgets {

class InstrumentMetricsModel;
class TrainingCharts;

// Watch a model learn (docs/ARCHITECTURE.md §6, the training panel). Live while a train job
// runs: attachJob() replays the job's records so far (Job::records()) and follows
// Job::recordReported, one record per epoch (contract in TrainJob / JobContext::reportRecord):
// the curves of TrainingCharts, a per-instrument table of the latest epoch's held-out metrics,
// a header line (what runs, epoch k of n, elapsed, the time left from the job's progress) and a
// Cancel button. When the run ends it says what came of it: the new version with its test
// metrics beside its parent's and whether it became active and why; a cancelled run, the
// version kept (or that nothing was); a failed one, the error. showHistory() draws a finished
// version's stored records (ModelStore::history, read off the GUI thread by the caller).
//
// With a session (optional) it reads, on the thread pool, the instruments' display names and,
// after a run, the parent's stored test metrics. In a narrow dock the curves and the table
// are tabs; from kWideWidth on they sit side by side.
class TrainingPanel : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kWideWidth = 1100;

    explicit TrainingPanel(QWidget *parent = nullptr);
    ~TrainingPanel() override;

    void setSession(library::LibrarySession *session);
    // Follows `job` (a "train" job; nullptr detaches). Replays what it reported so far; a job
    // that has already ended shows its outcome.
    void attachJob(jobs::Job *job);
    jobs::Job *job() const { return m_job; }
    // A finished version's stored curves (no job; Cancel hidden). Empty records say that the
    // version was trained before curves were kept.
    void showHistory(const QString &versionName, const QList<QVariantMap> &records);

    const QList<QVariantMap> &records() const { return m_records; }
    TrainingCharts *charts() const { return m_charts; }
    InstrumentMetricsModel *instrumentModel() const { return m_instruments; }
    QTableView *instrumentTable() const { return m_table; }
    QLabel *headerLabel() const { return m_header; }
    QLabel *outcomeLabel() const { return m_outcome; }
    QPushButton *cancelButton() const { return m_cancel; }
    bool isWide() const { return m_wide; }

public Q_SLOTS:
    // One training record (what Job::recordReported carries).
    void addRecord(const QVariantMap &record);
    void setInstrumentNames(const QHash<QString, QString> &names);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void reset();
    void detach();
    void updateHeader();
    void arrange(bool wide);
    void onProgress(const jobs::JobProgress &progress);
    void onFinished(const QVariantMap &result);
    void onCancelled(const QVariantMap &partial);
    void onError(const QString &text);
    void setOutcome(const QString &text);
    void loadInstrumentNames();
    void loadParentMetrics(qint64 parentId);
    bool validated() const;

    QPointer<library::LibrarySession> m_session;
    QPointer<jobs::Job> m_job;
    QList<QVariantMap> m_records;
    QVariantMap m_lastEpoch; // the latest non-partial record
    QVariantMap m_result; // finished() result, while the parent's metrics load
    QString m_title; // what runs or which version is shown
    QString m_history; // the version shown by showHistory ("" = a job or nothing)
    jobs::JobProgress m_progress;
    bool m_done = false;
    int m_plannedEpochs = 0;
    double m_recordSeconds = 0; // "seconds" of the latest record
    QElapsedTimer m_sinceRecord; // since it arrived
    QElapsedTimer m_sinceAttach;
    QTimer m_tick; // the header's clock while a job runs
    int m_generation = 0;
    bool m_wide = false;

    QLabel *m_header = nullptr;
    QPushButton *m_cancel = nullptr;
    QLabel *m_outcome = nullptr;
    TrainingCharts *m_charts = nullptr;
    InstrumentMetricsModel *m_instruments = nullptr;
    QSortFilterProxyModel *m_sorted = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_tableCaption = nullptr;
    QWidget *m_tablePane = nullptr;
    QSplitter *m_split = nullptr;
    QTabWidget *m_tabs = nullptr;
};

} // namespace timbre::widgets
