// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/jobs/AutoRetrainPolicy.h"

#include <algorithm>
#include <limits>

namespace timbre::jobs {

AutoRetrainPolicy::AutoRetrainPolicy(QObject *parent) : QObject(parent)
{
    m_quiet.setSingleShot(true);
    // A coarse timer may fire up to 5 % early: the quiet period is a promise to the user.
    m_quiet.setTimerType(Qt::PreciseTimer);
    connect(&m_quiet, &QTimer::timeout, this, &AutoRetrainPolicy::onQuiet);
}

void AutoRetrainPolicy::setEnabled(bool enabled)
{
    if (enabled == m_enabled)
        return;
    m_enabled = enabled;
    if (!enabled) {
        m_quiet.stop();
        setPending(0);
    }
}

void AutoRetrainPolicy::setThreshold(int edits)
{
    m_threshold = std::max(1, edits);
    arm();
}

void AutoRetrainPolicy::setQuietPeriodMs(int msecs)
{
    m_quietMs = std::max(0, msecs);
    if (m_quiet.isActive())
        arm();
}

void AutoRetrainPolicy::onLabelsChanged(const QList<qint64> &clipIds, bool all)
{
    noteEdits(all ? std::max(m_threshold, int(clipIds.size())) : int(clipIds.size()));
}

void AutoRetrainPolicy::noteEdits(int count)
{
    if (!m_enabled || count <= 0)
        return;
    const qint64 sum = qint64(m_pending) + count;
    setPending(int(std::min<qint64>(sum, std::numeric_limits<int>::max())));
    m_sinceLastEdit.start();
    arm();
}

void AutoRetrainPolicy::setTrainingRunning(bool running)
{
    if (running == m_running)
        return;
    m_running = running;
    if (running) {
        // The run reads the labels as they are now: what was counted is trained on.
        m_quiet.stop();
        setPending(0);
    } else {
        arm(); // edits made during the run
    }
}

void AutoRetrainPolicy::reset()
{
    m_quiet.stop();
    m_running = false;
    m_sinceLastEdit.invalidate();
    setPending(0);
}

void AutoRetrainPolicy::setPending(int pending)
{
    if (pending == m_pending)
        return;
    m_pending = pending;
    Q_EMIT pendingEditsChanged(m_pending);
}

void AutoRetrainPolicy::arm()
{
    if (!m_enabled || m_running || m_pending < m_threshold) {
        m_quiet.stop();
        return;
    }
    const qint64 quietSoFar = m_sinceLastEdit.isValid() ? m_sinceLastEdit.elapsed() : m_quietMs;
    m_quiet.start(int(std::max<qint64>(0, m_quietMs - quietSoFar)));
}

void AutoRetrainPolicy::onQuiet()
{
    if (!m_enabled || m_running || m_pending < m_threshold)
        return;
    if (m_sinceLastEdit.isValid() && m_sinceLastEdit.elapsed() < m_quietMs) {
        arm();
        return;
    }
    Q_EMIT retrainDue();
}

} // namespace timbre::jobs
