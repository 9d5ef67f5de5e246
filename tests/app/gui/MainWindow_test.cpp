// SPDX-License-Identifier: GPL-3.0-or-later
// The real main window, offscreen: an audio file opens without a library (track view, Files
// pane, title) and bad files are refused naming them; an extract job started from the window
// shows in the jobs panel and the status-bar summary and is cancelled from the panel; the last
// library, last track and dock layout come back in a new window; a job left running by a dead
// process is found interrupted on opening the library and resumed from the window; the lanes'
// context-menu switches are applied from the settings and kept when switched.
#include "app/gui/MainWindow.h"
#include "app/gui/Translations.h"
#include "core/inference/TrackAttention.h"
#include "core/jobs/ExtractJob.h"
#include "core/jobs/Job.h"
#include "core/jobs/JobRunner.h"
#include "core/library/CatalogDatabase.h"
#include "core/library/JobStore.h"
#include "core/library/Library.h"
#include "core/library/ModelStore.h"
#include "core/library/TrackTableModel.h"
#include "support/ContextMenuAction.h"
#include "support/ToneLibrary.h"
#include "widgets/jobs/JobListModel.h"
#include "widgets/jobs/JobsPanel.h"
#include "widgets/library/LibraryBrowser.h"
#include "widgets/settings/SettingsDialog.h"
#include "widgets/settings/WorkbenchSettings.h"
#include "widgets/trackview/AttentionLanes.h"
#include "widgets/trackview/ColourMap.h"
#include "widgets/trackview/SpectrogramView.h"
#include "widgets/trackview/TrackView.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QDockWidget>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListWidget>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <memory>

using namespace timbre;
using widgets::JobListModel;

class MainWindowTest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_libraryFolder;
    QList<qint64> m_tracks;

