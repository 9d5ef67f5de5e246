// SPDX-License-Identifier: GPL-3.0-or-later
// TrackAttention's overlapping instances: with setOverlap(true), compute() blends the cached
// instances' scores with those of a grid shifted by half an instance, extracted from the
// track's audio on demand; without the audio the plain lanes still come, saying why.
#include "core/features/ExtractorRegistry.h"
#include "core/features/TrackFeatureExtractor.h"
#include "core/inference/InstanceOverlap.h"
#include "core/inference/TrackAttention.h"
#include "core/library/TrackStore.h"

#include "support/ExtractedAudioLibrary.h"
#include "support/ToneLibrary.h"
#include "support/TrainedLibraryModel.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace timbre;

// The track's audio read again for the lanes: the shifted grid of overlapping instances, and
// each instance's level.
class TrackAttentionOverlapTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<library::Library> m_lib;
    testing::ExtractedAudioLibrary m_audio;
    testing::TrainedLibraryModel m_model;

    // What the lanes' shifted grid should score: the track's audio extracted from hop / 2 on
    // (built here, not by TrackAttention) and run through the model as given features.
    inference::TrackAttentionResult shiftedScores(const QString &path, double hopS)
    {
        const features::ExtractorRegistry registry(m_lib->folder());
        features::TrackFeatureOptions options;
        options.startSeconds = hopS / 2;
        features::TrackFeatureExtractor extractor(*registry.find(QStringLiteral("melstat")),
                                                  options);
        const features::FeatureMatrix m = extractor.extract(path);
        inference::TrackAttentionResult r;
        if (!m.ok()) {
            r.error = m.error.toString();
            return r;
        }
        inference::TrackAttention plain(*m_lib);
        return plain.computeFromFeatures(m_model.id, m.values.data(), m.rows, m.cols, hopS);
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto lib = library::Library::open(m_dir.filePath(QStringLiteral("lib")));
        QVERIFY2(lib.ok(), qPrintable(lib.error().message));
        m_lib = lib.take();
        testing::ExtractedAudioLibraryOptions o;
        o.tracks = 16;
        o.seconds = 10.0; // 10 plain instances, 9 shifted ones (the last runs past the end)
        m_audio = testing::makeExtractedAudioLibrary(*m_lib,
                                                     m_dir.filePath(QStringLiteral("audio")), o);
        QVERIFY2(m_audio.error.isEmpty(), qPrintable(m_audio.error));
        QCOMPARE(m_audio.hopS, 0.96);
        m_model = testing::trainLibraryModel(*m_lib,
                                             {QStringLiteral("att"), "att", 30, 3e-3, 1, true});
        QVERIFY2(m_model.error.isEmpty(), qPrintable(m_model.error));
    }

    void offByDefault()
    {
        inference::TrackAttention attention(*m_lib);
        QVERIFY(!attention.overlap());
        const inference::TrackAttentionResult r
                = attention.compute(m_audio.trackIds.at(0), m_model.id);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY(r.overlapScores.empty());
        QVERIFY(r.overlapNote.isEmpty());
        QVERIFY(!attention.level());
        QVERIFY(r.levelsDb.empty());
        QVERIFY(r.levelNote.isEmpty());
    }

    // With setLevel, each cached instance gets its audio's level: the same numbers the
    // extractor's front end gives for the file, one per instance, and different where the
    // tones switch (the level cue of docs/METHOD.md §10.7).
    void levelsOfTheTrack()
    {
        inference::TrackAttention attention(*m_lib);
        attention.setLevel(true);
        QVERIFY(attention.level());
        const features::ExtractorRegistry registry(m_lib->folder());
        features::TrackFeatureExtractor front(*registry.find(QStringLiteral("melstat")));
        for (int t : {0, 7}) {
            const inference::TrackAttentionResult r
                    = attention.compute(m_audio.trackIds.at(t), m_model.id);
            QVERIFY2(r.ok(), qPrintable(r.error));
            QVERIFY2(r.levelNote.isEmpty(), qPrintable(r.levelNote));
            QVERIFY(r.overlapScores.empty()); // overlap was not asked for
            QCOMPARE(r.levelsDb.size(), size_t(10));
            const features::FeatureMatrix m = front.levels(m_audio.paths.at(t));
            QVERIFY(m.ok());
            QVERIFY(r.levelsDb == m.levelsDb);
            const auto [lo, hi] = std::minmax_element(r.levelsDb.begin(), r.levelsDb.end());
            QVERIFY2(*hi - *lo > 3.0f, qPrintable(QStringLiteral("%1 %2").arg(*lo).arg(*hi)));
        }
    }

    void blendsTheShiftedGrid()
    {
        inference::TrackAttention plain(*m_lib);
        inference::TrackAttention overlap(*m_lib);
        overlap.setOverlap(true);
        QVERIFY(overlap.overlap());
        double largestChange = 0;
        for (int t : {0, 5, 11}) {
            const qint64 track = m_audio.trackIds.at(t);
            const inference::TrackAttentionResult r = overlap.compute(track, m_model.id);
            QVERIFY2(r.ok(), qPrintable(r.error));
            QVERIFY2(r.overlapNote.isEmpty(), qPrintable(r.overlapNote));
            QCOMPARE(r.instances, 10);
            QVERIFY(r.classes > 0);
            QCOMPARE(r.overlapScores.size(), size_t(r.instances) * size_t(r.classes));

            // The plain part is what it is without overlap.
            const inference::TrackAttentionResult p = plain.compute(track, m_model.id);
            QVERIFY2(p.ok(), qPrintable(p.error));
            QVERIFY(p.overlapScores.empty());
            QVERIFY(r.instanceScores == p.instanceScores);
            QVERIFY(r.clipScores == p.clipScores);

            const inference::TrackAttentionResult s = shiftedScores(m_audio.paths.at(t), r.hopS);
            QVERIFY2(s.ok(), qPrintable(s.error));
            QCOMPARE(s.instances, 9);
            QCOMPARE(s.classes, r.classes);
            const std::vector<float> expected = inference::InstanceOverlap::mean(
                    r.instanceScores, r.instances, s.instanceScores, s.instances, r.classes);
            QCOMPARE(expected.size(), r.overlapScores.size());
            for (size_t i = 0; i < expected.size(); ++i)
                QVERIFY2(std::abs(r.overlapScores[i] - expected[i]) < 1e-6f,
                         qPrintable(QStringLiteral("%1: %2 against %3")
                                            .arg(i)
                                            .arg(r.overlapScores[i])
                                            .arg(expected[i])));
            for (size_t i = 0; i < expected.size(); ++i)
                largestChange = std::max(
                        largestChange, double(std::abs(r.overlapScores[i] - r.instanceScores[i])));
        }
        // The tones switch on and off by the second, so half an instance later the model hears
        // something else: the blend is not the plain scores.
        QVERIFY2(largestChange > 1e-3, qPrintable(QString::number(largestChange)));
    }

    void unreadableAudioKeepsThePlainLanes()
    {
        inference::TrackAttention attention(*m_lib);
        attention.setOverlap(true);
        attention.setLevel(true);
        const qint64 track = m_audio.trackIds.at(14);
        const QString path = m_audio.paths.at(14);
        const inference::TrackAttentionResult before = attention.compute(track, m_model.id);
        QVERIFY2(before.ok() && !before.overlapScores.empty(),
                 qPrintable(before.error + before.overlapNote));

        // Same size, not audio any more: the decoder's error, naming the file.
        QFile file(path);
        const qint64 size = file.size();
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QByteArray(int(size), 'x'));
        file.close();
        inference::TrackAttentionResult r = attention.compute(track, m_model.id);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY(r.overlapScores.empty());
        QVERIFY2(r.overlapNote.contains(path), qPrintable(r.overlapNote));
        QVERIFY(r.instanceScores == before.instanceScores);
        QVERIFY(!before.levelsDb.empty());
        QVERIFY(r.levelsDb.empty());
        QVERIFY2(r.levelNote.contains(path), qPrintable(r.levelNote));

        // Gone: the lanes still come from the cached features.
        QVERIFY(QFile::remove(path));
        r = attention.compute(track, m_model.id);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.instances, 10);
        QVERIFY(r.instanceScores == before.instanceScores);
        QVERIFY(r.overlapScores.empty());
        QVERIFY2(r.overlapNote.contains(path), qPrintable(r.overlapNote));
        QVERIFY(r.levelsDb.empty());
        QVERIFY2(r.levelNote.contains(path), qPrintable(r.levelNote));

        // Other tracks are not affected.
        r = attention.compute(m_audio.trackIds.at(1), m_model.id);
        QVERIFY2(r.ok() && r.overlapNote.isEmpty() && !r.overlapScores.empty(),
                 qPrintable(r.overlapNote));
        QVERIFY2(r.levelNote.isEmpty() && r.levelsDb.size() == size_t(r.instances),
                 qPrintable(r.levelNote));
    }

    void otherAudioThanTheFeaturesIsRefused()
    {
        // A file replaced by a longer one since extraction: blending its shifted grid with the
        // cached one would mix two recordings.
        inference::TrackAttention attention(*m_lib);
        attention.setOverlap(true);
        attention.setLevel(true);
        const QString path = m_audio.paths.at(15);
        const QString longer = m_audio.paths.at(15) + QStringLiteral(".long.wav");
        QVERIFY(testing::writeToneWav(longer, 440.0, 30.0).isEmpty());
        QVERIFY(QFile::remove(path));
        QVERIFY(QFile::rename(longer, path));
        const inference::TrackAttentionResult r
                = attention.compute(m_audio.trackIds.at(15), m_model.id);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY(r.overlapScores.empty());
        QVERIFY2(r.overlapNote.contains(path) && r.overlapNote.contains(QStringLiteral("extract")),
                 qPrintable(r.overlapNote));
        QVERIFY(r.levelsDb.empty());
        QVERIFY2(r.levelNote.contains(path) && r.levelNote.contains(QStringLiteral("extract")),
                 qPrintable(r.levelNote));
    }
};

QTEST_GUILESS_MAIN(TrackAttentionOverlapTest)
#include "TrackAttentionOverlap_test.moc"
