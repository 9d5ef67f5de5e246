// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/jobs/JobContext.h"

#include <atomic>
#include <chrono>
#include <thread>

namespace timbre::jobs {

// Sets `flag` once the job is cancelled, polling on its own thread: the trainers read the flag
// before every optimiser step, whatever their progress callbacks do.
class CancelWatcher
{
public:
    CancelWatcher(const JobContext &context, std::atomic<bool> &flag)
        : m_thread([this, &context, &flag] {
              while (!m_done.load()) {
                  if (context.isCancelled()) {
                      flag.store(true);
                      return;
                  }
                  std::this_thread::sleep_for(std::chrono::milliseconds(20));
              }
          })
    { }
    ~CancelWatcher()
    {
        m_done.store(true);
        m_thread.join();
    }
    CancelWatcher(const CancelWatcher &) = delete;
    CancelWatcher &operator=(const CancelWatcher &) = delete;

private:
    std::atomic<bool> m_done {false};
    std::thread m_thread;
};

} // namespace timbre::jobs
