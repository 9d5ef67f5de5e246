// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/dsp/TrackSpectrogramBuilder.h"

#include "core/audio/FfmpegDecoder.h"
#include "core/dsp/LogMelExtractor.h"
#include "core/dsp/Stft.h"
#include "core/util/ThreadBudget.h"
#include "core/util/WorkerPool.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cmath>
#include <mutex>

namespace timbre::dsp {

namespace {

LogMelConfig melConfigOf(const TrackSpectrogramConfig &c)
{
    LogMelConfig m;
    m.sampleRate = c.sampleRate;
    m.windowLength = c.windowLength;
    m.hopLength = c.hopLength;
    m.fftSize = c.fftSize;
    m.melBands = c.melBands;
    m.fMin = c.fMin;
    m.fMax = c.sampleRate / 2.0;
    m.scale = MelScale::Htk;
    m.triangles = MelTriangles::Hertz;
    m.norm = MelNorm::None;
    m.center = false; // the parts pad themselves (see Part)
    m.power = true;
    m.compression = LogMelConfig::Decibel;
    m.topDb = 0.0f;
    m.plan = FftPlan::Fastest; // a view: nothing stored depends on the last bits
    return m;
}

// Frames [firstFrame, endFrame) of the track (endFrame < 0: to the end of the file). Frame t
// covers samples [t*hop - window/2, t*hop + window/2), so a part decodes from its first
// frame's left edge and the ends of the track are padded with window/2 zeros each.
struct Part
{
    long long firstFrame = 0;
    long long endFrame = -1;
};

class PartDecoder
{
public:
    PartDecoder(TrackSpectrogram &target, const TrackSpectrogramBuildOptions &options,
                std::mutex &progressMutex, QElapsedTimer &sinceProgress)
        : m_target(target), m_options(options), m_config(options.config),
          m_progressMutex(progressMutex), m_sinceProgress(sinceProgress)
    {
        // 0 dB = a full-scale sine: the periodic Hann window sums to windowLength / 2, so a
        // unit sine's bin peaks at windowLength / 4.
        m_offsetDb = float(20.0 * std::log10(m_config.windowLength / 4.0));
    }

    // Empty on success, otherwise why (naming the file).
    QString run(const Part &part)
    {
        const int hop = m_config.hopLength;
        const int half = m_config.windowLength / 2;
        const long long firstSample = part.firstFrame * hop - half;
        audio::DecodeOptions decode;
        decode.sampleRate = m_config.sampleRate;
        decode.blockFrames = 16384;
        decode.startSeconds = double(std::max(0LL, firstSample)) / m_config.sampleRate;
        if (part.endFrame >= 0)
            decode.endSeconds = double((part.endFrame - 1) * hop + half) / m_config.sampleRate;
        audio::FfmpegDecoder decoder;
        if (!decoder.open(m_target.path(), decode))
            return decoder.error().toString();
        m_next = part.firstFrame;
        m_first = part.firstFrame;
        m_end = part.endFrame < 0 ? m_target.capacityFrames() : part.endFrame;
        if (!startStream())
            return m_streamError;
        if (firstSample < 0) {
            const std::vector<float> zeros(size_t(-firstSample), 0.0f);
            feed(zeros.data(), zeros.size());
        }
        std::vector<float> block;
        qint64 n = 0;
        while (m_next < m_end && (n = decoder.read(block)) > 0) {
            if (m_options.cancel && m_options.cancel->load(std::memory_order_relaxed))
                return QString();
            feed(block.data(), size_t(n));
        }
        if (n < 0)
            return decoder.error().toString();
        if (part.endFrame < 0) {
            const std::vector<float> zeros(size_t(half), 0.0f);
            feed(zeros.data(), zeros.size());
            flush();
        }
        return QString();
    }

private:
    bool startStream()
    {
        if (m_config.scale == TrackSpectrogramConfig::Mel) {
            m_mel = std::make_unique<LogMelExtractor>(melConfigOf(m_config));
            if (!m_mel->isValid())
                m_streamError = m_mel->errorString();
        } else {
            StftConfig s;
            s.windowLength = m_config.windowLength;
            s.hopLength = m_config.hopLength;
            s.fftSize = m_config.fftSize;
            s.kind = SpectrumKind::Power;
            s.plan = FftPlan::Fastest;
            m_stft = std::make_unique<Stft>(s);
            if (!m_stft->isValid())
                m_streamError = m_stft->errorString();
        }
        return m_streamError.isEmpty();
    }

    void feed(const float *samples, size_t count)
    {
        m_rows.clear();
        if (m_mel) {
            m_mel->push(samples, count, m_rows);
        } else {
            m_stft->process(samples, count, m_rows);
            toDecibel();
        }
        store();
    }

