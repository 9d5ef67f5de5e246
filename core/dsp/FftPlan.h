// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace timbre::dsp {

// How FFTW chooses the algorithm of a transform (FftwPlanCache).
// Reproducible: FFTW_ESTIMATE, the same plan in every process, so features computed by two
// processes (two array tasks, a task and its retry, a single run) are equal to the bit.
// Fastest: FFTW_MEASURE, whichever algorithm timed fastest in this process: about 30 % faster
// per transform here, but two processes may pick different ones and differ in the last bits.
// Fastest is for views only, never for stored features (docs/CLUSTER.md).
enum class FftPlan { Reproducible, Fastest };

} // namespace timbre::dsp
