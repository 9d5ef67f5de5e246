// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/jobs/JobWorker.h"

#include "models/api/BagSet.h"
#include "models/api/ModelKinds.h"
#include "models/api/TrainConfig.h"

#include <QVariantMap>

#include <functional>

namespace timbre::jobs {

template<typename Options> class JobParameters;

struct TrainJobOptions
{
    QString libraryFolder;
    // A bag model kind: "mt" (Mean Teacher), "att", "fct", "fc", "rnn", "dgm", "rf".
    QString kind = QString::fromLatin1(models::defaultLibraryKind());
    // "" = from scratch; "active" = warm start from the library's active model; otherwise a
    // model id (or name) of the library.
    QString warmStart;
    int epochs = 0; // 0 = the kind's default from scratch, kWarmStartEpochs for a warm start
    int threads = 0; // LibTorch intra-op threads; 0 = leave the setting alone
    quint64 seed = 0;
    // Applied last, over the defaults: TrainConfig JSON keys (models/api/TrainConfig::toJson,
    // e.g. "learningRate", "consistencyWeight", "validationFraction") and "extra" (a map of
    // kind-specific numbers, e.g. {"hidden": 64}). An unknown key is an error.
    QVariantMap overrides;
    // Whether the new version becomes the library's active one: "always", "never" or
    // "if-better" (its test AUROC beats the active version's stored one; TrainActivation).
    // activate = false overrides it with "never" (the CLI's --no-activate).
    QString activation = QStringLiteral("always");
    bool activate = true;
    // Score the test clips after every epoch for the records' held-out metrics (a forward pass
    // over the test clips per epoch; see docs/BENCHMARKS.md for its cost).
    bool heldoutEveryEpoch = true;
    QString note;
    // Features to train on ("<id>-v<version>"); "" = the warm-start model's, else "melstat-v1".
    QString extractorKey;
};

// Trains a model on a library's own clips and registers it as a new model version.
//
// Runs on a worker thread and opens its own Library there. The training set is the library's
// non-test clips with their cached features (datasets::LibraryBags): present / absent labels,
// unknown ones masked (docs/METHOD.md §1). Mean Teacher and DGM take every such clip, labelled
// or not, as unlabelled data; the supervised kinds take only clips with at least one known
// label. Clips marked "test" never reach training: they are loaded separately and only scored,
// and their metrics (core/eval, as `timbre evaluate` reports them) are the version's metrics.
//
// Incremental retraining is a warm start (warmStart = "active" or an id): student and teacher
// start from that model's checkpoint, with its hyper-parameters (so the architecture matches),
// and train on the current labels for a few epochs; see warmStartConfig() for what changes.
//
// The checkpoint is trained into a hidden staging file in <library>/models/ and renamed to
// <library>/models/<name>.ckpt only when training and scoring succeeded; then the ModelRecord
// is added (kind, parent = the warm-start model, extractor, hyper-parameters, label snapshot =
// the label_history batch read before the labels, test metrics, checkpoint file relative to
// Library::modelsPath(), note) and, when asked, activated. A cancelled or failed run removes
// its staging file and registers nothing; earlier models and files are never touched. A killed
// process can leave only a hidden ".<name>.training.ckpt" (never registered, never loaded).
//
// Cancel: checked before every optimiser step (within a second). After at least one finished
// epoch a cancel keeps what was trained: the best validation epoch so far or, without
// validation (warm starts), the last finished epoch (models::TrainResult::checkpointEpoch) is
// scored on the test clips and registered like a finished run, with the note "cancelled at
// epoch k of n" (k finished epochs of n planned) and never activated; the cancelled() result
// then has modelId, name and keptEpoch besides the keys below. Cancelled before the first
// epoch finished, nothing is registered (modelId 0) and no file is left.
//
// Suspend pauses between steps. Progress: stage "loading", then "epoch" with done / total =
// finished / planned epochs, then "scoring"; one log line per epoch with the losses.
//
// Records (JobContext::reportRecord): one per finished epoch, and at most two a second
// mid-epoch ("partial"), keys as TrainRecords.h lists them; the held-out set is the library's
// test clips (metrics NaN and "clips" 0 without labelled ones). The finished epochs' records
// are stored with the version (library::ModelStore::history).
//
// The version's metrics JSON: the test metrics as `timbre evaluate` reports them ("test",
// thresholds tuned on validation, ...), "test_bags", and what it learned from:
// "labels_seen" (known label cells of the clips handed to training), "labelled_clips" and
// "train_clips".
//
// Result keys: modelId, name, kind, parentId, labelSnapshot, checkpoint (absolute path),
// active, activationReason (one sentence), epochs (run), bestEpoch, keptEpoch (the epoch the
// checkpoint holds), note, seconds, trainBags, labelledBags, testBags, skipped (clips without
// features), testAuroc, testF1, testPrecision, testRecall, testMap (NaN when there are no
// labelled test clips).
class TrainJob : public JobWorker
{
public:
    static constexpr int kWarmStartEpochs = 10;

    explicit TrainJob(TrainJobOptions options);

    QString kind() const override { return QStringLiteral("train"); }
    QString title() const override;
    JobOutcome run(JobContext &context) override;
    QVariantMap parameters() const override;
    static TrainJobOptions optionsFrom(const QVariantMap &parameters);
    // The options' keys and members, for parameters() and optionsFrom() alike.
    static const JobParameters<TrainJobOptions> &parameterFields();

    // What a warm start changes in the configuration it inherits from its parent, before the
    // options' overrides (docs/RESULTS.md, "Training on the library"):
    //  - `epochs` (kWarmStartEpochs unless the options ask for others);
    //  - no ramps: the consistency weight is at its full beta from the first step (the ramp
    //    protects a student from a random teacher; this teacher is the parent's trained one, and
    //    a restarted 100-epoch ramp would keep the weight under 2 % of beta for the whole run,
    //    i.e. no Mean Teacher at all); no learning-rate ramp-up, ramp-down or halving: the
    //    parent's base learning rate, constant (Adam's moments come from the parent);
    //  - no validation split (validationFraction 0, the last epoch is kept): every label,
    //    including the edits that prompted the retrain, is trained on;
    //  - Mean Teacher's EMA decay is lowered so that the teacher's averaging horizon is a third
    //    of the run (alpha = 1 - 3 / steps, within [0.9, the kind's default alpha]): at the thesis'
    //    0.999 a 10-epoch run on a 1000-track library (about 70 steps) would move the teacher,
    //    whose scores are the predictions, only 7 % of the way to the retrained student.
    // trainBags = bags handed to training (for the steps of the run).
    static void warmStartConfig(models::TrainConfig *config, int trainBags, int epochs);

    // Called on the worker thread with the bags about to be handed to the trainer (keys are
    // clip ids). Tests use it to see what training saw; the GUI has no need for it.
    void setTrainingSetHook(std::function<void(const models::BagSet &)> hook)
    {
        m_trainingSet = std::move(hook);
    }

private:
    TrainJobOptions m_options;
    std::function<void(const models::BagSet &)> m_trainingSet;
};

} // namespace timbre::jobs
