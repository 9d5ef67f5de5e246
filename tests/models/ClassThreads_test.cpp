// SPDX-License-Identifier: GPL-3.0-or-later
// forEachOnClassThreads (models/training/ClassThreads.h): every index once, on as many threads as
// asked, each with one LibTorch thread; the caller's LibTorch threads put back; the first error
// rethrown after every thread stopped.
#include "models/training/ClassThreads.h"

#include <ATen/Parallel.h>
#include <QtTest/QtTest>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace timbre::models;

class ClassThreadsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyIndexOnceOnSeveralThreadsWithOneTorchThreadEach()
    {
        at::set_num_threads(2);
        std::vector<std::atomic<int>> calls(20);
        std::mutex mutex;
        std::set<std::thread::id> seen;
        std::atomic<int> torchThreadsAbove1 {0};
        forEachOnClassThreads(20, 3, [&](int i) {
            ++calls[static_cast<size_t>(i)];
            if (at::get_num_threads() != 1)
                ++torchThreadsAbove1;
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
            std::lock_guard<std::mutex> lock(mutex);
            seen.insert(std::this_thread::get_id());
        });
        for (const auto &n : calls)
            QCOMPARE(n.load(), 1);
        QCOMPARE(torchThreadsAbove1.load(), 0);
        QCOMPARE(int(seen.size()), 3);
        QVERIFY(!seen.count(std::this_thread::get_id()));
        QCOMPARE(at::get_num_threads(), 2);
    }

    void oneWorkerRunsInlineInOrder()
    {
        std::vector<int> order;
        forEachOnClassThreads(5, 1, [&](int i) {
            QCOMPARE(std::this_thread::get_id(), mainThread);
            order.push_back(i);
        });
        QCOMPARE(order, (std::vector<int> {0, 1, 2, 3, 4}));
        int calls = 0;
        forEachOnClassThreads(0, 4, [&](int) { ++calls; });
        QCOMPARE(calls, 0);
    }

    void firstErrorIsRethrownAfterTheOthersStop()
    {
        at::set_num_threads(2);
        std::atomic<int> running {0};
        std::atomic<int> started {0};
        bool caught = false;
        try {
            forEachOnClassThreads(50, 2, [&](int i) {
                ++started;
                ++running;
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
                --running;
                if (i == 3)
                    throw std::runtime_error("instrument 3 failed");
            });
        } catch (const std::runtime_error &e) {
            caught = QString(e.what()) == "instrument 3 failed";
        }
        QVERIFY(caught);
        QCOMPARE(running.load(), 0); // nobody still at work when the error arrives
        QVERIFY(started.load() < 50); // no new item taken after the failure
        QCOMPARE(at::get_num_threads(), 2);
    }

private:
    const std::thread::id mainThread = std::this_thread::get_id();
};

QTEST_GUILESS_MAIN(ClassThreadsTest)
#include "ClassThreads_test.moc"
