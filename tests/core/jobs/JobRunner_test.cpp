// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/jobs/Job.h"
#include "core/jobs/JobContext.h"
#include "core/jobs/JobRunner.h"
#include "core/jobs/JobWorker.h"
#include "core/jobs/ProgressThrottle.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>
#include <stdexcept>

using namespace timbre::jobs;

namespace {

// Counts to `steps`, reporting after every step (far more often than the throttle lets
// through), `stepMs` per step; can throw on a given step.
class CountingWorker : public JobWorker
{
public:
    CountingWorker(int steps, int stepMs, int throwAt = -1, std::atomic<int> *committed = nullptr)
        : m_steps(steps), m_stepMs(stepMs), m_throwAt(throwAt), m_committed(committed)
    { }
    QString kind() const override { return QStringLiteral("count"); }
    QString title() const override { return QStringLiteral("Count to %1").arg(m_steps); }
    JobOutcome run(JobContext &context) override
    {
        JobProgress progress;
        progress.total = m_steps;
        for (int i = 0; i < m_steps; ++i) {
            if (!context.checkpoint())
                return JobOutcome::cancelled({{QStringLiteral("done"), i}});
            if (i == m_throwAt)
                throw std::runtime_error("step exploded");
            if (m_stepMs > 0)
                QThread::msleep(m_stepMs);
            else
                QThread::usleep(20);
            progress.done = i + 1;
            progress.currentItem = QString::number(i);
            context.reportProgress(progress);
            if (m_committed)
                m_committed->store(i + 1);
        }
        context.log(QStringLiteral("counted"));
        return JobOutcome::success({{QStringLiteral("done"), m_steps}});
    }

private:
    int m_steps;
    int m_stepMs;
    int m_throwAt;
    std::atomic<int> *m_committed;
};

// Reports `count` records as fast as it can, each with a throttled progress report between
// them: the records must all arrive, in order, whatever the throttle drops.
class RecordingWorker : public JobWorker
{
public:
    explicit RecordingWorker(int count) : m_count(count) { }
    QString kind() const override { return QStringLiteral("record"); }
    QString title() const override { return QStringLiteral("Records"); }
    JobOutcome run(JobContext &context) override
    {
        JobProgress progress;
        progress.total = m_count;
        for (int i = 0; i < m_count; ++i) {
            context.reportRecord({{QStringLiteral("type"), QStringLiteral("epoch")},
                                  {QStringLiteral("epoch"), i + 1}});
            progress.done = i + 1;
            context.reportProgress(progress);
        }
        return JobOutcome::success({{QStringLiteral("records"), m_count}});
    }

private:
    int m_count;
};

} // namespace

class JobRunnerTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void throttleLetsOnePerInterval()
    {
        ProgressThrottle throttle(50);
        QVERIFY(throttle.tryAcquire());
        QVERIFY(!throttle.tryAcquire());
        QThread::msleep(60);
        QVERIFY(throttle.tryAcquire());
        QVERIFY(!throttle.tryAcquire());
        throttle.reset();
        QVERIFY(throttle.tryAcquire());
    }

    void progressIsRateLimitedAndOrdered()
    {
        JobRunner runner;
        // 30 000 reports in about 1.5 s: the receiver must see at most ~10 per second.
        Job *job = runner.enqueue(std::make_unique<CountingWorker>(30000, 0));
        QSignalSpy progress(job, &Job::progressChanged);
        QSignalSpy finished(job, &Job::finished);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(runner.waitForAllBlocking(60000));
        const double seconds = clock.elapsed() / 1000.0;
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).toMap().value(QStringLiteral("done")).toInt(), 30000);
        // running + throttled reports + final one.
        QVERIFY2(progress.count() <= 10 * seconds + 3,
                 qPrintable(
                         QStringLiteral("%1 signals in %2 s").arg(progress.count()).arg(seconds)));
        QVERIFY(progress.count() >= 2);
        qint64 lastDone = -1;
        for (const QList<QVariant> &args : progress) {
            const auto p = args.at(0).value<JobProgress>();
            QVERIFY(p.done >= lastDone);
            lastDone = p.done;
        }
        QCOMPARE(lastDone, 30000);
        QCOMPARE(job->state(), JobState::Finished);
        QCOMPARE(job->logLines(), QStringList {QStringLiteral("counted")});
    }

    void recordsArriveInOrderUnthrottled()
    {
        JobRunner runner;
        const int count = Job::kMaxRecords + 500;
        Job *job = runner.enqueue(std::make_unique<RecordingWorker>(count));
        QList<int> epochs;
        int progressSignals = 0;
        bool recordAfterFinish = false;
        connect(job, &Job::progressChanged, this, [&] { ++progressSignals; });
        connect(job, &Job::recordReported, this, [&](const QVariantMap &record) {
            recordAfterFinish = recordAfterFinish || job->isDone();
            epochs << record.value(QStringLiteral("epoch")).toInt();
        });
        QVERIFY(runner.waitForAllBlocking(60000));
        QCOMPARE(job->state(), JobState::Finished);
        // Every record was delivered, in order, before the outcome; the progress was thinned.
        QCOMPARE(epochs.size(), count);
        for (int i = 0; i < count; ++i)
            QCOMPARE(epochs.at(i), i + 1);
        QVERIFY(!recordAfterFinish);
        QVERIFY(progressSignals < count / 10);
        // The handle keeps the last kMaxRecords for a view attached late.
        const QList<QVariantMap> kept = job->records();
        QCOMPARE(kept.size(), Job::kMaxRecords);
        QCOMPARE(kept.first().value(QStringLiteral("epoch")).toInt(), count - Job::kMaxRecords + 1);
        QCOMPARE(kept.last().value(QStringLiteral("epoch")).toInt(), count);
    }

    void cancelStopsQuickly()
    {
        JobRunner runner;
        std::atomic<int> committed {0};
        Job *job = runner.enqueue(std::make_unique<CountingWorker>(100000, 5, -1, &committed));
        QSignalSpy cancelled(job, &Job::cancelled);
        QTRY_VERIFY_WITH_TIMEOUT(committed.load() > 10, 5000);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(runner.cancel(job->id()));
        QVERIFY(job->waitBlocking(1000));
        QVERIFY(clock.elapsed() < 1000);
        QTRY_COMPARE(cancelled.count(), 1);
        QCOMPARE(job->state(), JobState::Cancelled);
        QVERIFY(committed.load() < 100000);
    }

    void exceptionBecomesError()
    {
        JobRunner runner;
        Job *job = runner.enqueue(std::make_unique<CountingWorker>(100, 0, 7));
        QSignalSpy error(job, &Job::error);
        QVERIFY(runner.waitForAllBlocking(10000));
        QCOMPARE(error.count(), 1);
        QVERIFY(error.at(0).at(0).toString().contains(QStringLiteral("step exploded")));
        QCOMPARE(job->state(), JobState::Failed);
        QCOMPARE(runner.info(0).errorText, job->errorText());
    }

    void runnerQueuesInOrderAndCancelsQueued()
    {
        JobRunner runner(1);
        QSignalSpy added(&runner, &JobRunner::jobAdded);
        QSignalSpy allDone(&runner, &JobRunner::allDone);
        Job *first = runner.enqueue(std::make_unique<CountingWorker>(20, 10));
        Job *second = runner.enqueue(std::make_unique<CountingWorker>(20, 10));
        Job *third = runner.enqueue(std::make_unique<CountingWorker>(20, 10));
        QCOMPARE(added.count(), 3);
        QCOMPARE(runner.count(), 3);
        QCOMPARE(runner.rowOf(second->id()), 1);
        QVERIFY(runner.cancel(third->id()));
        QVERIFY(runner.waitForAllBlocking(20000));
        QCOMPARE(first->state(), JobState::Finished);
        QCOMPARE(second->state(), JobState::Finished);
        QCOMPARE(third->state(), JobState::Cancelled);
        QCOMPARE(allDone.count(), 1);
        QCOMPARE(runner.info(2).progress.state, JobState::Cancelled);
        QCOMPARE(runner.info(0).title, QStringLiteral("Count to 20"));
        runner.removeFinished();
        QCOMPARE(runner.count(), 0);
    }

    void suspendHoldsWorker()
    {
        JobRunner runner;
        std::atomic<int> committed {0};
        Job *job = runner.enqueue(std::make_unique<CountingWorker>(400, 5, -1, &committed));
        QTRY_VERIFY_WITH_TIMEOUT(committed.load() > 5, 5000);
        job->suspend();
        QTRY_COMPARE_WITH_TIMEOUT(job->state(), JobState::Suspended, 5000);
        const int held = committed.load();
        QTest::qWait(200);
        QCOMPARE(committed.load(), held);
        job->resume();
        QVERIFY(runner.waitForAllBlocking(20000));
        QCOMPARE(job->state(), JobState::Finished);
        QCOMPARE(committed.load(), 400);
    }

    void jobThreadsRunEachWorkOnceAndJoin()
    {
        std::atomic<int> ran {0};
        std::atomic<bool> release {false};
        {
            timbre::jobs::JobThreads threads;
            for (int i = 0; i < 6; ++i) {
                threads.start([&] {
                    while (!release.load())
                        QThread::msleep(1);
                    ran.fetch_add(1);
                });
            }
            QCOMPARE(threads.runningCount(), 6);
            release.store(true);
            threads.waitForDone();
            QCOMPARE(ran.load(), 6);
            QCOMPARE(threads.runningCount(), 0);
            // Reused after waitForDone; the destructor joins what is still running.
            threads.start([&] {
                QThread::msleep(50);
                ran.fetch_add(1);
            });
        }
        QCOMPARE(ran.load(), 7);
    }

    void deletingHandleWhileRunningIsSafe()
    {
        timbre::jobs::JobThreads jobThreads;
        std::atomic<int> committed {0};
        auto *job = new Job(std::make_unique<CountingWorker>(100000, 1, -1, &committed));
        job->startAsync(&jobThreads);
        QTRY_VERIFY_WITH_TIMEOUT(committed.load() > 3, 5000);
        delete job; // cancels; the worker reports into nothing
        QTRY_COMPARE_WITH_TIMEOUT(jobThreads.runningCount(), 0, 2000);
        QVERIFY(committed.load() < 100000);
        QCoreApplication::processEvents();
    }
};

QTEST_GUILESS_MAIN(JobRunnerTest)
#include "JobRunner_test.moc"
