// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QElapsedTimer>

#include <atomic>

namespace timbre::jobs {

// Gate for progress updates: lets one through per interval (100 ms = 10 per second by
// default) so that a 100 000-file scan never floods the receiver's event queue (the
// Mixxx analyser emits at most every 60 ms for the same reason). Thread-safe: several
// worker threads may ask, exactly one of them wins each interval.
class ProgressThrottle
{
public:
    explicit ProgressThrottle(int minIntervalMs = 100);

    // True when at least the interval has passed since the last accepted update; the
    // first call is always accepted.
    bool tryAcquire();
    // Forget the last accepted update (the next tryAcquire() succeeds).
    void reset();
    int minIntervalMs() const { return m_minIntervalMs; }

private:
    const int m_minIntervalMs;
    QElapsedTimer m_clock;
    std::atomic<qint64> m_lastMs;
};

} // namespace timbre::jobs
