// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/scoring/MilScorer.h"

#include "models/api/ModelKinds.h"
#include "models/checkpoints/MilCheckpoint.h"
#include "models/inputs/BagTensors.h"

#include <algorithm>
#include <numeric>

namespace timbre::models {

std::unique_ptr<BagScorer> MilScorer::fromCheckpoint(const CheckpointFile &checkpoint,
                                                     const std::string &path, ModelError *error)
{
    const ModelKind *kind = findModelKind(checkpoint.info.kind);
    const std::string blob = kind && kind->teacher ? "teacher" : "student";
    auto net = loadMilNet(checkpoint, blob, path, error);
    if (!net)
        return nullptr;
    return std::make_unique<MilScorer>(std::move(net));
}

std::vector<BagPrediction> MilScorer::predict(const BagSet &bags, int batchSize)
{
    torch::NoGradGuard noGrad;
    m_net->eval();
    const BagTensors data(bags);
    std::vector<BagPrediction> out;
    out.reserve(static_cast<size_t>(data.size()));
    const int64_t chunk = std::max(1, batchSize);
    for (int64_t first = 0; first < data.size(); first += chunk) {
        const int64_t n = std::min(chunk, data.size() - first);
        const BagBatch batch = data.batch(first, n);
        const MilOutput result = m_net->forward(batch);
        const torch::Tensor clip = result.clip.contiguous();
        const int64_t C = clip.size(1);
        const int64_t T = batch.features.size(1);
        const float *clipData = clip.data_ptr<float>();
        const torch::Tensor inst
                = result.instance.defined() ? result.instance.contiguous() : torch::Tensor();
        const torch::Tensor att
                = result.attention.defined() ? result.attention.contiguous() : torch::Tensor();
        for (int64_t i = 0; i < n; ++i) {
            BagPrediction p;
            p.instances = static_cast<int>(batch.lengths[i]);
            p.numClasses = static_cast<int>(C);
            p.clipScores.assign(clipData + i * C, clipData + (i + 1) * C);
            const size_t cells = static_cast<size_t>(p.instances) * C;
            if (inst.defined()) {
                const float *src = inst.data_ptr<float>() + i * T * C;
                p.instanceScores.assign(src, src + cells);
            }
            if (att.defined()) {
                const float *src = att.data_ptr<float>() + i * T * C;
                p.attention.assign(src, src + cells);
            }
            out.push_back(std::move(p));
        }
    }
    return out;
}

} // namespace timbre::models
