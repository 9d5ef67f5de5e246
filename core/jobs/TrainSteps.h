// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// TrainJob::run as named steps over one TrainRun. Each step reads what the steps before it
// filled in, fills in its own part, and returns nothing to go on or the outcome that ends the
// run (a failure naming the file, or a cancellation with what was kept). In order:
//   checkOptions      the kind trains on library clips, the activation policy exists
//   openLibrary       the library folder (it must exist); what a killed train job or import
//                     left in its models folder is put right (ModelsFolderRecovery.h)
//   resolveParent     the version to warm-start from, its checkpoint and metadata
//   resolveExtractor  the features: the parent's, the options', else melstat-v1
//   loadClips         trainable clips (never test ones) and, apart, the test clips
//   buildConfig       the kind's defaults, or the parent's with the warm-start changes; the
//                     overrides; the staging file the trainer writes
//   trainStaged       training with per-epoch records; a cancel keeps the best epoch so far
//   registerTrained   the file renamed to a free name and the version's row added
//   activate          made active as the policy says (after a run that was not cancelled)
//   finalOutcome      the job's result map
#include "core/datasets/trainsets/LibraryBags.h"
#include "core/jobs/JobProgress.h"
#include "core/jobs/JobWorker.h"
#include "core/jobs/TrainActivation.h"
#include "core/jobs/TrainJob.h"
#include "core/library/ModelStore.h"
#include "core/modelling/ModelRunner.h"

#include "models/api/Predictor.h"
#include "models/api/TrainConfig.h"

#include <QElapsedTimer>
#include <QList>
#include <QString>
#include <QVariantMap>

#include <functional>
#include <memory>
#include <optional>

namespace timbre::library {
class Library;
}

namespace timbre::jobs {

class JobContext;

struct TrainRun
{
    TrainRun(JobContext &context, const TrainJobOptions &options,
             std::function<void(const models::BagSet &)> trainingSetHook);
    ~TrainRun();

    JobContext &context;
    const TrainJobOptions &options;
    std::function<void(const models::BagSet &)> trainingSetHook; // tests' look at the bags
    QElapsedTimer timer; // since the run began
    JobProgress progress;

    std::unique_ptr<library::Library> lib;
    std::optional<library::ModelRecord> parent; // set for a warm start
    QString parentCheckpoint; // absolute path
    models::CheckpointInfo parentInfo;
    QString extractorKey; // "<id>-v<version>"
    QString extractorId;
    int extractorVersion = 0;
    datasets::LibraryBags train;
    datasets::LibraryBags test;
    int labelledBags = 0;
    models::TrainConfig config;
    QString baseName; // "<kind>-<stamp>", the version's name unless taken
    QString staged; // the hidden file the trainer writes
    modelling::RunData data;
    modelling::RunOutcome outcome;
    QList<QVariantMap> history; // the finished epochs' records, stored with the version
    int plannedEpochs = 0;
    int epochsRun = 0;
    int keptEpoch = 0;
    bool cancelled = false;
    library::ModelRecord record;
    qint64 modelId = 0;
    QString finalPath;
    ActivationDecision activation;
    bool isActive = false;
};

using StepResult = std::optional<JobOutcome>; // nullopt = go on

StepResult checkOptions(TrainRun &run);
StepResult openLibrary(TrainRun &run);
StepResult resolveParent(TrainRun &run);
StepResult resolveExtractor(TrainRun &run);
StepResult loadClips(TrainRun &run);
StepResult buildConfig(TrainRun &run);
StepResult trainStaged(TrainRun &run);
StepResult registerTrained(TrainRun &run);
void activate(TrainRun &run);
JobOutcome finalOutcome(const TrainRun &run);

} // namespace timbre::jobs
