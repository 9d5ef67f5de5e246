// SPDX-License-Identifier: GPL-3.0-or-later
// JobStore: jobs persisted with their progress, failures and result; state changes stamp
// start and finish times; jobs left queued or running by a process that is gone are marked
// interrupted, while this process's own jobs are not.
#include "core/library/CatalogDatabase.h"
#include "core/library/JobStore.h"
#include "core/library/Library.h"

#include <QSqlQuery>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace timbre::library;

class JobStoreTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void lifecycle();
    void failuresKeptInOrder();
    void orphansBecomeInterrupted();

private:
    QTemporaryDir *m_dir = nullptr;
    std::unique_ptr<Library> m_lib;
};

void JobStoreTest::init()
{
    m_dir = new QTemporaryDir;
    auto lib = Library::open(m_dir->filePath(QStringLiteral("lib")));
    QVERIFY2(lib.ok(), qPrintable(lib.error().message));
    m_lib = lib.take();
}

void JobStoreTest::cleanup()
{
    m_lib.reset();
    delete m_dir;
}

void JobStoreTest::lifecycle()
{
    JobStore &jobs = m_lib->jobs();
    JobRecord r;
    r.kind = QStringLiteral("extract");
    r.title = QStringLiteral("Extract melstat");
    r.parametersJson = QStringLiteral("{\"extractor\":\"melstat\"}");
    r.priority = 5;
    auto id = jobs.add(r);
    QVERIFY(id.ok());
    auto stored = jobs.findById(*id);
    QVERIFY(stored->has_value());
    QCOMPARE((*stored)->state, QStringLiteral("queued"));
    QCOMPARE((*stored)->priority, 5);
    QCOMPARE((*stored)->owner, JobStore::currentOwner());
    QCOMPARE((*stored)->startedMs, qint64(0));
    QVERIFY(!jobs.setState(*id, QStringLiteral("running")).isError());
    QVERIFY(!jobs.setProgress(*id, 3, 10, 1).isError());
    stored = jobs.findById(*id);
    QVERIFY((*stored)->startedMs > 0);
    QCOMPARE((*stored)->finishedMs, qint64(0));
    QCOMPARE((*stored)->done, qint64(3));
    QCOMPARE((*stored)->total, qint64(10));
    QCOMPARE((*stored)->failed, qint64(1));
    QVERIFY(!(*stored)->isFinal());
    QCOMPARE(jobs.unfinished()->size(), 1);
    QVERIFY(!jobs.setResult(*id, QStringLiteral("{\"written\":9}")).isError());
    QVERIFY(!jobs.setState(*id, QStringLiteral("failed"), QStringLiteral("disk full")).isError());
    stored = jobs.findById(*id);
    QVERIFY((*stored)->finishedMs >= (*stored)->startedMs);
    QCOMPARE((*stored)->errorText, QStringLiteral("disk full"));
    QCOMPARE((*stored)->resultJson, QStringLiteral("{\"written\":9}"));
    QVERIFY((*stored)->isFinal());
    QCOMPARE(jobs.unfinished()->size(), 0);
    // A bad state is refused by the schema, and the row keeps its last good state.
    QVERIFY(jobs.setState(*id, QStringLiteral("exploded")).isError());
    QCOMPARE((*jobs.findById(*id))->state, QStringLiteral("failed"));
    QCOMPARE(jobs.setState(777, QStringLiteral("running")).code, CatalogError::NotFound);
    // Newest first.
    JobRecord second;
    second.kind = QStringLiteral("train");
    const qint64 id2 = *jobs.add(second);
    auto listed = jobs.list();
    QCOMPARE(listed->size(), 2);
    QCOMPARE(listed->at(0).id, id2);
    QCOMPARE(jobs.list(1)->size(), 1);
}

void JobStoreTest::failuresKeptInOrder()
{
    JobRecord r;
    r.kind = QStringLiteral("extract");
    const qint64 id = *m_lib->jobs().add(r);
    for (int i = 0; i < 3; ++i)
        QVERIFY(!m_lib->jobs()
                         .addFailure(id, QStringLiteral("/music/%1.mp3").arg(i),
                                     QStringLiteral("invalid data"))
                         .isError());
    auto f = m_lib->jobs().failures(id);
    QCOMPARE(f->size(), 3);
    QCOMPARE(f->at(0).item, QStringLiteral("/music/0.mp3"));
    QCOMPARE(f->at(2).item, QStringLiteral("/music/2.mp3"));
    QCOMPARE(m_lib->jobs().failures(id, 2)->size(), 2);
}

void JobStoreTest::orphansBecomeInterrupted()
{
    JobStore &jobs = m_lib->jobs();
    JobRecord r;
    r.kind = QStringLiteral("extract");
    const qint64 mine = *jobs.add(r);
    QVERIFY(!jobs.setState(mine, QStringLiteral("running")).isError());
    const qint64 orphan = *jobs.add(r);
    const qint64 done = *jobs.add(r);
    QVERIFY(!jobs.setState(done, QStringLiteral("finished")).isError());
    // Pretend `orphan` and `done` belonged to a process that no longer exists (pid 2^22+7 is
    // above Linux's pid_max default and cannot be alive).
    QSqlQuery q(m_lib->database().connection());
    QVERIFY(q.exec(QStringLiteral("UPDATE job SET owner = '4194311@%1', state = 'running' WHERE "
                                  "id = %2")
                           .arg(QSysInfo::machineHostName())
                           .arg(orphan)));
    QVERIFY(q.exec(QStringLiteral("UPDATE job SET owner = '4194311@%1' WHERE id = %2")
                           .arg(QSysInfo::machineHostName())
                           .arg(done)));
    auto marked = jobs.markInterrupted();
    QVERIFY(marked.ok());
    QCOMPARE(*marked, 1);
    QCOMPARE((*jobs.findById(orphan))->state, QStringLiteral("interrupted"));
    QCOMPARE((*jobs.findById(mine))->state, QStringLiteral("running"));
    QCOMPARE((*jobs.findById(done))->state, QStringLiteral("finished"));
    QCOMPARE(jobs.unfinished()->size(), 2);
}

QTEST_GUILESS_MAIN(JobStoreTest)
#include "JobStore_test.moc"
