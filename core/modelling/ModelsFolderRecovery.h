// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What an interrupted training or registration leaves in a library's models folder, put right
// (docs/RELIABILITY.md §5). A train job is killed either while it trains, into a hidden
// staging file, or in the moment between moving the finished checkpoint to its name and adding
// the version's row; an import can be killed between its copy and its row in the same way.
#include <QList>
#include <QString>
#include <QStringList>

namespace timbre::library {
class Library;
}

namespace timbre::modelling {

struct ModelsFolderRecovery
{
    QStringList removed; // staging files of trainings whose process is gone (absolute paths)
    QList<qint64> registered; // versions added for checkpoints no row named
    QStringList messages; // one line per file acted on or left alone, naming it
};

// The staging file a training of this process writes into: hidden, named after the version's
// base name, the time and the owner ("<pid>@<host>", core/library/JobStore.h), so that a
// later sweep can tell a live training's file from a dead one's.
QString stagingCheckpointPath(const library::Library &lib, const QString &baseName);

// Sweeps Library::modelsPath():
// - a hidden ".<name>~<owner>.training.ckpt" (and its ".tmp") whose owner process has ended,
//   or one without an owner (older builds) not written to for `quietMs`, is removed: the
//   training never finished, so it is no version;
// - a "<name>.ckpt" that no row names, that loads as a checkpoint this library can run and
//   that has been in place (its inode changed) at least `quietMs` ago, so that no registration
//   is under way, is registered from what it carries: kind, extractor, hyper-parameters,
//   label snapshot, parent (by name), metrics, note "recovered ...". Sidecars of a named
//   checkpoint ("<checkpoint>.<suffix>") and files that do not load are left, with a message.
// Nothing a row names is touched. Blocking (may load the model engine): off the GUI thread.
ModelsFolderRecovery recoverModelsFolder(const library::Library &lib, qint64 quietMs = 60000);

} // namespace timbre::modelling
