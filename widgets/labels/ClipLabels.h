// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/LabelTypes.h"
#include "core/library/Taxonomy.h"

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace timbre::library {
class Library;
}

namespace timbre::widgets {

// What the label editor shows for one clip or a selection of clips, read from the catalog in
// one go on a worker thread: the taxonomy, each instrument's label (for a selection: how many
// clips have it present / absent), the active model's scores (one clip only), the clip's label
// history and how many labels changed since the active model was trained.
struct ClipLabels
{
    QList<qint64> clipIds;
    // One clip: its track's title (or file name) and, for a region, its bounds.
    QString trackTitle;
    qint64 trackId = 0;
    std::optional<double> regionStartS;
    std::optional<double> regionEndS;

    QList<library::Instrument> instruments; // taxonomy order
    QList<library::LabelState> states; // one clip: per instrument
    QList<int> presentCounts; // per instrument, over clipIds
    QList<int> absentCounts;
    // clip -> instrument key -> known label (no entry = unknown).
    QHash<qint64, QHash<QString, library::LabelState>> labels;
    // clip -> instrument key -> the label's version when it was read (no entry = never
    // written, version 0); an edit is written against it (library::LabelEdit::expectedVersion).
    QHash<qint64, QHash<QString, qint64>> versions;
    // clip -> instrument key -> the active model's bag score (empty without scores).
    QHash<qint64, QHash<QString, float>> scores;

    qint64 modelId = 0; // the active model, 0 = none
    QString modelName;
    QString modelKind;
    qint64 changesSinceTrained = -1; // -1 without a model
    QList<library::LabelHistoryEntry> history; // one clip: newest first

    QString error; // non-empty: could not be read (names the file)

    bool isSingle() const { return clipIds.size() == 1; }
    int indexOf(const QString &key) const;
    library::LabelState label(qint64 clipId, const QString &key) const
    {
        return labels.value(clipId).value(key, library::LabelState::Unknown);
    }
    qint64 version(qint64 clipId, const QString &key) const
    {
        return versions.value(clipId).value(key, 0);
    }
    // The active model's score of instrument `key` on clip `clipId`; nullopt without one.
    std::optional<float> score(qint64 clipId, const QString &key) const;

    static constexpr int kHistoryRows = 200;
    // Any thread (the Library's stores open a connection per thread).
    static ClipLabels loadBlocking(const library::Library &library, const QList<qint64> &clipIds);
};

} // namespace timbre::widgets
