// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/interchange/OpenMicImport.h"

#include "core/datasets/trainsets/OpenMicDataset.h"
#include "core/library/CatalogTransaction.h"
#include "core/library/ClipStore.h"
#include "core/library/Library.h"
#include "core/library/LibraryScanner.h"
#include "core/library/Taxonomy.h"
#include "core/library/TrackStore.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>

namespace timbre::datasets {

using namespace timbre::library;

namespace {

constexpr int kChunk = 500;

void appendBagLabels(const models::BagSet &bags, const QStringList &classes,
                     QList<LabelRecord> *labels, QStringList *keys)
{
    for (int b = 0; b < bags.numBags(); ++b) {
        const QString key = QString::fromStdString(bags.keys[size_t(b)]);
        keys->append(key);
        for (int c = 0; c < bags.numClasses; ++c) {
            const size_t at = size_t(b) * size_t(bags.numClasses) + size_t(c);
            if (!bags.observed[at])
                continue;
            labels->append(LabelRecord {key, classes[c],
                                        bags.labels[at] >= 0.5f ? LabelState::Present
                                                                : LabelState::Absent});
        }
    }
}

} // namespace

QString OpenMicImport::audioPath(const QString &folder, const QString &sampleKey)
{
    return QDir(QFileInfo(folder).absoluteFilePath())
            .filePath(QStringLiteral("audio/%1/%2.ogg").arg(sampleKey.left(3), sampleKey));
}

CatalogResult<ImportReport> OpenMicImport::importInto(const Library &library, const QString &folder,
                                                      const OpenMicImportOptions &options)
{
    NpzDataset dataset;
    const NpzError loaded = OpenMicDataset::load(folder, &dataset, options.split);
    if (!loaded.ok()) {
        return CatalogError::make(loaded.code == NpzErrorCode::FileNotFound
                                          ? CatalogError::NotFound
                                          : CatalogError::InvalidArgument,
                                  folder, loaded.message);
    }
    ImportReport report;
    for (const QString &warning : std::as_const(dataset.warnings))
        report.issues.append({folder, 0, warning});
    if (dataset.train.keys.size() != size_t(dataset.train.numBags())
        || dataset.test.keys.size() != size_t(dataset.test.numBags())) {
        return CatalogError::make(
                CatalogError::InvalidArgument, folder,
                QStringLiteral("%1: the data set has no sample keys").arg(folder));
    }

    QList<LabelRecord> labels;
    QStringList trainKeys;
    QStringList testKeys;
    appendBagLabels(dataset.train, dataset.classNames, &labels, &trainKeys);
    appendBagLabels(dataset.test, dataset.classNames, &labels, &testKeys);

    CatalogTransaction transaction(library.database());
    if (transaction.beginError().isError())
        return transaction.beginError();

    auto existing = library.taxonomy().keys();
    if (!existing)
        return existing.error();
    for (const QString &name : std::as_const(dataset.classNames)) {
        if (existing->contains(name))
            continue;
        auto added = library.taxonomy().add(name, name);
        if (!added)
            return added.error();
        report.issues.append(
                {folder, 0, QStringLiteral("added instrument '%1' to the taxonomy").arg(name)});
    }

    // Tracks and clips for the keys the catalog does not know yet.
    LabelsCsvImport importer(library);
    if (CatalogError error = importer.load(); error.isError())
        return error;
    const QStringList allKeys = trainKeys + testKeys;
    QList<TrackRecord> newTracks;
    QStringList newKeys;
    for (const QString &key : allKeys) {
        QString why;
        auto clip = importer.resolve(key, false, &why);
        if (!clip)
            return clip.error();
        if (clip->has_value())
            continue;
        const QString path = audioPath(folder, key);
        const QFileInfo info(path);
        TrackRecord record;
        if (info.isFile()) {
            record = LibraryScannerBatch::toRecord(LibraryScanner::readFileBlocking(
                    path, info.size(),
                    info.fileTime(QFileDevice::FileModificationTime).toMSecsSinceEpoch()));
        } else {
            record.path = path;
            record.title = key;
            record.scanState = ScanState::Missing;
        }
        newTracks.append(record);
        newKeys.append(key);
    }
    QHash<QString, qint64> clipOfKey;
    for (qsizetype from = 0; from < newTracks.size(); from += kChunk) {
        auto ids = library.tracks().upsertBatch(newTracks.mid(from, kChunk));
        if (!ids)
            return ids.error();
        for (qsizetype i = 0; i < ids->size(); ++i) {
            auto clip = library.clips().ensureWholeTrackClip(ids->at(i));
            if (!clip)
                return clip.error();
            const QString &key = newKeys.at(from + i);
            auto current = library.clips().findById(*clip);
            if (!current)
                return current.error();
            if (current->has_value() && (*current)->key != key) {
                if (CatalogError error = library.clips().setKey(*clip, key); error.isError())
                    return error;
            }
            clipOfKey.insert(key, *clip);
        }
    }
    report.tracksCreated = int(newTracks.size());
    if (CatalogError error = importer.load(); error.isError())
        return error;

    // The official split: test clips are held out of training.
    QList<qint64> testClips;
    QList<qint64> trainClips;
    for (const QString &key : std::as_const(testKeys)) {
        QString why;
        auto clip = importer.resolve(key, false, &why);
        if (clip && clip->has_value())
            testClips.append(**clip);
    }
    for (const QString &key : std::as_const(trainKeys)) {
        QString why;
        auto clip = importer.resolve(key, false, &why);
        if (clip && clip->has_value())
            trainClips.append(**clip);
    }
    if (CatalogError error = library.clips().setTest(testClips, true); error.isError())
        return error;
    if (CatalogError error = library.clips().setTest(trainClips, false); error.isError())
        return error;

    auto imported = importer.importLabels(
            labels, QDir(folder).filePath(OpenMicDataset::npzFileName()), options.author);
    if (!imported)
        return imported.error();
    if (CatalogError error = transaction.commit(); error.isError())
        return error;
    imported->issues = report.issues + imported->issues;
    imported->tracksCreated = report.tracksCreated;
    return imported;
}

} // namespace timbre::datasets
