// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/MainWindow.h"

#include "app/gui/MainWindowShared.h"

#include "app/gui/JobStarter.h"
#include "app/gui/ModelDocks.h"
#include "core/features/ExtractorRegistry.h"
#include "core/jobs/Job.h"
#include "core/jobs/JobRunner.h"
#include "core/jobs/JobWorker.h"
#include "core/library/CatalogThreadScope.h"
#include "core/library/Library.h"
#include "core/library/LibrarySession.h"
#include "core/library/ModelStore.h"
#include "core/modelling/StarterModelImport.h"
#include "core/util/ThreadBudget.h"
#include "widgets/AboutDialog.h"
#include "widgets/jobs/JobsPanel.h"
#include "widgets/labels/LabelEditor.h"
#include "widgets/library/ImportLabelsDialog.h"
#include "widgets/library/LibraryBrowser.h"
#include "widgets/overview/InstrumentationOverview.h"
#include "widgets/review/ReviewPanel.h"
#include "widgets/settings/SettingsDialog.h"
#include "widgets/trackview/SpectrogramView.h"
#include "widgets/trackview/TrackView.h"

#include <QAction>
#include <QCloseEvent>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QTreeWidget>
#include <QtConcurrent/QtConcurrentRun>

// Resources of a static library are not registered by the linker; outside any namespace
// because Q_INIT_RESOURCE declares a global function.
static void initWorkbenchResources()
{
    Q_INIT_RESOURCE(workbench);
}

namespace timbre::gui {

namespace {
const char *const kLastKey = "library/last";
const char *const kLastTrackKey = "session/lastTrack";
const char *const kLastTrackLibraryKey = "session/lastTrackLibrary";
const char *const kGeometryKey = "window/geometry";
const char *const kStateKey = "window/state";
constexpr int kMaxRecent = 8;
using mainwindow::icon;
using mainwindow::kMessageMs;
using mainwindow::kRecentKey;
} // namespace

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    initWorkbenchResources();
    setWindowTitle(tr("Timbre Workbench"));
    setWindowIcon(icon("timbre"));
    setObjectName(QStringLiteral("MainWindow"));
    resize(1500, 920);

    m_runner = new jobs::JobRunner(util::threads::kGeneralJobs, this);
    m_session = new library::LibrarySession(this);
    m_trackView = new widgets::TrackView(this);
    m_trackView->setSession(m_session);
    m_trackView->setObjectName(QStringLiteral("TrackView"));
    setCentralWidget(m_trackView);
    const widgets::WorkbenchSettings preferences = widgets::WorkbenchSettings::load();
    m_trackView->setColourMap(preferences.colourMapKind());
    m_trackView->setOverlappingInstances(preferences.overlappingInstances);
    m_trackView->setScoreHeights(preferences.laneScoreHeights);
    m_trackView->setLevelCue(preferences.levelCue);
    // Switched in the lanes' context menu: kept for the next start.
    connect(m_trackView, &widgets::TrackView::overlappingInstancesChanged, this, [](bool on) {
        widgets::WorkbenchSettings saved = widgets::WorkbenchSettings::load();
        saved.overlappingInstances = on;
        saved.save();
    });
    connect(m_trackView, &widgets::TrackView::scoreHeightsChanged, this, [](bool on) {
        widgets::WorkbenchSettings saved = widgets::WorkbenchSettings::load();
        saved.laneScoreHeights = on;
        saved.save();
    });
    connect(m_trackView, &widgets::TrackView::levelCueChanged, this, [](bool on) {
        widgets::WorkbenchSettings saved = widgets::WorkbenchSettings::load();
        saved.levelCue = on;
        saved.save();
    });
    connect(m_trackView, &widgets::TrackView::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, kMessageMs); });

    createDocks();
    createActions();
    createMenus();
    createToolBar();
    createLabelEditor();
    createReviewPanel();
    m_modelDocks = new ModelDocks(this, m_session, m_runner, m_trackView, m_browser, m_libraryDock,
                                  [this](std::unique_ptr<jobs::JobWorker> worker) {
                                      return startJob(std::move(worker));
                                  });
    m_modelDocks->addToViewMenu(m_viewMenu);
    m_modelDocks->placeBeside(m_jobsDock);
    connect(m_modelDocks, &ModelDocks::clipOpened, m_editor, &widgets::LabelEditor::showClip);
    connect(m_modelDocks, &ModelDocks::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, kMessageMs); });

    m_libraryLabel = new QLabel(this);
    m_modelLabel = new QLabel(this);
    m_jobsLabel = new QLabel(this);
    statusBar()->addPermanentWidget(m_jobsLabel);
    statusBar()->addPermanentWidget(m_modelLabel);
    statusBar()->addPermanentWidget(m_libraryLabel);
    m_libraryLabel->setText(tr("No library"));

    connect(m_jobsPanel, &widgets::JobsPanel::summaryChanged, m_jobsLabel, &QLabel::setText);
    connect(m_runner, &jobs::JobRunner::jobDone, this, &MainWindow::onJobDone);

    QSettings settings;
    restoreGeometry(settings.value(QLatin1String(kGeometryKey)).toByteArray());
    m_layoutRestored = restoreState(settings.value(QLatin1String(kStateKey)).toByteArray());
    m_filesDock->hide(); // shown by openAudioFiles() only
    updateLibraryActions();
}

