// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QStringList>

namespace timbre::cli {

// `timbre train --library LIB [--model KIND] [--warm-start active|ID] ...`: the train job
// (core/jobs/TrainJob) on a library's clips in the foreground, one summary line on stdout.
// `arguments` as the train command got them ("timbre train" first).
int trainLibrary(const QStringList &arguments);

} // namespace timbre::cli
