#include "models/TrainingCommon.h"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <numeric>

namespace timbre::models {

std::string utcNow()
{
    const std::time_t now = std::time(nullptr);
    std::tm tm {};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string holdOutValidation(const BagSet &all, double fraction, std::mt19937_64 &rng,
                              BagSet *train, BagSet *validation)
{
    std::vector<int> order(static_cast<size_t>(all.numBags()));
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), rng);
    const int nVal = static_cast<int>(std::lround(fraction * order.size()));
    if (nVal < 1 || nVal >= static_cast<int>(order.size()))
        return "too few bags to hold out a validation set";
    std::vector<int> valIdx(order.begin(), order.begin() + nVal);
    std::vector<int> trainIdx(order.begin() + nVal, order.end());
    std::sort(valIdx.begin(), valIdx.end());
    std::sort(trainIdx.begin(), trainIdx.end());
    *validation = all.subset(valIdx);
    *train = all.subset(trainIdx);
    return {};
}

} // namespace timbre::models
