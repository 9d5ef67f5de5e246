// SPDX-License-Identifier: GPL-3.0-or-later
// Bag-to-vector inputs of the bag-level models that see one fixed-size row per bag: the DGM
// (Sec. 4.4: "the bag's features, flattened or mean-pooled") and the RF-BR baseline
// (Sec. 3.3.1: flattened). Plain C++; no torch.
#pragma once

#include "models/api/BagSet.h"

#include <vector>

namespace timbre::models {

class DgmInputs
{
public:
    // The most common bag length of a set (10 for OpenMIC-2018), the default for flattening.
    static int typicalBagLength(const BagSet &bags);

    // One row per bag, [numBags x rowDim]. Mean pooling averages the instances (rowDim =
    // featureDim). Flattening concatenates `instances` instances (rowDim = instances *
    // featureDim); a bag of another length is resampled to that many by nearest index
    // (instance floor(t * n / instances)), so any length works without padding.
    static std::vector<float> rows(const BagSet &bags, bool flatten, int instances, int *rowDim);

    // Per-column minimum and maximum of rows [n x dim].
    static void columnRange(const std::vector<float> &rows, int dim, std::vector<float> *low,
                            std::vector<float> *high);
    // Maps each column to [0, 1] with the given range, clamping values outside it; a constant
    // column maps to 0.
    static void scaleToUnit(std::vector<float> *rows, const std::vector<float> &low,
                            const std::vector<float> &high);
};

} // namespace timbre::models
