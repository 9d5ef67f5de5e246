// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Test helper: a library whose tracks are real audio files with cached features, for code that
// reads a track's audio as well as its features (the lanes' overlapping instances). Each track
// is a generated WAV in which the first `instruments` taxonomy instruments, each a tone of its
// own pitch, sound in some seconds and not in others; the files are registered as scanned
// tracks, their whole-track clips labelled with which instruments sound anywhere in them, and
// their features extracted with a registry extractor and stored as the extract job stores them
// (feature store file + feature_set row).
#include "core/audio/AudioEncoder.h"
#include "core/features/ExtractorRegistry.h"
#include "core/features/FeatureStore.h"
#include "core/features/TrackFeatureExtractor.h"
#include "core/library/ClipStore.h"
#include "core/library/ContentHash.h"
#include "core/library/FeatureSetStore.h"
#include "core/library/LabelStore.h"
#include "core/library/Library.h"
#include "core/library/Taxonomy.h"
#include "core/library/TrackStore.h"

#include <QDir>
#include <QFileInfo>
#include <QList>
#include <QString>
#include <QStringList>

#include <cmath>
#include <random>
#include <vector>

namespace timbre::testing {

struct ExtractedAudioLibraryOptions
{
    int tracks = 16;
    double seconds = 10.0;
    int instruments = 2;
    QString extractorId = QStringLiteral("melstat");
    unsigned seed = 1;
};

struct ExtractedAudioLibrary
{
    QList<qint64> trackIds;
    QStringList paths; // absolute, in trackIds' order
    QStringList instrumentKeys;
    double hopS = 0; // the extractor's instance hop
    QString error; // empty on success
};

// Writes the WAVs into audioFolder and fills `lib` (see above).
inline ExtractedAudioLibrary makeExtractedAudioLibrary(const library::Library &lib,
                                                       const QString &audioFolder,
                                                       const ExtractedAudioLibraryOptions &o = {})
{
    ExtractedAudioLibrary out;
    const auto fail = [&out](const QString &e) {
        out.error = e;
        return out;
    };
    auto keys = lib.taxonomy().keys();
    if (!keys || keys->size() < o.instruments)
        return fail(QStringLiteral("taxonomy"));
    out.instrumentKeys = keys->mid(0, o.instruments);
    const features::ExtractorRegistry registry(lib.folder());
    const std::optional<features::ExtractorSpec> spec = registry.find(o.extractorId);
    if (!spec)
        return fail(QStringLiteral("no extractor %1").arg(o.extractorId));
    features::TrackFeatureExtractor extractor(*spec);
    if (!extractor.error().isEmpty())
        return fail(extractor.error());
    out.hopS = spec->instanceHopSeconds();
    QDir().mkpath(audioFolder);
    constexpr int kRate = 16000;
    std::mt19937 rng(o.seed);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    const int seconds = int(std::ceil(o.seconds));
    QList<library::TrackRecord> records;
    std::vector<std::vector<int>> present; // [track][instrument]: sounds somewhere
    for (int t = 0; t < o.tracks; ++t) {
        std::vector<float> samples(size_t(o.seconds * kRate), 0.0f);
        std::vector<int> sounds(size_t(o.instruments), 0);
        for (int k = 0; k < o.instruments; ++k) {
            if (u(rng) < 0.4)
                continue; // absent from this track
            const double hz = 150.0 * std::pow(3.0, k); // 150, 450, 1350 Hz, ...
            for (int s = 0; s < seconds; ++s) {
                if (u(rng) < 0.5)
                    continue; // silent in this second
                sounds[size_t(k)] = 1;
                for (size_t i = size_t(s) * kRate;
                     i < std::min(samples.size(), size_t(s + 1) * kRate); ++i)
                    samples[i] += 0.25f * float(std::sin(2.0 * M_PI * hz * double(i) / kRate));
            }
        }
        for (float &v : samples)
            v += 0.002f * float(u(rng) - 0.5); // no digital silence: log-mel stays finite
        present.push_back(sounds);
        const QString path
                = QDir(audioFolder)
                          .absoluteFilePath(
                                  QStringLiteral("mix%1.wav").arg(t, 4, 10, QLatin1Char('0')));
        const auto written
                = audio::AudioEncoder::write(path, samples, 1, kRate, audio::AudioFormat::Wav);
        if (written.isError())
            return fail(written.message);
        const QFileInfo info(path);
        library::TrackRecord r;
        r.path = path;
        r.size = info.size();
        r.mtimeMs = info.fileTime(QFileDevice::FileModificationTime).toMSecsSinceEpoch();
        r.contentHash = library::ContentHash::computeBlocking(path);
        r.durationS = o.seconds;
        r.sampleRate = kRate;
        r.channels = 1;
        r.codec = QStringLiteral("pcm_s16le");
        r.title = QStringLiteral("Mix %1").arg(t);
        records << r;
        out.paths << path;
    }
    auto ids = lib.tracks().upsertBatch(records);
    if (!ids)
        return fail(ids.error().message);
    out.trackIds = *ids;
    const features::FeatureStore store(lib.featuresPath());
    QList<library::LabelEdit> edits;
    for (int t = 0; t < o.tracks; ++t) {
        const qint64 track = out.trackIds.at(t);
        const library::TrackRecord &record = records.at(t);
        const features::FeatureMatrix m = extractor.extract(record.path);
        if (!m.ok() || m.rows == 0)
            return fail(m.ok() ? record.path + QStringLiteral(": no instances")
                               : m.error.toString());
        const features::SourceStamp stamp {record.size, record.mtimeMs, record.contentHash};
        features::FeatureFileHeader header;
        const features::FeatureFileError written = store.write(
                track, spec->info, m, out.hopS, stamp, features::FeatureEncoding::Float16, &header);
        if (written.isError())
            return fail(written.message);
        library::FeatureSetRecord set;
        set.trackId = track;
        set.extractorId = spec->info.id;
        set.extractorVersion = spec->info.version;
        set.instanceHopS = out.hopS;
        set.instanceCount = m.rows;
        set.dimension = m.cols;
        set.file = features::FeatureStore::relativePath(track, spec->info.key());
        set.checksum = header.checksumHex();
        set.contentHash = stamp.contentHash;
        auto row = lib.featureSets().upsert(set);
        if (!row)
            return fail(row.error().message);
        auto clip = lib.clips().ensureWholeTrackClip(track);
        if (!clip)
            return fail(clip.error().message);
        for (int k = 0; k < o.instruments; ++k)
            edits << library::LabelEdit {*clip, out.instrumentKeys.at(k),
                                         present[size_t(t)][size_t(k)]
                                                 ? library::LabelState::Present
                                                 : library::LabelState::Absent};
    }
    auto applied
            = lib.labels().apply(edits, library::LabelSource::Import, QStringLiteral("generated"));
    if (!applied)
        return fail(applied.error().message);
    return out;
}

} // namespace timbre::testing
