// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/jobs/JobProgress.h"

namespace timbre::jobs {

QString jobStateName(JobState state)
{
    switch (state) {
    case JobState::Queued:
        return QStringLiteral("queued");
    case JobState::Running:
        return QStringLiteral("running");
    case JobState::Suspended:
        return QStringLiteral("suspended");
    case JobState::Finished:
        return QStringLiteral("finished");
    case JobState::Cancelled:
        return QStringLiteral("cancelled");
    case JobState::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("unknown");
}

bool isFinalState(JobState state)
{
    return state == JobState::Finished || state == JobState::Cancelled || state == JobState::Failed;
}

} // namespace timbre::jobs
