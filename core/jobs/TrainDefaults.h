// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QString>
#include <QVariantMap>

namespace timbre::jobs {

// The hyper-parameters a train job runs with when nobody overrides them, keyed as the TrainConfig
// JSON keys that TrainJobOptions::overrides takes ("epochs", "learningRate",
// "consistencyWeight", "emaDecay", "batchSize", "consistencyRampEpochs", "validationFraction",
// "extra", ...). Views show them as the defaults without including models/ (layers), and
// they are the numbers TrainJob itself starts from, not copies.
namespace TrainDefaults {

// A run of `kind` ("mt", "att", ...) from scratch: the kind's defaults (docs/METHOD.md §9.1).
QVariantMap fromScratch(const QString &kind);

// A run of `kind` warm-started from a parent whose stored hyper-parameters are `parentJson`
// (ModelRecord::hyperParametersJson): what TrainJob inherits from the parent (everything when
// the kinds match, the kind-specific "extra" numbers otherwise) with TrainJob::warmStartConfig
// applied for `epochs` epochs (0 = TrainJob::kWarmStartEpochs) over `trainBags` training clips
// (Mean Teacher's EMA decay depends on the number of steps). An unreadable `parentJson` gives
// the kind's defaults with warmStartConfig applied and sets *error.
QVariantMap warmStart(const QString &kind, const QString &parentJson, int trainBags,
                      int epochs = 0, QString *error = nullptr);

} // namespace TrainDefaults

} // namespace timbre::jobs
