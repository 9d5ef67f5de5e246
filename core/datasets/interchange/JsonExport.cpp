// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/interchange/JsonExport.h"

#include "core/datasets/interchange/LabelsCsvImport.h"
#include "core/library/ClipStore.h"
#include "core/library/LabelStore.h"
#include "core/library/Library.h"
#include "core/library/ModelStore.h"
#include "core/library/PredictionStore.h"
#include "core/library/Taxonomy.h"
#include "core/library/TrackStore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace timbre::datasets {

using namespace timbre::library;

namespace {
const QString kFormat = QStringLiteral("timbre-labels");
constexpr int kVersion = 1;
} // namespace

const ExportedClip *LabelSnapshot::wholeClipOfTrack(qint64 trackId) const
{
    for (const ExportedClip &clip : clips) {
        if (clip.trackId == trackId && !clip.endS)
            return &clip;
    }
    return nullptr;
}

QList<LabelRecord> LabelSnapshot::weakLabels() const
{
    QList<LabelRecord> out;
    out.reserve(labels.size());
    for (const ExportedLabel &label : labels)
        out.append(LabelRecord {label.clip, label.instrument, label.state});
    return out;
}

QList<ActivityRecord> LabelSnapshot::activity() const
{
    QHash<QString, const ExportedClip *> byKey;
    QHash<qint64, QString> wholeKeyByTrack;
    for (const ExportedClip &clip : clips) {
        byKey.insert(clip.key, &clip);
        // A clip read back from JSON has no track id (0): it must not stand for every track.
        if (!clip.endS && clip.trackId > 0)
            wholeKeyByTrack.insert(clip.trackId, clip.key);
    }
    QList<ActivityRecord> out;
    for (const ExportedLabel &label : labels) {
        const ExportedClip *clip = byKey.value(label.clip);
        if (!clip || !clip->endS || label.state != LabelState::Present)
            continue;
        QString parent = clip->trackId > 0 ? wholeKeyByTrack.value(clip->trackId) : QString();
        double start = clip->startS;
        double end = *clip->endS;
        if (parent.isEmpty()) {
            // A JSON read back has no track ids: take the parent from the region key.
            if (!LabelsCsvImport::parseRegionKey(clip->key, &parent, &start, &end))
                continue;
        }
        out.append(ActivityRecord {parent, label.instrument, start, end});
    }
    std::stable_sort(out.begin(), out.end(), [](const ActivityRecord &a, const ActivityRecord &b) {
        if (a.clip != b.clip)
            return a.clip < b.clip;
        if (a.start != b.start)
            return a.start < b.start;
        return a.instrument < b.instrument;
    });
    return out;
}

CatalogResult<LabelSnapshot> JsonExport::collect(const Library &library, bool withPredictions)
{
    LabelSnapshot snapshot;
    auto keys = library.taxonomy().keys();
    if (!keys)
        return keys.error();
    snapshot.instruments = *keys;
    auto tracks = library.tracks().list();
    if (!tracks)
        return tracks.error();
    snapshot.tracks = *tracks;
    QHash<qint64, QString> pathById;
    for (const TrackRecord &track : snapshot.tracks)
        pathById.insert(track.id, track.path);

    LabelsCsvImport names(library);
    if (CatalogError error = names.load(); error.isError())
        return error;
    auto clips = library.clips().list();
    if (!clips)
        return clips.error();
    QHash<qint64, QString> keyById;
    for (const ClipRecord &clip : *clips) {
        ExportedClip out;
        out.id = clip.id;
        out.key = names.keyOfClip(clip.id);
        out.trackId = clip.trackId;
        out.trackPath = pathById.value(clip.trackId);
        out.startS = clip.startS;
        out.endS = clip.endS;
        out.isTest = clip.isTest;
        keyById.insert(clip.id, out.key);
        snapshot.clips.append(out);
    }

    auto labels = library.labels().allLabels();
    if (!labels)
        return labels.error();
    for (const Label &label : *labels) {
        snapshot.labels.append(ExportedLabel {keyById.value(label.clipId), label.instrumentKey,
                                              label.state, label.source, label.author,
                                              label.timeMs});
    }
    // Sorted by clip name so that two catalogs holding the same labels export the same file.
    QHash<QString, int> position;
    for (int i = 0; i < snapshot.instruments.size(); ++i)
        position.insert(snapshot.instruments[i], i);
    std::stable_sort(snapshot.labels.begin(), snapshot.labels.end(),
                     [&](const ExportedLabel &a, const ExportedLabel &b) {
                         if (a.clip != b.clip)
                             return a.clip < b.clip;
                         return position.value(a.instrument) < position.value(b.instrument);
                     });

    if (!withPredictions)
        return snapshot;
    auto models = library.models().list();
    if (!models)
        return models.error();
    for (const ModelRecord &model : *models) {
        for (const QString &instrument : std::as_const(snapshot.instruments)) {
            auto scores = library.predictions().scoresOfInstrument(model.id, instrument);
            if (!scores)
                return scores.error();
            for (auto it = scores->cbegin(); it != scores->cend(); ++it) {
                snapshot.predictions.append(ExportedPrediction {model.name, keyById.value(it.key()),
                                                                instrument, it.value()});
            }
        }
    }
    std::stable_sort(snapshot.predictions.begin(), snapshot.predictions.end(),
                     [&](const ExportedPrediction &a, const ExportedPrediction &b) {
                         if (a.model != b.model)
                             return a.model < b.model;
                         if (a.clip != b.clip)
                             return a.clip < b.clip;
                         return position.value(a.instrument) < position.value(b.instrument);
                     });
    return snapshot;
}

