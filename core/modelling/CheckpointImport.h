// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QString>

namespace timbre::library {
class Library;
}

namespace timbre::modelling {

struct CheckpointImportResult
{
    bool ok = false;
    qint64 modelId = 0;
    QString name; // the new version's name
    QString checkpoint; // absolute path of the copy in the models folder
    QString message; // why it was refused (naming the file), or what was imported
};

// Adds a checkpoint file from outside the library as a new model version (the lineage's
// Import Checkpoint). The file is checked like any model file before anything is written:
// it must load as a Timbre checkpoint of a kind this build can run (corrupt, truncated and
// foreign files fail here), name an extractor this library has with the same version and
// feature dimension, and classes that are all instruments of the library. It is then copied
// into Library::modelsPath() under a unique name and registered with parent 0, label
// snapshot 0, no metrics (those it carries were measured on other clips) and the note
// "imported from <file>". Never activated. Blocking (loads the model engine): run it off
// the GUI thread.
CheckpointImportResult importCheckpoint(const library::Library &lib, const QString &source);

} // namespace timbre::modelling
