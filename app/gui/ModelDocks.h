// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QObject>

#include <functional>
#include <memory>

class QDockWidget;
class QMainWindow;
class QMenu;

namespace timbre::jobs {
class AutoRetrainPolicy;
class Job;
class JobRunner;
class JobWorker;
} // namespace timbre::jobs

namespace timbre::library {
class LibrarySession;
}

namespace timbre::widgets {
class LibraryBrowser;
class ModelComparisonView;
class ModelLineageView;
class TrackView;
class TrainingPanel;
} // namespace timbre::widgets

namespace timbre::gui {

// The retrain-and-compare half of the window: the Training panel (live curves of every train
// job, stored curves of a finished version), the Versions tree (lineage) and the Comparison,
// as docks, with the retrain dialog and the automatic retraining policy. Wires them to each
// other and to the window's browser and track view; owns no analysis logic. Kept out of
// MainWindow so that the window stays an assembly of parts.
class ModelDocks : public QObject
{
    Q_OBJECT
public:
    using StartJob = std::function<jobs::Job *(std::unique_ptr<jobs::JobWorker>)>;

    ModelDocks(QMainWindow *window, library::LibrarySession *session, jobs::JobRunner *runner,
               widgets::TrackView *trackView, widgets::LibraryBrowser *browser,
               QDockWidget *libraryDock, StartJob startJob);

    // Adds the docks' toggles to the View menu (Ctrl+5, Ctrl+6, Ctrl+7).
    void addToViewMenu(QMenu *view);
    // Training, Versions and Comparison become tabs beside `bottom` (the jobs): side by side
    // their minimum widths added up to more than a 1600-pixel screen.
    void placeBeside(QDockWidget *bottom);
    // The library's folder for the jobs the dialog and the policy start ("" = none open).
    void setLibraryFolder(const QString &folder);

    // Library > Retrain Model...: the dialog, window-modal; the job starts when accepted.
    void showRetrainDialog();
    // Applies the workbench settings to the automatic retraining (after the settings dialog).
    void applySettings();

    widgets::TrainingPanel *trainingPanel() const { return m_training; }
    widgets::ModelLineageView *lineage() const { return m_lineage; }
    widgets::ModelComparisonView *comparison() const { return m_comparison; }
    jobs::AutoRetrainPolicy *autoRetrain() const { return m_policy; }
    QDockWidget *trainingDock() const { return m_trainingDock; }
    QDockWidget *versionsDock() const { return m_versionsDock; }
    QDockWidget *comparisonDock() const { return m_comparisonDock; }

Q_SIGNALS:
    void statusMessage(const QString &text);
    // A clip opened from the comparison: the label editor follows it, on the instrument.
    void clipOpened(qint64 clipId, const QString &instrument);

private:
    void createTraining();
    void createVersions();
    void createComparison();
    void onJobAdded(int row);
    void updateTrainingRunning();
    void showHistoryOf(qint64 modelId);
    void startAutoRetrain();

    QMainWindow *m_window;
    library::LibrarySession *m_session;
    jobs::JobRunner *m_runner;
    widgets::TrackView *m_trackView;
    widgets::LibraryBrowser *m_browser;
    QDockWidget *m_libraryDock;
    StartJob m_startJob;
    QString m_libraryFolder;

    widgets::TrainingPanel *m_training = nullptr;
    widgets::ModelLineageView *m_lineage = nullptr;
    widgets::ModelComparisonView *m_comparison = nullptr;
    jobs::AutoRetrainPolicy *m_policy = nullptr;
    QDockWidget *m_trainingDock = nullptr;
    QDockWidget *m_versionsDock = nullptr;
    QDockWidget *m_comparisonDock = nullptr;
    bool m_comparisonGrown = false; // the first comparison made its dock tall enough once
    int m_historyGeneration = 0;
};

} // namespace timbre::gui
