// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// CrossFitJob::run as named steps over one CrossFitRun, in the manner of TrainSteps.h: each
// step reads what the steps before it filled in and returns nothing to go on, or the outcome
// that ends the run. In order:
//   checkOptions      at least two folds
//   openLibrary       the library folder (it must exist)
//   resolveVersion    the version asked for, else the active one; it must name its extractor
//   buildRecipe       the from-scratch recipe (CrossFitJob::recipe) with the options' epochs,
//                     seed and threads
//   loadClips         the trainable clips with current features (only labelled ones unless the
//                     kind learns from unlabelled clips too)
//   assignFolds       the labelled clips' folds, by track
//   runFold (each)    train on the other folds (validation drawn from their labelled clips by
//                     the one seeded split), score the fold's clips, drop the staged checkpoint
//   storeScores       the held-out scores replace the version's previous ones
// Threads: every step runs on the job's worker thread, which owns the catalog connection.
#include "core/datasets/trainsets/LibraryBags.h"
#include "core/jobs/CrossFitJob.h"
#include "core/jobs/JobProgress.h"
#include "core/jobs/JobWorker.h"
#include "core/library/HeldoutPredictionStore.h"
#include "core/library/ModelStore.h"

#include "models/api/TrainConfig.h"

#include <QElapsedTimer>
#include <QList>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace timbre::library {
class Library;
}

namespace timbre::jobs {

class JobContext;

struct CrossFitRun
{
    CrossFitRun(JobContext &context, const CrossFitOptions &options);
    ~CrossFitRun();

    // The bags of one fold, as indices into the loaded bags, each list ascending.
    struct FoldBags
    {
        std::vector<int> held; // the fold's labelled clips: scored, never trained on
        std::vector<int> fit; // trained on
        std::vector<int> validation; // the recipe's hold-out (empty: last epoch kept)
    };

    JobContext &context;
    const CrossFitOptions &options;
    QElapsedTimer timer; // since the run began
    JobProgress progress;

    std::unique_ptr<library::Library> lib;
    std::optional<library::ModelRecord> version;
    QString versionName; // "model 3 ('name')", for messages
    models::TrainConfig config;
    QString extractorKey; // "melstat-v1"
    std::optional<datasets::LibraryBags> loaded;
    QList<int> labelled; // bags with an observed label
    QList<int> foldOf; // fold of each labelled bag
    QStringList classKeys;
    QList<library::HeldoutScore> scores;

    // The steps, in order; each returns the outcome that ends the run, or nothing.
    std::optional<JobOutcome> checkOptions();
    std::optional<JobOutcome> openLibrary();
    std::optional<JobOutcome> resolveVersion();
    std::optional<JobOutcome> buildRecipe();
    std::optional<JobOutcome> loadClips();
    std::optional<JobOutcome> assignFolds();
    std::optional<JobOutcome> runFold(int fold);
    JobOutcome storeScores();

    bool isLabelled(int bag) const;
    FoldBags foldBags(int fold) const;
};

} // namespace timbre::jobs
