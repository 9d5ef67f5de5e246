// SPDX-License-Identifier: GPL-3.0-or-later
// Training and prediction speed of the bag networks (docs/BENCHMARKS.md, "Training"):
// one epoch of ATT and of Mean Teacher over 15 000 random bags of 10 x 128 (20 classes, ~10 %
// of the labels observed, batch 128) on 2 threads, and prediction throughput in bags/s.
// The Python side of the comparison is scripts/bench/att_pytorch.py. BM_LayerProduct times one
// layer's matrix product threaded by OpenBLAS against models/kernels/RowBlockGemm's split.
#include "models/api/Predictor.h"
#include "models/api/Training.h"
#include "models/kernels/RowBlockGemm.h"

#include <benchmark/benchmark.h>
#include <torch/csrc/autograd/profiler_legacy.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <random>

using namespace timbre::models;

namespace {

constexpr int kBags = 15000;
constexpr int kThreads = 2;

BagSet randomBags(int bags, uint64_t seed)
{
    std::mt19937 rng(static_cast<uint32_t>(seed));
    std::uniform_real_distribution<float> uniform(0.0f, 1.0f);
    BagSet s;
    s.featureDim = 128;
    s.numClasses = 20;
    s.features.resize(static_cast<size_t>(bags) * 10 * 128);
    for (auto &v : s.features)
        v = uniform(rng);
    s.bagOffsets.resize(static_cast<size_t>(bags) + 1);
    for (int b = 0; b <= bags; ++b)
        s.bagOffsets[b] = 10LL * b;
    s.labels.resize(static_cast<size_t>(bags) * 20);
    s.observed.resize(s.labels.size());
    for (size_t i = 0; i < s.labels.size(); ++i) {
        s.observed[i] = uniform(rng) < 0.1f ? 1 : 0;
        s.labels[i] = s.observed[i] && uniform(rng) < 0.3f ? 1.0f : 0.0f;
    }
    return s;
}

const BagSet &trainSet()
{
    static const BagSet s = randomBags(kBags, 1);
    return s;
}

const BagSet &validationSet()
{
    static const BagSet s = randomBags(256, 2);
    return s;
}

double processCpuSeconds()
{
    return static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
}

// Manual time per iteration: the epoch's wall time in its optimiser steps (EpochReport::
// trainSeconds). The counter cpu_s_per_epoch is the process CPU time of one epoch, taken as
// CPU(2 epochs) - CPU(1 epoch) so that building tensors and the model cancels out; on a
// shared, oversubscribed machine it is the number that still means something (with 1 thread
// it equals an idle machine's wall time).
void epoch(benchmark::State &state, const char *kind)
{
    TrainConfig c = TrainConfig::defaultsFor(kind);
    c.threads = static_cast<int>(state.range(0));
    // TIMBRE_PROFILE_TRACE=file.json records the first epoch with LibTorch's profiler (a
    // chrome://tracing file) to see which operators dominate.
    const char *trace = std::getenv("TIMBRE_PROFILE_TRACE");
    double cpuPerEpoch = 0.0;
    for (auto _ : state) {
        std::unique_ptr<torch::autograd::profiler::RecordProfile> profile;
        if (trace && state.iterations() == 0)
            profile = std::make_unique<torch::autograd::profiler::RecordProfile>(trace);
        c.epochs = 1;
        const double cpu0 = processCpuSeconds();
        const TrainResult one = trainModel(c, trainSet(), &validationSet(), {}, nullptr);
        const double cpu1 = processCpuSeconds();
        profile.reset();
        c.epochs = 2;
        const TrainResult two = trainModel(c, trainSet(), &validationSet(), {}, nullptr);
        const double cpu2 = processCpuSeconds();
        if (!one.ok || !two.ok) {
            state.SkipWithError(one.ok ? two.error.c_str() : one.error.c_str());
            return;
        }
        state.SetIterationTime(two.history.back().trainSeconds);
        cpuPerEpoch += (cpu2 - cpu1) - (cpu1 - cpu0);
        ++c.seed;
    }
    state.counters["cpu_s_per_epoch"] = cpuPerEpoch / static_cast<double>(state.iterations());
}

void BM_AttEpoch(benchmark::State &state)
{
    epoch(state, "att");
}

void BM_MeanTeacherEpoch(benchmark::State &state)
{
    epoch(state, "mt");
}

void BM_AttPredict(benchmark::State &state)
{
    const std::string path = "/tmp/timbre_bench_training_att.ckpt";
    TrainConfig c = TrainConfig::defaultsFor("att");
    c.epochs = 1;
    c.threads = kThreads;
    c.outputCheckpoint = path;
    const TrainResult r = trainModel(c, validationSet(), &validationSet(), {}, nullptr);
    ModelError error;
    auto predictor = r.ok ? Predictor::load(path, &error) : nullptr;
    if (!predictor) {
        state.SkipWithError(r.ok ? error.message.c_str() : r.error.c_str());
        return;
    }
    const int batch = static_cast<int>(state.range(0));
    for (auto _ : state) {
        const auto predictions = predictor->predict(trainSet(), batch, &error);
        benchmark::DoNotOptimize(predictions.data());
    }
    state.counters["bags/s"] = benchmark::Counter(static_cast<double>(kBags) * state.iterations(),
                                                  benchmark::Counter::kIsRate);
    std::remove(path.c_str());
}

// One ATT layer's product at batch 128 x 10 instances, z = a W^T with [1280, 128] x
// [128, 128]: OpenBLAS threading it (arg 0) against models/kernels/RowBlockGemm's split into one
// serial call per thread (arg 1), on 2 threads.
void BM_LayerProduct(benchmark::State &state)
{
    torch::set_num_threads(kThreads);
    const torch::Tensor a = torch::rand({1280, 128});
    const torch::Tensor w = torch::rand({128, 128});
    torch::Tensor z = torch::empty({1280, 128});
    const bool split = state.range(0) == 1;
    for (auto _ : state) {
        if (split)
            rowBlockMm(z, a, w.t());
        else
            at::mm_out(z, a, w.t());
        benchmark::DoNotOptimize(z.data_ptr<float>());
    }
    state.counters["GFLOP/s"] = benchmark::Counter(
            2.0 * 1280 * 128 * 128 * state.iterations() / 1e9, benchmark::Counter::kIsRate);
}

} // namespace

BENCHMARK(BM_LayerProduct)->Unit(benchmark::kMicrosecond)->Arg(0)->Arg(1)->UseRealTime();
BENCHMARK(BM_AttEpoch)
        ->Unit(benchmark::kMillisecond)
        ->UseManualTime()
        ->Arg(1)
        ->Arg(2)
        ->Iterations(2);
BENCHMARK(BM_MeanTeacherEpoch)
        ->Unit(benchmark::kMillisecond)
        ->UseManualTime()
        ->Arg(1)
        ->Arg(2)
        ->Iterations(2);
BENCHMARK(BM_AttPredict)->Unit(benchmark::kMillisecond)->Arg(256)->Iterations(3);

BENCHMARK_MAIN();
