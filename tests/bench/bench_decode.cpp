// SPDX-License-Identifier: GPL-3.0-or-later
// core/audio alone, one thread: decode + mono downmix + resample to 16 kHz of a 3-minute
// 44.1 kHz stereo track in every format the encoder writes, a 10-second region from the middle
// (seek + pre-roll), and probe(). The fixtures are encoded with AudioEncoder into a temporary
// directory on first use. Counter x_realtime = seconds of audio decoded per second of wall time.
// Run: build/tests/bench/bench_decode --benchmark_min_time=2
#include "core/audio/AudioEncoder.h"
#include "core/audio/FfmpegDecoder.h"

#include <QTemporaryDir>

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <random>

using namespace timbre::audio;

namespace {

constexpr double kSeconds = 180.0;
constexpr int kRate = 44100;

// Broadband and changing, so the lossy encoders spend real bits: three detuned partials
// gliding slowly, a beat of decaying noise bursts, and a little hiss; slightly different
// right channel.
std::vector<float> track()
{
    const size_t frames = size_t(kSeconds * kRate);
    std::vector<float> x(frames * 2);
    std::mt19937 rng(7);
    std::uniform_real_distribution<float> noise(-1.0f, 1.0f);
    double phase[3] = {0, 0, 0};
    for (size_t n = 0; n < frames; ++n) {
        const double t = double(n) / kRate;
        double v = 0.0;
        for (int k = 0; k < 3; ++k) {
            const double f = 110.0 * (k + 1) * (1.0 + 0.5 * std::sin(0.05 * t + k));
            phase[k] += 2.0 * M_PI * f / kRate;
            v += 0.15 / (k + 1) * std::sin(phase[k]);
        }
        const double burst = 0.2 * std::exp(-std::fmod(t, 0.5) * 30.0);
        const float hiss = noise(rng);
        x[2 * n] = float(v + (burst + 0.01) * hiss);
        x[2 * n + 1] = float(0.9 * v + (burst + 0.012) * hiss);
    }
    return x;
}

struct Fixture
{
    QTemporaryDir dir;
    std::map<int, QString> paths;
    QString failure;
};

const Fixture &fixture()
{
    static const std::unique_ptr<Fixture> f = [] {
        auto made = std::make_unique<Fixture>();
        const std::vector<float> audio = track();
        for (AudioFormat format : AudioEncoder::allFormats()) {
            const QString path = made->dir.filePath(QStringLiteral("track.")
                                                    + AudioEncoder::extension(format));
            const AudioError e = AudioEncoder::write(path, audio, 2, kRate, format);
            if (e.isError())
                made->failure = e.toString();
            made->paths[int(format)] = path;
        }
        return made;
    }();
    return *f;
}

void BM_DecodeResample(benchmark::State &state, AudioFormat format)
{
    if (!fixture().failure.isEmpty()) {
        state.SkipWithError(qPrintable(fixture().failure));
        return;
    }
    const QString path = fixture().paths.at(int(format));
    DecodeOptions options; // 16 kHz mono, 65536-frame blocks
    std::vector<float> block;
    qint64 frames = 0;
    for (auto _ : state) {
        FfmpegDecoder decoder;
        if (!decoder.open(path, options)) {
            state.SkipWithError(qPrintable(decoder.error().toString()));
            return;
        }
        qint64 n;
        frames = 0;
        while ((n = decoder.read(block)) > 0)
            frames += n;
        if (n < 0) {
            state.SkipWithError(qPrintable(decoder.error().toString()));
            return;
        }
        benchmark::DoNotOptimize(block.data());
    }
    state.counters["frames"] = double(frames);
    state.counters["x_realtime"] = benchmark::Counter(kSeconds * double(state.iterations()),
                                                      benchmark::Counter::kIsRate);
}

// Latency of a 10 s region in the middle: open + seek + pre-roll + decode.
void BM_Region(benchmark::State &state, AudioFormat format)
{
    if (!fixture().failure.isEmpty()) {
        state.SkipWithError(qPrintable(fixture().failure));
        return;
    }
    const QString path = fixture().paths.at(int(format));
    DecodeOptions options;
    options.startSeconds = 95.0;
    options.endSeconds = 105.0;
    for (auto _ : state) {
        const DecodedAudio audio = FfmpegDecoder::decodeFile(path, options);
        if (!audio.ok() || audio.samples.size() != 160000) {
            state.SkipWithError(qPrintable(audio.error.toString()));
            return;
        }
        benchmark::DoNotOptimize(audio.samples.data());
    }
}

void BM_Probe(benchmark::State &state, AudioFormat format)
{
    if (!fixture().failure.isEmpty()) {
        state.SkipWithError(qPrintable(fixture().failure));
        return;
    }
    const QString path = fixture().paths.at(int(format));
    for (auto _ : state) {
        AudioError error;
        const StreamInfo info = FfmpegDecoder::probe(path, &error);
        if (error.isError()) {
            state.SkipWithError(qPrintable(error.toString()));
            return;
        }
        benchmark::DoNotOptimize(info.durationSeconds);
    }
}

} // namespace

#define TIMBRE_DECODE_BENCH(name, format) \
    BENCHMARK_CAPTURE(BM_DecodeResample, name, format) \
            ->Unit(benchmark::kMillisecond) \
            ->UseRealTime(); \
    BENCHMARK_CAPTURE(BM_Region, name, format)->Unit(benchmark::kMillisecond)->UseRealTime(); \
    BENCHMARK_CAPTURE(BM_Probe, name, format)->Unit(benchmark::kMicrosecond)->UseRealTime()

TIMBRE_DECODE_BENCH(mp3, AudioFormat::Mp3);
TIMBRE_DECODE_BENCH(flac, AudioFormat::Flac);
TIMBRE_DECODE_BENCH(ogg, AudioFormat::Ogg);
TIMBRE_DECODE_BENCH(opus, AudioFormat::Opus);
TIMBRE_DECODE_BENCH(m4a, AudioFormat::M4a);
TIMBRE_DECODE_BENCH(wav, AudioFormat::Wav);
TIMBRE_DECODE_BENCH(aiff, AudioFormat::Aiff);

BENCHMARK_MAIN();
