// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QString>

#include <optional>
#include <vector>

namespace timbre::features {

// VGGish's post-processing (vggish_postprocess.py in tensorflow/models' research/audioset),
// which is what OpenMIC-2018's shipped features went through: PCA with the published
// parameters, clip to [-2, 2], quantise to 8 bits by truncation (astype(uint8)), then the
// 1/255 scaling datasets::OpenMicDataset applies to OpenMIC's uint8 features, so a model
// trained on OpenMIC sees the same numbers from our own audio:
//   y = floor((clip(E (x - m), -2, 2) + 2) * 255 / 4) / 255
//
// Parameter file (JSON), written from vggish_pca_params.npz (see README):
//   {"pca_eigen_vectors": [[...D floats...] x K rows], "pca_means": [D floats]}
// K = D = 128 for VGGish; K < D keeps only the first K components.
class VggishPostprocess
{
public:
    static constexpr double kQuantizeMin = -2.0;
    static constexpr double kQuantizeMax = 2.0;

    // std::nullopt and *error naming the file when it is unreadable, not JSON, misses a key,
    // has ragged rows or non-numbers, or its means do not have inputDimension entries.
    static std::optional<VggishPostprocess> load(const QString &path, int inputDimension,
                                                 QString *error);

    int inputDimension() const { return m_inputDim; }
    int outputDimension() const { return m_outputDim; }

    // rows x inputDimension() floats in, rows x outputDimension() floats appended to out.
    void apply(const float *in, int rows, std::vector<float> &out) const;

private:
    int m_inputDim = 0;
    int m_outputDim = 0;
    std::vector<double> m_eigen; // outputDim x inputDim
    std::vector<double> m_means; // inputDim
};

} // namespace timbre::features
