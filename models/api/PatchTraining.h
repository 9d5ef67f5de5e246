// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Training the "cnn" instance embedding end to end with the ATT head on weak clip labels
// (docs/METHOD.md §2.3): bags are clips, instances are VGGish log-mel patches (96 frames x 64
// bands, ln(mel + 0.01)), and the network is PatchCnn followed by ATT (thesis Sec. 3.2.2).
// Plain C++: core/ and app/ call it without seeing LibTorch.
#include "models/api/ModelError.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace timbre::models {

// Clips as bags of log-mel patches, stored as IEEE binary16 bits (a 10 s clip is 120 KB, so
// thousands of clips stay in memory and no epoch decodes audio again).
struct PatchBagSet
{
    static constexpr int kFrames = 96;
    static constexpr int kBands = 64;
    static constexpr int kPatchValues = kFrames * kBands;

    int numClasses = 0;
    std::vector<uint16_t> patches; // [totalPatches x 96 x 64] binary16
    std::vector<int64_t> bagOffsets {0}; // bag b owns patches [bagOffsets[b], bagOffsets[b + 1])
    std::vector<float> labels; // [bags x classes], 0/1 where observed
    std::vector<uint8_t> observed; // [bags x classes]
    std::vector<std::string> keys; // one per bag (optional)
    std::vector<std::string> classNames;
    // Optional strong labels, [totalPatches x classes]: 1 where the patch's 0.96 s carry the
    // class (a corpus' activity.csv); empty when the corpus has none. Used only by the
    // frame-level auxiliary loss (PatchTrainConfig::instanceLossWeight).
    std::vector<uint8_t> instanceTruth;

    int numBags() const { return static_cast<int>(bagOffsets.size()) - 1; }
    int64_t numPatches() const { return bagOffsets.back(); }
    int bagSize(int bag) const;
    // "" when the sizes agree and every bag has at least one patch, else what is wrong.
    std::string validate() const;
    PatchBagSet subset(const std::vector<int> &bags) const;
    bool hasInstanceTruth() const { return !instanceTruth.empty(); }
    // Appends another set with the same classes (false and *error otherwise). The result has
    // instance truth only when both had it.
    bool append(const PatchBagSet &other, ModelError *error);
};

struct PatchTrainConfig
{
    int epochs = 8; // the starter model's (scripts/starter_model.sh)
    int batchBags = 16; // clips per step (x patchesPerBag patches through the CNN)
    // Every bag is cut (random window) or tiled to this many patches, so a batch needs no
    // padding; the synthetic corpus' 10 s clips are exactly 10.
    int patchesPerBag = 10;
    double learningRate = 1e-3;
    double weightDecay = 1e-4;
    double attDropout = 0.3; // ATT's dropout (0.6 is for fixed features, docs/METHOD.md §2.3)
    uint64_t seed = 1;
    int threads = 0; // LibTorch intra-op threads; 0 = leave alone
    double validationFraction = 0.15; // drawn from the training bags, seeded
    int earlyStoppingPatience = 0; // epochs without a better validation loss; 0 = off
    double timeBudgetSeconds = 0.0; // 0 = off
    // Halve the learning rate every this many epochs; 0 = constant.
    int lrHalvingEpochs = 0;
    // W > 0 adds W x the BCE of the patches' instance scores against the set's instance truth
    // to the clip-level loss (the frame-level auxiliary loss of docs/METHOD.md §5.4, here
    // shaping the CNN too); needs instanceTruth and cannot be combined with the mix
    // augmentation (it adds another clip's instruments, whose activity the batch lacks).
    double instanceLossWeight = 0.0;

    // Renders of the same clips by different synthesisers (docs/METHOD.md §2.6): the set
    // holds `renders` renders of N clips, render r of clip c at bag r * N + c, each with the
    // clip's labels and patch count. A step takes batchBags clips in every render; the
    // validation split holds out clips with all their renders. Refuses augmentations.
    int renders = 1;
    // W > 0 adds W x the share of the batch's embedding variance that lies between renders of
    // the same patch (needs renders >= 2): scale-free, so shrinking the embedding cannot
    // lower it.
    double pairLossWeight = 0.0;
    // Start the CNN from an exported script (a cnn.pt written here, or the built-in
    // cnn-vN.pt) instead of at random. Its batch norms are folded into the convolutions, so
    // they stay fixed while the rest fine-tunes (models/networks/PatchCnnScript.h).
    std::string initEmbedding;
    // The CNN's Adam learning rate when > 0 (else learningRate, one parameter group).
    double embeddingLearningRate = 0.0;
    // The first this many epochs train the ATT head alone on the fixed CNN (in eval mode),
    // with an optimiser of their own; the joint epochs start a fresh one.
    int headOnlyEpochs = 0;

    std::vector<int64_t> channels {8, 16, 32, 64};
    int embedDim = 128;
    int attHidden = 128;

    // Augmentations (models/training/PatchAugment.h); all off by default.
    double gainDb = 0.0;
    double tiltDb = 0.0;
    double pitchBands = 0.0;
    double stretch = 0.0;
    double mixProbability = 0.0;
    double noiseProbability = 0.0;

    // What the exported files say about themselves.
    std::string extractorId = "cnn";
    int extractorVersion = 1;
    // Where to write the results (any may be empty):
    std::string embeddingScript; // TorchScript: [n, 1, 96, 64] -> [n, embedDim], batch norms folded
    std::string headCheckpoint; // an "att" checkpoint over the embedding's features
    std::string fullCheckpoint; // the whole network (torch archive), for inspection / twins
};

struct PatchEpochReport
{
    int epoch = 0;
    double trainLoss = 0.0; // mean BCEp over the epoch's steps (augmented batches)
    double trainInstanceLoss = 0.0; // mean strong-label BCE, NaN without the auxiliary loss
    double validationLoss = 0.0; // BCEp on the held-out training bags, no augmentation
    double validationAuroc = 0.0; // mean per-class AUROC on them (NaN classes skipped)
    double seconds = 0.0; // since training started
    double patchesPerSecond = 0.0; // training throughput of this epoch
    double learningRate = 0.0; // the epoch's (halved every lrHalvingEpochs)
    bool improved = false;
    // Mean AUROC on the monitored set (e.g. a SoundFont never trained on), when one is given:
    // a learning curve only, it never picks an epoch. NaN without one.
    double monitorAuroc = 0.0;
    double monitorLoss = 0.0;
    // The share of embedding variance between renders of the same patch (renders >= 2),
    // mean over the epoch's steps and over the held-out clips; NaN with one render.
    double trainPairRatio = 0.0;
    double validationPairRatio = 0.0;
    bool headOnly = false; // an epoch of headOnlyEpochs
};

struct PatchTrainResult
{
    bool ok = false;
    bool cancelled = false;
    std::string error;
    int bestEpoch = 0;
    double bestValidationLoss = 0.0;
    double bestValidationAuroc = 0.0;
    std::vector<PatchEpochReport> history;
    double seconds = 0.0;
    int64_t parameters = 0; // of the CNN alone
};

using PatchProgress = std::function<void(const PatchEpochReport &)>;

// Trains, keeps the epoch with the best validation loss, and writes the files named in
// config. Never throws; cancel is checked every step. monitor (optional, same classes) is
// scored after every epoch for the reports only.
PatchTrainResult trainPatchEmbedding(const PatchTrainConfig &config, const PatchBagSet &train,
                                     const PatchProgress &progress = {},
                                     const std::atomic<bool> *cancel = nullptr,
                                     const PatchBagSet *monitor = nullptr);

} // namespace timbre::models
