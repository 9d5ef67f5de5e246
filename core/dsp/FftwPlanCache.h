// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/dsp/FftPlan.h"

#include <fftw3.h>

namespace timbre::dsp {

// One real-to-complex FFTW plan per transform size for the whole process. FFTW's planner is
// not thread-safe, so every plan is made under one mutex; executing a plan with
// fftwf_execute_dft_r2c on caller-owned buffers is thread-safe, which is what lets several
// Stft instances run at once. Buffers passed to the plan must come from fftwf_malloc (the
// plan is made on fftwf_malloc'ed arrays, so it assumes their SIMD alignment).
class FftwPlanCache
{
public:
    using Plan = FftPlan;

    // The forward r2c plan for `size` real samples (size/2 + 1 complex outputs), made on
    // first use and kept until exit; nullptr only if FFTW fails to plan (size < 1).
    static fftwf_plan realForward(int size, Plan plan = Plan::Reproducible);

    // Held by any code of ours that calls the FFTW planner directly (for example a
    // spectrogram view making its own plans), so that all planner calls are serialised.
    static void lockPlanner();
    static void unlockPlanner();
};

} // namespace timbre::dsp
