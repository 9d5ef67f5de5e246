// SPDX-License-Identifier: GPL-3.0-or-later
// The plugin's entry point (models/api/ModelEngine.h). Compiled only into the
// timbre_model_engine module, never into the static timbre_models library: a program that
// links that library and the api still gets its engine through dlopen, like every other.
#include "models/engine/TorchEngine.h"

extern "C" __attribute__((visibility("default"))) timbre::models::ModelEngine *
timbre_model_engine(int abiVersion)
{
    if (abiVersion != timbre::models::ModelEngine::kAbiVersion)
        return nullptr;
    return &timbre::models::engine::torchEngine();
}