MainWindow::~MainWindow()
{
    // Jobs first: their workers may still report into the panels while the runner winds down.
    delete m_runner;
    m_runner = nullptr;
}

void MainWindow::createDocks()
{
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);
    // The right column (label editor over the review queue) runs to the window's bottom: the
    // editor's instrument list is what the user reads most, and a full-width bottom area left
    // it a dozen rows of twenty at 1000 px.
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    m_browser = new widgets::LibraryBrowser(this);
    m_browser->setSession(m_session);
    m_libraryDock = new QDockWidget(tr("Library"), this);
    m_libraryDock->setObjectName(QStringLiteral("LibraryDock"));
    m_libraryDock->setWidget(m_browser);
    addDockWidget(Qt::LeftDockWidgetArea, m_libraryDock);
    connect(m_browser, &widgets::LibraryBrowser::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, kMessageMs); });
    connect(m_browser, &widgets::LibraryBrowser::trackActivated, this, &MainWindow::openTrack);
    connect(m_browser, &widgets::LibraryBrowser::loaded, this, [this] {
        m_modelLabel->setText(modelStatusText());
        if (m_pendingTrack > 0) {
            m_browser->selectTrack(m_pendingTrack);
            m_pendingTrack = 0;
        }
    });

    m_files = new QListWidget(this);
    m_files->setObjectName(QStringLiteral("OpenFiles"));
    m_filesDock = new QDockWidget(tr("Files"), this);
    m_filesDock->setObjectName(QStringLiteral("FilesDock"));
    m_filesDock->setWidget(m_files);
    addDockWidget(Qt::LeftDockWidgetArea, m_filesDock);
    connect(m_files, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        m_trackView->openFile(item->data(Qt::UserRole).toString());
    });

    m_jobsPanel = new widgets::JobsPanel(m_runner, this);
    m_jobsDock = new QDockWidget(tr("Jobs"), this);
    m_jobsDock->setObjectName(QStringLiteral("JobsDock"));
    m_jobsDock->setWidget(m_jobsPanel);
    addDockWidget(Qt::BottomDockWidgetArea, m_jobsDock);

    // The instrumentation overview, hidden until View > Instrumentation Overview: each click
    // lists its clips in the browser. It re-counts after each browser reload (every job),
    // and only while shown.
    m_overview = new widgets::InstrumentationOverview(this);
    m_overviewDock = new QDockWidget(tr("Instrumentation Overview"), this);
    m_overviewDock->setObjectName(QStringLiteral("OverviewDock"));
    m_overviewDock->setWidget(m_overview);
    addDockWidget(Qt::RightDockWidgetArea, m_overviewDock);
    m_overviewDock->hide();
    // Charts and tables need room: opened from the menu, it takes nearly half the window.
    connect(m_overviewDock->toggleViewAction(), &QAction::triggered, this, [this](bool on) {
        if (on)
            resizeDocks({m_overviewDock}, {width() * 45 / 100}, Qt::Horizontal);
    });
    connect(m_overview, &widgets::InstrumentationOverview::filterRequested, this,
            [this](const QString &filter) {
                m_libraryDock->show();
                m_libraryDock->raise();
                m_browser->showFiltered(filter);
            });
    connect(m_overview, &widgets::InstrumentationOverview::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, kMessageMs); });
    connect(m_browser, &widgets::LibraryBrowser::loaded, m_overview,
            &widgets::InstrumentationOverview::reload);
}

