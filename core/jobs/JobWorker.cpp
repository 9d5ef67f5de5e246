// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/jobs/JobWorker.h"

namespace timbre::jobs {

JobWorker::~JobWorker() = default;

JobOutcome JobOutcome::success(const QVariantMap &result)
{
    JobOutcome outcome;
    outcome.status = Status::Succeeded;
    outcome.result = result;
    return outcome;
}

JobOutcome JobOutcome::cancelled(const QVariantMap &partial)
{
    JobOutcome outcome;
    outcome.status = Status::Cancelled;
    outcome.result = partial;
    return outcome;
}

JobOutcome JobOutcome::failure(const QString &text, const QVariantMap &partial)
{
    JobOutcome outcome;
    outcome.status = Status::Failed;
    outcome.result = partial;
    outcome.errorText = text;
    return outcome;
}

} // namespace timbre::jobs
