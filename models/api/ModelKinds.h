// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <string>
#include <vector>

namespace timbre::models {

// Which trainer and network family a kind belongs to (docs/METHOD.md §2).
enum class KindFamily {
    MilNetwork, // attention / pooling networks over a bag's instances (MilTrainer)
    Generative, // the deep generative model (DgmTrainer)
    Forest, // random forests, one per instrument (RandomForestBr)
    StrongNetwork, // per-second nets on 1 s log-mel patches (StrongTraining)
};

// One model kind, as every layer needs to know it: the trainer dispatch, TrainJob (which
// clips it takes), the CLI (which --model values it accepts) and the GUI (what the retrain
// dialog offers, whether a warm start fits). The one list of kinds: a new kind is a row here
// and its trainer.
struct ModelKind
{
    const char *key; // "mt": stored with each version, written on the command line
    const char *displayName; // English; the GUI translates its own
    KindFamily family;
    // Trains on weak (bag) labels of instance features, so a library can train it; the strong
    // kinds need per-second targets on log-mel patches.
    bool bag;
    // Also learns from clips without labels (Mean Teacher's consistency, DGM's latent labels).
    bool semiSupervised;
    // Trained by gradient steps over epochs (the forest is fitted once).
    bool iterative;
    // Scores are a teacher's, an average of the student's weights (Mean Teacher).
    bool teacher;
    // The network a checkpoint of this kind holds: a warm start needs the same one ("mt" and
    // "att" both hold an attention MIL network).
    const char *network;
};

// Every kind, the library's default (Mean Teacher) first, then the other bag kinds in the
// thesis' order, then the strong ones.
const std::vector<ModelKind> &modelKinds();
// The kind a library trains unless told otherwise (Mean Teacher): the first row.
const char *defaultLibraryKind();
// nullptr for an unknown key.
const ModelKind *findModelKind(const std::string &key);
// The keys of the kinds a library trains (bag kinds), in modelKinds() order.
std::vector<std::string> bagKindKeys();
// Whether a checkpoint of kind `from` can warm-start a run of kind `to`.
bool warmStartFits(const std::string &from, const std::string &to);

} // namespace timbre::models
