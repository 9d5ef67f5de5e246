// SPDX-License-Identifier: GPL-3.0-or-later
// JobRunner as a queue: the next job of a lane is the highest priority, then the oldest; a
// held job and a paused queue start nothing; a cancelled queued job ends without running;
// training runs on its own lane beside the general one; with a library folder every job is
// recorded in the catalog; ETA appears in progress once there is a rate to go by.
#include "core/jobs/Job.h"
#include "core/jobs/JobContext.h"
#include "core/jobs/JobRunner.h"
#include "core/jobs/JobWorker.h"
#include "core/library/JobStore.h"
#include "core/library/Library.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <mutex>

using namespace timbre::jobs;

namespace {

// Appends its name to a shared log when it starts, then works `ms` in 10 ms steps.
class NamedWorker : public JobWorker
{
public:
    NamedWorker(QString name, QString kind, int ms, QStringList *started, std::mutex *mutex)
        : m_name(std::move(name)), m_kind(std::move(kind)), m_ms(ms), m_started(started),
          m_mutex(mutex)
    { }
    QString kind() const override { return m_kind; }
    QString title() const override { return m_name; }
    QVariantMap parameters() const override { return {{QStringLiteral("name"), m_name}}; }
    JobOutcome run(JobContext &context) override
    {
        {
            std::lock_guard<std::mutex> lock(*m_mutex);
            m_started->append(m_name);
        }
        JobProgress p;
        p.total = std::max(1, m_ms / 10);
        for (int i = 0; i < p.total; ++i) {
            if (!context.checkpoint())
                return JobOutcome::cancelled();
            QThread::msleep(10);
            p.done = i + 1;
            context.reportProgress(p);
        }
        context.reportFailure(QStringLiteral("item-%1").arg(m_name), QStringLiteral("planted"));
        return JobOutcome::success({{QStringLiteral("name"), m_name}});
    }

private:
    QString m_name;
    QString m_kind;
    int m_ms;
    QStringList *m_started;
    std::mutex *m_mutex;
};

} // namespace

class JobQueueTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void priorityThenAge();
    void heldJobAndPausedQueueWait();
    void cancelledQueuedJobNeverRuns();
    void trainingLaneRunsBeside();
    void jobsRecordedInTheLibrary();
    void etaFromTheRate();

private:
    std::unique_ptr<JobWorker> worker(const QString &name, int ms = 30,
                                      const QString &kind = QStringLiteral("extract"))
    {
        return std::make_unique<NamedWorker>(name, kind, ms, &m_started, &m_mutex);
    }
    QStringList started()
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_started;
    }
    QStringList m_started;
    std::mutex m_mutex; // std: ThreadSanitizer sees it whole
};

void JobQueueTest::priorityThenAge()
{
    m_started.clear();
    JobRunner runner;
    runner.setQueuePaused(true); // queue everything first
    runner.enqueue(worker(QStringLiteral("low-old")), 0);
    runner.enqueue(worker(QStringLiteral("high")), 5);
    runner.enqueue(worker(QStringLiteral("low-new")), 0);
    runner.enqueue(worker(QStringLiteral("mid")), 2);
    QCOMPARE(runner.activeCount(), 4);
    QVERIFY(started().isEmpty());
    runner.setQueuePaused(false);
    QVERIFY(runner.waitForAllBlocking(10000));
    QCOMPARE(started(),
             (QStringList {QStringLiteral("high"), QStringLiteral("mid"), QStringLiteral("low-old"),
                           QStringLiteral("low-new")}));
}

void JobQueueTest::heldJobAndPausedQueueWait()
{
    m_started.clear();
    JobRunner runner;
    runner.setQueuePaused(true);
    Job *a = runner.enqueue(worker(QStringLiteral("a")));
    Job *b = runner.enqueue(worker(QStringLiteral("b")));
    QVERIFY(runner.pause(a->id()));
    QVERIFY(runner.isHeld(a->id()));
    runner.setQueuePaused(false);
    QTRY_VERIFY_WITH_TIMEOUT(b->isDone(), 5000);
    QTest::qWait(100);
    QCOMPARE(started(), QStringList {QStringLiteral("b")});
    QVERIFY(!a->isDone());
    QVERIFY(!runner.isStarted(a->id()));
    QVERIFY(runner.resume(a->id()));
    QVERIFY(runner.waitForAllBlocking(5000));
    QCOMPARE(started(), (QStringList {QStringLiteral("b"), QStringLiteral("a")}));
    QCOMPARE(a->state(), JobState::Finished);
}

