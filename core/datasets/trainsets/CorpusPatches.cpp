// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/trainsets/CorpusPatches.h"

#include "core/datasets/interchange/ActivityCsv.h"
#include "core/datasets/interchange/LabelsCsv.h"
#include "core/datasets/trainsets/InstanceActivity.h"
#include "core/features/Float16.h"
#include "core/features/TrackFeatureExtractor.h"
#include "core/util/OpenMicClasses.h"
#include "core/util/SaveFile.h"
#include "core/util/WorkerPool.h"

#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSaveFile>

#include <mutex>

namespace timbre::datasets {

namespace {

using models::PatchBagSet;

const quint32 kCacheMagic = 0x54504231; // "TPB1"

// Per clip: patch count, then the patches; keys say which clip is which.
bool readCache(const QString &path, const QStringList &clips, PatchBagSet *out)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    QDataStream in(&file);
    in.setByteOrder(QDataStream::LittleEndian);
    quint32 magic = 0;
    qint32 count = 0;
    in >> magic >> count;
    if (magic != kCacheMagic || count != clips.size())
        return false;
    QList<qint32> sizes;
    for (qint32 i = 0; i < count; ++i) {
        QString key;
        qint32 patches = 0;
        in >> key >> patches;
        if (in.status() != QDataStream::Ok || key != clips[i] || patches < 0)
            return false;
        sizes.append(patches);
    }
    out->bagOffsets.assign(1, 0);
    for (qint32 n : sizes)
        out->bagOffsets.push_back(out->bagOffsets.back() + n);
    out->patches.resize(static_cast<size_t>(out->numPatches()) * PatchBagSet::kPatchValues);
    const qint64 bytes = static_cast<qint64>(out->patches.size() * sizeof(uint16_t));
    if (in.readRawData(reinterpret_cast<char *>(out->patches.data()), int(bytes)) != bytes) {
        out->patches.clear();
        return false;
    }
    return in.atEnd();
}

bool writeCache(const QString &path, const QStringList &clips, const PatchBagSet &set,
                QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("%1: cannot write (%2)").arg(path, file.errorString());
        return false;
    }
    QDataStream out(&file);
    out.setByteOrder(QDataStream::LittleEndian);
    out << kCacheMagic << qint32(clips.size());
    for (int i = 0; i < clips.size(); ++i)
        out << clips[i] << qint32(set.bagSize(i));
    out.writeRawData(reinterpret_cast<const char *>(set.patches.data()),
                     int(set.patches.size() * sizeof(uint16_t)));
    if (!util::commitSaveFile(file)) {
        *error = QStringLiteral("%1: cannot write (%2)").arg(path, file.errorString());
        return false;
    }
    return true;
}

// The corpus' activity.csv as instance truth of the loaded patches (0.96 s each, from the
// clip's start); none when the corpus has no activity.csv. Rows ActivityCsv cannot use are
// left out and named in *warnings (corpora of an earlier midi-corpus hold empty regions at a
// clip's end, "10.000,10.000", which carry no activity anyway).
bool attachActivity(const QDir &dir, const QStringList &clips, const QStringList &classes,
                    PatchBagSet *set, QString *error, QStringList *warnings)
{
    const QString path = dir.filePath(QStringLiteral("activity.csv"));
    if (!QFileInfo::exists(path))
        return true;
    ActivityCsvData rows;
    if (!ActivityCsv::read(path, &rows, error))
        return false;
    for (const DatasetIssue &issue : rows.issues)
        warnings->append(issue.toString() + QStringLiteral(" (row left out)"));
    InstanceActivity activity;
    for (const ActivityRecord &r : rows.records)
        activity.add(r.clip, r.instrument, r.start, r.end);
    const double patchSeconds = PatchBagSet::kFrames * 0.01; // 10 ms hops
    set->instanceTruth.clear();
    for (int i = 0; i < clips.size(); ++i)
        activity.appendTruth(clips[i], set->bagSize(i), patchSeconds,
                             InstanceActivity::kDefaultOverlap, classes, &set->instanceTruth);
    return true;
}

} // namespace

