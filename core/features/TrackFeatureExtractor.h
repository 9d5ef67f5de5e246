// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/dsp/InstancePatcher.h"
#include "core/features/ExtractorInfo.h"
#include "core/features/ExtractorSpec.h"
#include "core/features/FeatureMatrix.h"
#include "core/features/VggishPostprocess.h"

#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace timbre::models {
class ScriptedEmbedding;
}

namespace timbre::features {

struct TrackFeatureOptions
{
    // Instances are whole 96-frame patches (VGGish, OpenMIC's 10 per 10 s clip) unless this
    // pads the last partial patch (see dsp::InstancePatcher) so no audio is left out.
    dsp::InstancePatcher::LastPatch lastPatch = dsp::InstancePatcher::LastPatch::Drop;
    double startSeconds = 0.0; // region of the file, as audio::DecodeOptions
    double endSeconds = -1.0;
    int blockFrames = 16384; // decoder block: memory stays at a few blocks for any length
    // TorchScript extractors: patches per forward call. 64 patches are 1.5 MB of log-mel
    // input, large enough to keep LibTorch's kernels busy and small enough to bound memory.
    int batchPatches = 64;
    // False: a TorchScript extractor's module is not loaded, for logMel() and levels() alone
    // (extract() then fails saying so).
    bool loadEmbedding = true;
};

// Decodes a file (timbre::audio::FfmpegDecoder, mono at the front end's rate), streams it
// through the log-mel front end and the instance embedding, and returns [instances x dim].
// Whole-file buffers are never built: a two-hour file costs a decoder block, one patch of
// log-mel frames and the output. One instance per thread; it reuses its buffers across calls.
//
// Two kinds of embedding: the built-in melstat (dsp::MelStatEmbedding), or a TorchScript
// module (models::ScriptedEmbedding) -- a user's, or the built-in "cnn" whose weights are
// compiled into the program and verified against their hash (BuiltInCnn) -- run on batches of
// [batchPatches, 1, 96, 64] patches cut as dsp::InstancePatcher cuts them, optionally
// followed by VGGish's PCA + 8-bit post-processing (VggishPostprocess). A TorchScript
// extractor's module and PCA file are loaded (and probed) by the constructor; when that fails,
// error() says why, naming the file, and every extract() returns that error. Copies share the
// loaded module (read-only at inference), so copying one extractor per thread loads a large
// .pt once.
class TrackFeatureExtractor
{
public:
    explicit TrackFeatureExtractor(const ExtractorInfo &info = ExtractorInfo::melstat(),
                                   const TrackFeatureOptions &options = {});
    explicit TrackFeatureExtractor(const ExtractorSpec &spec,
                                   const TrackFeatureOptions &options = {});

    // Empty when the extractor is ready; otherwise why it cannot run ("<file.pt>: ...").
    QString error() const { return m_error; }
    const ExtractorSpec &spec() const { return m_spec; }
    const ExtractorInfo &info() const { return m_info; }
    const TrackFeatureOptions &options() const { return m_options; }
    // "melstat-v1": the id + version the feature store keys files by.
    QString extractorKey() const { return m_info.key(); }

    // [instances x info().dimension]; error set (and no rows) when the file cannot be decoded
    // or the extractor is not one this class computes.
    FeatureMatrix extract(const QString &path);
    // The front end's log-mel spectrogram, [frames x melBands], e.g. for the strong-label
    // models or a spectrogram view.
    FeatureMatrix logMel(const QString &path);
    // Only the instance levels (FeatureMatrix::levelsDb, also as a [instances x 1] matrix) of
    // the grid extract() would give, without running the embedding: decoding and the front end
    // only, for scoring stored features with their levels.
    FeatureMatrix levels(const QString &path);

private:
    enum class Output { Embedding, LogMel, LevelsOnly };
    FeatureMatrix run(const QString &path, Output output);
    // Embeds the whole patches at the front of m_frames (all of them when `last`, padding the
    // final one as the patcher says) into out and drops their frames; false and *error on a
    // module failure.
    bool embedScripted(bool last, std::vector<float> &out, QString *error);

    ExtractorSpec m_spec;
    ExtractorInfo m_info;
    TrackFeatureOptions m_options;
    QString m_error;
    std::shared_ptr<const models::ScriptedEmbedding> m_scripted;
    std::optional<VggishPostprocess> m_postprocess;
    std::vector<float> m_patches; // batchPatches x 96 x 64
    std::vector<float> m_embedded; // batch x module dimension, before post-processing
    std::vector<float> m_block;
    std::vector<float> m_frames;
};

} // namespace timbre::features
