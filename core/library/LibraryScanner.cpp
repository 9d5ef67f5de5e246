// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/library/LibraryScanner.h"

#include "core/library/CatalogDatabase.h"
#include "core/library/CatalogTransaction.h"
#include "core/library/ContentHash.h"
#include "core/library/TrackStore.h"
#include "core/util/ThreadBudget.h"
#include "core/util/WorkerPool.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QSqlQuery>

#include <algorithm>
#include <vector>

namespace timbre::library {

namespace {

constexpr int kMaxRecordedFailures = 1000;
constexpr int kWalkPollEvery = 256;
constexpr int kQueueWaitMs = 50;

struct Candidate
{
    QString path;
    qint64 size = 0;
    qint64 mtimeMs = 0;
};

bool isUnder(const QString &path, const QString &root)
{
    return path.startsWith(root)
            && (root.endsWith(QLatin1Char('/')) || path.size() == root.size()
                || path.at(root.size()) == QLatin1Char('/'));
}

} // namespace

LibraryScanner::LibraryScanner(const CatalogDatabase &db, ScanOptions options)
    : m_db(db), m_options(std::move(options))
{
    if (m_options.batchSize <= 0)
        m_options.batchSize = 500;
    if (m_options.readerThreads <= 0)
        m_options.readerThreads = util::threads::cores();
}

QString LibraryScanner::normalizedRoot(const QString &root)
{
    return QDir::cleanPath(QFileInfo(root).absoluteFilePath());
}

ScannedFile LibraryScanner::readFileBlocking(const QString &path, qint64 size, qint64 mtimeMs)
{
    ScannedFile file;
    file.path = path;
    file.size = size;
    file.mtimeMs = mtimeMs;
    file.tags = TagReader::readBlocking(path);
    if (file.tags.code != TagReadResult::Code::FileNotFound) {
        QString hashError;
        file.contentHash = ContentHash::computeBlocking(path, &hashError);
        if (file.contentHash.isEmpty() && file.tags.ok()) {
            file.tags.code = TagReadResult::Code::Unreadable;
            file.tags.message = hashError;
        }
    }
    return file;
}

namespace {

// One scan's result and its caller's callbacks, shared by the three passes.
struct ScanPass
{
    const LibraryScanner::Callbacks &callbacks;
    ScanResult result;
    ScanStatus status;

