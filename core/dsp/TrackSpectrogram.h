// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QString>

#include <atomic>
#include <memory>
#include <vector>

namespace timbre::dsp {

// How the track view's spectrogram is computed: a display front end, not a model's features.
struct TrackSpectrogramConfig
{
    enum Scale {
        Mel, // `melBands` HTK mel bands from fMin to sampleRate / 2
        Linear // the fftSize / 2 + 1 STFT bins
    };
    Scale scale = Mel;
    int sampleRate = 16000;
    int windowLength = 1024; // 64 ms: bass partials resolved
    int hopLength = 160; // 10 ms, the grid of the model's instances
    int fftSize = 1024;
    int melBands = 128;
    double fMin = 40.0;

    double framesPerSecond() const { return double(sampleRate) / hopLength; }
    int rows() const { return scale == Mel ? melBands : fftSize / 2 + 1; }
    // Row centres in Hz, lowest first (rows() values).
    std::vector<double> rowFrequenciesHz() const;
    // The continuous row coordinate of a frequency (row r spans [r - 0.5, r + 0.5]); for axes.
    double rowForHz(double hz) const;
    double hzForRow(double row) const;
};

// A whole track's spectrogram in dB (0 dB = a full-scale sine), [frames x rows], filled while
// the file decodes and read by renderers at the same time.
//
// Frames live in fixed-size chunks; each chunk is written by one thread, front to back, and
// publishes how many of its frames are written with a release store. A reader sees a frame
// only after an acquire load says it is written, and written frames never change, so readers
// need no lock. Capacity is fixed at construction (kMaxSeconds of audio); the writers stop
// there.
class TrackSpectrogram
{
public:
    static constexpr int kChunkFrames = 4096;
    static constexpr double kMaxSeconds = 6 * 3600.0;

    // `expectedSeconds`: the container's duration; `durationIsEstimate` when it was guessed
    // from the bit rate (then the builder decodes in one part, front to back).
    TrackSpectrogram(const QString &path, const TrackSpectrogramConfig &config,
                     double expectedSeconds, bool durationIsEstimate = false);
    ~TrackSpectrogram();
    TrackSpectrogram(const TrackSpectrogram &) = delete;
    TrackSpectrogram &operator=(const TrackSpectrogram &) = delete;

    const QString &path() const { return m_path; }
    const TrackSpectrogramConfig &config() const { return m_config; }
    int rows() const { return m_rows; }
    double framesPerSecond() const { return m_config.framesPerSecond(); }
    long long capacityFrames() const { return m_capacityFrames; }
    bool durationIsEstimate() const { return m_durationIsEstimate; }

    // The duration the container declared until decoding finished, then the decoded one.
    double durationSeconds() const;
    // Frames in the track: an estimate until finished().
    long long frameCount() const;
    bool isFinished() const { return m_finished.load(std::memory_order_acquire); }
    QString errorString() const; // set by the builder on failure (names the file)

    // The row values of frame `index`, or nullptr while that frame is not written yet.
    const float *frame(long long index) const;
    bool hasFrame(long long index) const { return frame(index) != nullptr; }
    // Frames [first, first + count) that are written, counted.
    long long framesAvailable(long long first, long long count) const;
    // The length of the written prefix [0, n).
    long long contiguousFrames() const;

    // Writer side (TrackSpectrogramBuilder). A writer owns whole chunks and fills its frames in
    // order: writableFrame(i) (nullptr past capacity), then publish(first, end) says frames
    // [first, end) of its range are written.
    float *writableFrame(long long index);
    void publish(long long firstFrame, long long endFrame);
    // Decoding ended: the frame count becomes the written prefix; `error` empty on success.
    void finish(const QString &error);

private:
    struct Chunk
    {
        std::unique_ptr<float[]> data;
        std::atomic<int> written {0};
    };

    QString m_path;
    TrackSpectrogramConfig m_config;
    int m_rows = 0;
    long long m_capacityFrames = 0;
    std::unique_ptr<Chunk[]> m_chunks;
    long long m_chunkCount = 0;
    bool m_durationIsEstimate = false;
    std::atomic<long long> m_expectedFrames {0};
    std::atomic<bool> m_finished {false};
    QString m_error; // written before m_finished is released
};

} // namespace timbre::dsp
