// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/training/Ramps.h"

#include <algorithm>
#include <cmath>

namespace timbre::models {

double sigmoidRampUp(double x)
{
    x = std::clamp(x, 0.0, 1.0);
    return std::exp(-5.0 * (1.0 - x) * (1.0 - x));
}

double sigmoidRampDown(double x)
{
    x = std::clamp(x, 0.0, 1.0);
    return 1.0 - std::exp(-12.5 * x * x);
}

double rampUpAt(double epoch, int rampEpochs)
{
    if (rampEpochs <= 0 || epoch >= rampEpochs)
        return 1.0;
    return sigmoidRampUp(epoch / rampEpochs);
}

double rampDownAt(double epoch, int totalEpochs, int rampEpochs)
{
    if (rampEpochs <= 0 || epoch < totalEpochs - rampEpochs)
        return 1.0;
    return sigmoidRampDown((totalEpochs - epoch) / rampEpochs);
}

double emaDecayAt(int64_t step, double alpha)
{
    return std::min(1.0 - 1.0 / (static_cast<double>(step) + 1.0), alpha);
}

double learningRateAt(double base, double epoch, int totalEpochs, int halvingEpochs,
                      int rampUpEpochs, int rampDownEpochs)
{
    double lr = base;
    if (halvingEpochs > 0)
        lr *= std::pow(0.5, std::floor(epoch / halvingEpochs));
    return lr * rampUpAt(epoch, rampUpEpochs) * rampDownAt(epoch, totalEpochs, rampDownEpochs);
}

} // namespace timbre::models
