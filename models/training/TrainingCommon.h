// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Pieces every trainer of models/ shares: timing, the checkpoint time stamp and the random
// validation hold-out. Plain C++; no torch types.
#include "models/api/BagSet.h"

#include <chrono>
#include <random>
#include <string>

namespace timbre::models {

using TrainClock = std::chrono::steady_clock;

inline double secondsSince(TrainClock::time_point start)
{
    return std::chrono::duration<double>(TrainClock::now() - start).count();
}

// Keeps freed tensor memory in the process (glibc malloc options; no-op elsewhere). A training
// step frees and re-allocates the same few hundred-kilobyte activations; by default glibc hands
// such blocks back to the kernel, and every step then pays a page fault per 4 KiB on first
// touch: measured at about a quarter of an ATT epoch. Called once per trainer start; the
// retained heap is bounded by the largest training step's working set.
void keepFreedTensorMemory();

// Now as ISO 8601 UTC ("2026-11-25T01:02:03Z"), the `created` field of checkpoints.
std::string utcNow();

// Draws round(fraction x bags) bags at random (Sec. 3.2.2: 15 % of the training split) into
// `validation` and the rest into `train`, both in their original order. Returns "" or why the
// split is impossible (too few bags).
std::string holdOutValidation(const BagSet &all, double fraction, std::mt19937_64 &rng,
                              BagSet *train, BagSet *validation);

} // namespace timbre::models
