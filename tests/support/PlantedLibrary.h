// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A library made in the test: N tracks (the paths need not exist), each with a whole-track
// clip, melstat-shaped cached features written through the feature store and recorded in
// feature_set, and labels. Instrument k planted in track t adds `signal` to feature column k
// of half of the track's instances, so a model can learn it; every label of a planted
// instrument is true. For training, predict, evaluate and retrain tests and benchmarks.
#include "core/features/ExtractorInfo.h"
#include "core/features/FeatureStore.h"
#include "core/library/ClipStore.h"
#include "core/library/FeatureSetStore.h"
#include "core/library/LabelStore.h"
#include "core/library/Library.h"
#include "core/library/Taxonomy.h"
#include "core/library/TrackStore.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <random>
#include <vector>

namespace timbre::testing {

struct PlantedLibraryOptions
{
    int tracks = 60;
    int instancesPerTrack = 10;
    int instruments = 4; // the first N taxonomy keys are planted (the rest stay unknown)
    double presentProbability = 0.4;
    double labelledFraction = 1.0; // of the planted instruments' labels, how many are known
    double testFraction = 0.0; // clips marked test (the last ones)
    float signal = 3.0f;
    unsigned seed = 1;
    // Track paths, %1 = the zero-padded track number. The default names files that need not
    // exist; a test that opens tracks points it at real (e.g. linked) audio.
    QString pathFormat = QStringLiteral("/planted/track%1.flac");
};

struct PlantedLibrary
{
    QList<qint64> trackIds;
    QList<qint64> clipIds;
    QStringList instrumentKeys; // the planted ones
    // truth[clip index][instrument index]
    std::vector<std::vector<int>> truth;
    QString error; // empty on success
};

inline PlantedLibrary makePlantedLibrary(const library::Library &lib,
                                         const PlantedLibraryOptions &o = {})
{
    PlantedLibrary out;
    const auto fail = [&out](const QString &e) {
        out.error = e;
        return out;
    };
    auto keys = lib.taxonomy().keys();
    if (!keys || keys->size() < o.instruments)
        return fail(QStringLiteral("taxonomy"));
    out.instrumentKeys = keys->mid(0, o.instruments);
    const features::ExtractorInfo info = features::ExtractorInfo::melstat();
    const features::FeatureStore store(lib.featuresPath());
    std::mt19937 rng(o.seed);
    std::normal_distribution<float> noise(0.0f, 1.0f);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    QList<library::TrackRecord> records;
    for (int t = 0; t < o.tracks; ++t) {
        library::TrackRecord r;
        r.path = o.pathFormat.arg(t, 5, 10, QLatin1Char('0'));
        r.size = 1000 + t;
        r.mtimeMs = 1000;
        r.durationS = o.instancesPerTrack * 0.96;
        r.contentHash = QByteArray::number(t);
        records << r;
    }
    auto ids = lib.tracks().upsertBatch(records);
    if (!ids)
        return fail(ids.error().message);
    out.trackIds = *ids;
    QList<library::LabelEdit> edits;
    const int testFrom = o.tracks - int(o.tracks * o.testFraction + 0.5);
    QList<qint64> testClips;
    for (int t = 0; t < o.tracks; ++t) {
        const qint64 track = out.trackIds.at(t);
        auto clip = lib.clips().ensureWholeTrackClip(track);
        if (!clip)
            return fail(clip.error().message);
        out.clipIds << *clip;
        if (t >= testFrom)
            testClips << *clip;
        std::vector<int> present(size_t(o.instruments));
        for (int k = 0; k < o.instruments; ++k)
            present[size_t(k)] = u(rng) < o.presentProbability ? 1 : 0;
        out.truth.push_back(present);
        features::FeatureMatrix m;
        m.rows = o.instancesPerTrack;
        m.cols = info.dimension;
        m.values.resize(size_t(m.rows) * size_t(m.cols));
        for (float &v : m.values)
            v = noise(rng);
        for (int k = 0; k < o.instruments; ++k) {
            if (!present[size_t(k)])
                continue;
            for (int i = 0; i < m.rows; i += 2)
                m.values[size_t(i) * size_t(m.cols) + size_t(k)] += o.signal;
        }
        const features::SourceStamp stamp {records.at(t).size, records.at(t).mtimeMs,
                                           records.at(t).contentHash};
        features::FeatureFileHeader header;
        const features::FeatureFileError written = store.write(
                track, info, m, 0.96, stamp, features::FeatureEncoding::Float16, &header);
        if (written.isError())
            return fail(written.message);
        library::FeatureSetRecord set;
        set.trackId = track;
        set.extractorId = info.id;
        set.extractorVersion = info.version;
        set.instanceHopS = 0.96;
        set.instanceCount = m.rows;
        set.dimension = m.cols;
        set.file = features::FeatureStore::relativePath(track, info.key());
        set.checksum = header.checksumHex();
        set.contentHash = stamp.contentHash;
        auto row = lib.featureSets().upsert(set);
        if (!row)
            return fail(row.error().message);
        for (int k = 0; k < o.instruments; ++k) {
            if (u(rng) >= o.labelledFraction)
                continue;
            edits << library::LabelEdit {*clip, out.instrumentKeys.at(k),
                                         present[size_t(k)] ? library::LabelState::Present
                                                            : library::LabelState::Absent};
        }
    }
    if (!edits.isEmpty()) {
        auto applied = lib.labels().apply(edits, library::LabelSource::Import,
                                          QStringLiteral("planted"));
        if (!applied)
            return fail(applied.error().message);
    }
    if (!testClips.isEmpty()) {
        const library::CatalogError e = lib.clips().setTest(testClips, true);
        if (e.isError())
            return fail(e.message);
    }
    return out;
}

} // namespace timbre::testing
