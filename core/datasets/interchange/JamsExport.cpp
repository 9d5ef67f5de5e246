// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/interchange/JamsExport.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace timbre::datasets {

using namespace timbre::library;

namespace {

QJsonObject observation(double time, double duration, const QString &value, double confidence)
{
    return QJsonObject {{QStringLiteral("time"), time},
                        {QStringLiteral("duration"), duration},
                        {QStringLiteral("value"), value},
                        {QStringLiteral("confidence"), confidence}};
}

QJsonObject annotation(const QString &tool, const QString &rules, double duration,
                       const QJsonArray &data, const QJsonObject &sandbox)
{
    const QJsonObject metadata {
            {QStringLiteral("curator"),
             QJsonObject {{QStringLiteral("name"), QString()},
                          {QStringLiteral("email"), QString()}}},
            {QStringLiteral("annotator"), QJsonObject()},
            {QStringLiteral("version"), QString()},
            {QStringLiteral("corpus"), QString()},
            {QStringLiteral("annotation_tools"), tool},
            {QStringLiteral("annotation_rules"), rules},
            {QStringLiteral("validation"), QString()},
            {QStringLiteral("data_source"), QStringLiteral("Timbre Workbench")}};
    return QJsonObject {{QStringLiteral("annotation_metadata"), metadata},
                        {QStringLiteral("namespace"), QStringLiteral("tag_open")},
                        {QStringLiteral("data"), data},
                        {QStringLiteral("sandbox"), sandbox},
                        {QStringLiteral("time"), 0.0},
                        {QStringLiteral("duration"), duration}};
}

} // namespace

QJsonObject JamsExport::trackDocument(const LabelSnapshot &snapshot, const TrackRecord &track)
{
    const double duration = track.durationS;
    QHash<QString, const ExportedClip *> clipsByKey;
    for (const ExportedClip &clip : snapshot.clips) {
        if (clip.trackId == track.id)
            clipsByKey.insert(clip.key, &clip);
    }
    QJsonArray present;
    QJsonArray absent;
    QStringList authors;
    QJsonArray activity;
    for (const ExportedLabel &label : snapshot.labels) {
        const ExportedClip *clip = clipsByKey.value(label.clip);
        if (!clip)
            continue;
        if (!label.author.isEmpty() && !authors.contains(label.author))
            authors.append(label.author);
        if (!clip->endS) {
            if (label.state == LabelState::Present)
                present.append(observation(0.0, duration, label.instrument, 1.0));
            else if (label.state == LabelState::Absent)
                absent.append(label.instrument);
        } else if (label.state == LabelState::Present) {
            activity.append(
                    observation(clip->startS, *clip->endS - clip->startS, label.instrument, 1.0));
        }
    }
    QJsonArray annotations;
    const ExportedClip *whole = snapshot.wholeClipOfTrack(track.id);
    annotations.append(annotation(
            QStringLiteral("labels"),
            QStringLiteral("weak labels: instruments present anywhere in the track"), duration,
            present,
            QJsonObject {{QStringLiteral("kind"), QStringLiteral("labels")},
                         {QStringLiteral("clip"), whole ? whole->key : QString()},
                         {QStringLiteral("absent"), absent},
                         {QStringLiteral("authors"), QJsonArray::fromStringList(authors)}}));
    if (!activity.isEmpty()) {
        annotations.append(annotation(
                QStringLiteral("activity"),
                QStringLiteral("strong labels: regions in which the instrument sounds"), duration,
                activity, QJsonObject {{QStringLiteral("kind"), QStringLiteral("activity")}}));
    }
    QHash<QString, QJsonArray> byModel;
    QStringList models;
    for (const ExportedPrediction &prediction : snapshot.predictions) {
        const ExportedClip *clip = clipsByKey.value(prediction.clip);
        if (!clip || clip->endS)
            continue;
        if (!byModel.contains(prediction.model))
            models.append(prediction.model);
        byModel[prediction.model].append(
                observation(0.0, duration, prediction.instrument, prediction.score));
    }
    for (const QString &model : std::as_const(models)) {
        annotations.append(annotation(
                QStringLiteral("model %1").arg(model),
                QStringLiteral("predictions: bag-level probability that the instrument plays"),
                duration, byModel.value(model),
                QJsonObject {{QStringLiteral("kind"), QStringLiteral("prediction")},
                             {QStringLiteral("model"), model}}));
    }
    const QJsonObject fileMetadata {
            {QStringLiteral("title"), track.title},
            {QStringLiteral("artist"), track.artist},
            {QStringLiteral("release"), track.album},
            {QStringLiteral("duration"), duration},
            {QStringLiteral("identifiers"), QJsonObject {{QStringLiteral("path"), track.path}}},
            {QStringLiteral("jams_version"), QStringLiteral("0.3.4")}};
    return QJsonObject {{QStringLiteral("annotations"), annotations},
                        {QStringLiteral("file_metadata"), fileMetadata},
                        {QStringLiteral("sandbox"), QJsonObject()}};
}

bool JamsExport::write(const QString &folder, const LabelSnapshot &snapshot, QStringList *written,
                       QString *error)
{
    if (!QDir().mkpath(folder)) {
        *error = QStringLiteral("%1: cannot create the folder").arg(folder);
        return false;
    }
    QSet<qint64> tracksWithData;
    QHash<QString, qint64> trackByClip;
    for (const ExportedClip &clip : snapshot.clips)
        trackByClip.insert(clip.key, clip.trackId);
    for (const ExportedLabel &label : snapshot.labels)
        tracksWithData.insert(trackByClip.value(label.clip));
    for (const ExportedPrediction &prediction : snapshot.predictions)
        tracksWithData.insert(trackByClip.value(prediction.clip));
    QHash<QString, int> nameCount;
    for (const TrackRecord &track : snapshot.tracks)
        ++nameCount[QFileInfo(track.path).completeBaseName()];
    for (const TrackRecord &track : snapshot.tracks) {
        if (!tracksWithData.contains(track.id))
            continue;
        QString name = QFileInfo(track.path).completeBaseName();
        if (nameCount.value(name) > 1)
            name += QStringLiteral("-%1").arg(track.id);
        const QString path = QDir(folder).filePath(name + QStringLiteral(".jams"));
        const QByteArray json
                = QJsonDocument(trackDocument(snapshot, track)).toJson(QJsonDocument::Indented);
        if (!LabelsCsv::saveFile(path, json, error))
            return false;
        if (written)
            written->append(path);
    }
    return true;
}

} // namespace timbre::datasets
