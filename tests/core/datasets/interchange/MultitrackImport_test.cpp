// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audio/AudioEncoder.h"
#include "core/datasets/interchange/LabelsCsvImport.h"
#include "core/datasets/interchange/MultitrackImport.h"
#include "core/library/LabelStore.h"
#include "core/library/Library.h"
#include "core/library/TrackStore.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <vector>

using namespace timbre;
using namespace timbre::datasets;
using library::LabelState;

namespace {

constexpr int kRate = 22050;

// `seconds` of mono audio: a 440 Hz tone of `amplitude` in each [from, to) span.
std::vector<float> toneIn(double seconds, const QList<std::tuple<double, double, double>> &spans)
{
    std::vector<float> samples(size_t(seconds * kRate), 0.0f);
    for (const auto &[from, to, amplitude] : spans) {
        for (size_t i = size_t(from * kRate); i < size_t(to * kRate) && i < samples.size(); ++i)
            samples[i] = float(amplitude * std::sin(2 * M_PI * 440.0 * double(i) / kRate));
    }
    return samples;
}

void writeWav(const QString &path, const std::vector<float> &samples)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    const audio::AudioError error
            = audio::AudioEncoder::write(path, samples, 1, kRate, audio::AudioFormat::Wav);
    QVERIFY2(!error.isError(), qPrintable(error.toString()));
}

std::vector<float> mixOf(const QList<std::vector<float>> &stems)
{
    std::vector<float> mix(stems.first().size(), 0.0f);
    for (const auto &stem : stems)
        for (size_t i = 0; i < mix.size() && i < stem.size(); ++i)
            mix[i] += stem[i] / float(stems.size());
    return mix;
}

} // namespace

class MultitrackImportTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void toneInSecondsTwoToFiveIsActiveExactlyThere()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("piano.wav"));
        writeWav(path, toneIn(8.0, {{2.0, 5.0, 0.5}}));
        StemActivity stem;
        QString error;
        QVERIFY2(MultitrackImport::analyzeStem(path, MultitrackOptions {}, &stem, &error),
                 qPrintable(error));
        QCOMPARE(int(stem.active.size()), 8);
        const std::vector<bool> expected = {false, false, true, true, true, false, false, false};
        QCOMPARE(stem.active, expected);
        QCOMPARE(stem.regions.size(), 1);
        QCOMPARE(stem.regions.first().first, 2.0);
        QCOMPARE(stem.regions.first().second, 5.0);
        QVERIFY(std::abs(stem.rmsPerSecond[3] - 0.5 / std::sqrt(2.0)) < 0.01);
        QVERIFY(stem.rmsPerSecond[1] < 1e-3);
    }

    void thresholdIsRelativeToTheStemsPeak()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("violin.wav"));
        // Loud in 1-3 s, quiet (0.2 x, -14 dB) in 5-6 s, silent elsewhere; 6.5 s long.
        writeWav(path, toneIn(6.5, {{1.0, 3.0, 0.5}, {5.0, 6.0, 0.1}}));
        StemActivity stem;
        QString error;
        MultitrackOptions lenient;
        lenient.thresholdRatio = 0.1;
        QVERIFY(MultitrackImport::analyzeStem(path, lenient, &stem, &error));
        QCOMPARE(stem.regions.size(), 2);
        QCOMPARE(stem.regions[1].first, 5.0);
        QCOMPARE(stem.regions[1].second, 6.0);
        MultitrackOptions strict;
        strict.thresholdRatio = 0.3;
        QVERIFY(MultitrackImport::analyzeStem(path, strict, &stem, &error));
        QCOMPARE(stem.regions.size(), 1);
        QCOMPARE(stem.regions[0].first, 1.0);
        QCOMPARE(stem.regions[0].second, 3.0);
        // A partial last second ends the region at the file's end.
        writeWav(path, toneIn(6.5, {{4.0, 6.5, 0.5}}));
        QVERIFY(MultitrackImport::analyzeStem(path, lenient, &stem, &error));
        QCOMPARE(stem.regions.size(), 1);
        QCOMPARE(stem.regions[0].first, 4.0);
        QCOMPARE(stem.regions[0].second, 6.5);

        QVERIFY(!MultitrackImport::analyzeStem(dir.filePath(QStringLiteral("none.wav")), lenient,
                                               &stem, &error));
        QVERIFY(error.contains(QStringLiteral("none.wav")));
    }

    void songFoldersImportIntoACatalog()
    {
        QTemporaryDir root;
        QTemporaryDir libDir;
        const auto piano = toneIn(8.0, {{2.0, 5.0, 0.5}});
        const auto bass = toneIn(8.0, {{0.0, 8.0, 0.3}});
        const auto violin = toneIn(8.0, {});
        writeWav(root.filePath(QStringLiteral("song one/stems/piano.wav")), piano);
        writeWav(root.filePath(QStringLiteral("song one/stems/bass.wav")), bass);
        writeWav(root.filePath(QStringLiteral("song one/stems/violin.wav")), violin);
        writeWav(root.filePath(QStringLiteral("song one/stems/kazoo.wav")), bass);
        writeWav(root.filePath(QStringLiteral("song one/mix.wav")), mixOf({piano, bass, violin}));
        QDir().mkpath(root.filePath(QStringLiteral("not a song")));

        auto opened = library::Library::open(libDir.path());
        QVERIFY(opened);
        const library::Library &lib = **opened;
        auto report = MultitrackImport::importInto(lib, root.path(), MultitrackOptions {});
        QVERIFY2(report, qPrintable(report.error().message));
        QCOMPARE(report->tracksCreated, 1);
        QCOMPARE(report->regionsCreated, 2); // piano [2,5), bass [0,8)
        bool sawNotASong = false;
        bool sawKazoo = false;
        for (const DatasetIssue &issue : report->issues) {
            sawNotASong |= issue.file.endsWith(QStringLiteral("not a song"));
            sawKazoo |= issue.message.contains(QStringLiteral("kazoo"));
        }
        QVERIFY(sawNotASong);
        QVERIFY(sawKazoo);

        QCOMPARE(*lib.tracks().count(), qint64(1));
        LabelsCsvImport names(lib);
        QVERIFY(!names.load().isError());
        QString why;
        auto whole = names.resolve(QStringLiteral("mix"), false, &why);
        QVERIFY2(whole && whole->has_value(), qPrintable(why));
        QCOMPARE(*lib.labels().state(**whole, QStringLiteral("piano")), LabelState::Present);
        QCOMPARE(*lib.labels().state(**whole, QStringLiteral("bass")), LabelState::Present);
        QCOMPARE(*lib.labels().state(**whole, QStringLiteral("violin")), LabelState::Absent);
        QCOMPARE(*lib.labels().state(**whole, QStringLiteral("drums")), LabelState::Unknown);
        auto region = names.resolve(QStringLiteral("mix#2-5"), false, &why);
        QVERIFY2(region && region->has_value(), qPrintable(why));
        QCOMPARE(*lib.labels().state(**region, QStringLiteral("piano")), LabelState::Present);
        QCOMPARE(*lib.labels().state(**region, QStringLiteral("bass")), LabelState::Unknown);

        // Again: nothing new.
        auto again = MultitrackImport::importInto(lib, root.path(), MultitrackOptions {});
        QVERIFY(again);
        QCOMPARE(again->tracksCreated, 0);
        QCOMPARE(again->labelsChanged, 0);
    }

    void demoCorpusLayout()
    {
        QTemporaryDir root;
        writeWav(root.filePath(QStringLiteral("mixes/clip_0000.wav")),
                 toneIn(3.0, {{0.0, 3.0, 0.4}}));
        writeWav(root.filePath(QStringLiteral("stems/clip_0000/drums.wav")),
                 toneIn(3.0, {{1.0, 2.0, 0.4}}));
        QList<DatasetIssue> issues;
        QList<MultitrackSong> songs = MultitrackImport::findSongs(root.path(), &issues);
        QCOMPARE(songs.size(), 1);
        QCOMPARE(songs[0].key, QStringLiteral("clip_0000"));
        QString error;
        QVERIFY(MultitrackImport::analyzeSong(&songs[0], MultitrackOptions {}, &error));
        QList<LabelRecord> labels;
        QList<ActivityRecord> activity;
        MultitrackImport::toRecords(songs[0], songs[0].key, &labels, &activity);
        QCOMPARE(labels,
                 (QList<LabelRecord> {{QStringLiteral("clip_0000"), QStringLiteral("drums"),
                                       LabelState::Present}}));
        QCOMPARE(activity,
                 (QList<ActivityRecord> {
                         {QStringLiteral("clip_0000"), QStringLiteral("drums"), 1.0, 2.0}}));
    }
};

QTEST_GUILESS_MAIN(MultitrackImportTest)
#include "MultitrackImport_test.moc"
