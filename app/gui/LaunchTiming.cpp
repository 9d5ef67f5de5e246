// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/LaunchTiming.h"

#include "widgets/trackview/AttentionLanes.h"
#include "widgets/trackview/OverviewStrip.h"
#include "widgets/trackview/SpectrogramView.h"
#include "widgets/trackview/TrackView.h"

#include <QElapsedTimer>
#include <QFile>

#include <cstdio>
#include <ctime>
#include <unistd.h>

namespace timbre::gui {

LaunchTiming::LaunchTiming(widgets::TrackView *view, QObject *parent)
    : QObject(parent), m_view(view)
{
    msSinceProcessStart(); // fixes the fallback origin early
    connect(view->spectrogram(), &widgets::SpectrogramView::firstScreenPainted, this, [this] {
        if (!m_printedFirst) {
            m_printedFirst = true;
            std::fprintf(stderr, "first-screen %.0f\n", msSinceProcessStart());
        }
        check();
    });
    connect(view->spectrogram(), &widgets::SpectrogramView::settled, this, &LaunchTiming::check);
    connect(view->overview(), &widgets::OverviewStrip::settled, this, &LaunchTiming::check);
    connect(view, &widgets::TrackView::lanesReady, this, [this] {
        if (!m_lanesReady)
            std::fprintf(stderr, "lanes %.0f\n", msSinceProcessStart());
        m_lanesReady = true;
        check();
    });
}

void LaunchTiming::check()
{
    if (m_printedSettled || !m_printedFirst)
        return;
    // A file outside a library has no lanes to wait for (they show a note at once).
    const bool lanesDone = m_view->currentTrackId() == 0 || m_lanesReady;
    if (!m_view->spectrogram()->isSettled() || !m_view->overview()->isSettled() || !lanesDone)
        return;
    // Whatever just changed is on screen before the time is taken.
    m_view->repaint();
    m_printedSettled = true;
    std::fprintf(stderr, "settled %.0f\n", msSinceProcessStart());
}

void LaunchTiming::mark(const char *phase)
{
    static const bool on = qEnvironmentVariableIntValue("TIMBRE_TIMING") > 0;
    if (on)
        std::fprintf(stderr, "phase %s %.0f\n", phase, msSinceProcessStart());
}

double LaunchTiming::msSinceProcessStart()
{
    static QElapsedTimer fallback;
    if (!fallback.isValid())
        fallback.start();
    QFile stat(QStringLiteral("/proc/self/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return double(fallback.elapsed());
    // Field 22, after the parenthesised command name (which may hold spaces): start time in
    // clock ticks after boot, on the clock CLOCK_BOOTTIME reads.
    const QByteArray line = stat.readAll();
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    bool ok = false;
    const double startTicks = fields.value(19).toDouble(&ok);
    timespec now {};
    if (!ok || clock_gettime(CLOCK_BOOTTIME, &now) != 0)
        return double(fallback.elapsed());
    const double nowMs = now.tv_sec * 1e3 + now.tv_nsec / 1e6;
    return nowMs - startTicks * 1e3 / double(sysconf(_SC_CLK_TCK));
}

} // namespace timbre::gui
