// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/features/TrackFeatureExtractor.h"

#include "core/audio/FfmpegDecoder.h"
#include "core/dsp/InstanceLevelMeter.h"
#include "core/dsp/LogMelExtractor.h"
#include "core/dsp/MelStatEmbedding.h"
#include "core/features/BuiltInCnn.h"
#include "models/api/ScriptedEmbedding.h"

#include <algorithm>

namespace timbre::features {

TrackFeatureExtractor::TrackFeatureExtractor(const ExtractorInfo &info,
                                             const TrackFeatureOptions &options)
    : TrackFeatureExtractor(ExtractorSpec::builtIn(info), options)
{ }

TrackFeatureExtractor::TrackFeatureExtractor(const ExtractorSpec &spec,
                                             const TrackFeatureOptions &options)
    : m_spec(spec), m_info(spec.info), m_options(options)
{
    if (!spec.runsModule())
        return;
    if (!options.loadEmbedding) {
        m_error = QStringLiteral("extractor %1 was set up for its front end only")
                          .arg(m_info.key());
        return;
    }
    using models::ScriptedEmbedding;
    if (m_info.frontEnd.melBands != ScriptedEmbedding::kBands
        || m_info.framesPerPatch != ScriptedEmbedding::kFrames) {
        m_error = QStringLiteral("%1: a TorchScript extractor takes %2 x %3 log-mel patches, "
                                 "not %4 x %5")
                          .arg(spec.modelFile)
                          .arg(ScriptedEmbedding::kFrames)
                          .arg(ScriptedEmbedding::kBands)
                          .arg(m_info.framesPerPatch)
                          .arg(m_info.frontEnd.melBands);
        return;
    }
    models::ModelError error;
    std::shared_ptr<const ScriptedEmbedding> scripted;
    if (spec.kind == ExtractorSpec::Kind::BuiltIn) {
        // A built-in's shipped weights (the "cnn"): read whole, checked against their hash.
        const QByteArray bytes
                = BuiltInCnn::readVerified(spec.modelFile, spec.weightsHash, &m_error);
        if (bytes.isEmpty())
            return;
        scripted = ScriptedEmbedding::loadBytes(spec.modelFile.toStdString(), bytes.toStdString(),
                                                &error);
    } else {
        scripted = ScriptedEmbedding::load(spec.modelFile.toStdString(), &error);
    }
    if (!scripted) {
        m_error = QString::fromStdString(error.message);
        return;
    }
    int dimension = scripted->dimension();
    if (!spec.postprocessFile.isEmpty()) {
        m_postprocess = VggishPostprocess::load(spec.postprocessFile, dimension, &m_error);
        if (!m_postprocess)
            return;
        dimension = m_postprocess->outputDimension();
    }
    // The feature store keys files by id + version and checks their width against the
    // registered dimension: a .pt swapped behind the registry's back must not slip through.
    if (dimension != m_info.dimension) {
        m_error = QStringLiteral("%1: gives %2-d features but extractor %3 is registered as "
                                 "%4-d")
                          .arg(spec.modelFile)
                          .arg(dimension)
                          .arg(m_info.key())
                          .arg(m_info.dimension);
        m_postprocess.reset();
        return;
    }
    m_scripted = std::move(scripted);
}

FeatureMatrix TrackFeatureExtractor::extract(const QString &path)
{
    return run(path, Output::Embedding);
}

FeatureMatrix TrackFeatureExtractor::logMel(const QString &path)
{
    return run(path, Output::LogMel);
}

FeatureMatrix TrackFeatureExtractor::levels(const QString &path)
{
    FeatureMatrix m = run(path, Output::LevelsOnly);
    if (!m.ok())
        return m;
    m.values = m.levelsDb;
    m.cols = 1;
    m.rows = int(m.values.size());
    return m;
}

FeatureMatrix TrackFeatureExtractor::run(const QString &path, Output output)
{
    const bool embed = output == Output::Embedding;
    // Levels only: the log-mel frames are counted (for the instance grid) and dropped, so a
    // long file costs no more memory than for its features.
    const bool countFrames = output == Output::LevelsOnly;
    qint64 frameCount = 0;
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
    if (embed && !m_error.isEmpty()) {
        result.error = AudioError::make(AudioErrorCode::InvalidArgument, path, m_error);
        return result;
    }
    const bool scripted = embed && m_spec.runsModule();
    if (embed && !scripted
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
    const size_t batchValues = static_cast<size_t>(std::max(1, m_options.batchPatches))
            * static_cast<size_t>(m_info.framesPerPatch) * static_cast<size_t>(frontEnd.melBands);
    QString embedError;
    qint64 samples = 0;
    qint64 n = 0;
    dsp::InstanceLevelMeter meter(size_t(m_info.framesPerPatch) * size_t(frontEnd.hopLength));
    while ((n = decoder.read(m_block)) > 0) {
        samples += n;
        meter.push(m_block.data(), static_cast<size_t>(n));
        extractor.push(m_block.data(), static_cast<size_t>(n), m_frames);
        if (countFrames) {
            frameCount += qint64(m_frames.size() / size_t(frontEnd.melBands));
            m_frames.clear();
        } else if (scripted) {
            if (drain && m_frames.size() >= batchValues
                && !embedScripted(false, result.values, &embedError))
                break;
        } else if (drain) {
            embedding.pushFrames(m_frames.data(),
                                 static_cast<int>(m_frames.size() / frontEnd.melBands),
                                 result.values);
            m_frames.clear();
        }
    }
    if (n < 0) {
        result.error = decoder.error();
        result.values.clear();
        m_frames.clear();
        return result;
    }
    extractor.finish(m_frames);
    if (countFrames) {
        frameCount += qint64(m_frames.size() / size_t(frontEnd.melBands));
        m_frames.clear();
        result.cols = 1;
    } else if (scripted) {
        if (embedError.isEmpty())
            embedScripted(true, result.values, &embedError);
        m_frames.clear();
        if (!embedError.isEmpty()) {
            result.error = AudioError::make(AudioErrorCode::InvalidArgument, path, embedError);
            result.values.clear();
            return result;
        }
        result.cols = m_info.dimension;
    } else if (embed) {
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
    result.rows = countFrames
            ? int(frameCount)
            : static_cast<int>(result.values.size() / static_cast<size_t>(result.cols));
    result.durationSeconds = static_cast<double>(samples) / frontEnd.sampleRate;
    // One level per instance of the grid: the embedded rows, or the patches the log-mel frames
    // make. The meter's windows start where the patches start; a padded last patch gets the
    // level of the samples it has, and a row past the meter's windows the last level.
    const int instances = embed ? result.rows : patcher.patchCount(result.rows);
    result.levelsDb = meter.levelsDb();
    const float last = result.levelsDb.empty() ? dsp::InstanceLevelMeter::decibels(0.0)
                                               : result.levelsDb.back();
    result.levelsDb.resize(size_t(std::max(instances, 0)), last);
    return result;
}

bool TrackFeatureExtractor::embedScripted(bool last, std::vector<float> &out, QString *error)
{
    const int bands = m_info.frontEnd.melBands;
    const int framesPerPatch = m_info.framesPerPatch;
    const size_t patchValues = static_cast<size_t>(framesPerPatch) * static_cast<size_t>(bands);
    const int frames = static_cast<int>(m_frames.size() / static_cast<size_t>(bands));
    const dsp::InstancePatcher patcher(framesPerPatch, m_options.lastPatch);
    // Before the end only whole patches go; at the end the patcher decides about the rest.
    const int count = last ? patcher.patchCount(frames) : frames / framesPerPatch;
    const int batch = std::max(1, m_options.batchPatches);
    models::ModelError message;
    for (int first = 0; first < count; first += batch) {
        const int n = std::min(batch, count - first);
        const float *input = m_frames.data() + static_cast<size_t>(first) * patchValues;
        if (static_cast<long long>(first + n) * framesPerPatch > frames) {
            // The padded last patch: only that batch is copied (whole patches are contiguous
            // rows of m_frames already).
            m_patches.resize(static_cast<size_t>(n) * patchValues);
            for (int i = 0; i < n; ++i)
                patcher.patch(m_frames.data(), frames, bands, first + i,
                              m_patches.data() + static_cast<size_t>(i) * patchValues);
            input = m_patches.data();
        }
        m_embedded.clear();
        if (!m_scripted->embed(input, n, m_embedded, &message)) {
            *error = QString::fromStdString(message.message);
            return false;
        }
        if (m_postprocess)
            m_postprocess->apply(m_embedded.data(), n, out);
        else
            out.insert(out.end(), m_embedded.begin(), m_embedded.end());
    }
    const size_t consumed = last ? m_frames.size() : static_cast<size_t>(count) * patchValues;
    m_frames.erase(m_frames.begin(), m_frames.begin() + static_cast<std::ptrdiff_t>(consumed));
    return true;
}

} // namespace timbre::features
