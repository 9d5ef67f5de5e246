#include "MainWindow.h"

#include "widgets/AboutDialog.h"
#include "widgets/LibraryBrowser.h"

#include "core/library/Library.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>

namespace timbre::gui {

namespace {
const char *const kRecentKey = "library/recent";
const char *const kLastKey = "library/last";
constexpr int kMaxRecent = 8;
} // namespace

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setWindowTitle(tr("Timbre Workbench"));
    setObjectName(QStringLiteral("MainWindow"));
    resize(1280, 800);

    m_startPage = new QLabel(this);
    m_startPage->setAlignment(Qt::AlignCenter);
    m_startPage->setWordWrap(true);
    m_startPage->setTextFormat(Qt::RichText);
    m_startPage->setMargin(48);
    m_browser = new widgets::LibraryBrowser(this);
    connect(m_browser, &widgets::LibraryBrowser::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(m_startPage);
    m_pages->addWidget(m_browser);
    setCentralWidget(m_pages);

    m_libraryLabel = new QLabel(this);
    statusBar()->addPermanentWidget(m_libraryLabel);

    createMenus();

    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    const QString last = settings.value(QLatin1String(kLastKey)).toString();
    if (last.isEmpty() || !openLibrary(last)) {
        m_startPage->setText(
                tr("<h2>Welcome to Timbre Workbench</h2>"
                   "<p>Open a library folder with <b>File &gt; Open Library…</b> (Ctrl+O). "
                   "The workbench keeps its catalog, features and models inside that folder.</p>"
                   "<p>The demo library is made by <code>bash scripts/demo.sh</code>; any "
                   "folder of audio becomes one with <code>timbre library scan</code>.</p>"));
    }
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open Library…"), this, &MainWindow::chooseLibrary);
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    rebuildRecentMenu();
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *fullScreen = view->addAction(tr("&Full Screen"));
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

void MainWindow::chooseLibrary()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Open Library Folder"),
                                                             m_libraryFolder);
    if (!folder.isEmpty())
        openLibrary(folder);
}

bool MainWindow::openLibrary(const QString &folder)
{
    const QFileInfo info(folder);
    if (!info.isDir()) {
        statusBar()->showMessage(tr("Cannot open library: %1 is not a folder").arg(folder), 8000);
        return false;
    }
    auto opened = library::Library::open(info.absoluteFilePath());
    if (!opened) {
        statusBar()->showMessage(
                tr("Cannot open library %1: %2").arg(folder, opened.error().message), 8000);
        return false;
    }
    m_libraryFolder = info.absoluteFilePath();
    m_libraryLabel->setText(QDir::toNativeSeparators(m_libraryFolder));
    setWindowTitle(tr("%1 — Timbre Workbench").arg(info.fileName()));
    m_browser->setLibrary(std::shared_ptr<library::Library>(opened.take()));
    m_pages->setCurrentWidget(m_browser);

    QSettings settings;
    QStringList recent = settings.value(QLatin1String(kRecentKey)).toStringList();
    recent.removeAll(m_libraryFolder);
    recent.prepend(m_libraryFolder);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    settings.setValue(QLatin1String(kRecentKey), recent);
    settings.setValue(QLatin1String(kLastKey), m_libraryFolder);
    rebuildRecentMenu();
    return true;
}

void MainWindow::showAbout()
{
    widgets::AboutDialog dialog(this);
    dialog.exec();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    event->accept();
}

} // namespace timbre::gui
