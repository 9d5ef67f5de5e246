// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/jobs/JobWorker.h"

#include "models/api/TrainConfig.h"

namespace timbre::library {
class Library;
struct ModelRecord;
} // namespace timbre::library

namespace timbre::jobs {

template<typename Options> class JobParameters;

struct CrossFitOptions
{
    QString libraryFolder;
    qint64 modelId = 0; // 0 = the library's active model
    int folds = 5;
    int epochs = 0; // 0 = the from-scratch recipe's (see CrossFitJob::recipe)
    quint64 seed = 0;
    int threads = 0; // LibTorch intra-op threads; 0 = leave the setting alone
};

// Held-out scores of a model version for the "likely label errors" queue (core/review): K-fold
// cross-fitting on the library's training lane. Confident learning must judge a label on a
// score from a model that never trained on it; the version itself (and every ancestor it was
// warm-started from) trained on those labels, so it cannot supply them.
//
// Folds: the trainable (non-test) clips with at least one known label are split into K folds
// BY TRACK (seeded), so a clip is never scored by a model that trained on another clip of the
// same track (a near-duplicate). For each fold a model of the version's kind is trained on every
// other trainable clip (Mean Teacher and DGM also take the unlabelled trainable clips as
// unlabelled data, as TrainJob does) and scores the held-out fold. Test clips are neither
// trained on nor scored.
//
// What the folds train from (honesty): FROM SCRATCH, never warm-started. A warm start from the
// version, or from its parent, would carry weights that already saw the held-out fold's labels.
// The recipe is that of the nearest version in the version's ancestry that was itself trained
// from scratch (its epochs, learning rate, schedule, validation split), with the version's own
// architecture numbers (`extra`, e.g. the width); when no ancestor was trained from scratch
// here, the kind's defaults. A warm-started version's own settings (10 epochs, no ramps) are a
// fine-tuning recipe and would leave a fresh model under-trained. The recipe's validation split
// (best epoch kept) is drawn from the fold's labelled training clips only, never from the
// held-out fold.
//
// The folds' checkpoints are hidden temporary files in <library>/models/, removed after
// scoring. The scores replace the version's earlier held-out scores in one transaction at the
// end (HeldoutPredictionStore::replace); a cancelled or failed run leaves the earlier ones.
//
// Progress: stage "fold f/K", done / total = epochs finished over all folds; cancel is checked
// before every optimiser step. Result keys: modelId, folds, clips (scored), scores, trainBags,
// epochs, seconds.
class CrossFitJob : public JobWorker
{
public:
    explicit CrossFitJob(CrossFitOptions options);

    QString kind() const override { return QStringLiteral("crossfit"); }
    QString title() const override;
    JobOutcome run(JobContext &context) override;
    QVariantMap parameters() const override;
    static CrossFitOptions optionsFrom(const QVariantMap &parameters);
    // The options' keys and members, for parameters() and optionsFrom() alike.
    static const JobParameters<CrossFitOptions> &parameterFields();

    // The from-scratch configuration the folds train with (see above); *error on a model whose
    // stored hyper-parameters cannot be read.
    static models::TrainConfig recipe(const library::Library &library,
                                      const library::ModelRecord &version, QString *error);
    // Fold of each labelled bag, by track: tracks shuffled with `seed`, dealt round robin.
    static QList<int> foldsByTrack(const QList<qint64> &trackIds, int folds, quint64 seed);

private:
    CrossFitOptions m_options;
};

} // namespace timbre::jobs
