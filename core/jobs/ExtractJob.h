// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/jobs/JobWorker.h"

namespace timbre::jobs {

template<typename Options> class JobParameters;

struct ExtractOptions
{
    QString libraryFolder;
    QString extractorId = QStringLiteral("melstat"); // a registry id (features::ExtractorRegistry)
    // Decode + extract threads across files; 0 = all cores. A TorchScript extractor runs its
    // module on one LibTorch thread per worker, so the total stays at this number.
    int threads = 0;
    bool force = false; // recompute fresh features too
    int batchTracks = 32; // feature_set rows per catalog transaction
    // Tracks to extract (empty = every track whose scan state is ok).
    QList<qint64> trackIds;
    // Of those, only this shard's (core/jobs/Shard.h; 0 of 1 = all): the tracks whose hash
    // bucket it is, or with trackIds the ones dealt to it by their position in the list.
    int shardIndex = 0;
    int shardCount = 1;
};

// Extracts the features of every track of a library that has none, or stale ones, for one
// extractor: the decoding and embedding run on a pool of worker threads, one file each, and
// each file is written atomically to the feature store (features::FeatureStore); this thread
// records them in feature_set in batched transactions and reports progress.
//
// Resumable by construction: a track is skipped when its feature file is current (same
// extractor id / version / dimension, same audio size, mtime and content hash), whether or not
// the catalog already has its row, so an extraction killed after writing files but before
// recording them adopts those files on the next run instead of recomputing them. A file that
// cannot be decoded is a per-item failure (logged, persisted with the job); the batch goes on.
// Cancel takes effect after the files in flight (at most one per thread).
//
// Progress: stage "checking" then "extracting", done / total = tracks processed / to process.
// Result keys: tracks, fresh (skipped as current), adopted (file current, row added),
// extracted, failed, instances, audioSeconds, seconds, extractor (key).
class ExtractJob : public JobWorker
{
public:
    explicit ExtractJob(ExtractOptions options);

    QString kind() const override { return QStringLiteral("extract"); }
    QString title() const override;
    JobOutcome run(JobContext &context) override;
    QVariantMap parameters() const override;
    static ExtractOptions optionsFrom(const QVariantMap &parameters);
    // The options' keys and members, for parameters() and optionsFrom() alike.
    static const JobParameters<ExtractOptions> &parameterFields();

private:
    ExtractOptions m_options;
};

} // namespace timbre::jobs
