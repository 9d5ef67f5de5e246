// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/library/LibraryScanner.h"

#include "core/library/CatalogDatabase.h"
#include "core/library/CatalogTransaction.h"
#include "core/library/ContentHash.h"
#include "core/library/TrackStore.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QMutex>
#include <QSqlQuery>
#include <QThread>
#include <QThreadPool>
#include <QWaitCondition>

#include <algorithm>
#include <atomic>
#include <deque>
#include <map>
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

// The hand-over between reader threads and the writer: bounded, so readers cannot run
// ahead of the database by more than a few batches.
struct ReadQueue
{
    QMutex mutex;
    QWaitCondition notEmpty;
    QWaitCondition notFull;
    std::deque<std::pair<size_t, ScannedFile>> files; // (index in the read list, file)
    int activeReaders = 0;
    size_t capacity = 2000;
    // Files are written in read-list order: a reader may run at most `capacity` files ahead
    // of the next one to be written, so one slow file bounds what waits in memory.
    size_t written = 0;
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
        m_options.readerThreads = qMax(1, QThread::idealThreadCount());
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

CatalogResult<ScanResult> LibraryScanner::runBlocking(const Callbacks &callbacks)
{
    ScanResult result;
    ScanStatus status;
    auto shouldContinue = [&] { return !callbacks.shouldContinue || callbacks.shouldContinue(); };
    auto report = [&](const QString &stage, const QString &path) {
        status.stage = stage;
        status.currentPath = path;
        status.counts = result.counts;
        if (callbacks.progress)
            callbacks.progress(status);
    };
    auto log = [&](const QString &line) {
        if (callbacks.log)
            callbacks.log(line);
    };
    auto recordFailure = [&](const ScannedFile &file) {
        ++result.counts.failed;
        if (result.failures.size() < kMaxRecordedFailures)
            result.failures.append(file.tags.message);
    };

    // The store methods nest SAVEPOINTs inside the batch transaction; SQLite keeps the pages
    // they may roll back in a sub-journal, a temp file by default. On this connection (the
    // writer's own) that journal stays in memory: a batch is at most a few MiB of pages.
    {
        QSqlQuery pragma(m_db.connection());
        pragma.exec(QStringLiteral("PRAGMA temp_store = MEMORY"));
    }
    const TrackStore tracks(m_db);
    auto stampsResult = tracks.stamps();
    if (!stampsResult)
        return stampsResult.error();
    QHash<QString, TrackStamp> stamps = stampsResult.take();

    // 1. Walk.
    QStringList roots;
    QSet<QString> seen;
    std::vector<Candidate> toRead;
    for (const QString &rawRoot : std::as_const(m_options.roots)) {
        const QString root = normalizedRoot(rawRoot);
        const QFileInfo rootInfo(root);
        if (!rootInfo.isDir() || !rootInfo.isReadable()) {
            result.rootErrors.append(QStringLiteral("%1: not a readable folder").arg(root));
            log(result.rootErrors.last());
            continue;
        }
        roots.append(root);
        QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        int sincePoll = 0;
        while (it.hasNext()) {
            const QString path = it.next();
            if (++sincePoll >= kWalkPollEvery) {
                sincePoll = 0;
                if (!shouldContinue()) {
                    result.cancelled = true;
                    return result;
                }
                report(QStringLiteral("walking"), path);
            }
            if (!TagReader::hasAudioExtension(path) || seen.contains(path))
                continue;
            const QFileInfo info = it.fileInfo();
            const qint64 size = info.size();
            const qint64 mtimeMs
                    = info.fileTime(QFileDevice::FileModificationTime).toMSecsSinceEpoch();
            seen.insert(path);
            ++result.counts.seen;
            const auto stamp = stamps.constFind(path);
            if (stamp != stamps.cend() && stamp->size == size && stamp->mtimeMs == mtimeMs
                && stamp->scanState != ScanState::Missing) {
                ++result.counts.unchanged;
                continue;
            }
            toRead.push_back(Candidate {path, size, mtimeMs});
        }
    }
    if (!shouldContinue()) {
        result.cancelled = true;
        return result;
    }
    // New tracks get their ids in path order, whatever the directory order of the file system
    // and however many readers finish first: the same folders scanned twice number their
    // tracks (and clips) the same, so a seeded `library split` draws the same test clips.
    std::sort(toRead.begin(), toRead.end(),
              [](const Candidate &a, const Candidate &b) { return a.path < b.path; });
    report(QStringLiteral("reading"), QString());

    // 2. Read on the pool, write here.
    LibraryScannerBatch batch(m_db, seen, &stamps);
    std::atomic<size_t> next {0};
    std::atomic<bool> stop {false};
    ReadQueue queue;
    queue.capacity = size_t(qMax(4 * m_options.batchSize, 64));
    QThreadPool readers;
    const int readerCount
            = int(qMin<size_t>(size_t(m_options.readerThreads), qMax<size_t>(1, toRead.size())));
    readers.setMaxThreadCount(readerCount);
    // The count is fixed before any reader starts: a fast reader may finish (and decrement
    // activeReaders) before the last one is started.
    const int startedReaders = toRead.empty() ? 0 : readerCount;
    queue.activeReaders = startedReaders;
    for (int r = 0; r < startedReaders; ++r) {
        readers.start([&] {
            while (!stop.load(std::memory_order_relaxed)) {
                const size_t index = next.fetch_add(1);
                if (index >= toRead.size())
                    break;
                const Candidate &candidate = toRead[index];
                ScannedFile file
                        = readFileBlocking(candidate.path, candidate.size, candidate.mtimeMs);
                QMutexLocker lock(&queue.mutex);
                while ((queue.files.size() >= queue.capacity
                        || index >= queue.written + queue.capacity)
                       && !stop.load())
                    queue.notFull.wait(&queue.mutex, kQueueWaitMs);
                queue.files.emplace_back(index, std::move(file));
                queue.notEmpty.wakeOne();
            }
            QMutexLocker lock(&queue.mutex);
            --queue.activeReaders;
            queue.notEmpty.wakeAll();
        });
    }

    CatalogError writeError;
    auto stopReaders = [&] {
        stop.store(true);
        {
            QMutexLocker lock(&queue.mutex);
            queue.notFull.wakeAll();
        }
        readers.waitForDone();
    };
    std::map<size_t, ScannedFile> pending; // arrived ahead of their turn
    size_t nextIndex = 0;
    for (;;) {
        std::deque<std::pair<size_t, ScannedFile>> arrived;
        bool readersDone = false;
        {
            QMutexLocker lock(&queue.mutex);
            if (queue.files.empty() && queue.activeReaders > 0)
                queue.notEmpty.wait(&queue.mutex, kQueueWaitMs);
            arrived.swap(queue.files);
            readersDone = queue.activeReaders == 0 && arrived.empty();
        }
        for (auto &[index, file] : arrived)
            pending.emplace(index, std::move(file));
        std::vector<ScannedFile> inOrder;
        while (!pending.empty() && pending.begin()->first == nextIndex) {
            inOrder.push_back(std::move(pending.begin()->second));
            pending.erase(pending.begin());
            ++nextIndex;
        }
        {
            QMutexLocker lock(&queue.mutex);
            queue.written = nextIndex;
            queue.notFull.wakeAll();
        }
        for (ScannedFile &file : inOrder) {
            ++result.counts.read;
            if (!file.tags.ok())
                recordFailure(file);
            const QString path = file.path;
            batch.add(std::move(file));
            if (batch.size() >= m_options.batchSize) {
                bool abandoned = false;
                writeError = batch.commit(&result.counts, shouldContinue, &abandoned);
                if (abandoned)
                    result.cancelled = true;
                if (writeError.isError() || abandoned)
                    break;
            }
            report(QStringLiteral("reading"), path);
        }
        if (result.cancelled || writeError.isError())
            break;
        if (!shouldContinue()) {
            result.cancelled = true;
            break;
        }
        if (readersDone)
            break;
    }
    stopReaders();
    if (writeError.isError()) {
        batch.discard();
        return writeError;
    }
    if (result.cancelled) {
        batch.discard();
        report(QStringLiteral("cancelled"), QString());
        return result;
    }
    if (CatalogError error = batch.commit(&result.counts); error.isError())
        return error;

    // 3. Tracks that vanished from the scanned roots.
    report(QStringLiteral("missing"), QString());
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
        CatalogTransaction transaction(m_db);
        if (transaction.beginError().isError())
            return transaction.beginError();
        for (qsizetype from = 0; from < vanished.size(); from += m_options.batchSize) {
            if (CatalogError error = tracks.markMissing(vanished.mid(from, m_options.batchSize));
                error.isError())
                return error;
        }
        if (CatalogError error = transaction.commit(); error.isError())
            return error;
        result.counts.missing = vanished.size();
    }
    report(QStringLiteral("done"), QString());
    return result;
}

} // namespace timbre::library
