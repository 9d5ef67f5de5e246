#include "models/api/TorchInfo.h"

#include <torch/torch.h>
#include <torch/version.h>

namespace timbre::models {

std::string libtorchVersion()
{
    return TORCH_VERSION;
}

int torchThreads()
{
    return torch::get_num_threads();
}

void setTorchThreads(int threads)
{
    if (threads > 0)
        torch::set_num_threads(threads);
}

} // namespace timbre::models
