// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/generators/SonivoxRenderer.h"

#include "core/datasets/generators/PartMidiFile.h"

#ifdef TIMBRE_HAVE_SONIVOX
#include <eas.h>
#include <eas_chorus.h>
#include <eas_reverb.h>
#endif

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

namespace timbre::datasets {

namespace {

constexpr int kOutRate = 44100;
constexpr int kHalfTaps = 16; // input samples each side of an interpolated one
constexpr int kTaps = 2 * kHalfTaps;

// Taps for the sample halfway between x[n] and x[n + 1]: t = j - 0.5 for j = -15 .. 16.
std::array<float, kTaps> halfSampleTaps()
{
    std::array<float, kTaps> taps {};
    double sum = 0.0;
    for (int i = 0; i < kTaps; ++i) {
        const double t = double(i - kHalfTaps + 1) - 0.5;
        const double x = M_PI * t;
        const double sinc = std::sin(x) / x;
        // Blackman window over (-kHalfTaps, kHalfTaps).
        const double u = (t + kHalfTaps) / (2.0 * kHalfTaps);
        const double w = 0.42 - 0.5 * std::cos(2 * M_PI * u) + 0.08 * std::cos(4 * M_PI * u);
        taps[size_t(i)] = float(sinc * w);
        sum += sinc * w;
    }
    for (float &tap : taps) // unit gain at DC
        tap = float(tap / sum);
    return taps;
}

#ifdef TIMBRE_HAVE_SONIVOX
struct MemoryFile
{
    const QByteArray *bytes;
};

int readAt(void *handle, void *buf, int offset, int size)
{
    const QByteArray &bytes = *static_cast<MemoryFile *>(handle)->bytes;
    if (offset < 0 || offset >= bytes.size() || size <= 0)
        return 0;
    const int n = std::min(size, int(bytes.size()) - offset);
    std::memcpy(buf, bytes.constData() + offset, size_t(n));
    return n;
}

int sizeOf(void *handle)
{
    return int(static_cast<MemoryFile *>(handle)->bytes->size());
}

// One part's MIDI file through a fresh EAS instance: interleaved 16-bit frames at EAS's
// rate, at least `frames` of them unless the stream stops first.
SynthError renderMidi(const QByteArray &midi, qint64 frames, std::vector<qint16> *pcm,
                      int *channels)
{
    const S_EAS_LIB_CONFIG *config = EAS_Config();
    *channels = int(config->numChannels);
    EAS_DATA_HANDLE eas = nullptr;
    if (EAS_RESULT r = EAS_Init(&eas); r != EAS_SUCCESS)
        return SynthError::make(SynthErrorCode::SynthFailed, SonivoxRenderer::name(),
                                QStringLiteral("EAS_Init failed (%1)").arg(r));
    // Silence between notes must stay silence, as for FluidSynth and TiMidity++.
    EAS_SetParameter(eas, EAS_MODULE_REVERB, EAS_PARAM_REVERB_BYPASS, EAS_TRUE);
    EAS_SetParameter(eas, EAS_MODULE_CHORUS, EAS_PARAM_CHORUS_BYPASS, EAS_TRUE);
    MemoryFile memory {&midi};
    EAS_FILE file {&memory, readAt, sizeOf};
    EAS_HANDLE stream = nullptr;
    EAS_RESULT r = EAS_OpenFile(eas, &file, &stream);
    if (r == EAS_SUCCESS)
        r = EAS_Prepare(eas, stream);
    if (r != EAS_SUCCESS) {
        if (stream)
            EAS_CloseFile(eas, stream);
        EAS_Shutdown(eas);
        return SynthError::make(SynthErrorCode::SynthFailed, SonivoxRenderer::name(),
                                QStringLiteral("EAS cannot play the part's MIDI file (%1)").arg(r));
    }
    std::vector<EAS_PCM> buffer(size_t(config->mixBufferSize) * size_t(*channels));
    pcm->clear();
    pcm->reserve(size_t(frames) * size_t(*channels));
    while (qint64(pcm->size()) < frames * *channels) {
        EAS_I32 generated = 0;
        r = EAS_Render(eas, buffer.data(), config->mixBufferSize, &generated);
        if (r != EAS_SUCCESS || generated <= 0)
            break;
        pcm->insert(pcm->end(), buffer.begin(), buffer.begin() + generated * *channels);
        EAS_STATE state = EAS_STATE_READY;
        if (EAS_State(eas, stream, &state) != EAS_SUCCESS || state == EAS_STATE_STOPPED
            || state == EAS_STATE_ERROR)
            break;
    }
    EAS_CloseFile(eas, stream);
    EAS_Shutdown(eas);
    if (r != EAS_SUCCESS)
        return SynthError::make(SynthErrorCode::SynthFailed, SonivoxRenderer::name(),
                                QStringLiteral("EAS_Render failed (%1)").arg(r));
    return {};
}
#endif

} // namespace

bool SonivoxRenderer::isSonivox(const QString &soundFont)
{
    return soundFont.compare(name(), Qt::CaseInsensitive) == 0;
}

bool SonivoxRenderer::available()
{
#ifdef TIMBRE_HAVE_SONIVOX
    return true;
#else
    return false;
#endif
}

SynthError SonivoxRenderer::open()
{
    m_open = false;
#ifdef TIMBRE_HAVE_SONIVOX
    const S_EAS_LIB_CONFIG *config = EAS_Config();
    if (!config || config->sampleRate * 2 != kOutRate || config->numChannels < 1
        || config->numChannels > 2)
        return SynthError::make(
                SynthErrorCode::SynthFailed, name(),
                QStringLiteral("this libsonivox renders %1 Hz with %2 channels; only 22050 Hz "
                               "mono or stereo is supported")
                        .arg(config ? config->sampleRate : 0)
                        .arg(config ? config->numChannels : 0));
    EAS_DATA_HANDLE eas = nullptr;
    if (EAS_RESULT r = EAS_Init(&eas); r != EAS_SUCCESS)
        return SynthError::make(SynthErrorCode::SynthFailed, name(),
                                QStringLiteral("EAS_Init failed (%1)").arg(r));
    EAS_Shutdown(eas);
    m_open = true;
    return {};
#else
    return SynthError::make(SynthErrorCode::SynthFailed, name(),
                            QStringLiteral("this build has no Sonivox EAS (Debian: apt install "
                                           "libsonivox-dev, then rebuild)"));
#endif
}

bool SonivoxRenderer::hasPreset(int bank, int program)
{
    if (bank == 0)
        return program >= 0 && program < 128;
    return bank == 128 && program == 0;
}

std::vector<float> SonivoxRenderer::upsample2x(const std::vector<float> &in)
{
    static const std::array<float, kTaps> taps = halfSampleTaps();
    const qint64 n = qint64(in.size());
    std::vector<float> out(size_t(2 * n));
    for (qint64 i = 0; i < n; ++i) {
        out[size_t(2 * i)] = in[size_t(i)];
        double sum = 0.0;
        for (int k = 0; k < kTaps; ++k) {
            const qint64 at = i + k - kHalfTaps + 1;
            if (at >= 0 && at < n) // zeros beyond either end
                sum += double(taps[size_t(k)]) * in[size_t(at)];
        }
        out[size_t(2 * i + 1)] = float(sum);
    }
    return out;
}

SynthError SonivoxRenderer::renderParts(const SynthArrangement &arrangement,
                                        const std::vector<int> &pans, qint64 frames,
                                        std::vector<std::vector<float>> &planar) const
{
    if (!m_open)
        return SynthError::make(SynthErrorCode::SynthFailed, name(),
                                QStringLiteral("Sonivox EAS is not open"));
    const int parts = int(arrangement.parts.size());
    planar.assign(size_t(2 * parts), std::vector<float>(size_t(frames), 0.0f));
#ifdef TIMBRE_HAVE_SONIVOX
    const qint64 easFrames = (frames + 1) / 2;
    for (int p = 0; p < parts; ++p) {
        const SynthPart &part = arrangement.parts[size_t(p)];
        std::vector<qint16> pcm;
        int channels = 0;
        if (SynthError error
            = renderMidi(partMidiFile(part, pans.at(size_t(p))), easFrames, &pcm, &channels);
            error.isError())
            return error;
        const qint64 got = std::min<qint64>(easFrames, qint64(pcm.size()) / channels);
        for (int side = 0; side < 2; ++side) {
            const int c = std::min(side, channels - 1);
            std::vector<float> one(static_cast<size_t>(got));
            for (qint64 i = 0; i < got; ++i)
                one[size_t(i)] = float(pcm[size_t(i * channels + c)]) / 32768.0f;
            const std::vector<float> up = upsample2x(one);
            std::vector<float> &dst = planar[size_t(2 * p + side)];
            std::copy_n(up.begin(), std::min<qint64>(frames, qint64(up.size())), dst.begin());
        }
    }
    return {};
#else
    Q_UNUSED(pans);
    return SynthError::make(SynthErrorCode::SynthFailed, name(),
                            QStringLiteral("this build has no Sonivox EAS"));
#endif
}

} // namespace timbre::datasets