bool CorpusPatches::load(const QString &corpusDir, PatchBagSet *out, QString *error,
                         const Options &options, QStringList *warnings)
{
    QStringList ignored;
    if (!warnings)
        warnings = &ignored;
    const QDir dir(corpusDir);
    const QString labelsPath = dir.filePath(QStringLiteral("labels.csv"));
    LabelsCsvData labels;
    if (!LabelsCsv::read(labelsPath, &labels, error))
        return false;
    QStringList classes = openMicClasses();
    QStringList clips;
    QHash<QString, int> clipIndex;
    for (const LabelRecord &r : labels.records) {
        if (!classes.contains(r.instrument))
            classes.append(r.instrument);
        if (!clipIndex.contains(r.clip)) {
            clipIndex.insert(r.clip, clips.size());
            clips.append(r.clip);
        }
    }
    if (clips.isEmpty()) {
        *error = QStringLiteral("%1: no labelled clips").arg(labelsPath);
        return false;
    }
    PatchBagSet set;
    set.numClasses = static_cast<int>(classes.size());
    for (const QString &c : classes)
        set.classNames.push_back(c.toStdString());
    const size_t C = static_cast<size_t>(set.numClasses);
    set.labels.assign(clips.size() * C, 0.0f);
    set.observed.assign(clips.size() * C, 0);
    for (const LabelRecord &r : labels.records) {
        if (r.state == library::LabelState::Unknown)
            continue;
        const size_t cell = static_cast<size_t>(clipIndex.value(r.clip)) * C
                + static_cast<size_t>(classes.indexOf(r.instrument));
        set.labels[cell] = r.state == library::LabelState::Present ? 1.0f : 0.0f;
        set.observed[cell] = 1;
    }
    for (const QString &clip : clips)
        set.keys.push_back(clip.toStdString());

    const QString cachePath = options.cacheFile.isEmpty()
            ? dir.filePath(QStringLiteral("patches-vggish.f16"))
            : options.cacheFile;
    if (options.useCache && readCache(cachePath, clips, &set)) {
        if (!attachActivity(dir, clips, classes, &set, error, warnings))
            return false;
        *out = std::move(set);
        return true;
    }

    // Mixes by clip name, whatever their format.
    const QDir mixes(dir.filePath(QStringLiteral("mixes")));
    QHash<QString, QString> mixPath;
    for (const QFileInfo &info : mixes.entryInfoList(QDir::Files, QDir::Name))
        mixPath.insert(info.completeBaseName(), info.absoluteFilePath());
    QStringList paths;
    for (const QString &clip : clips) {
        const QString path = mixPath.value(clip);
        if (path.isEmpty()) {
            *error = QStringLiteral("%1: no mix for clip %2").arg(mixes.path(), clip);
            return false;
        }
        paths.append(path);
    }

    // Decoding and log-mel on a few threads; each clip's patches land in its own slot.
    std::vector<std::vector<uint16_t>> perClip(static_cast<size_t>(clips.size()));
    std::mutex failureMutex;
    QString failure;
    const int threads = std::max(1, options.threads);
    std::vector<features::TrackFeatureExtractor> extractors(static_cast<size_t>(threads));
    util::parallelFor(static_cast<size_t>(clips.size()), threads, [&](size_t i, int worker) {
        const int frames = PatchBagSet::kFrames;
        const features::FeatureMatrix mel
                = extractors[static_cast<size_t>(worker)].logMel(paths[int(i)]);
        if (!mel.ok() || mel.cols != PatchBagSet::kBands || mel.rows < frames) {
            std::lock_guard<std::mutex> lock(failureMutex);
            if (failure.isEmpty())
                failure = !mel.ok()
                        ? mel.error.toString()
                        : QStringLiteral("%1: shorter than one 0.96 s patch").arg(paths[int(i)]);
            return;
        }
        const int patches = mel.rows / frames;
        std::vector<uint16_t> &slot = perClip[i];
        slot.resize(static_cast<size_t>(patches) * PatchBagSet::kPatchValues);
        for (size_t k = 0; k < slot.size(); ++k)
            slot[k] = features::float16::fromFloat(mel.values[k]);
    });
    if (!failure.isEmpty()) {
        *error = failure;
        return false;
    }
    set.bagOffsets.assign(1, 0);
    for (const auto &slot : perClip) {
        set.bagOffsets.push_back(set.bagOffsets.back()
                                 + static_cast<int64_t>(slot.size() / PatchBagSet::kPatchValues));
        set.patches.insert(set.patches.end(), slot.begin(), slot.end());
    }
    if (options.useCache && !writeCache(cachePath, clips, set, error))
        return false;
    if (!attachActivity(dir, clips, classes, &set, error, warnings))
        return false;
    *out = std::move(set);
    return true;
}

} // namespace timbre::datasets
