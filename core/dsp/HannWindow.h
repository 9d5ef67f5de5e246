// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <vector>

namespace timbre::dsp {

// Hann window w[n] = 0.5 - 0.5 cos(2 pi n / D), n = 0..length-1. Periodic (D = length) is the
// form librosa (get_window fftbins=True), torch.hann_window and VGGish's mel_features use for
// spectral analysis; symmetric (D = length - 1) is numpy.hanning's. A length of 1 gives {1}.
std::vector<float> hannWindow(int length, bool periodic = true);

} // namespace timbre::dsp
