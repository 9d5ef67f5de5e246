// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/datasets/interchange/ActivityCsv.h"
#include "core/datasets/interchange/LabelsCsv.h"
#include "core/library/CatalogError.h"
#include "core/library/LabelTypes.h"
#include "core/library/TrackRecord.h"

#include <QJsonObject>

#include <optional>

namespace timbre::library {
class Library;
}

namespace timbre::datasets {

struct ExportedClip
{
    qint64 id = 0;
    QString key; // LabelsCsvImport's name for it
    qint64 trackId = 0;
    QString trackPath;
    double startS = 0;
    std::optional<double> endS; // empty = whole track
    bool isTest = false;
};

struct ExportedLabel
{
    QString clip; // clip key
    QString instrument;
    library::LabelState state = library::LabelState::Unknown;
    library::LabelSource source = library::LabelSource::User;
    QString author;
    qint64 timeMs = 0;
};

struct ExportedPrediction
{
    QString model;
    QString clip;
    QString instrument;
    float score = 0;
};

// Everything the exporters write, read from a catalog in one go (or back from a JSON export).
struct LabelSnapshot
{
    QStringList instruments; // taxonomy order
    QList<library::TrackRecord> tracks;
    QList<ExportedClip> clips; // by id
    QList<ExportedLabel> labels; // by clip key, then taxonomy order
    QList<ExportedPrediction> predictions;

    // Every known label as (clip key, instrument, state): the labels.csv export.
    QList<LabelRecord> weakLabels() const;
    // Present labels of region clips as (whole-track clip key, instrument, start, end): the
    // activity.csv export (see LabelsCsvImport for why strong labels are region clips).
    QList<ActivityRecord> activity() const;
    const ExportedClip *wholeClipOfTrack(qint64 trackId) const;
};

// JSON export of all labels and predictions:
//   {"format": "timbre-labels", "version": 1, "instruments": [...],
//    "clips": [{"key", "track", "start", "end" (null = whole track), "test",
//               "labels": {"<instrument>": {"value", "source", "author", "time"}},
//               "predictions": {"<model>": {"<instrument>": score}}}]}
class JsonExport
{
public:
    // Without `withPredictions` the snapshot has no scores: the labels-only formats (CSV,
    // activity, Audacity) need none, and a library's scores can outweigh its labels a
    // hundred times (a million tracks: 2 million scores).
    static library::CatalogResult<LabelSnapshot> collect(const library::Library &library,
                                                         bool withPredictions = true);
    static QJsonObject toJson(const LabelSnapshot &snapshot);
    static bool write(const QString &path, const LabelSnapshot &snapshot, QString *error);
    // Reads an export back (clips, labels, predictions; tracks only as paths).
    static bool read(const QString &path, LabelSnapshot *out, QString *error);
};

} // namespace timbre::datasets
