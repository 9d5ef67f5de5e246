// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal: training of the bag networks (ATT, FC, FC_T, RNN) and of Mean Teacher (Sec. 3.2.2,
// Ch. 5). trainModel dispatches here for "att", "mt", "fc", "fct" and "rnn".
#include "models/api/Training.h"

namespace timbre::models {

// May throw (c10::Error, std::exception); trainModel catches at the API boundary.
TrainResult trainMil(const TrainConfig &config, const BagSet &train, const BagSet *validation,
                     const ProgressCallback &progress, const std::atomic<bool> *cancel,
                     const BagSet *monitor = nullptr);

} // namespace timbre::models
