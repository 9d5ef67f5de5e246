// SPDX-License-Identifier: GPL-3.0-or-later
// The longest GUI-thread stall while an extraction job runs in the real main window: a 1 ms
// timer on the GUI thread measures the gaps between its ticks from the moment the job starts
// until it finishes, with the jobs panel, the browser and the status bar updating as they do
// for a user (offscreen). TIMBRE_STALL_FILES sets the library size (default 40 ten-second
// tone WAVs; docs/BENCHMARKS.md uses 200). The bounds asserted are loose (a loaded test machine);
// the figure is printed for the benchmark table.
#include "app/gui/MainWindow.h"
#include "core/jobs/Job.h"
#include "core/jobs/JobRunner.h"
#include "core/library/Library.h"
#include "support/ToneLibrary.h"
#include "widgets/library/LibraryBrowser.h"
#include "widgets/settings/WorkbenchSettings.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <vector>

using namespace timbre;

class GuiStallTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void longestStallWhileExtracting()
    {
        QTemporaryDir dir;
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope,
                           dir.filePath(QStringLiteral("settings")));
        // Threads 0 = all cores and the built-in cnn extractor, as a user gets by default: the
        // job loads the model engine on its worker while the GUI thread is probed.
        widgets::WorkbenchSettings().save();
        const int files = qEnvironmentVariableIsSet("TIMBRE_STALL_FILES")
                ? qEnvironmentVariableIntValue("TIMBRE_STALL_FILES")
                : 40;
        const QString folder = dir.filePath(QStringLiteral("lib"));
        {
            auto lib = library::Library::open(folder);
            QVERIFY(lib);
            QString error;
            QCOMPARE(testing::makeToneTracks(**lib, dir.filePath(QStringLiteral("audio")), files,
                                             10.0, &error)
                             .size(),
                     files);
        }

        gui::MainWindow window;
        window.resize(1600, 1000);
        window.show();
        QSignalSpy loaded(window.browser(), &widgets::LibraryBrowser::loaded);
        QVERIFY(window.openLibrary(folder));
        QVERIFY(loaded.wait(20000));

        std::vector<qint64> gapsUs;
        gapsUs.reserve(100000);
        QElapsedTimer clock;
        QTimer probe;
        probe.setTimerType(Qt::PreciseTimer);
        probe.setInterval(1);
        qint64 last = 0;
        connect(&probe, &QTimer::timeout, &probe, [&] {
            const qint64 now = clock.nsecsElapsed() / 1000;
            gapsUs.push_back(now - last);
            last = now;
        });

        QElapsedTimer wall;
        wall.start();
        jobs::Job *job = window.startExtract();
        QVERIFY(job);
        clock.start();
        probe.start();
        QSignalSpy done(window.jobRunner(), &jobs::JobRunner::jobDone);
        QVERIFY(done.wait(600000));
        // The reload of the browser that follows the job is part of what a user feels.
        QTest::qWait(500);
        probe.stop();
        QCOMPARE(job->state(), jobs::JobState::Finished);
        QCOMPARE(job->result().value(QStringLiteral("extracted")).toInt(), files);

        std::vector<qint64> sorted = gapsUs;
        std::sort(sorted.begin(), sorted.end());
        const double maxMs = sorted.back() / 1000.0;
        const double p99Ms = sorted[sorted.size() * 99 / 100] / 1000.0;
        const double medianMs = sorted[sorted.size() / 2] / 1000.0;
        qInfo("%d files extracted in %.1f s; GUI thread: %zu ticks, gap median %.2f ms, p99 %.2f "
              "ms, "
              "max %.1f ms",
              files, wall.elapsed() / 1000.0, sorted.size(), medianMs, p99Ms, maxMs);
        // A guard against work on the GUI thread, not the speed goal (that is the benchmark's
        // figure above, docs/BENCHMARKS.md, measured on an idle machine): on a machine running
        // another suite beside this one, single gaps of 0.3-0.8 s were seen (the dynamic
        // loader's lock while a worker dlopens the model engine, the scheduler), so the bound is
        // on the 99th percentile, and the longest gap only has to be shorter than a freeze.
        QVERIFY2(p99Ms < 50, qPrintable(QStringLiteral("p99 %1 ms").arg(p99Ms)));
        QVERIFY2(maxMs < 2000, qPrintable(QStringLiteral("max %1 ms").arg(maxMs)));
    }
};

QTEST_MAIN(GuiStallTest)
#include "GuiStall_test.moc"
