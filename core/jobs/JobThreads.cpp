// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/jobs/JobThreads.h"

#include <algorithm>

namespace timbre::jobs {

JobThreads::~JobThreads()
{
    waitForDone();
}

void JobThreads::start(std::function<void()> work)
{
    auto done = std::make_shared<std::atomic<bool>>(false);
    std::lock_guard<std::mutex> lock(m_mutex);
    reapFinished();
    Slot slot;
    slot.done = done;
    slot.thread = std::thread([work = std::move(work), done] {
        work();
        done->store(true, std::memory_order_release);
    });
    m_slots.push_back(std::move(slot));
}

void JobThreads::reapFinished()
{
    auto finished = std::partition(m_slots.begin(), m_slots.end(), [](const Slot &slot) {
        return !slot.done->load(std::memory_order_acquire);
    });
    for (auto it = finished; it != m_slots.end(); ++it)
        it->thread.join(); // returns at once: the work has ended
    m_slots.erase(finished, m_slots.end());
}

void JobThreads::waitForDone()
{
    std::vector<Slot> slots;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        slots.swap(m_slots);
    }
    // Joined without the lock: a start() from the GUI thread never waits behind a join.
    for (Slot &slot : slots)
        slot.thread.join();
}

int JobThreads::runningCount() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return int(std::count_if(m_slots.begin(), m_slots.end(), [](const Slot &slot) {
        return !slot.done->load(std::memory_order_acquire);
    }));
}

} // namespace timbre::jobs
