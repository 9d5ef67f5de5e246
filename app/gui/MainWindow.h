// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/JobStore.h"

#include <QMainWindow>

#include <memory>

class QAction;
class QDockWidget;
class QLabel;
class QListWidget;
class QMenu;

namespace timbre::jobs {
class Job;
class JobRunner;
class JobWorker;
} // namespace timbre::jobs

namespace timbre::library {
class Library;
class LibrarySession;
} // namespace timbre::library

namespace timbre::widgets {
class InstrumentationOverview;
class JobsPanel;
class LabelEditor;
class LibraryBrowser;
class ReviewPanel;
class TrackView;
} // namespace timbre::widgets

namespace timbre::gui {

class ModelDocks;

// Assembles the workbench: the track view in the centre, the library browser, the jobs panel
// and (for a quick look without a library) the list of opened files as dock widgets, menus,
// a toolbar and a status bar with the library, the active model and the jobs summary. Owns
// the one JobRunner every menu starts its jobs on; the GUI thread only queues them and draws
// their progress. Layout, last library and last track are restored on start. No analysis
// logic here.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a library folder (the catalog lives inside it). `create`: make a new library there
    // when it has none. False, with the reason in the status bar, when it cannot be used.
    bool openLibrary(const QString &folder, bool create = false);
    // Opens audio files for a quick look without a library: the first one in the track view,
    // all of them in the Files pane. False when none could be opened (each named).
    bool openAudioFiles(const QStringList &paths);
    // Reopens the last library and its last track (what a start without arguments does).
    void restoreLastSession();

    QString libraryFolder() const { return m_libraryFolder; }
    jobs::JobRunner *jobRunner() const { return m_runner; }
    widgets::LibraryBrowser *browser() const { return m_browser; }
    widgets::InstrumentationOverview *overview() const { return m_overview; }
    widgets::JobsPanel *jobsPanel() const { return m_jobsPanel; }
    widgets::TrackView *trackView() const { return m_trackView; }
    widgets::ReviewPanel *reviewPanel() const { return m_review; }
    widgets::LabelEditor *labelEditor() const { return m_editor; }
    // The Training panel, the Versions tree and the Comparison, with retraining.
    ModelDocks *modelDocks() const { return m_modelDocks; }
    // The open library and its change notices (every view follows it).
    library::LibrarySession *session() const { return m_session; }
    QListWidget *openFilesList() const { return m_files; }
    QString jobsSummaryText() const;
    QString modelStatusText() const;
    // Jobs found interrupted when the library was opened, not yet resumed.
    QList<library::JobRecord> interruptedJobs() const { return m_interrupted; }

    // Queue a job on the window's runner for the open library (nullptr without one).
    jobs::Job *startJob(std::unique_ptr<jobs::JobWorker> worker);
    jobs::Job *startScan(const QStringList &roots);
    jobs::Job *startExtract();
    jobs::Job *startTrain(bool warmStart);
    jobs::Job *startPredict();
    // Queues the interrupted jobs again; returns how many were queued.
    int resumeInterruptedJobs();

    void showSettings();

Q_SIGNALS:
    // The check for interrupted jobs after opening a library is done.
    void interruptedJobsChecked(int count);
    // A new library's starter model import ended (ok: it is the active version).
    void starterModelImported(bool ok);

protected:
    void showEvent(QShowEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createDocks();
    void createLabelEditor();
    void createReviewPanel();
    void createActions();
    void createMenus();
    void createToolBar();
    void rebuildRecentMenu();
    void updateLibraryActions();
    void chooseLibrary(bool create);
    void chooseAudioFiles();
    void chooseScanFolder();
    void rescanAudioFolders();
    void importLabels();
    void checkInterruptedJobsAsync();
    void importStarterModelAsync();
    void offerResume();
    void openTrack(qint64 trackId);
    void onJobDone(quint64 id);
    void showAbout();
    void saveLayout();

    std::shared_ptr<library::Library> m_library;
    library::LibrarySession *m_session = nullptr;
    ModelDocks *m_modelDocks = nullptr;
    widgets::LabelEditor *m_editor = nullptr;
    QDockWidget *m_editorDock = nullptr;
    widgets::ReviewPanel *m_review = nullptr;
    QDockWidget *m_reviewDock = nullptr;
    QString m_libraryFolder;
    jobs::JobRunner *m_runner = nullptr;
    widgets::TrackView *m_trackView = nullptr;
    widgets::LibraryBrowser *m_browser = nullptr;
    widgets::JobsPanel *m_jobsPanel = nullptr;
    QListWidget *m_files = nullptr;
    QDockWidget *m_libraryDock = nullptr;
    QDockWidget *m_jobsDock = nullptr;
    QDockWidget *m_filesDock = nullptr;
    widgets::InstrumentationOverview *m_overview = nullptr;
    QDockWidget *m_overviewDock = nullptr;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QLabel *m_libraryLabel = nullptr;
    QLabel *m_modelLabel = nullptr;
    QLabel *m_jobsLabel = nullptr;
    QList<library::JobRecord> m_interrupted;
    int m_libraryGeneration = 0;
    bool m_layoutRestored = false;
    qint64 m_pendingTrack = 0; // restored last track, opened once the browser has loaded

    QAction *m_newLibrary = nullptr;
    QAction *m_openLibrary = nullptr;
    QAction *m_openAudio = nullptr;
    QAction *m_scanFolder = nullptr;
    QAction *m_rescan = nullptr;
    QAction *m_importLabels = nullptr;
    QAction *m_extract = nullptr;
    QAction *m_train = nullptr;
    QAction *m_retrain = nullptr;
    QAction *m_predict = nullptr;
    QAction *m_resume = nullptr;
    QAction *m_settings = nullptr;
};

} // namespace timbre::gui
