// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The skeleton every trainer of models/ shares (MIL, DGM, strong-label, patch CNN, forest):
// the checks of its inputs and numbers, the start (threads, memory policy, LibTorch's seed),
// the one seeded validation hold-out (models/api/SeededOrder.h), timing, the checkpoint time
// stamp and the partial BCE of plain scores. Plain C++ in the header; no torch types.
// docs/ARCHITECTURE.md §1.5 (models/training).
#include "models/api/BagSet.h"
#include "models/api/Predictor.h"
#include "models/api/TrainConfig.h"

#include <chrono>
#include <cstdint>
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

// The start of every trainer, before its first random draw: LibTorch's intra-op threads (0
// leaves them alone), keepFreedTensorMemory(), and torch::manual_seed(seed).
void startTrainer(int threads, uint64_t seed);

// "" or what is wrong with the numbers every trainer has.
std::string checkTrainingNumbers(int batch, int epochs, double dropout, double validationFraction);

// "" or what is wrong with a training set and its optional validation set of bags, or with the
// numbers of `c` (checkTrainingNumbers). Each trainer then checks what only it has.
std::string checkBagInputs(const TrainConfig &c, const BagSet &train, const BagSet *validation);

// The metadata every checkpoint of a run carries: kind, configuration, extractor, classes
// (class0, class1, ... when the data name none), label snapshot and parent (the parent model, or
// the warm-start checkpoint when no parent is named).
CheckpointInfo checkpointInfoFor(const TrainConfig &c, const std::string &kind, int featureDim,
                                 const std::vector<std::string> &classNames, int numClasses);

// Now as ISO 8601 UTC ("2026-11-25T01:02:03Z"), the `created` field of checkpoints.
std::string utcNow();

// The bag sets a trainer runs on: the given ones, or, when no validation set is given and
// validationFraction > 0, a hold-out drawn from the training set by seededSplit (Sec. 3.2.2:
// 15 % of the training split). Not copyable: `train` and `validation` may point into it.
struct TrainingBags
{
    TrainingBags() = default;
    TrainingBags(const TrainingBags &) = delete;
    TrainingBags &operator=(const TrainingBags &) = delete;

    const BagSet *train = nullptr;
    const BagSet *validation = nullptr;
    BagSet drawnTrain;
    BagSet drawnValidation;
};

// Fills `out`; returns "" or why the hold-out is impossible (too few bags).
std::string chooseValidation(const BagSet &train, const BagSet *validation, double fraction,
                             uint64_t seed, TrainingBags *out);

// BCEp of clip scores (bag-major, numBags x numClasses, probabilities) against a bag set: the
// mean over bags with an observed label of the mean BCE over their observed labels (Eq. 3.5
// with its defaults), probabilities clamped to [1e-7, 1 - 1e-7]. NaN when nothing is observed.
double meanPartialBce(const float *scores, const BagSet &bags);

} // namespace timbre::models
