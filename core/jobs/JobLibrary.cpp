// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/jobs/JobLibrary.h"

#include "core/library/Library.h"

namespace timbre::jobs {

std::unique_ptr<library::Library> openJobLibrary(const QString &folder, JobOutcome *failure)
{
    auto opened = library::Library::open(folder, library::Library::OpenMode::ExistingOnly);
    if (!opened) {
        *failure = JobOutcome::failure(opened.error().message);
        return nullptr;
    }
    return opened.take();
}

} // namespace timbre::jobs
