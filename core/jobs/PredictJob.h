// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/jobs/JobWorker.h"

#include <functional>

namespace timbre::jobs {

template<typename Options> class JobParameters;

struct PredictOptions
{
    QString libraryFolder;
    qint64 modelId = 0; // 0 = the library's active model
    int batchClips = 512; // clips per prediction chunk and per write transaction
    int threads = 0; // LibTorch intra-op threads; 0 = leave the setting alone
    // Only the clips of these tracks (empty = every track), and of those only this shard's
    // (core/jobs/Shard.h; 0 of 1 = all): by hash bucket, or with trackIds by position in the
    // list. Either makes the run a partial one.
    QList<qint64> trackIds;
    int shardIndex = 0;
    int shardCount = 1;
};

// Bag-level scores of one model for every clip of a library (labelled or not, test clips
// included), written to the catalog's prediction table for the browser, filters and queues.
//
// Opens its own Library on the worker thread. The model's checkpoint is
// <library>/models/<checkpointFile>; its features are the cached ones of the model's
// extractor. Clips are scored and written in chunks of batchClips, one transaction each, so a
// cancel or a kill keeps every chunk already written and never half of one. The run is recorded
// with PredictionStore::beginRun and only a run that reached the end is finished; a cancelled
// or killed one stays unfinished (its model's scores count as incomplete).
//
// A partial run (a shard, or a list of tracks) resumes only an unfinished run of the same part;
// when it finishes and the model has no clip left to score (library/MissingWork.h), it records
// the whole-library run the browser counts, so the last of a Slurm array's tasks completes it.
//
// Progress: done / total clips. Clips without readable features are reported with
// JobContext::reportFailure and skipped. Result keys: modelId, runId, clips (scored), skipped,
// seconds.
class PredictJob : public JobWorker
{
public:
    explicit PredictJob(PredictOptions options);

    QString kind() const override { return QStringLiteral("predict"); }
    QString title() const override;
    JobOutcome run(JobContext &context) override;
    QVariantMap parameters() const override;
    static PredictOptions optionsFrom(const QVariantMap &parameters);
    // The options' keys and members, for parameters() and optionsFrom() alike.
    static const JobParameters<PredictOptions> &parameterFields();

    // Called on the worker thread after each chunk has committed (clips written so far). Lets a
    // test cancel between chunks deterministically; the GUI has no need for it.
    void setChunkWrittenHook(std::function<void(qint64 clipsWritten)> hook)
    {
        m_chunkWritten = std::move(hook);
    }

private:
    PredictOptions m_options;
    std::function<void(qint64)> m_chunkWritten;
};

} // namespace timbre::jobs
