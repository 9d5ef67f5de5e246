// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QString>
#include <QVariantMap>

#include <memory>

namespace timbre::jobs {

class JobWorker;

// Creates a worker again from what JobWorker::parameters() stored with its job: how an
// interrupted job (library::JobStore) is resumed after a restart. nullptr and *error for a
// kind that cannot be resumed or parameters that do not describe one.
std::unique_ptr<JobWorker> createJobWorker(const QString &kind, const QVariantMap &parameters,
                                           QString *error);

} // namespace timbre::jobs