void MainWindow::createLabelEditor()
{
    m_editor = new widgets::LabelEditor(this);
    m_editor->setSession(m_session);
    m_editorDock = new QDockWidget(tr("Labels"), this);
    m_editorDock->setObjectName(QStringLiteral("LabelEditorDock"));
    m_editorDock->setWidget(m_editor);
    addDockWidget(Qt::RightDockWidgetArea, m_editorDock);
    m_viewMenu->insertAction(m_viewMenu->actions().value(2), m_editorDock->toggleViewAction());
    m_editorDock->toggleViewAction()->setShortcut(QKeySequence(tr("Ctrl+3")));

    QMenu *edit = new QMenu(tr("&Edit"), this);
    edit->addAction(m_editor->undoAction());
    edit->addAction(m_editor->redoAction());
    menuBar()->insertMenu(menuBar()->actions().value(1), edit);

    // The editor's keys work from the browser's table and the track view as well, so a
    // multi-selection and one key label many clips.
    m_editor->listenToKeys(m_browser->view());
    m_editor->listenToKeys(m_trackView);
    m_editor->listenToKeys(m_trackView->spectrogram());
    connect(m_browser, &widgets::LibraryBrowser::selectionChanged, this,
            [this] { m_editor->setClips(m_browser->selectedClipIds()); });
    connect(m_trackView, &widgets::TrackView::clipCreated, this,
            [this](qint64 clipId) { m_editor->setClips({clipId}); });
    connect(m_editor, &widgets::LabelEditor::clipStepRequested, this, [this](int delta) {
        if (const qint64 track = m_browser->selectAdjacent(delta))
            openTrack(track);
    });
    connect(m_editor, &widgets::LabelEditor::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, kMessageMs); });
    connect(m_session, &library::LibrarySession::problemChanged, this, [this](const QString &p) {
        statusBar()->showMessage(p.isEmpty() ? tr("The library can be read again")
                                             : tr("The library cannot be read: %1").arg(p),
                                 kMessageMs);
    });
}

// The review queues, tabbed with the label editor: Q in the editor walks the chosen queue and
// the track view follows; double-click or Enter on an entry goes straight to it.
void MainWindow::createReviewPanel()
{
    m_review = new widgets::ReviewPanel(this);
    m_review->setSession(m_session);
    m_reviewDock = new QDockWidget(tr("Review"), this);
    m_reviewDock->setObjectName(QStringLiteral("ReviewDock"));
    m_reviewDock->setWidget(m_review);
    addDockWidget(Qt::RightDockWidgetArea, m_reviewDock);
    splitDockWidget(m_editorDock, m_reviewDock, Qt::Vertical);
    m_viewMenu->insertAction(m_viewMenu->actions().value(3), m_reviewDock->toggleViewAction());
    m_reviewDock->toggleViewAction()->setShortcut(QKeySequence(tr("Ctrl+4")));

    m_editor->listenToKeys(m_review->list()); // Q (and P / A / U) from the queue's list too
    connect(m_review, &widgets::ReviewPanel::queueReady, m_editor, &widgets::LabelEditor::setQueue);
    connect(m_editor, &widgets::LabelEditor::nextInQueueRequested, this, [this] {
        m_reviewDock->show();
        m_reviewDock->raise();
        statusBar()->showMessage(m_review->statusText(), kMessageMs);
    });
    connect(m_editor, &widgets::LabelEditor::queueClipChosen, this, [this](qint64 clipId) {
        m_review->showCurrent(clipId);
        const QString instrument = m_review->instrumentOfClip(clipId);
        if (!instrument.isEmpty())
            m_editor->setCurrentInstrument(instrument);
        if (const qint64 track = m_review->trackOfClip(clipId))
            openTrack(track);
    });
    connect(m_review, &widgets::ReviewPanel::entryActivated, this,
            [this](qint64 clipId, qint64 trackId, const QString &instrument) {
                m_editor->showQueueClip(clipId, instrument);
                m_review->showCurrent(clipId);
                openTrack(trackId);
            });
}

