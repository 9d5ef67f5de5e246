// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace timbre::jobs {

// The threads a job's worker runs on: one std::thread per started job, joined once its work
// has returned (reaped on the next start) or at the latest by waitForDone / the destructor.
// Why not QThreadPool: how many jobs run at once is the JobRunner's decision (its lanes), so a
// pool's own queue adds nothing, and a hand-over through Qt's uninstrumented locks hides the
// start of every job from ThreadSanitizer (docs/RELIABILITY.md §2); a thread's creation and
// join are edges TSan sees whole.
class JobThreads
{
public:
    JobThreads() = default;
    ~JobThreads();
    JobThreads(const JobThreads &) = delete;
    JobThreads &operator=(const JobThreads &) = delete;

    void start(std::function<void()> work);
    // Joins every thread started so far (their work returns on its own or after a cancel).
    void waitForDone();
    // Threads whose work has not returned yet.
    int runningCount() const;

private:
    struct Slot
    {
        std::thread thread;
        std::shared_ptr<std::atomic<bool>> done;
    };
    void reapFinished(); // with m_mutex held

    mutable std::mutex m_mutex;
    std::vector<Slot> m_slots;
};

} // namespace timbre::jobs
