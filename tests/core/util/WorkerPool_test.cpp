// SPDX-License-Identifier: GPL-3.0-or-later
// WorkerPool and parallelFor (core/util/WorkerPool.h): every item handed over exactly once, in
// index order when asked even though items finish out of order, never more than the capacity
// waiting for a consumer that does not take, nothing new started after stop() while what was
// started is still delivered, and parallelFor running every index once on the threads asked.
#include "core/util/WorkerPool.h"

#include <QTest>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>

using timbre::util::parallelFor;
using timbre::util::WorkerPool;
using timbre::util::WorkerPoolOptions;

namespace {

// Drains a pool until it is finished; returns the indices in the order they were taken.
template<typename R>
std::vector<size_t> drain(WorkerPool<R> &pool, std::vector<R> *values = nullptr)
{
    std::vector<size_t> order;
    for (;;) {
        for (auto &[index, value] : pool.take(20)) {
            order.push_back(index);
            if (values)
                values->push_back(value);
        }
        if (pool.finished())
            return order;
    }
}

// A few microseconds to a millisecond, different per index, so items finish out of order.
void unevenWork(size_t index)
{
    std::this_thread::sleep_for(std::chrono::microseconds((index * 7919) % 900));
}

} // namespace

class WorkerPoolTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyItemOnceUnordered()
    {
        WorkerPoolOptions options;
        options.threads = 4;
        options.capacity = 8;
        WorkerPool<size_t> pool(
                500,
                [](size_t i, int) {
                    unevenWork(i);
                    return i * i;
                },
                options);
        QCOMPARE(pool.threadCount(), 4);
        std::vector<size_t> values;
        const std::vector<size_t> order = drain(pool, &values);
        QCOMPARE(order.size(), size_t(500));
        QCOMPARE(std::set<size_t>(order.begin(), order.end()).size(), size_t(500));
        for (size_t k = 0; k < order.size(); ++k)
            QCOMPARE(values[k], order[k] * order[k]);
    }

    void inOrderDespiteUnevenWork()
    {
        WorkerPoolOptions options;
        options.threads = 4;
        options.capacity = 16;
        options.inOrder = true;
        WorkerPool<int> pool(
                300,
                [](size_t i, int) {
                    unevenWork(300 - i);
                    return int(i);
                },
                options);
        const std::vector<size_t> order = drain(pool);
        QCOMPARE(order.size(), size_t(300));
        for (size_t k = 0; k < order.size(); ++k)
            QCOMPARE(order[k], k);
    }

    // A consumer that does not take holds the workers back: at most `capacity` results wait,
    // plus the one each worker is holding while it waits.
    void boundedWhileNobodyTakes_data()
    {
        QTest::addColumn<bool>("inOrder");
        QTest::newRow("unordered") << false;
        QTest::newRow("in order") << true;
    }
    void boundedWhileNobodyTakes()
    {
        QFETCH(bool, inOrder);
        std::atomic<int> started {0};
        WorkerPoolOptions options;
        options.threads = 3;
        options.capacity = 5;
        options.inOrder = inOrder;
        WorkerPool<int> pool(
                1000,
                [&](size_t i, int) {
                    ++started;
                    return int(i);
                },
                options);
        std::this_thread::sleep_for(std::chrono::milliseconds(150));
        QVERIFY2(started.load() <= 5 + 3, qPrintable(QString::number(started.load())));
        QVERIFY(started.load() >= 5);
        const std::vector<size_t> order = drain(pool);
        QCOMPARE(order.size(), size_t(1000));
    }

    // stop(): nothing new starts; everything that had started is still handed over.
    void stopKeepsStartedItems()
    {
        std::atomic<int> started {0};
        WorkerPoolOptions options;
        options.threads = 2;
        options.capacity = 4;
        WorkerPool<int> pool(
                100000,
                [&](size_t i, int) {
                    ++started;
                    std::this_thread::sleep_for(std::chrono::microseconds(200));
                    return int(i);
                },
                options);
        std::vector<size_t> taken;
        while (taken.size() < 20)
            for (auto &[index, value] : pool.take(20))
                taken.push_back(index);
        pool.stop();
        QVERIFY(pool.stopped());
        for (;;) {
            for (auto &[index, value] : pool.take(20))
                taken.push_back(index);
            if (pool.finished())
                break;
        }
        pool.join();
        QCOMPARE(int(taken.size()), started.load());
        QVERIFY(started.load() < 1000);
        QCOMPARE(std::set<size_t>(taken.begin(), taken.end()).size(), taken.size());
    }

    void emptyAndSingle()
    {
        WorkerPoolOptions options;
        options.threads = 8;
        WorkerPool<int> none(
                0, [](size_t, int) { return 1; }, options);
        QCOMPARE(none.threadCount(), 0);
        QVERIFY(none.take(10).empty());
        QVERIFY(none.finished());
        WorkerPool<int> one(
                1, [](size_t, int) { return 7; }, options);
        QCOMPARE(one.threadCount(), 1);
        std::vector<int> values;
        drain(one, &values);
        QCOMPARE(values, std::vector<int>({7}));
    }

    void threadStartRunsOncePerWorker()
    {
        std::mutex mutex;
        std::multiset<int> workers;
        WorkerPoolOptions options;
        options.threads = 3;
        options.onThreadStart = [&](int w) {
            std::lock_guard<std::mutex> lock(mutex);
            workers.insert(w);
        };
        std::atomic<int> badWorker {0};
        WorkerPool<int> pool(
                50,
                [&](size_t i, int w) {
                    if (w < 0 || w >= 3)
                        ++badWorker;
                    return int(i);
                },
                options);
        drain(pool);
        pool.join();
        QCOMPARE(workers, std::multiset<int>({0, 1, 2}));
        QCOMPARE(badWorker.load(), 0);
    }

    void parallelForEveryIndexOnce()
    {
        std::vector<std::atomic<int>> hits(1000);
        std::mutex mutex;
        std::set<int> workers;
        std::set<std::thread::id> threadIds;
        const std::thread::id caller = std::this_thread::get_id();
        bool callerIsWorkerZero = true;
        parallelFor(hits.size(), 3, [&](size_t i, int w) {
            unevenWork(i % 50);
            ++hits[i];
            std::lock_guard<std::mutex> lock(mutex);
            workers.insert(w);
            threadIds.insert(std::this_thread::get_id());
            if (w == 0 && std::this_thread::get_id() != caller)
                callerIsWorkerZero = false;
        });
        for (const auto &h : hits)
            QCOMPARE(h.load(), 1);
        QVERIFY(workers.size() <= 3);
        QVERIFY(threadIds.size() <= 3);
        QVERIFY(callerIsWorkerZero);
        int calls = 0;
        parallelFor(0, 4, [&](size_t, int) { ++calls; });
        QCOMPARE(calls, 0);
    }
};

QTEST_GUILESS_MAIN(WorkerPoolTest)
#include "WorkerPool_test.moc"