    bool shouldContinue() const { return !callbacks.shouldContinue || callbacks.shouldContinue(); }
    void report(const QString &stage, const QString &path)
    {
        status.stage = stage;
        status.currentPath = path;
        status.counts = result.counts;
        if (callbacks.progress)
            callbacks.progress(status);
    }
    void log(const QString &line) const
    {
        if (callbacks.log)
            callbacks.log(line);
    }
    void recordFailure(const ScannedFile &file)
    {
        ++result.counts.failed;
        if (result.failures.size() < kMaxRecordedFailures)
            result.failures.append(file.tags.message);
    }
};

// 1. Walks the roots: every audio file once, the readable roots into *roots, the files seen
// into *seen; returns those whose size or mtime differ from the catalog's (or that it lacks).
std::vector<Candidate> walkRoots(const ScanOptions &options,
                                 const QHash<QString, TrackStamp> &stamps, ScanPass &pass,
                                 QStringList *roots, QSet<QString> *seen)
{
    std::vector<Candidate> toRead;
    for (const QString &rawRoot : std::as_const(options.roots)) {
        const QString root = LibraryScanner::normalizedRoot(rawRoot);
        const QFileInfo rootInfo(root);
        if (!rootInfo.isDir() || !rootInfo.isReadable()) {
            pass.result.rootErrors.append(QStringLiteral("%1: not a readable folder").arg(root));
            pass.log(pass.result.rootErrors.last());
            continue;
        }
        roots->append(root);
        QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        int sincePoll = 0;
        while (it.hasNext()) {
            const QString path = it.next();
            if (++sincePoll >= kWalkPollEvery) {
                sincePoll = 0;
                if (!pass.shouldContinue()) {
                    pass.result.cancelled = true;
                    return toRead;
                }
                pass.report(QStringLiteral("walking"), path);
            }
            if (!TagReader::hasAudioExtension(path) || seen->contains(path))
                continue;
            const QFileInfo info = it.fileInfo();
            const qint64 size = info.size();
            const qint64 mtimeMs
                    = info.fileTime(QFileDevice::FileModificationTime).toMSecsSinceEpoch();
            seen->insert(path);
            ++pass.result.counts.seen;
            const auto stamp = stamps.constFind(path);
            if (stamp != stamps.cend() && stamp->size == size && stamp->mtimeMs == mtimeMs
                && stamp->scanState != ScanState::Missing) {
                ++pass.result.counts.unchanged;
                continue;
            }
            toRead.push_back(Candidate {path, size, mtimeMs});
        }
    }
    return toRead;
}

// 2. Reads the candidates' tags and hashes on a pool of reader threads and writes them on this
// thread in batched transactions, in list order. A cancel discards the partial batch.
CatalogError readAndRecord(const CatalogDatabase &db, const ScanOptions &options,
                           const std::vector<Candidate> &toRead, const QSet<QString> &seen,
                           QHash<QString, TrackStamp> *stamps, ScanPass &pass)
{
    LibraryScannerBatch batch(db, seen, stamps);
    util::WorkerPoolOptions poolOptions;
    poolOptions.threads = util::threads::workers(options.readerThreads);
    // Written in read-list order: a reader runs at most this many files ahead of the next one
    // to be written, so one slow file bounds what waits in memory.
    poolOptions.capacity = size_t(qMax(4 * options.batchSize, 64));
    poolOptions.inOrder = true;
    util::WorkerPool<ScannedFile> readers(
            toRead.size(),
            [&toRead](size_t index, int) {
                const Candidate &candidate = toRead[index];
                return LibraryScanner::readFileBlocking(candidate.path, candidate.size,
                                                        candidate.mtimeMs);
            },
            poolOptions);

    CatalogError writeError;
    for (;;) {
        for (auto &[index, file] : readers.take(kQueueWaitMs)) {
            ++pass.result.counts.read;
            if (!file.tags.ok())
                pass.recordFailure(file);
            const QString path = file.path;
            batch.add(std::move(file));
            if (batch.size() >= options.batchSize) {
                bool abandoned = false;
                writeError = batch.commit(
                        &pass.result.counts, [&pass] { return pass.shouldContinue(); }, &abandoned);
                if (abandoned)
                    pass.result.cancelled = true;
                if (writeError.isError() || abandoned)
                    break;
            }
            pass.report(QStringLiteral("reading"), path);
        }
        if (pass.result.cancelled || writeError.isError())
            break;
        if (!pass.shouldContinue()) {
            pass.result.cancelled = true;
            break;
        }
        if (readers.finished())
            break;
    }
    readers.stop();
    readers.join();
    if (writeError.isError()) {
        batch.discard();
        return writeError;
    }
    if (pass.result.cancelled) {
        batch.discard();
        pass.report(QStringLiteral("cancelled"), QString());
        return {};
    }
    return batch.commit(&pass.result.counts);
}

// 3. Marks the tracks under the scanned roots that were not seen as missing.
CatalogError markVanished(const CatalogDatabase &db, const TrackStore &tracks,
                          const ScanOptions &options, const QHash<QString, TrackStamp> &stamps,
                          const QSet<QString> &seen, const QStringList &roots, ScanPass &pass)
{
    pass.report(QStringLiteral("missing"), QString());
    QList<qint64> vanished;
    for (auto it = stamps.cbegin(); it != stamps.cend(); ++it) {
        if (it->scanState == ScanState::Missing || seen.contains(it.key()))
            continue;
        for (const QString &root : std::as_const(roots)) {
            if (isUnder(it.key(), root)) {
                vanished.append(it->id);
                break;
            }
        }
    }
    if (!vanished.isEmpty()) {
        CatalogTransaction transaction(db);
        if (transaction.beginError().isError())
            return transaction.beginError();
        for (qsizetype from = 0; from < vanished.size(); from += options.batchSize) {
            if (CatalogError error = tracks.markMissing(vanished.mid(from, options.batchSize));
                error.isError())
                return error;
        }
        if (CatalogError error = transaction.commit(); error.isError())
            return error;
        pass.result.counts.missing = vanished.size();
    }
    return {};
}

} // namespace

CatalogResult<ScanResult> LibraryScanner::runBlocking(const Callbacks &callbacks)
{
    ScanPass pass {callbacks, {}, {}};
    // The store methods nest SAVEPOINTs inside the batch transaction; SQLite keeps the pages
    // they may roll back in a sub-journal, a temp file by default. On this connection (the
    // writer's own) that journal stays in memory: a batch is at most a few MiB of pages.
    if (!m_db.isPostgres()) {
        QSqlQuery pragma(m_db.connection());
        pragma.exec(QStringLiteral("PRAGMA temp_store = MEMORY"));
    }
    const TrackStore tracks(m_db);
    auto stampsResult = tracks.stamps();
    if (!stampsResult)
        return stampsResult.error();
    QHash<QString, TrackStamp> stamps = stampsResult.take();

    QStringList roots;
    QSet<QString> seen;
    std::vector<Candidate> toRead = walkRoots(m_options, stamps, pass, &roots, &seen);
    if (pass.result.cancelled || !pass.shouldContinue()) {
        pass.result.cancelled = true;
        return pass.result;
    }
    // New tracks get their ids in path order, whatever the directory order of the file system
    // and however many readers finish first: the same folders scanned twice number their
    // tracks (and clips) the same, so a seeded `library split` draws the same test clips.
    std::sort(toRead.begin(), toRead.end(),
              [](const Candidate &a, const Candidate &b) { return a.path < b.path; });
    pass.report(QStringLiteral("reading"), QString());

    if (CatalogError error = readAndRecord(m_db, m_options, toRead, seen, &stamps, pass);
        error.isError())
        return error;
    if (pass.result.cancelled)
        return pass.result;
    if (CatalogError error = markVanished(m_db, tracks, m_options, stamps, seen, roots, pass);
        error.isError())
        return error;
    pass.report(QStringLiteral("done"), QString());
    return pass.result;
}

} // namespace timbre::library
