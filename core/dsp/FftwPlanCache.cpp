// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/dsp/FftwPlanCache.h"

#include <map>
#include <mutex>

namespace timbre::dsp {

namespace {

std::mutex &plannerMutex()
{
    static std::mutex mutex;
    return mutex;
}

// Plans live as long as the process: a Stft may be destroyed on any thread while others keep
// running, and fftwf_destroy_plan would itself need the planner lock.
std::map<int, fftwf_plan> &plans()
{
    static std::map<int, fftwf_plan> cache;
    return cache;
}

} // namespace

fftwf_plan FftwPlanCache::realForward(int size)
{
    if (size < 1)
        return nullptr;
    std::lock_guard<std::mutex> lock(plannerMutex());
    auto &cache = plans();
    const auto found = cache.find(size);
    if (found != cache.end())
        return found->second;
    float *in = fftwf_alloc_real(static_cast<size_t>(size));
    fftwf_complex *out = fftwf_alloc_complex(static_cast<size_t>(size / 2 + 1));
    // FFTW_MEASURE costs a few milliseconds once per size and buys a faster transform for the
    // hundreds of thousands of frames a library scan runs through it.
    fftwf_plan plan = fftwf_plan_dft_r2c_1d(size, in, out, FFTW_MEASURE);
    fftwf_free(in);
    fftwf_free(out);
    if (plan)
        cache.emplace(size, plan);
    return plan;
}

void FftwPlanCache::lockPlanner()
{
    plannerMutex().lock();
}

void FftwPlanCache::unlockPlanner()
{
    plannerMutex().unlock();
}

} // namespace timbre::dsp
