// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/ModelStore.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace timbre::jobs {

// Whether a newly trained version becomes the library's active one (TrainJobOptions::activation).
struct ActivationDecision
{
    bool activate = false;
    QString reason; // one sentence, for the log and the job's result
};

// Policies: "always", "never", "if-better" (the new version's test AUROC is higher than the
// active version's stored one, metrics "test" / "overall" / "auroc", or no version is active).
// With "if-better", a new version without a test AUROC (no labelled test clips) is not
// activated; an active version without one (a starter model scored on another corpus, a
// version trained before the library had test clips) cannot be compared with, and the new
// version, which has one, is activated.
class TrainActivation
{
public:
    static const QStringList &policies();
    static bool isPolicy(const QString &policy) { return policies().contains(policy); }
    // The test AUROC a version's metrics JSON stores; NaN when it has none.
    static double storedTestAuroc(const library::ModelRecord &model);
    static ActivationDecision decide(const QString &policy, double newTestAuroc,
                                     const std::optional<library::ModelRecord> &active);
};

} // namespace timbre::jobs
