#include "core/features/TrackFeatureExtractor.h"

#include "core/audio/FfmpegDecoder.h"
#include "core/dsp/LogMelExtractor.h"
#include "core/dsp/MelStatEmbedding.h"

namespace timbre::features {

TrackFeatureExtractor::TrackFeatureExtractor(const ExtractorInfo &info,
                                             const TrackFeatureOptions &options)
    : m_info(info), m_options(options)
{ }

FeatureMatrix TrackFeatureExtractor::extract(const QString &path)
{
    return run(path, true);
}

FeatureMatrix TrackFeatureExtractor::logMel(const QString &path)
{
    return run(path, false);
}

FeatureMatrix TrackFeatureExtractor::run(const QString &path, bool embed)
{
    using audio::AudioError;
    using audio::AudioErrorCode;
    FeatureMatrix result;
    const dsp::LogMelConfig &frontEnd = m_info.frontEnd;
    const QString configError = frontEnd.validate();
    if (!configError.isEmpty()) {
        result.error = AudioError::make(
                AudioErrorCode::InvalidArgument, path,
                QStringLiteral("extractor %1: %2").arg(m_info.key(), configError));
        return result;
    }
    if (embed
        && (m_info.id != dsp::MelStatEmbedding::id()
            || m_info.version != dsp::MelStatEmbedding::kVersion
            || m_info.dimension != 2 * frontEnd.melBands)) {
        result.error = AudioError::make(AudioErrorCode::InvalidArgument, path,
                                        QStringLiteral("extractor %1 (%2-d) is not computed "
                                                       "by TrackFeatureExtractor")
                                                .arg(m_info.key())
                                                .arg(m_info.dimension));
        return result;
    }

    audio::DecodeOptions decodeOptions;
    decodeOptions.sampleRate = frontEnd.sampleRate;
    decodeOptions.startSeconds = m_options.startSeconds;
    decodeOptions.endSeconds = m_options.endSeconds;
    decodeOptions.blockFrames = m_options.blockFrames;
    audio::FfmpegDecoder decoder;
    if (!decoder.open(path, decodeOptions)) {
        result.error = decoder.error();
        return result;
    }

    dsp::LogMelExtractor extractor(frontEnd);
    const dsp::InstancePatcher patcher(m_info.framesPerPatch, m_options.lastPatch);
    dsp::MelStatEmbedding embedding(frontEnd.melBands, patcher);
    // The embedding drains log-mel rows as they come, except under a top_db floor, which
    // needs the whole stream's maximum first (LogMelExtractor::finish).
    const bool drain = embed
            && !(frontEnd.compression == dsp::LogMelConfig::Decibel && frontEnd.topDb > 0.0f);
    m_frames.clear();
    qint64 samples = 0;
    qint64 n = 0;
    while ((n = decoder.read(m_block)) > 0) {
        samples += n;
        extractor.push(m_block.data(), static_cast<size_t>(n), m_frames);
        if (drain) {
            embedding.pushFrames(m_frames.data(),
                                 static_cast<int>(m_frames.size() / frontEnd.melBands),
                                 result.values);
            m_frames.clear();
        }
    }
    if (n < 0) {
        result.error = decoder.error();
        result.values.clear();
        return result;
    }
    extractor.finish(m_frames);
    if (embed) {
        embedding.pushFrames(m_frames.data(), static_cast<int>(m_frames.size() / frontEnd.melBands),
                             result.values);
        embedding.finish(result.values);
        m_frames.clear();
        result.cols = embedding.dimension();
    } else {
        result.values.swap(m_frames);
        m_frames.clear();
        result.cols = frontEnd.melBands;
    }
    result.rows = static_cast<int>(result.values.size() / static_cast<size_t>(result.cols));
    result.durationSeconds = static_cast<double>(samples) / frontEnd.sampleRate;
    return result;
}

} // namespace timbre::features
