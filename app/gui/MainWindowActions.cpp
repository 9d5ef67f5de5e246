// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow's actions, menus and tool bar (the rest of the window: MainWindow.cpp; starting
// and resuming jobs: MainWindowJobs.cpp).
#include "app/gui/MainWindow.h"

#include "app/gui/MainWindowShared.h"
#include "app/gui/ModelDocks.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QToolBar>

namespace timbre::gui {

using mainwindow::icon;
using mainwindow::kRecentKey;

void MainWindow::createActions()
{
    m_newLibrary = new QAction(icon("library-new"), tr("&New Library…"), this);
    m_newLibrary->setShortcut(QKeySequence::New);
    m_newLibrary->setToolTip(tr("Make a new library in an empty folder"));
    connect(m_newLibrary, &QAction::triggered, this, [this] { chooseLibrary(true); });
    m_openLibrary = new QAction(icon("library-open"), tr("&Open Library…"), this);
    m_openLibrary->setShortcut(QKeySequence::Open);
    connect(m_openLibrary, &QAction::triggered, this, [this] { chooseLibrary(false); });
    m_openAudio = new QAction(icon("audio-open"), tr("Open &Audio Files…"), this);
    m_openAudio->setShortcut(QKeySequence(tr("Ctrl+Shift+O")));
    m_openAudio->setToolTip(tr("Look at audio files without a library"));
    connect(m_openAudio, &QAction::triggered, this, &MainWindow::chooseAudioFiles);
    m_scanFolder = new QAction(icon("scan"), tr("&Scan Folder…"), this);
    m_scanFolder->setToolTip(tr("Add a folder of audio to the library"));
    connect(m_scanFolder, &QAction::triggered, this, &MainWindow::chooseScanFolder);
    m_importLabels = new QAction(tr("Import &Labels…"), this);
    m_importLabels->setToolTip(tr("Add labels from a CSV file of your own to the library"));
    connect(m_importLabels, &QAction::triggered, this, &MainWindow::importLabels);
    m_rescan = new QAction(tr("&Rescan Audio Folders"), this);
    m_rescan->setShortcut(QKeySequence(Qt::Key_F5));
    connect(m_rescan, &QAction::triggered, this, &MainWindow::rescanAudioFolders);
    m_extract = new QAction(icon("extract"), tr("&Extract Features"), this);
    m_extract->setToolTip(tr("Compute the features of every track that has none or stale ones"));
    connect(m_extract, &QAction::triggered, this, [this] { startExtract(); });
    m_train = new QAction(tr("&Train or Retrain…"), this);
    m_train->setShortcut(QKeySequence(tr("Ctrl+Shift+R")));
    m_train->setToolTip(tr("Choose the kind, the start and the settings of a training run on the "
                           "library's labels"));
    connect(m_train, &QAction::triggered, this, [this] { m_modelDocks->showRetrainDialog(); });
    m_retrain = new QAction(icon("retrain"), tr("Re&train Model"), this);
    m_retrain->setShortcut(QKeySequence(tr("Ctrl+R")));
    m_retrain->setToolTip(tr("Retrain the active model on the current labels (Mean Teacher, warm "
                             "start)"));
    connect(m_retrain, &QAction::triggered, this, [this] { startTrain(true); });
    m_predict = new QAction(icon("predict"), tr("&Predict"), this);
    m_predict->setToolTip(tr("Score every track with the active model"));
    connect(m_predict, &QAction::triggered, this, [this] { startPredict(); });
    m_resume = new QAction(icon("resume"), tr("Resume &Interrupted Jobs"), this);
    connect(m_resume, &QAction::triggered, this, [this] { resumeInterruptedJobs(); });
    m_settings = new QAction(icon("settings"), tr("S&ettings…"), this);
    m_settings->setShortcut(QKeySequence::Preferences);
    connect(m_settings, &QAction::triggered, this, &MainWindow::showSettings);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_newLibrary);
    file->addAction(m_openLibrary);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    rebuildRecentMenu();
    file->addAction(m_openAudio);
    file->addSeparator();
    file->addAction(m_scanFolder);
    file->addAction(m_importLabels);
    file->addSeparator();
    file->addAction(m_settings);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *lib = menuBar()->addMenu(tr("&Library"));
    lib->addAction(m_rescan);
    lib->addAction(m_extract);
    lib->addSeparator();
    lib->addAction(m_retrain);
    lib->addAction(m_train);
    lib->addAction(m_predict);
    lib->addSeparator();
    lib->addAction(m_resume);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->addAction(m_libraryDock->toggleViewAction());
    m_viewMenu->addAction(m_jobsDock->toggleViewAction());
    m_viewMenu->addAction(m_filesDock->toggleViewAction());
    m_viewMenu->addAction(m_overviewDock->toggleViewAction());
    m_libraryDock->toggleViewAction()->setShortcut(QKeySequence(tr("Ctrl+1")));
    m_jobsDock->toggleViewAction()->setShortcut(QKeySequence(tr("Ctrl+2")));
    m_viewMenu->addSeparator();
    QAction *fullScreen = m_viewMenu->addAction(tr("&Full Screen"));
    fullScreen->setCheckable(true);
    fullScreen->setShortcut(QKeySequence::FullScreen);
    connect(fullScreen, &QAction::toggled, this, [this](bool on) {
        setWindowState(on ? windowState() | Qt::WindowFullScreen
                          : windowState() & ~Qt::WindowFullScreen);
    });

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Timbre Workbench"), this, &MainWindow::showAbout);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("MainToolBar"));
    bar->setIconSize(QSize(22, 22));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_openLibrary);
    bar->addAction(m_openAudio);
    bar->addSeparator();
    bar->addAction(m_scanFolder);
    bar->addAction(m_extract);
    bar->addAction(m_retrain);
    bar->addAction(m_predict);
    bar->addSeparator();
    bar->addAction(m_settings);
    m_viewMenu->insertAction(m_viewMenu->actions().value(3), bar->toggleViewAction());
}

void MainWindow::updateLibraryActions()
{
    const bool open = m_library != nullptr;
    for (QAction *a :
         {m_scanFolder, m_importLabels, m_rescan, m_extract, m_train, m_retrain, m_predict})
        a->setEnabled(open);
    m_resume->setEnabled(open && !m_interrupted.isEmpty());
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QLatin1String(kRecentKey)).toStringList();
    for (const QString &folder : recent) {
        m_recentMenu->addAction(QDir::toNativeSeparators(folder), this,
                                [this, folder] { openLibrary(folder); });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

} // namespace timbre::gui
