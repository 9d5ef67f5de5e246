// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <string>

namespace timbre::models {

// Version of the LibTorch the models layer was built against, e.g. "1.13.1".
std::string libtorchVersion();

// Number of intra-op threads LibTorch uses; setTorchThreads bounds it (0 leaves it alone).
// All three load the model engine (models/api/ModelEngine.h) when it is not loaded yet; an
// engine that cannot be loaded gives "" and 0, and setTorchThreads does nothing.
int torchThreads();
void setTorchThreads(int threads);

} // namespace timbre::models