private Q_SLOTS:
    void initTestCase()
    {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope,
                           m_dir.filePath(QStringLiteral("settings")));
        m_libraryFolder = m_dir.filePath(QStringLiteral("lib"));
        auto lib = library::Library::open(m_libraryFolder);
        QVERIFY2(lib, qPrintable(lib ? QString() : lib.error().message));
        QString error;
        m_tracks = testing::makeToneTracks(**lib, m_dir.filePath(QStringLiteral("audio")), 60, 10.0,
                                           &error);
        QVERIFY2(m_tracks.size() == 60, qPrintable(error));
        widgets::WorkbenchSettings settings;
        settings.threads = 1;
        settings.save();
    }

    void openAudioFileWithoutLibrary()
    {
        const QString tone = m_dir.filePath(QStringLiteral("quick look.wav"));
        QCOMPARE(testing::writeToneWav(tone, 440, 3.0), QString());
        gui::MainWindow window;
        window.show();
        QVERIFY(window.openAudioFiles({tone}));
        QCOMPARE(window.libraryFolder(), QString());
        QCOMPARE(window.trackView()->currentPath(), QFileInfo(tone).absoluteFilePath());
        QCOMPARE(window.openFilesList()->count(), 1);
        QCOMPARE(window.openFilesList()->item(0)->text(), QStringLiteral("quick look.wav"));
        QVERIFY(window.windowTitle().startsWith(QLatin1String("quick look.wav")));
        QVERIFY(window.findChild<QDockWidget *>(QStringLiteral("FilesDock"))->isVisible());
        QVERIFY(!window.findChild<QDockWidget *>(QStringLiteral("LibraryDock"))->isVisible());
        // Library actions need a library: a job cannot be started without one.
        QVERIFY(window.startExtract() == nullptr);
        QCOMPARE(window.jobRunner()->count(), 0);

        // A missing file and a file that is not audio are refused, each named.
        const QString missing = m_dir.filePath(QStringLiteral("missing.wav"));
        QVERIFY(!window.openAudioFiles({missing}));
        QVERIFY2(window.statusBar()->currentMessage().contains(QLatin1String("missing.wav")),
                 qPrintable(window.statusBar()->currentMessage()));
        const QString junk = m_dir.filePath(QStringLiteral("junk.wav"));
        QFile f(junk);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("this is not a RIFF file at all");
        f.close();
        QSignalSpy messages(window.trackView(), &widgets::TrackView::statusMessage);
        QVERIFY(!window.openAudioFiles({junk}));
        QVERIFY2(window.statusBar()->currentMessage().contains(QLatin1String("junk.wav")),
                 qPrintable(window.statusBar()->currentMessage()));
        // The track on screen stays.
        QCOMPARE(window.trackView()->currentPath(), QFileInfo(tone).absoluteFilePath());
    }

    // The colour map setting reaches the track view: on start (spectrogram and lanes use the
    // saved map, the pixels drawn are that map's colours) and when the settings dialog saves.
    void newLibraryStartsWithTheStarterModel()
    {
        // File > New Library: the starter model becomes the first, active version, imported
        // off the GUI thread; an existing library opened with "create" gets nothing added.
        const QString folder = m_dir.filePath(QStringLiteral("fresh"));
        gui::MainWindow window;
        window.show();
        QSignalSpy imported(&window, &gui::MainWindow::starterModelImported);
        QVERIFY(window.openLibrary(folder, true));
        QVERIFY(imported.wait(60000));
        QCOMPARE(imported.at(0).at(0).toBool(), true);
        {
            auto lib = library::Library::open(folder, library::Library::OpenMode::ExistingOnly);
            QVERIFY(lib);
            auto active = (*lib)->models().active();
            QVERIFY(active && active->has_value());
            QCOMPARE((*active)->name, QStringLiteral("starter-cnn-v2"));
            QCOMPARE((*active)->extractorId, QStringLiteral("cnn"));
            QVERIFY(QFile::exists(QDir((*lib)->modelsPath()).filePath((*active)->checkpointFile)));
        }
        QSignalSpy again(&window, &gui::MainWindow::starterModelImported);
        QVERIFY(window.openLibrary(m_libraryFolder, true)); // exists already
        QTest::qWait(300);
        QCOMPARE(again.count(), 0);
        auto lib
                = library::Library::open(m_libraryFolder, library::Library::OpenMode::ExistingOnly);
        QVERIFY(lib);
        auto models = (*lib)->models().list();
        QVERIFY(models);
        for (const library::ModelRecord &m : *models)
            QVERIFY(m.name != QStringLiteral("starter-cnn-v2"));
    }

    void colourMapSettingReachesTheSpectrogram()
    {
        using widgets::ColourMap;
        const QString tone = m_dir.filePath(QStringLiteral("colours.wav"));
        QCOMPARE(testing::writeToneWav(tone, 880, 4.0), QString());
        widgets::WorkbenchSettings settings = widgets::WorkbenchSettings::load();
        settings.colourMap = widgets::WorkbenchSettings::colourMapKey(ColourMap::Grey);
        settings.save();

        // Whether every sampled pixel of the plot is one of `map`'s 256 colours.
        const auto drawnWith = [](widgets::SpectrogramView *view, ColourMap::Kind kind) {
            const ColourMap map(kind);
            const QImage image = view->grab().toImage();
            const QRect plot = view->plotRect();
            for (int x = plot.left() + 3; x < plot.right(); x += 37)
                for (int y = plot.top() + 3; y < plot.bottom(); y += 23)
                    if (std::find(map.table().begin(), map.table().end(),
                                  image.pixel(x, y) | 0xff000000u)
                        == map.table().end())
                        return false;
            return true;
        };

        gui::MainWindow window;
        window.resize(1400, 900);
        window.show();
        widgets::SpectrogramView *spectrogram = window.trackView()->spectrogram();
        QCOMPARE(spectrogram->colourMap(), ColourMap::Grey);
        QCOMPARE(window.trackView()->lanes()->colourMap(), ColourMap::Grey);
        QVERIFY(window.openAudioFiles({tone}));
        QTRY_VERIFY_WITH_TIMEOUT(spectrogram->isSettled(), 15000);
        QVERIFY(drawnWith(spectrogram, ColourMap::Grey));
        QVERIFY(!drawnWith(spectrogram, ColourMap::Magma));

        // Settings > Magma > OK.
        bool sawDialog = false;
        QTimer::singleShot(0, this, [&sawDialog] {
            auto *dialog
                    = qobject_cast<widgets::SettingsDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            sawDialog = true;
            QComboBox *box = dialog->colourMapBox();
            box->setCurrentIndex(box->findData(QStringLiteral("magma")));
            dialog->accept();
        });
        window.showSettings();
        QVERIFY(sawDialog);
        QCOMPARE(widgets::WorkbenchSettings::load().colourMapKind(), ColourMap::Magma);
        QCOMPARE(spectrogram->colourMap(), ColourMap::Magma);
        QCOMPARE(window.trackView()->lanes()->colourMap(), ColourMap::Magma);
        QTRY_VERIFY_WITH_TIMEOUT(spectrogram->isSettled(), 15000);
        QVERIFY(drawnWith(spectrogram, ColourMap::Magma));
        QVERIFY(!drawnWith(spectrogram, ColourMap::Grey));

        settings = widgets::WorkbenchSettings::load();
        settings.colourMap = widgets::WorkbenchSettings().colourMap;
        settings.save();
    }

    // The lanes' context-menu switches reach the track view from the settings on start, and a
    // switch in the menu is kept for the next start.
    void lanesSwitchesKept()
    {
        widgets::WorkbenchSettings settings = widgets::WorkbenchSettings::load();
        QVERIFY(settings.levelCue); // on unless switched off
        settings.levelCue = false;
        settings.laneScoreHeights = true;
        settings.save();
        {
            gui::MainWindow window;
            window.resize(1400, 900);
            window.show();
            widgets::TrackView *view = window.trackView();
            QVERIFY(!view->levelCue());
            QVERIFY(!view->lanes()->levelCue());
            QVERIFY(view->scoreHeights());
            QVERIFY(view->overlappingInstances());
            // Lanes to right-click in (the menu needs a result).
            inference::TrackAttentionResult r;
            r.instances = 4;
            r.classes = 1;
            r.hopS = 1.0;
            r.classKeys = {QStringLiteral("piano")};
            r.clipScores = {0.9f};
            r.instanceScores = {0.2f, 0.4f, 0.6f, 0.8f};
            r.attention = {0.25f, 0.25f, 0.25f, 0.25f};
            view->lanes()->setResult(r);
            const QPoint pos = view->lanes()->laneRect(0).center();
            const auto trigger = [&](const QString &text) {
                return testing::triggerContextMenuAction(*view->lanes(), pos, text);
            };
            QVERIFY(trigger(QStringLiteral("Follow the loudness")));
            QVERIFY(view->levelCue());
            QVERIFY(widgets::WorkbenchSettings::load().levelCue);
            QVERIFY(trigger(QStringLiteral("Overlapping instances")));
            QVERIFY(!widgets::WorkbenchSettings::load().overlappingInstances);
            QVERIFY(trigger(QStringLiteral("Bar height: score")));
            QVERIFY(!widgets::WorkbenchSettings::load().laneScoreHeights);
            QVERIFY(trigger(QStringLiteral("Follow the loudness")));
            QVERIFY(!widgets::WorkbenchSettings::load().levelCue);
        }
        gui::MainWindow again;
        QVERIFY(!again.trackView()->levelCue());
        QVERIFY(!again.trackView()->overlappingInstances());
        QVERIFY(!again.trackView()->scoreHeights());
        settings = widgets::WorkbenchSettings::load();
        settings.levelCue = true;
        settings.overlappingInstances = true;
        settings.save();
    }

    void jobStartedFromTheWindowShowsProgressAndCancels()
    {
        gui::MainWindow window;
        window.show();
        QSignalSpy loaded(window.browser(), &widgets::LibraryBrowser::loaded);
        QVERIFY(window.openLibrary(m_libraryFolder));
        QVERIFY(loaded.wait(10000));
        QCOMPARE(window.browser()->model()->rowCount(), 60);

        jobs::Job *job = window.startExtract();
        QVERIFY(job);
        widgets::JobsPanel *panel = window.jobsPanel();
        JobListModel *model = panel->model();
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(panel->selectedJobIds(), QList<quint64> {job->id()});
        QTRY_VERIFY_WITH_TIMEOUT(
                model->index(0, 0).data(JobListModel::DoneRole).toLongLong() >= 1
                        && model->index(0, JobListModel::StageColumn).data().toString()
                                == QLatin1String("extracting"),
                15000);
        QCOMPARE(model->index(0, 0).data(JobListModel::TotalRole).toLongLong(), qint64(60));
        QVERIFY2(window.jobsSummaryText().startsWith(QLatin1String("1 job running")),
                 qPrintable(window.jobsSummaryText()));

        panel->cancelAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(job->state(), jobs::JobState::Cancelled, 5000);
        QVERIFY(model->index(0, 0).data(JobListModel::DoneRole).toLongLong() < 60);
        QTRY_COMPARE(window.jobsSummaryText(), QString());
    }

    // The default layout fits a 1600 x 1000 screen with every dock the window opens with and
    // with the Training, Versions and Comparison docks shown (a 1650-pixel minimum once pushed
    // the window off such a screen), in English and German.
    void defaultLayoutFitsA1600PixelScreen()
    {
        for (const QString &language : {QStringLiteral("en"), QStringLiteral("de")}) {
            QVERIFY(gui::installTranslators(language));
            gui::MainWindow window;
            window.resize(1600, 1000);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            const auto docks = [&window, language] {
                QStringList parts {language};
                for (QDockWidget *d : window.findChildren<QDockWidget *>()) {
                    if (d->isVisible())
                        parts << QStringLiteral("%1 %2x%3")
                                         .arg(d->objectName())
                                         .arg(d->minimumSizeHint().width())
                                         .arg(d->minimumSizeHint().height());
                }
                parts << QStringLiteral("track view %1")
                                 .arg(window.centralWidget()->minimumSizeHint().width());
                return parts.join(QLatin1String(", "));
            };
            QVERIFY2(window.minimumSizeHint().width() <= 1600, qPrintable(docks()));
            for (const char *name : {"TrainingDock", "VersionsDock", "ComparisonDock"}) {
                auto *dock = window.findChild<QDockWidget *>(QLatin1String(name));
                QVERIFY(dock);
                dock->show();
            }
            QCoreApplication::processEvents();
            QVERIFY2(window.minimumSizeHint().width() <= 1600, qPrintable(docks()));
            QVERIFY2(window.minimumSizeHint().height() <= 1000, qPrintable(docks()));
        }
        QVERIFY(gui::installTranslators(QStringLiteral("en")));
    }

    void lastLibraryTrackAndLayoutRestored()
    {
        {
            gui::MainWindow window;
            window.show();
            QSignalSpy loaded(window.browser(), &widgets::LibraryBrowser::loaded);
            QVERIFY(window.openLibrary(m_libraryFolder));
            QVERIFY(loaded.wait(10000));
            // A double-click in the browser opens the track (as the browser signals it).
            Q_EMIT window.browser()->trackActivated(m_tracks.at(7));
            QCOMPARE(window.trackView()->currentTrackId(), m_tracks.at(7));
            window.findChild<QDockWidget *>(QStringLiteral("JobsDock"))->hide();
            window.close();
        }
        gui::MainWindow again;
        QSignalSpy loaded(again.browser(), &widgets::LibraryBrowser::loaded);
        again.restoreLastSession();
        again.show();
        QCOMPARE(again.libraryFolder(), QFileInfo(m_libraryFolder).absoluteFilePath());
        QCOMPARE(again.trackView()->currentTrackId(), m_tracks.at(7));
        QVERIFY(loaded.wait(10000));
        QCOMPARE(again.browser()->selectedTrackIds(), QList<qint64> {m_tracks.at(7)});
        QVERIFY(!again.findChild<QDockWidget *>(QStringLiteral("JobsDock"))->isVisible());
        QVERIFY(again.findChild<QDockWidget *>(QStringLiteral("LibraryDock"))->isVisible());
    }

    void interruptedJobOfferedAndResumed()
    {
        qint64 recordId = 0;
        {
            auto lib = library::Library::open(m_libraryFolder);
            QVERIFY(lib);
            jobs::ExtractOptions options;
            options.libraryFolder = QFileInfo(m_libraryFolder).absoluteFilePath();
            options.threads = 1;
            library::JobRecord record;
            record.kind = QStringLiteral("extract");
            record.title = QStringLiteral("Extract (killed)");
            record.state = QStringLiteral("running");
            record.parametersJson = QString::fromUtf8(
                    QJsonDocument(
                            QJsonObject::fromVariantMap(jobs::ExtractJob(options).parameters()))
                            .toJson());
            auto id = (*lib)->jobs().add(record);
            QVERIFY(id);
            recordId = *id;
            // As if a process that no longer exists had been running it.
            QSqlQuery q((*lib)->database().connection());
            QVERIFY(q.exec(QStringLiteral("UPDATE job SET owner = '2147480000@%1' WHERE id = %2")
                                   .arg(QSysInfo::machineHostName())
                                   .arg(recordId)));
        }
        gui::MainWindow window;
        window.show();
        QSignalSpy checked(&window, &gui::MainWindow::interruptedJobsChecked);
        QVERIFY(window.openLibrary(m_libraryFolder));
        QVERIFY(checked.wait(10000));
        QCOMPARE(checked.first().at(0).toInt(), 1);
        QCOMPARE(window.interruptedJobs().size(), 1);
        QCOMPARE(window.interruptedJobs().first().id, recordId);

        QCOMPARE(window.resumeInterruptedJobs(), 1);
        QCOMPARE(window.jobRunner()->count(), 1);
        QCOMPARE(window.jobRunner()->jobAt(0)->kind(), QStringLiteral("extract"));
        QVERIFY(window.interruptedJobs().isEmpty());
        auto lib = library::Library::open(m_libraryFolder);
        auto old = (*lib)->jobs().findById(recordId);
        QVERIFY(old && *old);
        QCOMPARE((*old)->state, QStringLiteral("cancelled"));
        window.jobRunner()->cancelAll();
        QVERIFY(window.jobRunner()->waitForAllBlocking(10000));
    }
};

QTEST_MAIN(MainWindowTest)
#include "MainWindow_test.moc"
