#pragma once
#include <string>

namespace timbre::models {

// Version of the LibTorch the models layer was built against, e.g. "1.13.1".
std::string libtorchVersion();

// Number of intra-op threads LibTorch uses; setThreads bounds it (0 leaves it alone).
int torchThreads();
void setTorchThreads(int threads);

} // namespace timbre::models
