// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// PredictJob::run as named steps over one PredictRun, in the manner of TrainSteps.h: each step
// reads what the steps before it filled in and returns nothing to go on, or the outcome that
// ends the run. In order:
//   openLibrary       the library folder (it must exist)
//   resolveModel      the version asked for, else the active one
//   loadPredictor     its checkpoint, loaded once (the model engine on first use)
//   checkClasses      every class of the checkpoint is an instrument of the library
//   resolveExtractor  the features the version was trained on (the catalog's, else the
//                     checkpoint's)
//   loadClips         every clip's cached features as bags (of the part's tracks, for a shard
//                     or a list); clips without them are reported
//   scoreAndWrite     a prediction run in chunks, each chunk's scores written before the next
//                     is scored, so a cancel or a kill keeps what was written; when the
//                     model's newest run never finished, that run goes on and the clips it
//                     committed (from features older than the run) are not scored again; a
//                     partial run that leaves nothing unscored records the whole run
// Threads: every step runs on the job's worker thread, which owns the catalog connection.
#include "core/datasets/trainsets/LibraryBags.h"
#include "core/jobs/JobProgress.h"
#include "core/jobs/JobWorker.h"
#include "core/jobs/PredictJob.h"
#include "core/library/ModelStore.h"

#include "models/api/Predictor.h"

#include <QElapsedTimer>
#include <QSet>
#include <QStringList>
#include <QVariantMap>

#include <functional>
#include <memory>
#include <optional>

namespace timbre::library {
class Library;
}

namespace timbre::jobs {

class JobContext;

struct PredictRun
{
    PredictRun(JobContext &context, const PredictOptions &options,
               std::function<void(qint64)> chunkWritten);
    ~PredictRun();

    JobContext &context;
    const PredictOptions &options;
    std::function<void(qint64)> chunkWritten; // tests' look after each chunk
    QElapsedTimer timer; // since the run began
    JobProgress progress;

    std::unique_ptr<library::Library> lib;
    std::optional<library::ModelRecord> model;
    QString modelName; // "model 3 ('name')", for messages
    QString checkpoint; // absolute path
    std::unique_ptr<models::Predictor> predictor;
    QStringList classKeys; // the checkpoint's classes, instrument keys of the library
    QString extractorId; // "melstat"
    int extractorVersion = 0;
    QString extractorKey; // "melstat-v1"
    std::optional<datasets::LibraryBags> loaded;
    qint64 runId = 0;
    bool resumed = false; // runId is an interrupted run, continued
    qint64 written = 0; // clips whose scores are stored by this run (resumed ones included)
    qint64 reused = 0; // of those, committed before a resume and not scored again
    QString part; // prediction_run.shard: "" (whole library), "i/n", "tracks" or "tracks i/n"
    bool completedWhole = false; // this partial run was the one that left nothing to score

    // The steps, in order; each returns the outcome that ends the run, or nothing.
    std::optional<JobOutcome> openLibrary();
    std::optional<JobOutcome> resolveModel();
    std::optional<JobOutcome> loadPredictor();
    std::optional<JobOutcome> checkClasses();
    std::optional<JobOutcome> resolveExtractor();
    std::optional<JobOutcome> loadClips();
    JobOutcome scoreAndWrite();
    // Part of scoreAndWrite: begins a run, or continues the model's newest one when it never
    // finished, filling `done` with the clips that need no scoring.
    std::optional<JobOutcome> beginOrResumeRun(QSet<qint64> *done);
    // Part of scoreAndWrite, after a partial run finished: records the whole run when no clip of
    // the model is left to score.
    std::optional<JobOutcome> completeWholeRunIfDone();

    QVariantMap summary() const;
};

} // namespace timbre::jobs
