#pragma once
#include "core/dsp/InstancePatcher.h"
#include "core/features/ExtractorInfo.h"
#include "core/features/FeatureMatrix.h"

#include <QString>

#include <vector>

namespace timbre::features {

struct TrackFeatureOptions
{
    // Instances are whole 96-frame patches (VGGish, OpenMIC's 10 per 10 s clip) unless this
    // pads the last partial patch (see dsp::InstancePatcher) so no audio is left out.
    dsp::InstancePatcher::LastPatch lastPatch = dsp::InstancePatcher::LastPatch::Drop;
    double startSeconds = 0.0; // region of the file, as audio::DecodeOptions
    double endSeconds = -1.0;
    int blockFrames = 16384; // decoder block: memory stays at a few blocks for any length
};

// Decodes a file (timbre::audio::FfmpegDecoder, mono at the front end's rate), streams it
// through the log-mel front end and the instance embedding, and returns [instances x dim].
// Whole-file buffers are never built: a two-hour file costs a decoder block, one patch of
// log-mel frames and the output. One instance per thread; it reuses its buffers across calls.
class TrackFeatureExtractor
{
public:
    explicit TrackFeatureExtractor(const ExtractorInfo &info = ExtractorInfo::melstat(),
                                   const TrackFeatureOptions &options = {});

    const ExtractorInfo &info() const { return m_info; }
    const TrackFeatureOptions &options() const { return m_options; }
    // "melstat-v1": the id + version the feature store keys files by.
    QString extractorKey() const { return m_info.key(); }

    // [instances x info().dimension]; error set (and no rows) when the file cannot be decoded
    // or the extractor is not one this class computes (only built-in "melstat" for now).
    FeatureMatrix extract(const QString &path);
    // The front end's log-mel spectrogram, [frames x melBands], e.g. for the strong-label
    // models or a spectrogram view.
    FeatureMatrix logMel(const QString &path);

private:
    FeatureMatrix run(const QString &path, bool embed);

    ExtractorInfo m_info;
    TrackFeatureOptions m_options;
    std::vector<float> m_block;
    std::vector<float> m_frames;
};

} // namespace timbre::features
