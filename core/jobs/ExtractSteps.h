// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// ExtractJob::run as named steps over one ExtractRun, in the manner of TrainSteps.h: each step
// reads what the steps before it filled in and returns nothing to go on, or the outcome that
// ends the run. In order:
//   openLibrary       the library folder (it must exist)
//   resolveExtractor  the registry's extractor; a TorchScript module loaded and probed once,
//                     before any thread starts
//   listTracks        the tracks whose scan is ok (or the options' ids) and the catalog's
//                     feature_set rows of this extractor
//   checkTracks       which tracks need work: a current file the catalog records is fresh, a
//                     current one it does not record (a killed run's) is adopted, the rest
//                     are queued
//   extractQueued     decoding and embedding on worker threads, one file each, written
//                     atomically; rows recorded on the job's thread in batched transactions;
//                     a cancel lets files in flight finish and records them
// Threads: every step runs on the job's worker thread, which owns the catalog connection; the
// extraction threads of extractQueued touch only the feature store and the hand-over queue.
#include "core/features/ExtractorSpec.h"
#include "core/features/FeatureStore.h"
#include "core/features/TrackFeatureExtractor.h"
#include "core/jobs/ExtractJob.h"
#include "core/jobs/JobProgress.h"
#include "core/jobs/JobWorker.h"
#include "core/library/FeatureSetStore.h"
#include "core/library/TrackStore.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QSet>
#include <QVariantMap>

#include <memory>
#include <optional>
#include <vector>

namespace timbre::library {
class Library;
}

namespace timbre::jobs {

class JobContext;

struct ExtractRun
{
    ExtractRun(JobContext &context, const ExtractOptions &options);
    ~ExtractRun();

    // One track that needs extracting, with its audio file's stamp as it is now.
    struct WorkItem
    {
        qint64 trackId = 0;
        QString path;
        features::SourceStamp stamp;
    };

    JobContext &context;
    const ExtractOptions &options;
    QElapsedTimer clock; // since the run began
    JobProgress progress;

    std::unique_ptr<library::Library> lib;
    std::optional<features::ExtractorSpec> spec;
    std::optional<features::TrackFeatureExtractor> prototype; // copied by each worker
    std::optional<features::FeatureStore> store;
    QString key; // the extractor's key in feature file names
    QList<library::TrackRecord> tracks;
    QHash<qint64, library::FeatureSetRecord> rowByTrack; // the catalog's rows, by track
    std::vector<WorkItem> work; // filled by checkTracks
    QList<library::FeatureSetRecord> pendingRows; // written by the next flushRows

    qint64 fresh = 0;
    qint64 adopted = 0;
    qint64 failed = 0;
    qint64 extracted = 0;
    qint64 instances = 0;
    double audioSeconds = 0;

    // The steps, in order; each returns the outcome that ends the run, or nothing.
    std::optional<JobOutcome> openLibrary();
    std::optional<JobOutcome> resolveExtractor();
    std::optional<JobOutcome> listTracks();
    std::optional<JobOutcome> checkTracks();
    JobOutcome extractQueued();

    // Records pendingRows in one transaction; an error value when the catalog refused.
    library::CatalogError flushRows();
    QVariantMap summary() const;
};

} // namespace timbre::jobs
