// SPDX-License-Identifier: GPL-3.0-or-later
// The jobs panel over a real JobRunner: a job started through the runner shows its progress in
// the panel's model and progress bar (pixels), pause / resume / cancel act through the panel's
// actions, the log pane follows the selected job, the status-bar summary counts and clears; a
// real ExtractJob on a generated tone library is cancelled from the panel and ends Cancelled,
// recorded so in the library's catalog.
#include "core/jobs/ExtractJob.h"
#include "core/jobs/Job.h"
#include "core/jobs/JobContext.h"
#include "core/jobs/JobRunner.h"
#include "core/jobs/JobWorker.h"
#include "core/library/FeatureSetStore.h"
#include "core/library/JobStore.h"
#include "core/library/Library.h"
#include "support/ToneLibrary.h"
#include "widgets/jobs/JobListModel.h"
#include "widgets/jobs/JobsPanel.h"
#include "widgets/jobs/JobsSummary.h"

#include <QAction>
#include <QApplication>
#include <QImage>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStyleFactory>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace timbre;
using widgets::JobListModel;

namespace {

// Counts to `total` in steps of `stepMs`, logging every tenth step; honours pause and cancel.
class CountingWorker : public jobs::JobWorker
{
public:
    CountingWorker(int total, int stepMs) : m_total(total), m_stepMs(stepMs) { }
    QString kind() const override { return QStringLiteral("extract"); }
    QString title() const override { return QStringLiteral("Counting to %1").arg(m_total); }
    jobs::JobOutcome run(jobs::JobContext &context) override
    {
        for (int i = 0; i < m_total; ++i) {
            if (!context.checkpoint())
                return jobs::JobOutcome::cancelled({{QStringLiteral("done"), i}});
            jobs::JobProgress p;
            p.stage = QStringLiteral("counting");
            p.done = i;
            p.total = m_total;
            context.reportProgress(p);
            if (i % 10 == 0)
                context.log(QStringLiteral("step %1").arg(i));
            QThread::msleep(ulong(m_stepMs));
        }
        return jobs::JobOutcome::success({{QStringLiteral("done"), m_total}});
    }

private:
    int m_total;
    int m_stepMs;
};

jobs::JobState stateOf(const JobListModel &model, int row)
{
    return jobs::JobState(model.index(row, 0).data(JobListModel::StateRole).toInt());
}

// Share of the progress cell's inner width drawn in the highlight colour (the bar's fill).
double filledShare(QTableView *view, int row)
{
    const QRect cell = view->visualRect(view->model()->index(row, JobListModel::ProgressColumn));
    const QImage image = view->viewport()->grab().toImage();
    const QColor fill = view->palette().color(QPalette::Highlight);
    const int y = cell.top() + 4; // above the centred text
    int filled = 0;
    int width = 0;
    for (int x = cell.left() + 4; x < cell.right() - 4; ++x, ++width) {
        const QColor c = image.pixelColor(x, y);
        if (qAbs(c.red() - fill.red()) + qAbs(c.green() - fill.green())
                    + qAbs(c.blue() - fill.blue())
            < 90)
            ++filled;
    }
    return width > 0 ? double(filled) / width : 0;
}

} // namespace

class JobsPanelTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion"))); }

    void progressShownAndCancelledFromThePanel()
    {
        jobs::JobRunner runner;
        widgets::JobsPanel panel(&runner);
        panel.resize(900, 240);
        panel.show();
        QSignalSpy summaries(&panel, &widgets::JobsPanel::summaryChanged);
        QVERIFY(!panel.cancelAction()->isEnabled());

        jobs::Job *job = runner.enqueue(std::make_unique<CountingWorker>(400, 10));
        const quint64 id = job->id();
        JobListModel *model = panel.model();
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->jobIdAt(0), id);
        QCOMPARE(model->index(0, JobListModel::TitleColumn).data().toString(),
                 QStringLiteral("Counting to 400"));

        // Progress arrives in the model: done / total, a fraction, a stage, an ETA.
        QTRY_VERIFY_WITH_TIMEOUT(model->index(0, 0).data(JobListModel::DoneRole).toLongLong() >= 60,
                                 10000);
        QCOMPARE(stateOf(*model, 0), jobs::JobState::Running);
        QCOMPARE(model->index(0, 0).data(JobListModel::TotalRole).toLongLong(), qint64(400));
        const double fraction = model->index(0, 0).data(JobListModel::FractionRole).toDouble();
        QVERIFY2(fraction > 0.1 && fraction < 1.0, qPrintable(QString::number(fraction)));
        QVERIFY(model->index(0, JobListModel::ProgressColumn)
                        .data()
                        .toString()
                        .endsWith(QLatin1String(" / 400")));
        QCOMPARE(model->index(0, JobListModel::StageColumn).data().toString(),
                 QStringLiteral("counting"));
        QTRY_VERIFY(!model->index(0, JobListModel::EtaColumn).data().toString().isEmpty());

        // The new job was selected: its log is in the log pane, the summary counts it.
        QCOMPARE(panel.selectedJobIds(), QList<quint64> {id});
        QTRY_VERIFY(panel.logView()->toPlainText().contains(QLatin1String("step 0")));
        QVERIFY(!summaries.isEmpty());
        QVERIFY2(widgets::jobsSummary(runner).startsWith(QLatin1String("1 job running, ETA ")),
                 qPrintable(widgets::jobsSummary(runner)));

        // Pause through the panel: the worker suspends, its count stops moving.
        QVERIFY(panel.pauseAction()->isEnabled());
        panel.pauseAction()->trigger();
        QTRY_COMPARE(stateOf(*model, 0), jobs::JobState::Suspended);
        QVERIFY(panel.resumeAction()->isEnabled());
        QTest::qWait(300);
        const qint64 pausedAt = model->index(0, 0).data(JobListModel::DoneRole).toLongLong();
        QTest::qWait(300);
        QCOMPARE(model->index(0, 0).data(JobListModel::DoneRole).toLongLong(), pausedAt);

        // The bar is filled in proportion to the progress (to within a few pixels).
        const double shown = model->index(0, 0).data(JobListModel::FractionRole).toDouble();
        const double drawn = filledShare(panel.view(), 0);
        QVERIFY2(qAbs(drawn - shown) < 0.08,
                 qPrintable(QStringLiteral("drawn %1, progress %2").arg(drawn).arg(shown)));

        panel.resumeAction()->trigger();
        QTRY_VERIFY(model->index(0, 0).data(JobListModel::DoneRole).toLongLong() > pausedAt);
        QCOMPARE(stateOf(*model, 0), jobs::JobState::Running);

        // Cancel through the panel: the job ends Cancelled, well before its 4 s of counting.
        QSignalSpy done(&runner, &jobs::JobRunner::jobDone);
        QVERIFY(panel.cancelAction()->isEnabled());
        panel.cancelAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 2000);
        QCOMPARE(done.first().at(1).value<jobs::JobState>(), jobs::JobState::Cancelled);
        QCOMPARE(stateOf(*model, 0), jobs::JobState::Cancelled);
        QCOMPARE(model->index(0, JobListModel::StateColumn).data().toString(),
                 QStringLiteral("Cancelled"));
        QVERIFY(model->index(0, JobListModel::EtaColumn).data().toString().isEmpty());
        QVERIFY(!panel.cancelAction()->isEnabled());
        QVERIFY(widgets::jobsSummary(runner).isEmpty());
        QCOMPARE(summaries.last().at(0).toString(), QString());

        // Clearing finished jobs removes the row.
        QVERIFY(panel.clearFinishedAction()->isEnabled());
        panel.clearFinishedAction()->trigger();
        QCOMPARE(model->rowCount(), 0);
    }

    void summaryCountsRunningAndQueued()
    {
        jobs::JobRunner runner; // one job at a time on the general lane
        widgets::JobsPanel panel(&runner);
        runner.enqueue(std::make_unique<CountingWorker>(300, 10));
        runner.enqueue(std::make_unique<CountingWorker>(300, 10));
        QCOMPARE(panel.model()->rowCount(), 2);
        QTRY_COMPARE(stateOf(*panel.model(), 0), jobs::JobState::Running);
        QCOMPARE(stateOf(*panel.model(), 1), jobs::JobState::Queued);
        QVERIFY2(widgets::jobsSummary(runner).startsWith(QLatin1String("1 job running, 1 queued")),
                 qPrintable(widgets::jobsSummary(runner)));
        // Cancel both from the panel with a multi-selection.
        panel.view()->selectAll();
        QCOMPARE(panel.selectedJobIds().size(), 2);
        panel.cancelAction()->trigger();
        QTRY_COMPARE(stateOf(*panel.model(), 0), jobs::JobState::Cancelled);
        QTRY_COMPARE(stateOf(*panel.model(), 1), jobs::JobState::Cancelled);
    }

    void etaFormatting()
    {
        QCOMPARE(JobListModel::formatEta(41), QStringLiteral("0:41"));
        QCOMPARE(JobListModel::formatEta(65.2), QStringLiteral("1:06"));
        QCOMPARE(JobListModel::formatEta(3723), QStringLiteral("1:02:03"));
        QCOMPARE(JobListModel::formatEta(-1), QString());
    }

    void realExtractJobCancelledFromThePanel()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString folder = dir.filePath(QStringLiteral("lib"));
        auto lib = library::Library::open(folder);
        QVERIFY2(lib, qPrintable(lib ? QString() : lib.error().message));
        QString error;
        const QList<qint64> tracks = testing::makeToneTracks(
                **lib, dir.filePath(QStringLiteral("audio")), 80, 10.0, &error);
        QVERIFY2(tracks.size() == 80, qPrintable(error));

        jobs::JobRunner runner;
        runner.setLibraryFolder(folder); // recorded in the catalog, as the window does
        widgets::JobsPanel panel(&runner);
        panel.show();
        jobs::ExtractOptions options;
        options.libraryFolder = folder;
        options.threads = 1;
        options.batchTracks = 4;
        runner.enqueue(std::make_unique<jobs::ExtractJob>(options));
        JobListModel *model = panel.model();
        // Running and extracting (after the "checking" stage), some tracks done.
        QTRY_VERIFY_WITH_TIMEOUT(
                model->index(0, JobListModel::StageColumn).data().toString()
                                == QLatin1String("extracting")
                        && model->index(0, 0).data(JobListModel::DoneRole).toLongLong() >= 1,
                15000);
        QCOMPARE(model->index(0, 0).data(JobListModel::TotalRole).toLongLong(), qint64(80));

        panel.selectJob(model->jobIdAt(0));
        panel.cancelAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(*model, 0), jobs::JobState::Cancelled, 5000);
        const qint64 done = model->index(0, 0).data(JobListModel::DoneRole).toLongLong();
        QVERIFY2(done < 80, qPrintable(QString::number(done)));
        // The catalog says so too (JobRecorder runs on the GUI thread as the job's handle).
        QTRY_VERIFY([&] {
            auto jobs = (*lib)->jobs().list(1);
            return jobs && !jobs->isEmpty() && jobs->first().state == QLatin1String("cancelled");
        }());
    }
};

QTEST_MAIN(JobsPanelTest)
#include "JobsPanel_test.moc"
