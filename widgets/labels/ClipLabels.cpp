// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/labels/ClipLabels.h"

#include "core/library/ClipStore.h"
#include "core/library/LabelStore.h"
#include "core/library/Library.h"
#include "core/library/ModelStore.h"
#include "core/library/PredictionStore.h"
#include "core/library/TrackStore.h"

#include <QFileInfo>

namespace timbre::widgets {

int ClipLabels::indexOf(const QString &key) const
{
    for (int i = 0; i < instruments.size(); ++i)
        if (instruments.at(i).key == key)
            return i;
    return -1;
}

std::optional<float> ClipLabels::score(qint64 clipId, const QString &key) const
{
    const auto clip = scores.constFind(clipId);
    if (clip == scores.constEnd())
        return std::nullopt;
    const auto s = clip->constFind(key);
    if (s == clip->constEnd())
        return std::nullopt;
    return *s;
}

ClipLabels ClipLabels::loadBlocking(const library::Library &lib, const QList<qint64> &clipIds)
{
    ClipLabels out;
    out.clipIds = clipIds;
    auto instruments = lib.taxonomy().instruments();
    if (!instruments) {
        out.error = instruments.error().message;
        return out;
    }
    out.instruments = *instruments;
    const int n = int(out.instruments.size());
    out.presentCounts = QList<int>(n, 0);
    out.absentCounts = QList<int>(n, 0);
    out.states = QList<library::LabelState>(n, library::LabelState::Unknown);

    auto active = lib.models().active();
    if (active && active->has_value()) {
        out.modelId = (*active)->id;
        out.modelName = (*active)->name;
        out.modelKind = (*active)->kind;
        if (auto since = lib.labels().changesAfter((*active)->labelSnapshot))
            out.changesSinceTrained = *since;
    }

    for (qint64 clipId : clipIds) {
        auto labels = lib.labels().labelsOfClip(clipId);
        if (!labels) {
            out.error = labels.error().message;
            return out;
        }
        for (const library::Label &l : std::as_const(*labels)) {
            const int i = out.indexOf(l.instrumentKey);
            if (i < 0)
                continue;
            out.labels[clipId].insert(l.instrumentKey, l.state);
            if (l.state == library::LabelState::Present)
                ++out.presentCounts[i];
            else if (l.state == library::LabelState::Absent)
                ++out.absentCounts[i];
            if (clipIds.size() == 1)
                out.states[i] = l.state;
        }
        if (out.modelId > 0) {
            auto scores = lib.predictions().scoresOfClip(out.modelId, clipId);
            if (scores && !scores->isEmpty()) {
                QHash<QString, float> &row = out.scores[clipId];
                for (const library::PredictionScore &s : std::as_const(*scores))
                    row.insert(s.instrumentKey, s.score);
            }
        }
    }

    if (clipIds.size() == 1) {
        const qint64 clipId = clipIds.first();
        auto clip = lib.clips().findById(clipId);
        if (!clip || !clip->has_value()) {
            out.error = clip ? QStringLiteral("%1: no clip %2").arg(lib.databasePath()).arg(clipId)
                             : clip.error().message;
            return out;
        }
        out.trackId = (*clip)->trackId;
        if (!(*clip)->isWholeTrack()) {
            out.regionStartS = (*clip)->startS;
            out.regionEndS = (*clip)->endS;
        }
        if (auto track = lib.tracks().findById(out.trackId); track && track->has_value()) {
            out.trackTitle = (*track)->title.isEmpty() ? QFileInfo((*track)->path).fileName()
                                                       : (*track)->title;
        }
        auto history = lib.labels().history(clipId, kHistoryRows);
        if (history)
            out.history = *history;
    }
    // Every clip's: a bulk edit of a selection is checked clip by clip too.
    auto versions = lib.labels().versions(clipIds);
    if (!versions) {
        out.error = versions.error().message;
        return out;
    }
    out.versions = *versions;
    return out;
}

} // namespace timbre::widgets
