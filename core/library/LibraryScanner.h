// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/CatalogError.h"
#include "core/library/LibraryScannerBatch.h"

#include <QString>
#include <QStringList>

#include <functional>

namespace timbre::library {

class CatalogDatabase;

struct ScanOptions
{
    QStringList roots; // folders scanned recursively
    int readerThreads = 0; // tag-reading threads; 0 = QThread::idealThreadCount()
    int batchSize = 500; // rows per catalog transaction
};

// One progress report of a scan.
struct ScanStatus
{
    QString stage; // "walking", "reading", "missing", "done"
    QString currentPath;
    ScanCounts counts;
};

struct ScanResult
{
    ScanCounts counts;
    bool cancelled = false;
    QStringList rootErrors; // roots that are not readable folders (their tracks left alone)
    QStringList failures; // "<path>: <why>" of unreadable files (the first 1000)
};

// Incremental scan of folder trees into the catalog (docs/ARCHITECTURE.md §4.2).
//
// 1. Walk the roots; audio is recognised by extension. A file whose size and mtime equal the
//    stored ones (and is not marked missing) is skipped.
// 2. The other files are read by a pool of reader threads (TagLib tags + ContentHash) and
//    handed through a bounded queue to the calling thread, the ONE catalog writer, which
//    commits them in batches of `batchSize` (LibraryScannerBatch: a moved file keeps its
//    track id; an unreadable file is stored with scan state error and its message).
// 3. Tracks under the scanned roots that were not seen are marked missing (never dropped:
//    their clips and labels stay). A root that is not a readable folder is reported and
//    its tracks are left untouched (an unmounted disk does not make a library "missing").
//
// `shouldContinue` is polled between files and at least every 50 ms; once it returns false
// the readers stop after their current file, the pending partial batch is discarded and the
// missing pass is skipped, so a cancelled scan leaves only whole committed batches. It may
// block (a suspended job). `progress` is called often; the caller throttles it.
class LibraryScanner
{
public:
    struct Callbacks
    {
        std::function<bool()> shouldContinue;
        std::function<void(const ScanStatus &)> progress;
        std::function<void(const QString &)> log;
    };

    LibraryScanner(const CatalogDatabase &db, ScanOptions options);

    // Runs the scan on the calling thread (which becomes the writer) and its reader pool.
    // An error is a catalog failure that stopped the scan (batches before it stay committed).
    CatalogResult<ScanResult> runBlocking(const Callbacks &callbacks = {});

    // Reads one file as a reader thread does.
    static ScannedFile readFileBlocking(const QString &path, qint64 size, qint64 mtimeMs);
    static QString normalizedRoot(const QString &root);

private:
    const CatalogDatabase &m_db;
    ScanOptions m_options;
};

} // namespace timbre::library
