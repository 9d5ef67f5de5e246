// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A library made in the test for the instrumentation overview: N tracks (the paths need not
// exist) with genre, artist, album and track number, a whole-track clip each (but the last
// track, which has none: a browser row whose labels are all unknown), labels and one model's
// scores, all from the closed-form rules below, so a test can work out every count by
// looping over the rules instead of asking the catalog. A region clip with a label on track 0
// is there to be left out (the browser lists whole-track clips only).
#include "core/library/ClipStore.h"
#include "core/library/LabelStore.h"
#include "core/library/Library.h"
#include "core/library/ModelStore.h"
#include "core/library/PredictionStore.h"
#include "core/library/Taxonomy.h"
#include "core/library/TrackStore.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace timbre::testing {

struct OverviewLibraryOptions
{
    int tracks = 40;
    int instruments = 4; // the first N taxonomy keys get labels and scores; the rest none
    int labelModulus = 5; // of every labelModulus cells: 2 present, 1 absent, the rest unknown
};

namespace overview_rules {

inline QString genre(int track)
{
    static const char *genres[] = {"Rock", "Jazz", "Classical", ""};
    return QString::fromLatin1(genres[track % 4]);
}
inline QString artist(int track) { return QStringLiteral("Artist %1").arg(track % 7); }
inline QString album(int track) { return QStringLiteral("Album %1").arg(track / 12); }
// Numbered 12..1 within an album (reverse of insertion), every 6th unnumbered.
inline int trackNumber(int track) { return track % 6 == 5 ? 0 : 12 - track % 12; }
// Instrument k changes every k + 1 tracks, so that instruments overlap on some clips.
inline library::LabelState label(int track, int instrument, int modulus)
{
    const int h = (track / (instrument + 1) + instrument) % modulus;
    return h < 2 ? library::LabelState::Present
                 : h == 2 ? library::LabelState::Absent : library::LabelState::Unknown;
}
// Twentieths, so that scores equal to a threshold (0.5, 0.3) occur.
inline float score(int track, int instrument)
{
    return float((track * 7 + instrument * 3) % 20) / 20.0f;
}

} // namespace overview_rules

struct OverviewLibrary
{
    QStringList keys; // the instruments with labels and scores
    QList<qint64> trackIds;
    QList<qint64> clipIds; // one fewer than tracks: the last track has no clip
    qint64 modelId = 0;
    QString error; // empty on success
};

inline OverviewLibrary makeOverviewLibrary(const library::Library &lib,
                                           const OverviewLibraryOptions &o = {})
{
    using namespace overview_rules;
    OverviewLibrary out;
    const auto fail = [&out](const QString &e) {
        out.error = e;
        return out;
    };
    auto keys = lib.taxonomy().keys();
    if (!keys || keys->size() < o.instruments)
        return fail(QStringLiteral("taxonomy"));
    out.keys = keys->mid(0, o.instruments);
    QList<library::TrackRecord> records;
    for (int t = 0; t < o.tracks; ++t) {
        library::TrackRecord r;
        r.path = QStringLiteral("/music/%1/%2.flac").arg(album(t)).arg(t, 6, 10, QLatin1Char('0'));
        r.size = 1000;
        r.mtimeMs = 1;
        r.contentHash = r.path.toUtf8();
        r.durationS = 30;
        r.title = QStringLiteral("Track %1").arg(t);
        r.genre = genre(t);
        r.artist = artist(t);
        r.album = album(t);
        r.trackNumber = trackNumber(t);
        records << r;
    }
    auto ids = lib.tracks().upsertBatch(records);
    if (!ids)
        return fail(ids.error().message);
    out.trackIds = *ids;
    QList<library::LabelEdit> edits;
    for (int t = 0; t + 1 < o.tracks; ++t) {
        auto clip = lib.clips().ensureWholeTrackClip(out.trackIds[t]);
        if (!clip)
            return fail(clip.error().message);
        out.clipIds << *clip;
        for (int k = 0; k < o.instruments; ++k) {
            const library::LabelState s = label(t, k, o.labelModulus);
            if (s != library::LabelState::Unknown)
                edits << library::LabelEdit {*clip, out.keys[k], s};
        }
    }
    auto region = lib.clips().addRegionClip(out.trackIds.value(0), 1.0, 2.0);
    if (!region)
        return fail(region.error().message);
    edits << library::LabelEdit {*region, out.keys.value(0), library::LabelState::Present};
    auto applied = lib.labels().apply(edits, library::LabelSource::Import, QStringLiteral("test"));
    if (!applied)
        return fail(applied.error().message);

    library::ModelRecord model;
    model.name = QStringLiteral("overview-model");
    model.kind = QStringLiteral("att");
    auto modelId = lib.models().add(model);
    if (!modelId)
        return fail(modelId.error().message);
    out.modelId = *modelId;
    QList<library::PredictionScore> scores;
    for (int t = 0; t < out.clipIds.size(); ++t) {
        for (int k = 0; k < o.instruments; ++k)
            scores << library::PredictionScore {out.clipIds[t], out.keys[k], score(t, k)};
    }
    // The region clip scores 1.0: it must not count either.
    scores << library::PredictionScore {*region, out.keys.value(0), 1.0f};
    // As a predict job leaves it: one finished run of the active model.
    auto run = lib.predictions().beginRun(out.modelId);
    if (!run)
        return fail(run.error().message);
    const library::CatalogError written = lib.predictions().write(out.modelId, scores);
    if (written.isError())
        return fail(written.message);
    const library::CatalogError finished = lib.predictions().finishRun(*run, out.clipIds.size());
    if (finished.isError())
        return fail(finished.message);
    const library::CatalogError activated = lib.models().activate(out.modelId);
    if (activated.isError())
        return fail(activated.message);
    return out;
}

} // namespace timbre::testing
