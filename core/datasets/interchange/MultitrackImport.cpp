// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/interchange/MultitrackImport.h"

#include "core/audio/FfmpegDecoder.h"
#include "core/library/ClipStore.h"
#include "core/library/Library.h"
#include "core/library/LibraryScanner.h"
#include "core/library/TagReader.h"
#include "core/library/TrackStore.h"

#include <QDir>
#include <QFileInfo>

#include <cmath>

namespace timbre::datasets {

using namespace timbre::library;

namespace {

QStringList audioFilesIn(const QString &folder)
{
    QStringList files;
    const QFileInfoList entries
            = QDir(folder).entryInfoList(QDir::Files | QDir::NoDotAndDotDot, QDir::Name);
    for (const QFileInfo &entry : entries) {
        if (TagReader::hasAudioExtension(entry.fileName()))
            files.append(entry.absoluteFilePath());
    }
    return files;
}

QString pickMix(const QStringList &candidates)
{
    for (const QString &path : candidates) {
        if (QFileInfo(path).completeBaseName().toLower().startsWith(QLatin1String("mix")))
            return path;
    }
    return candidates.isEmpty() ? QString() : candidates.first();
}

MultitrackSong songAt(const QString &folder, const QString &key, const QString &mix,
                      const QString &stemsFolder)
{
    MultitrackSong song;
    song.key = key;
    song.folder = folder;
    song.mixPath = mix;
    for (const QString &stem : audioFilesIn(stemsFolder)) {
        StemActivity activity;
        activity.path = stem;
        activity.instrument = QFileInfo(stem).completeBaseName().toLower();
        song.stems.append(activity);
    }
    return song;
}

} // namespace

bool MultitrackImport::analyzeStem(const QString &path, const MultitrackOptions &options,
                                   StemActivity *out, QString *error)
{
    audio::DecodeOptions decode;
    decode.sampleRate = options.analysisRate;
    audio::FfmpegDecoder decoder;
    if (!decoder.open(path, decode)) {
        *error = decoder.error().toString();
        return false;
    }
    const qint64 window = options.analysisRate; // one second
    std::vector<float> block;
    std::vector<double> sums;
    std::vector<qint64> counts;
    qint64 position = 0;
    qint64 n = 0;
    while ((n = decoder.read(block)) > 0) {
        for (qint64 i = 0; i < n; ++i, ++position) {
            const size_t second = size_t(position / window);
            if (second >= sums.size()) {
                sums.resize(second + 1, 0.0);
                counts.resize(second + 1, 0);
            }
            sums[second] += double(block[size_t(i)]) * block[size_t(i)];
            ++counts[second];
        }
    }
    if (n < 0) {
        *error = decoder.error().toString();
        return false;
    }
    out->rmsPerSecond.assign(sums.size(), 0.0f);
    float loudest = 0;
    for (size_t s = 0; s < sums.size(); ++s) {
        out->rmsPerSecond[s] = counts[s] > 0 ? float(std::sqrt(sums[s] / double(counts[s]))) : 0.0f;
        loudest = std::max(loudest, out->rmsPerSecond[s]);
    }
    const double threshold = std::max(options.thresholdRatio * loudest, options.absoluteFloor);
    out->active.assign(sums.size(), false);
    out->regions.clear();
    const double duration = double(position) / double(window);
    for (size_t s = 0; s < sums.size(); ++s) {
        out->active[s] = out->rmsPerSecond[s] >= threshold && out->rmsPerSecond[s] > 0;
        if (!out->active[s])
            continue;
        const double start = double(s);
        const double end = std::min(double(s + 1), duration);
        if (!out->regions.isEmpty() && qAbs(out->regions.last().second - start) < 1e-9)
            out->regions.last().second = end;
        else
            out->regions.append({start, end});
    }
    return true;
}

QList<MultitrackSong> MultitrackImport::findSongs(const QString &root, QList<DatasetIssue> *issues)
{
    QList<MultitrackSong> songs;
    const QDir dir(root);
    // The demo corpus: mixes/<clip>.<ext> and stems/<clip>/<instrument>.<ext>.
    if (dir.exists(QStringLiteral("mixes")) && dir.exists(QStringLiteral("stems"))) {
        for (const QString &mix : audioFilesIn(dir.filePath(QStringLiteral("mixes")))) {
            const QString key = QFileInfo(mix).completeBaseName();
            const QString stems = dir.filePath(QStringLiteral("stems/") + key);
            if (!QFileInfo(stems).isDir()) {
                issues->append({mix, 0, QStringLiteral("no stems folder %1").arg(stems)});
                continue;
            }
            songs.append(songAt(QFileInfo(stems).absoluteFilePath(), key, mix, stems));
        }
        return songs;
    }
    QStringList folders;
    if (dir.exists(QStringLiteral("stems")))
        folders.append(dir.absolutePath());
    else {
        for (const QFileInfo &entry :
             dir.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
            folders.append(entry.absoluteFilePath());
    }
    for (const QString &folder : std::as_const(folders)) {
        const QString stems = QDir(folder).filePath(QStringLiteral("stems"));
        if (!QFileInfo(stems).isDir()) {
            issues->append({folder, 0, QStringLiteral("not a song folder (no stems/)")});
            continue;
        }
        const QString mix = pickMix(audioFilesIn(folder));
        if (mix.isEmpty()) {
            issues->append({folder, 0, QStringLiteral("no mix (an audio file beside stems/)")});
            continue;
        }
        songs.append(songAt(folder, QFileInfo(folder).fileName(), mix, stems));
    }
    return songs;
}

bool MultitrackImport::analyzeSong(MultitrackSong *song, const MultitrackOptions &options,
                                   QString *error)
{
    if (song->stems.isEmpty()) {
        *error = QStringLiteral("%1: no stems").arg(song->folder);
        return false;
    }
    song->durationS = 0;
    for (StemActivity &stem : song->stems) {
        if (!analyzeStem(stem.path, options, &stem, error))
            return false;
        if (!stem.regions.isEmpty())
            song->durationS = std::max(song->durationS, stem.regions.last().second);
        song->durationS = std::max(song->durationS, double(stem.rmsPerSecond.size()));
    }
    return true;
}

void MultitrackImport::toRecords(const MultitrackSong &song, const QString &clipKey,
                                 QList<LabelRecord> *labels, QList<ActivityRecord> *activity)
{
    for (const StemActivity &stem : song.stems) {
        labels->append(LabelRecord {clipKey, stem.instrument,
                                    stem.present() ? LabelState::Present : LabelState::Absent});
        for (const auto &region : stem.regions)
            activity->append(
                    ActivityRecord {clipKey, stem.instrument, region.first, region.second});
    }
}

CatalogResult<ImportReport> MultitrackImport::importInto(const Library &library,
                                                         const QString &root,
                                                         const MultitrackOptions &options)
{
    ImportReport report;
    if (!QFileInfo(root).isDir()) {
        return CatalogError::make(CatalogError::NotFound, root,
                                  QStringLiteral("%1: not a folder").arg(root));
    }
    QList<MultitrackSong> songs = findSongs(root, &report.issues);
    QList<LabelRecord> labels;
    QList<ActivityRecord> activity;
    for (MultitrackSong &song : songs) {
        QString error;
        if (!analyzeSong(&song, options, &error)) {
            report.issues.append({song.folder, 0, error});
            continue;
        }
        const QString mix = QFileInfo(song.mixPath).absoluteFilePath();
        auto known = library.tracks().findByPath(mix);
        if (!known)
            return known.error();
        qint64 trackId = known->has_value() ? (*known)->id : 0;
        if (!trackId) {
            const QFileInfo info(mix);
            const ScannedFile scanned = LibraryScanner::readFileBlocking(
                    mix, info.size(),
                    info.fileTime(QFileDevice::FileModificationTime).toMSecsSinceEpoch());
            auto stored = library.tracks().upsert(LibraryScannerBatch::toRecord(scanned));
            if (!stored)
                return stored.error();
            trackId = *stored;
            ++report.tracksCreated;
        }
        if (auto clip = library.clips().ensureWholeTrackClip(trackId); !clip)
            return clip.error();
        // The mix's path always resolves, whatever the clip's key or base name.
        toRecords(song, mix, &labels, &activity);
    }
    LabelsCsvImport importer(library);
    if (CatalogError error = importer.load(); error.isError())
        return error;
    auto imported = importer.importBoth(labels, activity, root, options.author);
    if (!imported)
        return imported.error();
    imported->issues = report.issues + imported->issues;
    imported->tracksCreated = report.tracksCreated;
    return imported;
}

} // namespace timbre::datasets
