// SPDX-License-Identifier: GPL-3.0-or-later
// Precompiled header of the models layer: LibTorch is most of every models/ build.
#pragma once
#include <torch/torch.h>