void MainWindow::chooseLibrary(bool create)
{
    const QString folder = QFileDialog::getExistingDirectory(
            this, create ? tr("New Library Folder") : tr("Open Library Folder"), m_libraryFolder);
    if (!folder.isEmpty())
        openLibrary(folder, create);
}

bool MainWindow::openLibrary(const QString &folder, bool create)
{
    const QFileInfo info(folder);
    if (!create && !info.isDir()) {
        statusBar()->showMessage(
                tr("Cannot open library: %1 is not a folder").arg(QDir::toNativeSeparators(folder)),
                kMessageMs);
        return false;
    }
    const bool fresh = create && !library::Library::isLibraryFolder(info.absoluteFilePath());
    auto opened = library::Library::open(info.absoluteFilePath(),
                                         create ? library::Library::OpenMode::CreateIfMissing
                                                : library::Library::OpenMode::ExistingOnly);
    if (!opened) {
        statusBar()->showMessage(
                create ? tr("Cannot make a library in %1: %2")
                                 .arg(QDir::toNativeSeparators(folder), opened.error().message)
                       : tr("%1 is not a library (%2). File > New Library makes one.")
                                 .arg(QDir::toNativeSeparators(folder), opened.error().message),
                kMessageMs);
        return false;
    }
    // Jobs of the previous library keep running and recording into it; new ones go here.
    m_library = std::shared_ptr<library::Library>(opened.take());
    m_libraryFolder = m_library->folder();
    ++m_libraryGeneration;
    m_interrupted.clear();
    m_runner->setLibraryFolder(m_libraryFolder);
    m_modelDocks->setLibraryFolder(m_libraryFolder);
    m_libraryLabel->setText(QDir::toNativeSeparators(m_libraryFolder));
    m_libraryLabel->setToolTip(m_libraryLabel->text());
    m_modelLabel->setText(tr("Reading…"));
    setWindowTitle(tr("%1 — Timbre Workbench").arg(QFileInfo(m_libraryFolder).fileName()));
    m_session->setLibrary(m_library); // the browser, track view and label editor follow
    m_overview->setLibrary(m_library);
    m_libraryDock->show();

    QSettings settings;
    QStringList recent = settings.value(QLatin1String(kRecentKey)).toStringList();
    recent.removeAll(m_libraryFolder);
    recent.prepend(m_libraryFolder);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    settings.setValue(QLatin1String(kRecentKey), recent);
    settings.setValue(QLatin1String(kLastKey), m_libraryFolder);
    rebuildRecentMenu();
    updateLibraryActions();
    checkInterruptedJobsAsync();
    if (fresh)
        importStarterModelAsync();
    return true;
}

void MainWindow::importStarterModelAsync()
{
    // A new library starts with the shipped starter model as its first, active version, so
    // that extracting features (the built-in "cnn", the setting's default) and Predict give
    // scores and lanes before anyone has labelled anything (docs/ARCHITECTURE.md §3.4).
    const int generation = m_libraryGeneration;
    std::shared_ptr<library::Library> lib = m_library;
    using Result = std::pair<bool, QString>;
    auto *watcher = new QFutureWatcher<Result>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        const Result result = watcher->result();
        if (generation != m_libraryGeneration)
            return;
        statusBar()->showMessage(
                result.first ? tr("Starter model imported: extract features and "
                                  "predict to see its scores")
                             : tr("Cannot import the starter model: %1").arg(result.second),
                kMessageMs);
        Q_EMIT starterModelImported(result.first);
        m_session->checkNowAsync();
    });
    watcher->setFuture(QtConcurrent::run([lib] {
        const library::CatalogThreadScope catalogScope(lib->database());
        QString message;
        const bool ok = modelling::importStarterModel(*lib, &message);
        return Result(ok, message);
    }));
}

