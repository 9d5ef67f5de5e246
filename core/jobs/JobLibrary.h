// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// How every job opens its library: the folder must already be a library (a job never creates
// one). On failure the job's outcome names the folder and the problem.
#include "core/jobs/JobWorker.h"

#include <QString>

#include <memory>

namespace timbre::library {
class Library;
}

namespace timbre::jobs {

// The open library, or null with *failure set to the outcome the job returns.
std::unique_ptr<library::Library> openJobLibrary(const QString &folder, JobOutcome *failure);

} // namespace timbre::jobs
