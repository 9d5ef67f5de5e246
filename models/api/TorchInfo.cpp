// SPDX-License-Identifier: GPL-3.0-or-later
// Forward to the model engine (models/api/ModelEngine.h); each call loads it when needed.
#include "models/api/TorchInfo.h"

#include "models/api/ModelEngine.h"

namespace timbre::models {

std::string libtorchVersion()
{
    ModelEngine *engine = modelEngine();
    return engine ? engine->libtorchVersion() : std::string();
}

int torchThreads()
{
    ModelEngine *engine = modelEngine();
    return engine ? engine->threads() : 0;
}

void setTorchThreads(int threads)
{
    if (threads <= 0)
        return;
    if (ModelEngine *engine = modelEngine())
        engine->setThreads(threads);
}

} // namespace timbre::models
