// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// How many threads each part of the workbench may use, in one place (docs/ARCHITECTURE.md §2).
// On the 2-core machines the workbench is built for, the GUI stays responsive because the
// views' pools are small and fixed, one background job runs at a time, and a job's own workers
// take the cores it is given; LibTorch's intra-op pool is sized per job (the `threads` option of
// the jobs and `timbre` commands) and set to one thread inside each extraction worker, so the
// two never multiply.
//
// models/ sits below this header: its trainers take their thread count from TrainConfig and
// the forest falls back to std::thread::hardware_concurrency() on its own.
#include <QThread>

#include <algorithm>

namespace timbre::util::threads {

// The cores Qt sees (the process's affinity is not consulted; `threads` options override).
inline int cores()
{
    return std::max(1, QThread::idealThreadCount());
}

// A job's workers when its `threads` option is `requested` (0 = every core).
inline int workers(int requested)
{
    return requested > 0 ? requested : cores();
}

// Background jobs of the general lane (scan, extract, predict, cross-fit) running at once in
// the workbench; training has its own lane of one.
constexpr int kGeneralJobs = 1;
constexpr int kTrainingJobs = 1;

// LibTorch intra-op threads inside one extraction worker: the pool spreads the cores.
constexpr int kTorchThreadsPerWorker = 1;

// A track's spectrogram is decoded in parts of at least a minute, on at most this many threads.
constexpr int kSpectrogramDecodeThreads = 4;

// The track view's pools: one decoding thread, two rendering tiles, one for the overview strip.
constexpr int kSpectrogramBuildThreads = 1;
constexpr int kSpectrogramTileThreads = 2;
constexpr int kOverviewStripThreads = 1;

} // namespace timbre::util::threads
