// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/training/ClassThreads.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace timbre::models {

void forEachOnClassThreads(int count, int workers, const std::function<void(int)> &work)
{
    const int threads = std::max(1, std::min(workers, count));
    if (threads == 1) {
        for (int i = 0; i < count; ++i)
            work(i);
        return;
    }
    // at::set_num_threads also stores the count new threads start with; put back the caller's.
    const int callerThreads = at::get_num_threads();
    std::atomic<int> next {0};
    std::atomic<bool> failed {false};
    std::exception_ptr firstError;
    std::mutex errorMutex;
    std::vector<std::thread> pool;
    pool.reserve(static_cast<size_t>(threads));
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&] {
            at::set_num_threads(1);
            for (int i = next++; i < count && !failed.load(); i = next++) {
                try {
                    work(i);
                } catch (...) {
                    std::lock_guard<std::mutex> lock(errorMutex);
                    if (!firstError)
                        firstError = std::current_exception();
                    failed = true;
                }
            }
        });
    }
    for (std::thread &thread : pool)
        thread.join();
    at::set_num_threads(callerThreads);
    if (firstError)
        std::rethrow_exception(firstError);
}

} // namespace timbre::models
