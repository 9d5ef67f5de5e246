// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/dsp/TrackSpectrogram.h"

#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace timbre::dsp {

struct TrackSpectrogramBuildOptions
{
    TrackSpectrogramConfig config;
    // Decoding threads: the track is cut into this many parts (whole chunks, at least a minute
    // each), decoded at once; 0 = QThread::idealThreadCount(), capped at 4.
    int threads = 0;
    // The caller hears onProgress() as soon as this much of the start is written (the first
    // screenful), then at most every progressIntervalMs, and once at the end.
    double earlySeconds = 20.0;
    int progressIntervalMs = 60;
    std::function<void()> onProgress; // called from decoding threads
    const std::atomic<bool> *cancel = nullptr; // stops every part between blocks
};

// Decodes a file once into a TrackSpectrogram (FfmpegDecoder to mono at config.sampleRate,
// FFTW STFT, mel or linear bins, dB). Frame t is centred on sample t * hop (zero padding at
// both ends), so frame times are exactly t / framesPerSecond().
class TrackSpectrogramBuilder
{
public:
    // Probes `path` (fast) and returns the empty spectrogram to fill, or nullptr with `error`
    // set (naming the file) when it is not readable audio.
    static std::shared_ptr<TrackSpectrogram>
    prepare(const QString &path, const TrackSpectrogramConfig &config, QString *error);
    // Fills `target` (blocking; run it off the GUI thread). Always ends with target.finish().
    static void build(TrackSpectrogram &target, const TrackSpectrogramBuildOptions &options);
    // prepare() then build(): the whole spectrogram, for tests and tools.
    static std::shared_ptr<TrackSpectrogram>
    compute(const QString &path, const TrackSpectrogramBuildOptions &options, QString *error);
};

} // namespace timbre::dsp
