// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/training/TrainingCommon.h"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <mutex>
#include <numeric>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace timbre::models {

void keepFreedTensorMemory()
{
#if defined(__GLIBC__)
    static std::once_flag once;
    std::call_once(once, [] {
        // Blocks up to 32 MiB come from the heap (glibc's own dynamic ceiling), and the heap's
        // top is returned to the kernel only beyond 128 MiB of free space.
        mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
        mallopt(M_TRIM_THRESHOLD, 128 * 1024 * 1024);
    });
#endif
}

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
