// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/jobs/ExtractSteps.h"

#include "core/features/ExtractorRegistry.h"
#include "core/features/FeatureFileReader.h"
#include "core/jobs/JobContext.h"
#include "core/jobs/JobLibrary.h"
#include "core/jobs/Shard.h"
#include "core/library/CatalogTransaction.h"
#include "core/library/ContentHash.h"
#include "core/library/Library.h"
#include "core/util/ThreadBudget.h"
#include "core/util/WorkerPool.h"

#include "models/api/ModelEngine.h"
#include "models/api/TorchInfo.h"

#include <QFileInfo>

namespace timbre::jobs {

namespace {

struct WorkResult
{
    ExtractRun::WorkItem item;
    QString error; // non-empty = failed
    // The feature store itself could not be written (disk full, read-only): every further
    // track would fail the same way, so the job stops and says so.
    bool storeFailed = false;
    library::FeatureSetRecord row;
    qint64 instances = 0;
    double audioSeconds = 0;
};

// Results waiting for the job's thread at most: the workers cannot run far ahead of the catalog.
constexpr size_t kMaxQueuedResults = 64;
constexpr int kTakeWaitMs = 100;

// The audio file's stamp as it is now: the catalog's content hash is reused while size and
// mtime still match the scan; otherwise the file changed since and is hashed again.
features::SourceStamp currentStamp(const library::TrackRecord &track, QString *error)
{
    features::SourceStamp stamp;
    const QFileInfo info(track.path);
    if (!info.exists()) {
        *error = QStringLiteral("%1: file not found (rescan the library)").arg(track.path);
        return stamp;
    }
    stamp.size = info.size();
    stamp.mtimeMs = info.fileTime(QFileDevice::FileModificationTime).toMSecsSinceEpoch();
    if (stamp.size == track.size && stamp.mtimeMs == track.mtimeMs && !track.contentHash.isEmpty())
        stamp.contentHash = track.contentHash;
    else
        stamp.contentHash = library::ContentHash::computeBlocking(track.path, error);
    return stamp;
}

library::FeatureSetRecord rowFor(qint64 trackId, const features::ExtractorSpec &spec,
                                 const features::FeatureFileHeader &header, int rows,
                                 const QByteArray &contentHash)
{
    library::FeatureSetRecord row;
    row.trackId = trackId;
    row.extractorId = spec.info.id;
    row.extractorVersion = spec.info.version;
    row.instanceHopS = spec.instanceHopSeconds();
    row.instanceCount = rows;
    row.dimension = spec.info.dimension;
    row.file = features::FeatureStore::relativePath(trackId, spec.info.key());
    row.checksum = header.checksumHex();
    row.contentHash = contentHash;
    return row;
}

// One track on an extraction thread: decode, embed, write the file atomically.
WorkResult extractOne(const ExtractRun::WorkItem &item, features::TrackFeatureExtractor &extractor,
                      const features::ExtractorSpec &spec, const features::FeatureStore &store)
{
    WorkResult r;
    r.item = item;
    features::FeatureMatrix m = extractor.extract(item.path);
    if (!m.ok()) {
        r.error = m.error.message;
        return r;
    }
    if (m.rows == 0) {
        r.error = QStringLiteral("%1: too short for one %2 s instance")
                          .arg(item.path)
                          .arg(spec.instanceHopSeconds());
        return r;
    }
    features::FeatureFileHeader header;
    const features::FeatureFileError written
            = store.write(item.trackId, spec.info, m, spec.instanceHopSeconds(), item.stamp,
                          features::FeatureEncoding::Float16, &header);
    if (written.isError()) {
        r.error = written.message;
        r.storeFailed = written.code == features::FeatureFileError::WriteFailed;
        return r;
    }
    r.row = rowFor(item.trackId, spec, header, m.rows, item.stamp.contentHash);
    r.instances = m.rows;
    r.audioSeconds = m.durationSeconds;
    return r;
}

} // namespace

ExtractRun::ExtractRun(JobContext &context, const ExtractOptions &options)
    : context(context), options(options)
{
    clock.start();
}

ExtractRun::~ExtractRun() = default;

std::optional<JobOutcome> ExtractRun::openLibrary()
{
    JobOutcome openFailed;
    lib = openJobLibrary(options.libraryFolder, &openFailed);
    if (!lib)
        return openFailed;
    return std::nullopt;
}

std::optional<JobOutcome> ExtractRun::resolveExtractor()
{
    const features::ExtractorRegistry registry(lib->folder());
    spec = registry.find(options.extractorId);
    if (!spec) {
        QStringList known;
        for (const features::ExtractorSpec &s : registry.all())
            known << s.info.id;
        return JobOutcome::failure(
                QStringLiteral("%1: no extractor '%2' (known: %3)")
                        .arg(lib->folder(), options.extractorId, known.join(QStringLiteral(", "))));
    }
    prototype.emplace(*spec);
    if (!prototype->error().isEmpty())
        return JobOutcome::failure(prototype->error());
    key = spec->info.key();
    store.emplace(lib->featuresPath());
    return std::nullopt;
}

std::optional<JobOutcome> ExtractRun::listTracks()
{
    auto listed = lib->tracks().list(library::ScanState::Ok);
    if (!listed)
        return JobOutcome::failure(listed.error().message);
    const Shard shard {options.shardIndex, options.shardCount};
    const bool fromManifest = !options.trackIds.isEmpty();
    const QSet<qint64> dealt = shard.dealt(options.trackIds);
    for (const library::TrackRecord &track : *listed) {
        if (fromManifest ? dealt.contains(track.id) : shard.holds(track.id))
            tracks.append(track);
    }
    auto rows = lib->featureSets().ofExtractor(spec->info.id, spec->info.version);
    if (!rows)
        return JobOutcome::failure(rows.error().message);
    for (const library::FeatureSetRecord &r : *rows)
        rowByTrack.insert(r.trackId, r);
    return std::nullopt;
}

std::optional<JobOutcome> ExtractRun::checkTracks()
{
    // Reading a header per track is cheap next to decoding.
    progress.stage = QStringLiteral("checking");
    progress.total = tracks.size();
    for (const library::TrackRecord &track : tracks) {
        if (!context.checkpoint())
            return JobOutcome::cancelled(summary());
        ++progress.done;
        progress.currentItem = track.path;
        context.reportProgress(progress);
        QString error;
        WorkItem item {track.id, track.path, currentStamp(track, &error)};
        if (!error.isEmpty()) {
            ++failed;
            context.reportFailure(track.path, error);
            continue;
        }
        // One read decides (the whole small file, so its checksum is verified too).
        const QString path = store->path(track.id, key);
        features::FeatureFileReader reader;
        if (!options.force && !reader.open(path).isError()
            && !features::FeatureStore::staleness(reader.header(), path, spec->info, item.stamp)
                        .isStale()) {
            const auto row = rowByTrack.constFind(track.id);
            if (row != rowByTrack.constEnd() && row->checksum == reader.header().checksumHex()
                && row->contentHash == item.stamp.contentHash) {
                ++fresh;
            } else {
                ++adopted;
                pendingRows << rowFor(track.id, *spec, reader.header(), reader.rows(),
                                      item.stamp.contentHash);
            }
            continue;
        }
        work.push_back(std::move(item));
    }
    const library::CatalogError adoptedWritten = flushRows();
    if (adoptedWritten.isError())
        return JobOutcome::failure(adoptedWritten.message, summary());
    return std::nullopt;
}

JobOutcome ExtractRun::extractQueued()
{
    const int threadCount = util::WorkerPool<WorkResult>::threadsFor(
            work.size(), util::threads::workers(options.threads));
    progress = JobProgress();
    progress.stage = QStringLiteral("extracting");
    progress.total = qint64(work.size());
    progress.failed = failed;
    context.reportProgress(progress);
    // Each worker embeds with its own copy of the extractor (they hold scratch buffers).
    std::vector<features::TrackFeatureExtractor> extractors(size_t(threadCount), *prototype);
    util::WorkerPoolOptions poolOptions;
    poolOptions.threads = threadCount;
    poolOptions.capacity = kMaxQueuedResults;
    poolOptions.onThreadStart = [](int) {
        // Only when an extractor has loaded the model engine: melstat never needs LibTorch.
        if (models::modelEngineLoaded())
            models::setTorchThreads(util::threads::kTorchThreadsPerWorker);
    };
    util::WorkerPool<WorkResult> pool(
            work.size(),
            [&](size_t i, int worker) {
                return extractOne(work[i], extractors[size_t(worker)], *spec, *store);
            },
            poolOptions);

    // The job's thread records what the workers hand over.
    library::CatalogError writeError;
    QString storeError;
    bool cancelled = false;
    for (;;) {
        const auto batch = pool.take(kTakeWaitMs);
        const bool finished = pool.finished();
        for (const auto &[index, r] : batch) {
            ++progress.done;
            progress.currentItem = r.item.path;
            if (!r.error.isEmpty()) {
                ++failed;
                ++progress.failed;
                context.reportFailure(r.item.path, r.error);
                if (r.storeFailed && storeError.isEmpty()) {
                    storeError = r.error;
                    pool.stop();
                }
                continue;
            }
            ++extracted;
            instances += r.instances;
            audioSeconds += r.audioSeconds;
            pendingRows << r.row;
        }
        if (!pendingRows.isEmpty()
            && (pendingRows.size() >= options.batchTracks || finished || pool.stopped())) {
            writeError = flushRows();
            if (writeError.isError())
                pool.stop();
        }
        if (!batch.empty())
            context.reportProgress(progress);
        if (finished)
            break;
        if (!pool.stopped() && !context.checkpoint()) {
            // Files in flight finish and are recorded: nothing done is thrown away.
            cancelled = true;
            pool.stop();
        }
    }
    pool.join();
    if (!pendingRows.isEmpty() && !writeError.isError())
        writeError = flushRows();
    context.noteProgress(progress);
    if (writeError.isError())
        return JobOutcome::failure(writeError.message, summary());
    if (!storeError.isEmpty()) {
        return JobOutcome::failure(
                QStringLiteral("%1; extraction stopped, the %2 tracks finished before are kept")
                        .arg(storeError)
                        .arg(extracted),
                summary());
    }
    if (cancelled || context.isCancelled())
        return JobOutcome::cancelled(summary());
    return JobOutcome::success(summary());
}

library::CatalogError ExtractRun::flushRows()
{
    if (pendingRows.isEmpty())
        return {};
    library::CatalogTransaction tx(lib->database());
    if (tx.beginError().isError())
        return tx.beginError();
    for (const library::FeatureSetRecord &r : pendingRows) {
        auto stored = lib->featureSets().upsert(r);
        if (!stored)
            return stored.error();
    }
    const library::CatalogError committed = tx.commit();
    if (!committed.isError())
        pendingRows.clear();
    return committed;
}

QVariantMap ExtractRun::summary() const
{
    return {{QStringLiteral("tracks"), qint64(tracks.size())},
            {QStringLiteral("fresh"), fresh},
            {QStringLiteral("adopted"), adopted},
            {QStringLiteral("extracted"), extracted},
            {QStringLiteral("failed"), failed},
            {QStringLiteral("instances"), instances},
            {QStringLiteral("audioSeconds"), audioSeconds},
            {QStringLiteral("seconds"), clock.elapsed() / 1000.0},
            {QStringLiteral("extractor"), key}};
}

} // namespace timbre::jobs
