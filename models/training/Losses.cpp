// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/training/Losses.h"

namespace timbre::models {

torch::Tensor partialBce(const torch::Tensor &q, const torch::Tensor &labels,
                         const torch::Tensor &observed, const PartialBceOptions &options,
                         const torch::Tensor &positiveWeight)
{
    const double L = static_cast<double>(q.size(1));
    // Unknown labels may hold anything (even NaN): zero them so 0 * finite stays 0.
    const torch::Tensor y = labels.mul(observed).nan_to_num(0.0);
    // The clamp keeps log finite, so masked terms have exactly zero gradient.
    const torch::Tensor qc = q.clamp(1e-7, 1.0 - 1e-7);
    torch::Tensor positive = y * torch::log(qc);
    if (positiveWeight.defined())
        positive = positive * positiveWeight;
    const torch::Tensor bce = -(positive + (1.0 - y) * torch::log1p(-qc));
    const torch::Tensor observedCount = observed.sum(1); // [B]
    const torch::Tensor p = observedCount / L;
    const torch::Tensor has = observedCount > 0;
    // g(p) only where p > 0: p^gamma is infinite at p = 0 for the default gamma = -1.
    const torch::Tensor safeP = torch::where(has, p, torch::ones_like(p));
    const torch::Tensor g = torch::where(
            has, options.alpha * safeP.pow(options.gamma) + options.beta, torch::zeros_like(p));
    const torch::Tensor perBag = g / L * (bce * observed).sum(1);
    const torch::Tensor bags = has.sum().clamp_min(1).to(q.scalar_type());
    return perBag.sum() / bags;
}

torch::Tensor balancedPositiveWeights(const torch::Tensor &labels, const torch::Tensor &observed)
{
    const torch::Tensor y = labels.mul(observed).nan_to_num(0.0);
    const torch::Tensor positives = y.sum(0);
    const torch::Tensor negatives = observed.sum(0) - positives;
    const torch::Tensor usable = (positives > 0) & (negatives > 0);
    return torch::where(usable, negatives / positives.clamp_min(1.0), torch::ones_like(positives));
}

torch::Tensor consistencyMse(const torch::Tensor &student, const torch::Tensor &teacher)
{
    return (student - teacher.detach()).pow(2).mean();
}

torch::Tensor instanceBce(const torch::Tensor &instance, const torch::Tensor &truth,
                          const torch::Tensor &mask)
{
    const torch::Tensor p = instance.clamp(1e-7, 1.0 - 1e-7);
    const torch::Tensor bce = -(truth * p.log() + (1.0 - truth) * (1.0 - p).log());
    if (!mask.defined())
        return bce.mean();
    const torch::Tensor m = mask.unsqueeze(2);
    return (bce * m).sum() / (m.sum() * instance.size(2)).clamp_min(1.0);
}

} // namespace timbre::models
