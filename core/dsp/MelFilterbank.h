// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QString>

#include <vector>

namespace timbre::dsp {

enum class MelScale {
    Htk, // mel = 2595 log10(1 + f / 700)  (O'Shaughnessy; HTK, VGGish, librosa htk=True)
    Slaney // linear below 1 kHz (f / (200/3)), logarithmic above (Slaney's Auditory Toolbox;
           // librosa's default)
};

// Where the triangles are linear. librosa.filters.mel (and torchaudio) interpolate in Hz
// between mel-spaced edges; VGGish's mel_features.spectrogram_to_mel_matrix (and TensorFlow's
// linear_to_mel_weight_matrix) draw them linear in mel and give the DC bin no weight.
enum class MelTriangles { Hertz, Mel };

enum class MelNorm {
    None, // triangles peak at 1
    Slaney // each triangle scaled by 2 / (upper edge Hz - lower edge Hz): equal area
};

struct MelFilterbankConfig
{
    int sampleRate = 16000;
    int fftSize = 512;
    int bands = 64;
    double fMin = 125.0;
    double fMax = 7500.0; // <= sampleRate / 2
    MelScale scale = MelScale::Htk;
    MelTriangles triangles = MelTriangles::Mel;
    MelNorm norm = MelNorm::None;

    QString validate() const;
};

// Triangular mel filterbank over the fftSize/2 + 1 bins of a real FFT. Band b has edges
// e[b], e[b+1], e[b+2] where e are bands + 2 points evenly spaced on the mel scale from fMin
// to fMax (librosa.filters.mel's construction). Weights are stored sparsely (each band's
// contiguous run of non-zero bins) so apply() costs about two multiply-adds per bin.
class MelFilterbank
{
public:
    explicit MelFilterbank(const MelFilterbankConfig &config);

    static double hzToMel(double hz, MelScale scale);
    static double melToHz(double mel, MelScale scale);

    bool isValid() const { return m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    const MelFilterbankConfig &config() const { return m_config; }
    int bands() const { return m_config.bands; }
    int bins() const { return m_config.fftSize / 2 + 1; }
    // The bands + 2 band edges in Hz.
    const std::vector<double> &edgesHz() const { return m_edgesHz; }

    float weight(int band, int bin) const;
    // Row-major [bands x bins].
    std::vector<float> denseWeights() const;
    // The stored run of a band: every non-zero weight lies in [firstBin, firstBin + binCount);
    // the run may start with zero weights (runs are padded to a multiple of 4 bins).
    int firstBin(int band) const { return m_first[static_cast<size_t>(band)]; }
    int binCount(int band) const { return m_count[static_cast<size_t>(band)]; }

    // mel[b] = sum_k weight(b, k) * spectrum[k]; spectrum has bins() values, mel bands().
    void apply(const float *spectrum, float *mel) const;

private:
    MelFilterbankConfig m_config;
    QString m_error;
    std::vector<double> m_edgesHz;
    std::vector<int> m_first; // per band: first bin with a non-zero weight
    std::vector<int> m_count; // per band: number of bins from m_first on
    std::vector<size_t> m_offset; // per band: start of its run in m_weights
    std::vector<float> m_weights;
};

} // namespace timbre::dsp