bool MainWindow::openAudioFiles(const QStringList &paths)
{
    QStringList opened;
    QStringList problems;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (!info.isFile() || !info.isReadable())
            problems << tr("%1: no such readable file").arg(QDir::toNativeSeparators(path));
        else
            opened << info.absoluteFilePath();
    }
    for (const QString &path : opened) {
        if (!m_files->findItems(QFileInfo(path).fileName(), Qt::MatchExactly).isEmpty())
            continue;
        auto *item = new QListWidgetItem(QFileInfo(path).fileName(), m_files);
        item->setData(Qt::UserRole, path);
        item->setToolTip(QDir::toNativeSeparators(path));
    }
    bool shown = false;
    for (const QString &path : opened) {
        // The track view names a file it cannot decode in its statusMessage.
        if (m_trackView->openFile(path)) {
            shown = true;
            const QList<QListWidgetItem *> items
                    = m_files->findItems(QFileInfo(path).fileName(), Qt::MatchExactly);
            if (!items.isEmpty())
                m_files->setCurrentItem(items.first());
            if (!m_library)
                setWindowTitle(tr("%1 — Timbre Workbench").arg(QFileInfo(path).fileName()));
            break;
        }
        problems << tr("%1: cannot be decoded").arg(QDir::toNativeSeparators(path));
    }
    if (!opened.isEmpty()) {
        m_filesDock->show();
        if (!m_library)
            m_libraryDock->hide(); // nothing to browse: give the track view the room
    }
    if (!problems.isEmpty())
        statusBar()->showMessage(problems.join(QLatin1String("; ")), kMessageMs);
    return shown;
}

void MainWindow::restoreLastSession()
{
    QSettings settings;
    const QString last = settings.value(QLatin1String(kLastKey)).toString();
    if (last.isEmpty() || !openLibrary(last)) {
        statusBar()->showMessage(tr("Open a library (File > Open Library…) or audio files "
                                    "(File > Open Audio Files…)."));
        return;
    }
    if (settings.value(QLatin1String(kLastTrackLibraryKey)).toString() == m_libraryFolder) {
        const qint64 track = settings.value(QLatin1String(kLastTrackKey)).toLongLong();
        if (track > 0) {
            m_pendingTrack = track;
            m_trackView->openTrack(track);
        }
    }
}

void MainWindow::openTrack(qint64 trackId)
{
    if (!m_library || !m_trackView->openTrack(trackId))
        return;
    QSettings settings;
    settings.setValue(QLatin1String(kLastTrackKey), trackId);
    settings.setValue(QLatin1String(kLastTrackLibraryKey), m_libraryFolder);
}

void MainWindow::chooseAudioFiles()
{
    const QStringList files = QFileDialog::getOpenFileNames(
            this, tr("Open Audio Files"), QString(),
            tr("Audio (*.wav *.flac *.ogg *.opus *.mp3 *.m4a *.aiff *.aif);;All files (*)"));
    if (!files.isEmpty())
        openAudioFiles(files);
}

void MainWindow::chooseScanFolder()
{
    if (!m_library)
        return;
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Scan Folder"));
    if (folder.isEmpty())
        return;
    widgets::WorkbenchSettings settings = widgets::WorkbenchSettings::load();
    if (!settings.audioFolders.contains(folder)) {
        settings.audioFolders << folder;
        settings.save();
    }
    startScan({folder});
}

void MainWindow::rescanAudioFolders()
{
    const QStringList folders = widgets::WorkbenchSettings::load().audioFolders;
    if (folders.isEmpty()) {
        chooseScanFolder();
        return;
    }
    startScan(folders);
}

