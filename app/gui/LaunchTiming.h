// SPDX-License-Identifier: GPL-3.0-or-later
// Opt-in launch timing (TIMBRE_TIMING=1): prints to stderr, in milliseconds since the process
// started, when the track view first painted a full screen of spectrogram ("first-screen")
// and when the whole track view has settled ("settled": spectrogram and overview complete,
// and the lanes of a library track drawn). scripts/bench/launch_side_by_side.sh reads them.
#pragma once

#include <QObject>

namespace timbre::widgets {
class TrackView;
}

namespace timbre::gui {

class LaunchTiming : public QObject
{
    Q_OBJECT
public:
    // Watches `view` (not owned) from now on; prints each line once.
    explicit LaunchTiming(widgets::TrackView *view, QObject *parent = nullptr);

    // Milliseconds since this process started (/proc/self/stat; 10 ms granularity on Linux),
    // or since the first call where that cannot be read.
    static double msSinceProcessStart();
    // With TIMBRE_TIMING=1: "phase NAME MS" (ms since process start) on stderr, for the
    // launch breakdown in docs/BENCHMARKS.md; nothing otherwise.
    static void mark(const char *phase);

private:
    void check();

    widgets::TrackView *m_view = nullptr;
    bool m_lanesReady = false;
    bool m_printedFirst = false;
    bool m_printedSettled = false;
};

} // namespace timbre::gui
