// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "models/api/BagSet.h"
#include "models/api/Training.h"

#include <QVariantMap>

namespace timbre::jobs {

// The per-epoch records a train job reports (JobContext::reportRecord) and stores with the
// version it registers (library::ModelStore::history): what a training panel draws. Keys:
//   "type": "epoch", "epoch" (1-based), "epochs" (planned), "partial", "seconds" (wall time
//   since training started), "losses" (the trainer's mean training losses of the epoch: "bce",
//   "total", Mean Teacher's "consistency" and "student_validation", DGM's own terms),
//   "learningRate" and "consistencyWeight" (at the epoch's last step; the weight is 0 when the
//   kind has no consistency term); a finished epoch also has "validated", "validationLoss"
//   (NaN without validation), "improved", "heldout" {"set", "clips", "precision", "recall",
//   "f1", "auroc", "map"} and "perInstrument" [{"instrument", "precision", "recall", "f1",
//   "auroc", "ap", "positives"}].
// The held-out metrics are core/eval's (MultiLabelEvaluator at threshold 0.5 on the observed
// labels: the numbers `timbre evaluate` prints for the same scores); NaN where undefined, and
// every one NaN with "clips" 0 when there are no labelled held-out clips or no scores.

// A finished epoch. heldout: the bags r.monitorScores belong to (nullptr = none scored).
QVariantMap epochRecord(const models::EpochReport &r, int plannedEpochs, double seconds,
                        const models::BagSet *heldout, const QString &heldoutSet);
// A mid-epoch report: losses, learning rate and consistency weight only.
QVariantMap partialEpochRecord(const models::EpochReport &r, int plannedEpochs, double seconds);

// Bags with at least one known label.
int labelledBagCount(const models::BagSet &bags);
// Known (present or absent) label cells.
qint64 knownLabelCount(const models::BagSet &bags);

} // namespace timbre::jobs
