// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Runs independent per-class work (the DGM's instrument networks, thesis Sec. 4.2) on several
// threads at once, each with one LibTorch thread. Why: one instrument's M2 network is too small
// to split across threads (docs/BENCHMARKS.md, "DGM epoch time": a second intra-op thread bought
// nothing), but the instruments do not share a weight, so they run side by side. Plain C++ in
// the header; no torch types.
#include <functional>

namespace timbre::models {

// Calls work(i) once for every i in [0, count), on min(workers, count) threads that take the
// next i as they finish one; inline on the calling thread when that is one thread. Every worker
// runs LibTorch with one intra-op thread; the caller's setting is restored before returning.
// The first exception thrown by a work item is rethrown here after every thread has stopped
// (the others finish the item they are on and take no new one).
void forEachOnClassThreads(int count, int workers, const std::function<void(int)> &work);

} // namespace timbre::models