    void flush()
    {
        m_rows.clear();
        if (m_mel) {
            m_mel->finish(m_rows);
        } else {
            m_stft->finish(m_rows);
            toDecibel();
        }
        store();
        publish(true);
    }

    void toDecibel()
    {
        for (float &v : m_rows)
            v = 10.0f * std::log10(std::max(v, 1e-10f));
    }

    void store()
    {
        const size_t rows = size_t(m_target.rows());
        const size_t frames = m_rows.size() / rows;
        for (size_t f = 0; f < frames && m_next < m_end; ++f, ++m_next) {
            float *dst = m_target.writableFrame(m_next);
            if (!dst) {
                m_end = m_next;
                break;
            }
            const float *src = m_rows.data() + f * rows;
            for (size_t r = 0; r < rows; ++r)
                dst[r] = src[r] - m_offsetDb;
        }
        publish(false);
    }

    void publish(bool always)
    {
        m_target.publish(m_first, m_next);
        if (!m_options.onProgress)
            return;
        bool tell = always;
        const bool early = m_first == 0 && !m_toldEarly
                && m_next >= m_options.earlySeconds * m_config.framesPerSecond();
        {
            std::lock_guard<std::mutex> lock(m_progressMutex);
            if (early || m_sinceProgress.elapsed() >= m_options.progressIntervalMs) {
                m_sinceProgress.restart();
                tell = true;
            }
        }
        if (early)
            m_toldEarly = true;
        if (tell)
            m_options.onProgress();
    }

    TrackSpectrogram &m_target;
    const TrackSpectrogramBuildOptions &m_options;
    const TrackSpectrogramConfig m_config;
    std::mutex &m_progressMutex;
    QElapsedTimer &m_sinceProgress;
    std::unique_ptr<LogMelExtractor> m_mel;
    std::unique_ptr<Stft> m_stft;
    QString m_streamError;
    std::vector<float> m_rows;
    float m_offsetDb = 0.0f;
    long long m_first = 0;
    long long m_next = 0;
    long long m_end = 0;
    bool m_toldEarly = false;
};

} // namespace

std::shared_ptr<TrackSpectrogram>
TrackSpectrogramBuilder::prepare(const QString &path, const TrackSpectrogramConfig &config,
                                 QString *error)
{
    audio::AudioError probeError;
    const audio::StreamInfo info = audio::FfmpegDecoder::probe(path, &probeError);
    if (!info.isValid()) {
        if (error)
            *error = probeError.isError() ? probeError.toString()
                                          : QStringLiteral("%1: no audio stream").arg(path);
        return nullptr;
    }
    return std::make_shared<TrackSpectrogram>(path, config, info.durationSeconds,
                                              info.durationIsEstimate);
}

void TrackSpectrogramBuilder::build(TrackSpectrogram &target,
                                    const TrackSpectrogramBuildOptions &options)
{
    const long long frames = target.frameCount();
    int threads = options.threads > 0
            ? options.threads
            : std::min(util::threads::kSpectrogramDecodeThreads, util::threads::cores());
    const long long minPartFrames = static_cast<long long>(60.0 * target.framesPerSecond());
    threads = int(std::max(1LL, std::min<long long>(threads, frames / minPartFrames)));
    // Only a declared duration may be cut into parts; a guessed one may be far off.
    if (target.durationIsEstimate())
        threads = 1;
    std::vector<Part> parts;
    const long long chunksPerPart = (frames / threads + TrackSpectrogram::kChunkFrames - 1)
            / TrackSpectrogram::kChunkFrames;
    for (int i = 0; i < threads; ++i) {
        Part p;
        p.firstFrame = i * chunksPerPart * TrackSpectrogram::kChunkFrames;
        p.endFrame = i + 1 < threads ? p.firstFrame + chunksPerPart * TrackSpectrogram::kChunkFrames
                                     : -1;
        parts.push_back(p);
    }
    std::mutex progressMutex;
    QElapsedTimer sinceProgress;
    sinceProgress.start();
    std::vector<QString> errors(parts.size());
    const auto runPart = [&](size_t i) {
        PartDecoder decoder(target, options, progressMutex, sinceProgress);
        errors[i] = decoder.run(parts[i]);
    };
    util::parallelFor(parts.size(), int(parts.size()), [&](size_t i, int) { runPart(i); });
    QString error;
    for (const QString &e : errors)
        if (error.isEmpty() && !e.isEmpty())
            error = e;
    target.finish(error);
    if (options.onProgress)
        options.onProgress();
}

std::shared_ptr<TrackSpectrogram>
TrackSpectrogramBuilder::compute(const QString &path, const TrackSpectrogramBuildOptions &options,
                                 QString *error)
{
    auto target = prepare(path, options.config, error);
    if (!target)
        return nullptr;
    build(*target, options);
    if (error)
        *error = target->errorString();
    return target;
}

} // namespace timbre::dsp
