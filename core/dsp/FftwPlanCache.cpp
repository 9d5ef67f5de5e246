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
// running, and fftwf_destroy_plan would itself need the planner lock. They are freed when the
// process ends (static destruction, after every thread of ours has been joined), together with
// FFTW's own tables, so LeakSanitizer's check at exit sees no FFTW memory (docs/RELIABILITY.md).
struct PlanTable
{
    std::map<std::pair<int, FftwPlanCache::Plan>, fftwf_plan> bySize;
    ~PlanTable()
    {
        std::lock_guard<std::mutex> lock(plannerMutex());
        for (const auto &[key, plan] : bySize)
            fftwf_destroy_plan(plan);
        bySize.clear();
        fftwf_cleanup();
    }
};

std::map<std::pair<int, FftwPlanCache::Plan>, fftwf_plan> &plans()
{
    static PlanTable table;
    return table.bySize;
}

} // namespace

fftwf_plan FftwPlanCache::realForward(int size, Plan kind)
{
    if (size < 1)
        return nullptr;
    std::lock_guard<std::mutex> lock(plannerMutex());
    auto &cache = plans();
    const auto found = cache.find({size, kind});
    if (found != cache.end())
        return found->second;
    float *in = fftwf_alloc_real(static_cast<size_t>(size));
    fftwf_complex *out = fftwf_alloc_complex(static_cast<size_t>(size / 2 + 1));
    fftwf_plan plan = fftwf_plan_dft_r2c_1d(size, in, out,
                                            kind == Plan::Fastest ? FFTW_MEASURE : FFTW_ESTIMATE);
    fftwf_free(in);
    fftwf_free(out);
    if (plan)
        cache.emplace(std::make_pair(size, kind), plan);
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
