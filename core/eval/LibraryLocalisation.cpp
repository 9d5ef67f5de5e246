// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/eval/LibraryLocalisation.h"

#include "core/inference/InstanceLevel.h"
#include "core/inference/TrackAttention.h"
#include "core/library/ClipStore.h"
#include "core/library/LabelStore.h"
#include "core/library/Library.h"

#include <algorithm>

namespace timbre::eval {

std::vector<uint8_t> LibraryLocalisation::activity(const QList<Span> &spans,
                                                   const QStringList &classKeys, int instances,
                                                   double hopS)
{
    const int classes = int(classKeys.size());
    std::vector<uint8_t> active(size_t(instances) * size_t(classes), 0);
    for (int c = 0; c < classes; ++c) {
        // Overlap of each instance window with the union of this instrument's spans: sorted and
        // merged first so that overlapping imported spans are not counted twice.
        std::vector<std::pair<double, double>> merged;
        for (const Span &s : spans)
            if (s.instrument == classKeys.at(c) && s.endS > s.startS)
                merged.emplace_back(s.startS, s.endS);
        std::sort(merged.begin(), merged.end());
        std::vector<std::pair<double, double>> unions;
        for (const auto &span : merged) {
            if (!unions.empty() && span.first <= unions.back().second)
                unions.back().second = std::max(unions.back().second, span.second);
            else
                unions.push_back(span);
        }
        for (int i = 0; i < instances; ++i) {
            const double a = i * hopS;
            const double b = a + hopS;
            double covered = 0;
            for (const auto &[s, e] : unions)
                covered += std::max(0.0, std::min(b, e) - std::max(a, s));
            if (covered >= 0.5 * hopS)
                active[size_t(i) * size_t(classes) + size_t(c)] = 1;
        }
    }
    return active;
}

LibraryLocalisationResult LibraryLocalisation::evaluate(const library::Library &library,
                                                        qint64 modelId,
                                                        const QList<qint64> &trackIds,
                                                        const LocalisationScoring &scoring)
{
    LibraryLocalisationResult out;
    inference::TrackAttention attention(library);
    attention.setOverlap(scoring.overlap);
    attention.setLevel(scoring.level);
    std::vector<TrackActivity> tracks;
    QStringList classKeys;
    QList<qint64> seen;
    int failed = 0;
    QString overlapNote; // the first reason a track's shifted grid could not be scored
    QString levelNote; // the first reason a track's levels could not be read
    for (qint64 trackId : trackIds) {
        if (seen.contains(trackId))
            continue;
        seen << trackId;
        auto clips = library.clips().clipsOfTrack(trackId);
        if (!clips)
            continue;
        QList<Span> spans;
        for (const library::ClipRecord &clip : *clips) {
            if (clip.isWholeTrack())
                continue;
            auto labels = library.labels().labelsOfClip(clip.id);
            if (!labels)
                continue;
            for (const library::Label &l : *labels)
                if (l.state == library::LabelState::Present)
                    spans << Span {l.instrumentKey, clip.startS, *clip.endS};
        }
        if (spans.isEmpty())
            continue; // no strong labels on this track
        const inference::TrackAttentionResult r = attention.compute(trackId, modelId);
        if (!r.ok() || r.instances == 0) {
            ++failed;
            continue;
        }
        // A '+overlap' score without the shifted grid would quietly be the plain one.
        if (scoring.overlap && r.overlapScores.size() != r.instanceScores.size()) {
            ++failed;
            if (overlapNote.isEmpty())
                overlapNote = r.overlapNote;
            continue;
        }
        // Nor may a '+level' score quietly be one without the level.
        if (scoring.level && r.levelsDb.size() != size_t(r.instances)) {
            ++failed;
            if (levelNote.isEmpty())
                levelNote = r.levelNote;
            continue;
        }
        classKeys = r.classKeys;
        TrackActivity t;
        t.key = QString::number(trackId);
        t.frames = r.instances;
        std::vector<float> instanceScores = scoring.overlap ? r.overlapScores : r.instanceScores;
        if (scoring.level)
            instanceScores = inference::InstanceLevel::blend(
                    instanceScores, r.instances, r.classes, r.levelsDb,
                    inference::InstanceLevel::kWeightPerDb, scoring.levelWindow);
        t.scores = Localisation::perSecond(instanceScores, r.attention, r.clipScores, r.instances,
                                           r.classes, scoring);
        if (t.scores.empty()) {
            ++failed;
            continue;
        }
        t.active = activity(spans, r.classKeys, r.instances, r.hopS);
        tracks.push_back(std::move(t));
    }
    out.tracks = int(tracks.size());
    if (tracks.empty()) {
        out.note = failed > 0 ? QStringLiteral("no localisation: %1 tracks with strong labels "
                                               "could not be scored")
                                        .arg(failed)
                              : QStringLiteral("no localisation: none of the evaluated tracks "
                                               "has strong labels (import an activity.csv)");
        if (!overlapNote.isEmpty())
            out.note += QStringLiteral("; shifted grid: %1").arg(overlapNote);
        if (!levelNote.isEmpty())
            out.note += QStringLiteral("; levels: %1").arg(levelNote);
        return out;
    }
    out.table = Localisation::table(tracks, int(classKeys.size()));
    out.withinTrack = Localisation::withinTrack(tracks, int(classKeys.size()));
    out.note = QStringLiteral("localisation on %1 tracks with imported activity regions")
                       .arg(out.tracks);
    if (failed > 0)
        out.note += QStringLiteral(" (%1 could not be scored)").arg(failed);
    if (!overlapNote.isEmpty())
        out.note += QStringLiteral("; shifted grid: %1").arg(overlapNote);
    if (!levelNote.isEmpty())
        out.note += QStringLiteral("; levels: %1").arg(levelNote);
    return out;
}

} // namespace timbre::eval