QJsonObject JsonExport::toJson(const LabelSnapshot &snapshot)
{
    QHash<QString, QJsonObject> labelsByClip;
    for (const ExportedLabel &label : snapshot.labels) {
        QJsonObject entry {{QStringLiteral("value"), labelStateName(label.state)},
                           {QStringLiteral("source"), labelSourceName(label.source)},
                           {QStringLiteral("author"), label.author},
                           {QStringLiteral("time"), double(label.timeMs)}};
        labelsByClip[label.clip].insert(label.instrument, entry);
    }
    QHash<QString, QJsonObject> predictionsByClip;
    for (const ExportedPrediction &prediction : snapshot.predictions) {
        QJsonObject &models = predictionsByClip[prediction.clip];
        QJsonObject scores = models.value(prediction.model).toObject();
        scores.insert(prediction.instrument, double(prediction.score));
        models.insert(prediction.model, scores);
    }
    QJsonArray clips;
    for (const ExportedClip &clip : snapshot.clips) {
        QJsonObject object {
                {QStringLiteral("key"), clip.key},
                {QStringLiteral("track"), clip.trackPath},
                {QStringLiteral("start"), clip.startS},
                {QStringLiteral("end"), clip.endS ? QJsonValue(*clip.endS) : QJsonValue()},
                {QStringLiteral("test"), clip.isTest},
                {QStringLiteral("labels"), labelsByClip.value(clip.key)}};
        if (predictionsByClip.contains(clip.key))
            object.insert(QStringLiteral("predictions"), predictionsByClip.value(clip.key));
        clips.append(object);
    }
    return QJsonObject {
            {QStringLiteral("format"), kFormat},
            {QStringLiteral("version"), kVersion},
            {QStringLiteral("instruments"), QJsonArray::fromStringList(snapshot.instruments)},
            {QStringLiteral("clips"), clips}};
}

bool JsonExport::write(const QString &path, const LabelSnapshot &snapshot, QString *error)
{
    return LabelsCsv::saveFile(
            path, QJsonDocument(toJson(snapshot)).toJson(QJsonDocument::Indented), error);
}

bool JsonExport::read(const QString &path, LabelSnapshot *out, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot open (%2)").arg(path, file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (doc.isNull() || !doc.isObject()) {
        *error = QStringLiteral("%1: not JSON (%2 at offset %3)")
                         .arg(path, parseError.errorString())
                         .arg(parseError.offset);
        return false;
    }
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("format")).toString() != kFormat
        || root.value(QStringLiteral("version")).toInt() != kVersion) {
        *error = QStringLiteral("%1: not a timbre-labels version %2 export")
                         .arg(path)
                         .arg(kVersion);
        return false;
    }
    LabelSnapshot snapshot;
    for (const QJsonValue &value : root.value(QStringLiteral("instruments")).toArray())
        snapshot.instruments.append(value.toString());
    for (const QJsonValue &value : root.value(QStringLiteral("clips")).toArray()) {
        const QJsonObject object = value.toObject();
        ExportedClip clip;
        clip.key = object.value(QStringLiteral("key")).toString();
        clip.trackPath = object.value(QStringLiteral("track")).toString();
        clip.startS = object.value(QStringLiteral("start")).toDouble();
        if (object.value(QStringLiteral("end")).isDouble())
            clip.endS = object.value(QStringLiteral("end")).toDouble();
        clip.isTest = object.value(QStringLiteral("test")).toBool();
        snapshot.clips.append(clip);
        const QJsonObject labels = object.value(QStringLiteral("labels")).toObject();
        for (const QString &instrument : snapshot.instruments) {
            if (!labels.contains(instrument))
                continue;
            const QJsonObject entry = labels.value(instrument).toObject();
            const auto state = labelStateFromName(entry.value(QStringLiteral("value")).toString());
            const auto source
                    = labelSourceFromName(entry.value(QStringLiteral("source")).toString());
            if (!state || !source) {
                *error = QStringLiteral("%1: clip '%2', instrument '%3': bad value or source")
                                 .arg(path, clip.key, instrument);
                return false;
            }
            snapshot.labels.append(
                    ExportedLabel {clip.key, instrument, *state, *source,
                                   entry.value(QStringLiteral("author")).toString(),
                                   qint64(entry.value(QStringLiteral("time")).toDouble())});
        }
        const QJsonObject models = object.value(QStringLiteral("predictions")).toObject();
        for (auto model = models.begin(); model != models.end(); ++model) {
            const QJsonObject scores = model.value().toObject();
            for (const QString &instrument : snapshot.instruments) {
                if (scores.contains(instrument)) {
                    snapshot.predictions.append(
                            ExportedPrediction {model.key(), clip.key, instrument,
                                                float(scores.value(instrument).toDouble())});
                }
            }
        }
    }
    *out = snapshot;
    return true;
}

} // namespace timbre::datasets
