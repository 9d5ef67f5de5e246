// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The one way core/ runs a list of items on several threads (docs/ARCHITECTURE.md §2.1).
//
// WorkerPool<Result>: `count` items, each computed by `work(index, worker)` on one of
// `threads` worker threads, handed to the one consumer thread that owns the catalog through a
// bounded queue (so workers never run more than `capacity` results ahead of the database).
// With `inOrder` the consumer gets results in index order (the scanner writes in walk order);
// otherwise as they finish (the extract job). stop() lets no further item start; items already
// started finish and can still be taken, so nothing done is thrown away.
//
// parallelFor: the fork-join form, for work that needs no hand-over (the spectrogram's parts,
// the patch corpus's clips): runs `work(index, worker)` for every index, the calling thread
// being worker 0.
//
// Threads: construct, take(), stop() and join() on the consumer thread only; `work` and
// `onThreadStart` run on the workers. The pool joins its workers before it is destroyed.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace timbre::util {

struct WorkerPoolOptions
{
    int threads = 1; // worker threads, at most one per item (ThreadBudget.h says how many)
    size_t capacity = 64; // results held for the consumer at most (ordered: how far ahead)
    bool inOrder = false; // take() hands results over in index order
    std::function<void(int worker)> onThreadStart; // e.g. one LibTorch thread per worker
};

template<typename Result> class WorkerPool
{
public:
    using Work = std::function<Result(size_t index, int worker)>;
    using Item = std::pair<size_t, Result>;

    WorkerPool(size_t count, Work work, WorkerPoolOptions options)
        : m_count(count), m_work(std::move(work)), m_options(std::move(options))
    {
        m_options.capacity = std::max<size_t>(1, m_options.capacity);
        const int threads = threadsFor(count, m_options.threads);
        m_running = threads;
        m_threads.reserve(size_t(threads));
        for (int w = 0; w < threads; ++w)
            m_threads.emplace_back([this, w] { runWorker(w); });
    }
    ~WorkerPool()
    {
        stop();
        join();
    }
    WorkerPool(const WorkerPool &) = delete;
    WorkerPool &operator=(const WorkerPool &) = delete;

    // The threads a pool over `count` items starts when asked for `requested`.
    static int threadsFor(size_t count, int requested)
    {
        return int(std::min<size_t>(count, size_t(std::max(1, requested))));
    }
    int threadCount() const { return int(m_threads.size()); }

    // The results that have arrived, waiting up to `waitMs` for the first one; empty when none
    // came in that time or the pool is finished.
    std::vector<Item> take(int waitMs)
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_changed.wait_for(lock, std::chrono::milliseconds(waitMs),
                           [this] { return deliverable() || m_running == 0; });
        std::vector<Item> out;
        if (m_options.inOrder) {
            while (!m_ordered.empty() && m_ordered.begin()->first == m_nextIndex) {
                out.emplace_back(m_nextIndex, std::move(m_ordered.begin()->second));
                m_ordered.erase(m_ordered.begin());
                ++m_nextIndex;
            }
        } else {
            out.reserve(m_arrived.size());
            for (Item &item : m_arrived)
                out.push_back(std::move(item));
            m_arrived.clear();
        }
        m_changed.notify_all();
        return out;
    }

    // True once every worker has ended and take() has handed over every result: all items,
    // or, after stop(), all that had started.
    bool finished() const
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_running == 0 && m_arrived.empty() && m_ordered.empty();
    }

    // No item starts after this; running ones finish and are kept for take().
    void stop()
    {
        m_stop.store(true);
        std::lock_guard<std::mutex> lock(m_mutex);
        m_changed.notify_all();
    }
    bool stopped() const { return m_stop.load(); }

    void join()
    {
        for (std::thread &t : m_threads)
            if (t.joinable())
                t.join();
    }

private:
    bool deliverable() const
    {
        return m_options.inOrder ? !m_ordered.empty() && m_ordered.begin()->first == m_nextIndex
                                 : !m_arrived.empty();
    }

    // Whether a worker holding result `index` must wait for the consumer.
    bool mustWait(size_t index) const
    {
        if (m_stop.load())
            return false; // the consumer may have stopped taking; a few extra results are fine
        return m_options.inOrder ? index >= m_nextIndex + m_options.capacity
                                 : m_arrived.size() >= m_options.capacity;
    }

    void runWorker(int worker)
    {
        if (m_options.onThreadStart)
            m_options.onThreadStart(worker);
        for (;;) {
            if (m_stop.load())
                break;
            const size_t index = m_next.fetch_add(1);
            if (index >= m_count)
                break;
            Result result = m_work(index, worker);
            std::unique_lock<std::mutex> lock(m_mutex);
            m_changed.wait(lock, [&] { return !mustWait(index); });
            if (m_options.inOrder)
                m_ordered.emplace(index, std::move(result));
            else
                m_arrived.emplace_back(index, std::move(result));
            m_changed.notify_all();
        }
        std::lock_guard<std::mutex> lock(m_mutex);
        --m_running;
        m_changed.notify_all();
    }

    const size_t m_count;
    const Work m_work;
    WorkerPoolOptions m_options;
    std::atomic<size_t> m_next {0};
    std::atomic<bool> m_stop {false};
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Item> m_arrived; // unordered mode
    std::map<size_t, Result> m_ordered; // ordered mode: arrived, by index
    size_t m_nextIndex = 0; // ordered mode: the next index take() hands over
    int m_running = 0;
    std::vector<std::thread> m_threads;
};

// Runs work(index, worker) for index in [0, count) on min(threads, count) threads, the calling
// thread included (as worker 0); returns when every index is done. Indices are taken in order
// from a shared counter, so uneven items balance themselves.
inline void parallelFor(size_t count, int threads, const std::function<void(size_t, int)> &work)
{
    const int n = int(std::min<size_t>(count, size_t(std::max(1, threads))));
    std::atomic<size_t> next {0};
    const auto run = [&](int worker) {
        for (size_t i = next.fetch_add(1); i < count; i = next.fetch_add(1))
            work(i, worker);
    };
    std::vector<std::thread> helpers;
    helpers.reserve(size_t(std::max(0, n - 1)));
    for (int w = 1; w < n; ++w)
        helpers.emplace_back(run, w);
    run(0);
    for (std::thread &t : helpers)
        t.join();
}

} // namespace timbre::util
