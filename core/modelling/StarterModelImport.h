// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QString>

namespace timbre::library {
class Library;
}

namespace timbre::modelling {

// Registers the starter model shipped inside the program (the ATT head trained end to end
// with the built-in "cnn" extractor; core/features/BuiltInCnn.h, resources/models/) as a model
// version of `lib`: its checkpoint is copied into LIB/models/, and it becomes the active model
// when the library has none. A library that already has it is left as it is (*message says
// so). False and *message naming the file on failure. Blocking (it loads the model engine to
// check the checkpoint): run it off the GUI thread. `timbre models --import-starter` and the
// workbench's New Library use it.
bool importStarterModel(const library::Library &lib, QString *message);

} // namespace timbre::modelling
