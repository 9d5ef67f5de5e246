// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "CliCommand.h"

#include <QVariantMap>

#include <memory>

namespace timbre::jobs {
class JobWorker;
}

namespace timbre::cli {

struct ForegroundJobOptions
{
    bool quiet = false; // no progress output
    // The library whose job table records the run (`timbre jobs LIB` lists it); empty = none.
    QString libraryFolder;
};

// Runs one job in the foreground of a CLI command, as the GUI's runner would run it in the
// background: progress as a redrawn bar with ETA when stderr is a terminal, one plain line a
// second otherwise; Ctrl-C / SIGTERM cancel it (the job leaves stored data intact). The
// result map is copied to *result. Returns ExitOk, ExitFailure (the error printed through
// `voice`) or ExitCancelled.
int runJobInForeground(std::unique_ptr<jobs::JobWorker> worker, const CommandVoice &voice,
                       QVariantMap *result = nullptr, const ForegroundJobOptions &options = {});

} // namespace timbre::cli
