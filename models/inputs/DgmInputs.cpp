// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/inputs/DgmInputs.h"

#include <algorithm>
#include <map>

namespace timbre::models {

int DgmInputs::typicalBagLength(const BagSet &bags)
{
    std::map<int, int> counts;
    for (int b = 0; b < bags.numBags(); ++b)
        ++counts[bags.bagSize(b)];
    int best = 1;
    int bestCount = 0;
    for (const auto &[length, count] : counts) {
        if (count > bestCount) {
            best = length;
            bestCount = count;
        }
    }
    return best;
}

std::vector<float> DgmInputs::rows(const BagSet &bags, bool flatten, int instances, int *rowDim)
{
    const int dim = bags.featureDim;
    const int n = bags.numBags();
    instances = std::max(1, instances);
    *rowDim = flatten ? instances * dim : dim;
    std::vector<float> out(static_cast<size_t>(n) * *rowDim, 0.0f);
    for (int b = 0; b < n; ++b) {
        const int64_t first = bags.bagOffsets[b];
        const int size = bags.bagSize(b);
        float *row = out.data() + static_cast<size_t>(b) * *rowDim;
        if (flatten) {
            for (int t = 0; t < instances; ++t) {
                const int64_t source = first + static_cast<int64_t>(t) * size / instances;
                std::copy_n(bags.features.data() + source * dim, dim, row + t * dim);
            }
        } else {
            for (int i = 0; i < size; ++i) {
                const float *x = bags.features.data() + (first + i) * dim;
                for (int d = 0; d < dim; ++d)
                    row[d] += x[d];
            }
            for (int d = 0; d < dim; ++d)
                row[d] /= static_cast<float>(size);
        }
    }
    return out;
}

void DgmInputs::columnRange(const std::vector<float> &rows, int dim, std::vector<float> *low,
                            std::vector<float> *high)
{
    low->assign(dim, 0.0f);
    high->assign(dim, 0.0f);
    const size_t n = dim > 0 ? rows.size() / dim : 0;
    for (size_t r = 0; r < n; ++r) {
        for (int d = 0; d < dim; ++d) {
            const float v = rows[r * dim + d];
            if (r == 0 || v < (*low)[d])
                (*low)[d] = v;
            if (r == 0 || v > (*high)[d])
                (*high)[d] = v;
        }
    }
}

void DgmInputs::scaleToUnit(std::vector<float> *rows, const std::vector<float> &low,
                            const std::vector<float> &high)
{
    const size_t dim = low.size();
    if (dim == 0)
        return;
    for (size_t i = 0; i < rows->size(); ++i) {
        const size_t d = i % dim;
        const float range = high[d] - low[d];
        float v = range > 0 ? ((*rows)[i] - low[d]) / range : 0.0f;
        (*rows)[i] = std::clamp(v, 0.0f, 1.0f);
    }
}

} // namespace timbre::models
