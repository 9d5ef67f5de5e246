// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QString>

namespace timbre::jobs {
class JobRunner;
}

namespace timbre::widgets {

// The status bar's one line about the runner: "2 jobs running, 1 queued, ETA 0:41", or empty
// when nothing is running or queued. The ETA is the longest of the running jobs' estimates
// (queued jobs have none until they start).
QString jobsSummary(const jobs::JobRunner &runner);

} // namespace timbre::widgets