void JobQueueTest::cancelledQueuedJobNeverRuns()
{
    m_started.clear();
    JobRunner runner;
    Job *first = runner.enqueue(worker(QStringLiteral("first"), 300));
    Job *queued = runner.enqueue(worker(QStringLiteral("queued")));
    QVERIFY(!runner.isStarted(queued->id()));
    QVERIFY(runner.cancel(queued->id()));
    QTRY_COMPARE_WITH_TIMEOUT(queued->state(), JobState::Cancelled, 2000);
    QVERIFY(!first->isDone()); // the running job was not disturbed
    QVERIFY(runner.waitForAllBlocking(5000));
    QCOMPARE(first->state(), JobState::Finished);
    QCOMPARE(started(), QStringList {QStringLiteral("first")});
}

void JobQueueTest::trainingLaneRunsBeside()
{
    m_started.clear();
    JobRunner runner;
    Job *extract = runner.enqueue(worker(QStringLiteral("extract"), 400));
    Job *train = runner.enqueue(worker(QStringLiteral("train"), 400, QStringLiteral("train")));
    Job *predict = runner.enqueue(worker(QStringLiteral("predict"), 50, QStringLiteral("predict")));
    // Training does not wait for the extraction; the predict job waits its turn on the
    // general lane.
    QTRY_VERIFY_WITH_TIMEOUT(started().contains(QStringLiteral("train")), 2000);
    QVERIFY(!extract->isDone());
    QVERIFY(!runner.isStarted(predict->id()));
    QVERIFY(runner.waitForAllBlocking(10000));
    QCOMPARE(train->state(), JobState::Finished);
    QCOMPARE(started().last(), QStringLiteral("predict"));
}

void JobQueueTest::jobsRecordedInTheLibrary()
{
    QTemporaryDir dir;
    auto lib = timbre::library::Library::open(dir.filePath(QStringLiteral("lib")));
    QVERIFY(lib.ok());
    {
        JobRunner runner;
        runner.setLibraryFolder((*lib)->folder());
        Job *a = runner.enqueue(worker(QStringLiteral("a"), 50), 3);
        Job *b = runner.enqueue(worker(QStringLiteral("b"), 2000));
        QTRY_VERIFY_WITH_TIMEOUT(a->isDone(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(runner.isStarted(b->id()), 5000);
        runner.cancel(b->id());
        QVERIFY(runner.waitForAllBlocking(5000));
        QCoreApplication::processEvents();
    }
    auto rows = (*lib)->jobs().list();
    QCOMPARE(rows->size(), 2);
    const timbre::library::JobRecord b = rows->at(0);
    const timbre::library::JobRecord a = rows->at(1);
    QCOMPARE(a.title, QStringLiteral("a"));
    QCOMPARE(a.state, QStringLiteral("finished"));
    QCOMPARE(a.priority, 3);
    QCOMPARE(a.done, qint64(5));
    QVERIFY(a.resultJson.contains(QStringLiteral("\"name\":\"a\"")));
    QVERIFY(a.parametersJson.contains(QStringLiteral("\"name\":\"a\"")));
    QCOMPARE((*lib)->jobs().failures(a.id)->size(), 1);
    QCOMPARE((*lib)->jobs().failures(a.id)->first().item, QStringLiteral("item-a"));
    QCOMPARE(b.state, QStringLiteral("cancelled"));
    QVERIFY(b.startedMs > 0 && b.finishedMs >= b.startedMs);
}

void JobQueueTest::etaFromTheRate()
{
    JobRunner runner;
    Job *job = runner.enqueue(worker(QStringLiteral("slow"), 1600));
    double eta = -1;
    qint64 doneAtEta = 0;
    connect(job, &Job::progressChanged, this, [&](const JobProgress &p) {
        if (eta < 0 && p.etaSeconds >= 0) {
            eta = p.etaSeconds;
            doneAtEta = p.done;
        }
    });
    QVERIFY(runner.waitForAllBlocking(10000));
    QVERIFY(eta >= 0);
    // 10 ms a step (plus sleep overhead): the estimate is the steps left at that rate.
    const double expected = (160 - doneAtEta) * 0.010;
    QVERIFY2(eta > 0.5 * expected && eta < 2.0 * expected,
             qPrintable(QStringLiteral("eta %1 expected ~%2").arg(eta).arg(expected)));
}

QTEST_GUILESS_MAIN(JobQueueTest)
#include "JobQueue_test.moc"
