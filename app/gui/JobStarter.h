// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/JobStore.h"
#include "widgets/settings/WorkbenchSettings.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace timbre::jobs {
class JobRunner;
class JobWorker;
} // namespace timbre::jobs

namespace timbre::library {
class Library;
}

namespace timbre::gui {

// The workers the window's menus start, built from the user's settings. The GUI only
// queues them on its JobRunner; all of their work runs on the runner's threads.
namespace JobStarter {

std::unique_ptr<jobs::JobWorker> scan(const QString &libraryFolder, const QStringList &roots,
                                      const widgets::WorkbenchSettings &settings);
std::unique_ptr<jobs::JobWorker> extract(const QString &libraryFolder,
                                         const widgets::WorkbenchSettings &settings);
// Mean Teacher; warmStart = true: incremental retrain from the active model.
std::unique_ptr<jobs::JobWorker> train(const QString &libraryFolder, bool warmStart,
                                       const widgets::WorkbenchSettings &settings);
// modelId 0 = the library's active version.
std::unique_ptr<jobs::JobWorker> predict(const QString &libraryFolder,
                                         const widgets::WorkbenchSettings &settings,
                                         qint64 modelId = 0);

// Marks the jobs whose process is gone as interrupted and returns them (oldest first).
// Reads and writes the catalog: call off the GUI thread.
library::CatalogResult<QList<library::JobRecord>>
interruptedBlocking(const library::Library &library);

// Queues a new job for each interrupted one (JobFactory) and marks the old row cancelled,
// pointing at its successor. Returns one line per job that could not be resumed.
QStringList resume(jobs::JobRunner &runner, const library::Library &library,
                   const QList<library::JobRecord> &interrupted);

} // namespace JobStarter

} // namespace timbre::gui
