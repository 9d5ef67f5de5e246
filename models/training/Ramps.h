// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Schedules of Mean Teacher training (thesis Ch. 5 and Appendix A). Plain functions so the
// trainer and the tests share one definition.
#include <cstdint>

namespace timbre::models {

// Eq. A.1: w(x) = exp(-5 (1 - x)^2), x clamped to [0, 1].
double sigmoidRampUp(double x);
// Eq. A.2: w(x) = 1 - exp(-12.5 x^2), x clamped to [0, 1]. Used as a ramp-down with x the
// fraction of the ramp-down still ahead (1 when it starts, 0 at the last epoch), so the
// learning rate falls from 1 to 0 along the sigmoid of Fig. A.2.
double sigmoidRampDown(double x);

// Ramp-up factor at (fractional) epoch e of a ramp over rampEpochs: A.1 with x = e / rampEpochs;
// 1 when rampEpochs <= 0 or e >= rampEpochs.
double rampUpAt(double epoch, int rampEpochs);
// Ramp-down factor at epoch e of totalEpochs, the ramp covering the last rampEpochs: A.2 with
// x = (totalEpochs - e) / rampEpochs; 1 before the ramp-down starts or when rampEpochs <= 0.
double rampDownAt(double epoch, int totalEpochs, int rampEpochs);

// EMA factor for optimiser step t (0-based): min(1 - 1/(t + 1), alpha), so the teacher copies
// the student at first and averages over a growing window until alpha (docs/METHOD.md §6.1).
double emaDecayAt(int64_t step, double alpha);

// Learning rate at fractional epoch e (0-based): base, halved every halvingEpochs (0 = never),
// times the ramp-up and ramp-down factors (0 = none).
double learningRateAt(double base, double epoch, int totalEpochs, int halvingEpochs,
                      int rampUpEpochs, int rampDownEpochs);

} // namespace timbre::models
