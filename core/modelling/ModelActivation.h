// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/CatalogError.h"

#include <QString>

namespace timbre::library {
class Library;
}

namespace timbre::modelling {

// Makes a model version the active one only if its checkpoint still loads: a file truncated by
// a copy that did not finish, damaged on disk or replaced by something else is refused with a
// message naming it, and the version active before stays active (the lanes, predictions and
// retrains keep working). The lineage's Activate and `timbre models --activate` go through it.
// Blocking (loads the model engine on first use): run it off the GUI thread.
library::CatalogError activateIfLoadable(const library::Library &lib, qint64 modelId);

} // namespace timbre::modelling
