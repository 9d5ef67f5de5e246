// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/kernels/ActivationPool.h"

#include <cstdlib>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace timbre::models {

namespace {

// Idle memory beyond this is freed at once rather than kept.
constexpr size_t kMaxIdleBytes = size_t(256) << 20;
constexpr size_t kAlignment = 64;

struct Pool
{
    std::mutex mutex;
    std::unordered_map<size_t, std::vector<void *>> idle; // by rounded size
    size_t idleBytes = 0;
    size_t liveBytes = 0;
};

// Never destroyed: tensors may die after static destruction has begun.
Pool &pool()
{
    static Pool *p = new Pool;
    return *p;
}

void giveBack(void *data, size_t bytes)
{
    Pool &p = pool();
    {
        std::lock_guard<std::mutex> lock(p.mutex);
        p.liveBytes -= bytes;
        if (p.idleBytes + bytes <= kMaxIdleBytes) {
            p.idle[bytes].push_back(data);
            p.idleBytes += bytes;
            return;
        }
    }
    std::free(data);
}

} // namespace

torch::Tensor pooledEmpty(at::IntArrayRef sizes)
{
    int64_t n = 1;
    for (const int64_t s : sizes)
        n *= s;
    const size_t raw = static_cast<size_t>(std::max<int64_t>(n, 1)) * sizeof(float);
    const size_t bytes = (raw + kAlignment - 1) / kAlignment * kAlignment;
    void *data = nullptr;
    {
        Pool &p = pool();
        std::lock_guard<std::mutex> lock(p.mutex);
        auto found = p.idle.find(bytes);
        if (found != p.idle.end() && !found->second.empty()) {
            data = found->second.back();
            found->second.pop_back();
            p.idleBytes -= bytes;
        }
        p.liveBytes += bytes;
    }
    if (!data)
        data = std::aligned_alloc(kAlignment, bytes);
    if (!data) {
        Pool &p = pool();
        std::lock_guard<std::mutex> lock(p.mutex);
        p.liveBytes -= bytes;
    }
    TORCH_CHECK(data, "out of memory allocating ", bytes, " bytes for activations");
    return torch::from_blob(
            data, sizes, [bytes](void *d) { giveBack(d, bytes); }, torch::kFloat32);
}

void releasePooledMemory()
{
    Pool &p = pool();
    std::lock_guard<std::mutex> lock(p.mutex);
    for (auto &entry : p.idle)
        for (void *d : entry.second)
            std::free(d);
    p.idle.clear();
    p.idleBytes = 0;
}

size_t pooledLiveBytes()
{
    Pool &p = pool();
    std::lock_guard<std::mutex> lock(p.mutex);
    return p.liveBytes;
}

} // namespace timbre::models
