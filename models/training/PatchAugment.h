// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal: augmentations of log-mel patch bags that keep weak labels true
// (docs/METHOD.md §2.3). They work on the mel magnitudes the patches were computed from
// (ln(mel + 0.01), VGGish's front end, undone exactly), so a gain or a mixture is what it would
// have been on the audio, up to the phase between mixed sources:
//   gain     every bag scaled by a random gain
//   tilt     a random spectral tilt (dB per band, linear across the mel axis): another EQ,
//            microphone or SoundFont sample
//   pitch    the mel axis shifted by a random fraction of a band (a small pitch change, as
//            thesis Sec. 2.4's pitch-shift augmentation, done on the spectrogram)
//   stretch  the time axis of a whole batch resampled by a random factor (a small tempo
//            change), cropped or edge-padded back to the patch length
//   mix      a bag mixed with another bag of the batch at a random level; the labels become
//            the union (present if present in either; absent only where both are known absent)
//   noise    random-level noise added in the mel domain
#include <torch/torch.h>

#include <cstdint>

namespace timbre::models {

struct PatchAugmentOptions
{
    double gainDb = 0.0; // uniform in [-gainDb, +gainDb]; 0 = off
    double tiltDb = 0.0; // level difference between the top and bottom band, +-tiltDb
    double pitchBands = 0.0; // shift in mel bands, uniform in [-pitchBands, +pitchBands]
    double stretch = 0.0; // time factor uniform in [1 - stretch, 1 + stretch]
    double mixProbability = 0.0; // share of the bags mixed with another bag
    double mixLevelDb = 6.0; // the added bag is 0 .. mixLevelDb dB quieter
    double noiseProbability = 0.0; // share of the bags that get noise
    double noiseSnrDb = 20.0; // noise this many dB (+-10) below the bag's mean mel level
    double logOffset = 0.01; // the front end's ln(mel + offset)

    bool any() const
    {
        return gainDb > 0 || tiltDb > 0 || pitchBands > 0 || stretch > 0 || mixProbability > 0
                || noiseProbability > 0;
    }
};

struct AugmentedBatch
{
    torch::Tensor patches; // [B, T, frames, bands] log-mel
    torch::Tensor labels; // [B, C]
    torch::Tensor observed; // [B, C] float 0/1
};

// Returns augmented copies (the inputs are not changed). Every random number comes from
// `generator`, so a seeded run is repeatable.
AugmentedBatch augmentPatches(const torch::Tensor &patches, const torch::Tensor &labels,
                              const torch::Tensor &observed, const PatchAugmentOptions &options,
                              at::Generator &generator);

} // namespace timbre::models
