// SPDX-License-Identifier: GPL-3.0-or-later
// Decode + resample + log-mel (+ melstat) of a 3-minute track, one thread (goal:
// docs/ARCHITECTURE.md §9). The fixture is a music-like 44.1 kHz stereo signal (chords, bass, a
// melody and noise-burst drums with envelopes) encoded with timbre::audio::AudioEncoder into a
// temporary directory on first use. Counter x_realtime = seconds of audio processed per second
// of CPU time of the (single) benchmark thread, which equals wall time on an idle machine and
// stays meaningful on a loaded one. Run: build/tests/bench/bench_logmel --benchmark_min_time=3
#include "core/audio/AudioEncoder.h"
#include "core/audio/FfmpegDecoder.h"
#include "core/dsp/LogMelExtractor.h"
#include "core/dsp/MelStatEmbedding.h"
#include "core/features/TrackFeatureExtractor.h"

#include <QTemporaryDir>

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>
#include <memory>
#include <random>

using namespace timbre;

namespace {

constexpr double kSeconds = 180.0;
constexpr int kRate = 44100;

std::vector<float> musicLike()
{
    const size_t frames = size_t(kSeconds * kRate);
    std::vector<float> x(frames * 2, 0.0f);
    std::mt19937 rng(2026);
    std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
    const double beat = 60.0 / 112.0; // 112 bpm
    const int progression[4] = {0, 5, 7, 3}; // I IV V iii in semitones from A 220
    auto hz = [](double semitones) { return 220.0 * std::pow(2.0, semitones / 12.0); };
    for (size_t n = 0; n < frames; ++n) {
        const double t = double(n) / kRate;
        const int bar = int(t / (4 * beat));
        const double inBeat = std::fmod(t, beat) / beat;
        const int root = progression[bar % 4];
        double left = 0, right = 0;
        // Chord: triad with a few harmonics, slow attack/decay each bar.
        const double barPos = std::fmod(t, 4 * beat) / (4 * beat);
        const double chordEnv = std::min(1.0, barPos * 20) * (1.0 - 0.6 * barPos);
        for (int voice : {0, 4, 7}) {
            const double f = hz(root + voice);
            for (int h = 1; h <= 4; ++h) {
                const double v = chordEnv * 0.05 / h * std::sin(2 * M_PI * f * h * t);
                left += v * (voice == 4 ? 0.6 : 1.0);
                right += v * (voice == 7 ? 0.6 : 1.0);
            }
        }
        // Bass on every beat, plucked envelope.
        const double bassEnv = std::exp(-inBeat * 4.0);
        const double bass = 0.15 * bassEnv * std::sin(2 * M_PI * hz(root - 24) * t);
        left += bass;
        right += bass;
        // Melody: a new note every half beat from a pentatonic scale, chosen by a hash.
        const int step = int(t / (beat / 2));
        const int scale[5] = {0, 2, 4, 7, 9};
        const double melodyHz = hz(12 + scale[(step * 7 + bar) % 5]);
        const double noteEnv = std::exp(-std::fmod(t, beat / 2) * 3.0);
        const double melody = 0.08 * noteEnv
                * (std::sin(2 * M_PI * melodyHz * t) + 0.3 * std::sin(4 * M_PI * melodyHz * t));
        left += 0.7 * melody;
        right += melody;
        // Drums: noise bursts (hi-hat every half beat, snare on beats 2 and 4).
        const double hat = 0.04 * std::exp(-std::fmod(t, beat / 2) * 60.0);
        const int beatInBar = int(t / beat) % 4;
        const double snare = (beatInBar % 2 == 1) ? 0.12 * std::exp(-inBeat * 25.0) : 0.0;
        const float noise = uniform(rng);
        left += (hat + snare) * noise;
        right += (hat + snare) * noise;
        x[2 * n] = float(std::tanh(left));
        x[2 * n + 1] = float(std::tanh(right));
    }
    return x;
}

struct Fixture
{
    QTemporaryDir dir;
    QString mp3;
    QString flac;
    bool ok = false;
};

const Fixture &fixture()
{
    static const std::unique_ptr<Fixture> f = [] {
        auto made = std::make_unique<Fixture>();
        const std::vector<float> audio = musicLike();
        made->mp3 = made->dir.filePath(QStringLiteral("music.mp3"));
        made->flac = made->dir.filePath(QStringLiteral("music.flac"));
        const audio::AudioError e1
                = audio::AudioEncoder::write(made->mp3, audio, 2, kRate, audio::AudioFormat::Mp3);
        const audio::AudioError e2
                = audio::AudioEncoder::write(made->flac, audio, 2, kRate, audio::AudioFormat::Flac);
        made->ok = made->dir.isValid() && !e1.isError() && !e2.isError();
        if (!made->ok)
            std::fprintf(stderr, "fixture: %s %s\n", qPrintable(e1.toString()),
                         qPrintable(e2.toString()));
        return made;
    }();
    return *f;
}

const QString &pathFor(int format)
{
    return format == 0 ? fixture().mp3 : fixture().flac;
}

void setRate(benchmark::State &state)
{
    state.counters["x_realtime"] = benchmark::Counter(kSeconds * double(state.iterations()),
                                                      benchmark::Counter::kIsRate);
}

// The whole job: decode, resample to 16 kHz mono, VGGish log-mel, melstat instances.
void BM_DecodeLogMelMelstat(benchmark::State &state, int format)
{
    if (!fixture().ok) {
        state.SkipWithError("could not encode the fixture");
        return;
    }
    const QString path = pathFor(format);
    features::TrackFeatureExtractor extractor;
    int rows = 0;
    for (auto _ : state) {
        const features::FeatureMatrix m = extractor.extract(path);
        if (!m.ok()) {
            state.SkipWithError(qPrintable(m.error.toString()));
            return;
        }
        rows = m.rows;
        benchmark::DoNotOptimize(m.values.data());
    }
    state.counters["instances"] = rows;
    setRate(state);
}

// Decode + resample alone: the floor the DSP adds to.
void BM_DecodeResample(benchmark::State &state, int format)
{
    if (!fixture().ok) {
        state.SkipWithError("could not encode the fixture");
        return;
    }
    const QString path = pathFor(format);
    audio::DecodeOptions options;
    options.sampleRate = 16000;
    options.blockFrames = 16384;
    std::vector<float> block;
    for (auto _ : state) {
        audio::FfmpegDecoder decoder;
        if (!decoder.open(path, options)) {
            state.SkipWithError(qPrintable(decoder.error().toString()));
            return;
        }
        double sum = 0;
        while (decoder.read(block) > 0)
            sum += block[0];
        benchmark::DoNotOptimize(sum);
    }
    setRate(state);
}

// Log-mel + melstat alone on 3 minutes of 16 kHz samples already in memory.
void BM_LogMelMelstatOnly(benchmark::State &state)
{
    std::vector<float> samples(size_t(kSeconds * 16000));
    std::mt19937 rng(1);
    std::normal_distribution<float> dist(0.0f, 0.1f);
    for (float &v : samples)
        v = dist(rng);
    const dsp::LogMelConfig config = dsp::LogMelConfig::vggish();
    dsp::LogMelExtractor extractor(config);
    dsp::MelStatEmbedding embedding;
    std::vector<float> frames;
    std::vector<float> out;
    frames.reserve(size_t(16384 / 160 + 2) * 64);
    for (auto _ : state) {
        extractor.reset();
        embedding.reset();
        out.clear();
        for (size_t pos = 0; pos < samples.size(); pos += 16384) {
            const size_t n = std::min<size_t>(16384, samples.size() - pos);
            extractor.push(samples.data() + pos, n, frames);
            embedding.pushFrames(frames.data(), int(frames.size() / 64), out);
            frames.clear();
        }
        extractor.finish(frames);
        embedding.pushFrames(frames.data(), int(frames.size() / 64), out);
        embedding.finish(out);
        frames.clear();
        benchmark::DoNotOptimize(out.data());
    }
    setRate(state);
}

} // namespace

BENCHMARK_CAPTURE(BM_DecodeLogMelMelstat, mp3, 0)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_DecodeLogMelMelstat, flac, 1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_DecodeResample, mp3, 0)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_DecodeResample, flac, 1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LogMelMelstatOnly)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
