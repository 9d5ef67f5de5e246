// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/jobs/ProgressThrottle.h"

namespace timbre::jobs {

namespace {
constexpr qint64 kNever = -1'000'000'000;
}

ProgressThrottle::ProgressThrottle(int minIntervalMs)
    : m_minIntervalMs(minIntervalMs > 0 ? minIntervalMs : 0), m_lastMs(kNever)
{
    m_clock.start();
}

bool ProgressThrottle::tryAcquire()
{
    const qint64 now = m_clock.elapsed();
    qint64 last = m_lastMs.load(std::memory_order_relaxed);
    while (now - last >= m_minIntervalMs) {
        if (m_lastMs.compare_exchange_weak(last, now, std::memory_order_relaxed))
            return true;
    }
    return false;
}

void ProgressThrottle::reset()
{
    m_lastMs.store(kNever, std::memory_order_relaxed);
}

} // namespace timbre::jobs