void MainWindow::importLabels()
{
    if (!m_library)
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Import Labels"), QString(),
                                                      tr("Labels (*.csv *.txt);;All files (*)"));
    if (path.isEmpty())
        return;
    // Window-modal and deleted on close; the preview and the write run on the thread pool.
    auto *dialog = new widgets::ImportLabelsDialog(m_library, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &widgets::ImportLabelsDialog::imported, this, [this](const QString &summary) {
        statusBar()->showMessage(summary, kMessageMs);
        m_session->checkNowAsync(); // the browser, editor and overview follow the session
    });
    dialog->open();
    dialog->setFile(path);
}

void MainWindow::showSettings()
{
    const widgets::WorkbenchSettings current = widgets::WorkbenchSettings::load();
    QStringList extractors;
    for (const auto &spec : features::ExtractorRegistry(m_libraryFolder).all())
        extractors << spec.info.id;
    QList<widgets::ModelChoice> models;
    if (m_library) {
        // A handful of rows: cheap enough to read here, unlike anything per track.
        auto list = m_library->models().list();
        if (list) {
            for (const library::ModelRecord &m : *list) {
                const QString created = QDateTime::fromMSecsSinceEpoch(m.createdMs)
                                                .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
                models.append({m.id, tr("%1 (%2, %3)").arg(m.name, m.kind, created), m.active});
            }
        }
    }
    widgets::SettingsDialog dialog(current, extractors, models, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const widgets::WorkbenchSettings saved = dialog.settings();
    saved.save();
    m_trackView->setColourMap(saved.colourMapKind());
    m_modelDocks->applySettings();
    const qint64 chosen = dialog.activeModelId();
    const auto wasActive = std::find_if(models.cbegin(), models.cend(),
                                        [](const widgets::ModelChoice &m) { return m.active; });
    if (m_library && chosen > 0 && (wasActive == models.cend() || wasActive->id != chosen)) {
        const library::CatalogError error = m_library->models().activate(chosen);
        if (error.isError())
            statusBar()->showMessage(tr("Cannot activate the model: %1").arg(error.message),
                                     kMessageMs);
        m_session->checkNowAsync(); // lanes, scores and the editor follow the new version
    }
}

QString MainWindow::jobsSummaryText() const
{
    return m_jobsLabel->text();
}

QString MainWindow::modelStatusText() const
{
    if (!m_library)
        return QString();
    const QString active = m_browser->activeModelName();
    if (active.isEmpty())
        return tr("No model yet");
    return m_browser->scoresAreStale() ? tr("Model: %1 (scores stale)").arg(active)
                                       : tr("Model: %1").arg(active);
}

void MainWindow::showAbout()
{
    widgets::AboutDialog dialog(this);
    dialog.exec();
}

void MainWindow::saveLayout()
{
    QSettings settings;
    settings.setValue(QLatin1String(kGeometryKey), saveGeometry());
    settings.setValue(QLatin1String(kStateKey), saveState());
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (!m_layoutRestored) {
        // First start: docks sized once the window has its real size (before, the main
        // window's layout scales them down). Later starts restore the user's layout.
        m_layoutRestored = true;
        if (!m_libraryDock->isHidden())
            resizeDocks({m_libraryDock}, {width() * 11 / 20}, Qt::Horizontal);
        else if (!m_filesDock->isHidden()) // a quick look at files: the track view gets the room
            resizeDocks({m_filesDock}, {std::max(180, width() / 7)}, Qt::Horizontal);
        resizeDocks({m_jobsDock}, {std::max(150, height() / 6)}, Qt::Vertical);
        if (!m_editorDock->isHidden())
            resizeDocks({m_editorDock}, {std::max(320, width() / 5)}, Qt::Horizontal);
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    if (m_runner->activeCount() > 0) {
        // Jobs are recorded: a cancelled one can be started again, an extraction resumes
        // where it stopped. The runner's destructor waits for the workers to stop.
        m_runner->cancelAll();
    }
    event->accept();
}

} // namespace timbre::gui
