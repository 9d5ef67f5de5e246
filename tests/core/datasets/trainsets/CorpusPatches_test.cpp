// SPDX-License-Identifier: GPL-3.0-or-later
// A `timbre synth` corpus as bags of log-mel patches for training the "cnn" embedding
// (docs/METHOD.md §2.3): one bag per clip with its whole 0.96 s patches, labels and the mask's
// unknowns as in labels.csv / mask.csv, patches equal to TrackFeatureExtractor's log-mel
// (binary16), the cache written once and read back identically, a missing mix named, and each
// patch's strong labels from activity.csv (a row that cannot be used left out and named).
#include "core/audio/AudioEncoder.h"
#include "core/datasets/generators/SynthCorpusGenerator.h"
#include "core/datasets/trainsets/CorpusPatches.h"
#include "core/features/Float16.h"
#include "core/features/TrackFeatureExtractor.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace timbre;
using models::PatchBagSet;

namespace {

// Where `value` stands in `list` (list.size() when it does not).
int indexOf(const std::vector<std::string> &list, const QString &value)
{
    return int(std::find(list.begin(), list.end(), value.toStdString()) - list.begin());
}

} // namespace

class CorpusPatchesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        datasets::SynthOptions options;
        options.outDir = m_dir.filePath(QStringLiteral("corpus"));
        options.clips = 4;
        options.clipSeconds = 3.0;
        options.seed = 5;
        options.formats = {audio::AudioFormat::Wav, audio::AudioFormat::Flac};
        options.writeStems = false;
        options.observedFraction = 0.5; // writes mask.csv: some labels unknown
        datasets::SynthCorpusGenerator generator(options);
        const datasets::SynthError e = generator.run();
        QVERIFY2(!e.isError(), qPrintable(e.toString()));
        m_corpus = options.outDir;
    }

    void bagsLabelsAndPatches()
    {
        PatchBagSet set;
        QString error;
        datasets::CorpusPatches::Options options;
        options.threads = 2;
        QVERIFY2(datasets::CorpusPatches::load(m_corpus, &set, &error, options), qPrintable(error));
        QCOMPARE(set.validate(), std::string());
        QCOMPARE(set.numBags(), 4);
        QCOMPARE(set.numClasses, 20);
        QCOMPARE(set.classNames.front(), std::string("accordion"));
        for (int b = 0; b < 4; ++b)
            QCOMPARE(set.bagSize(b), 3); // 3 s -> 3 whole patches
        // Labels: every known one as labels.csv says; the mask leaves some unknown.
        int observed = 0;
        for (uint8_t o : set.observed)
            observed += o;
        QVERIFY(observed > 0 && observed < 80);
        QFile labels(QDir(m_corpus).filePath(QStringLiteral("labels.csv")));
        QVERIFY(labels.open(QIODevice::ReadOnly));
        labels.readLine();
        int checked = 0;
        while (!labels.atEnd()) {
            const QStringList f = QString::fromUtf8(labels.readLine()).trimmed().split(u',');
            const int bag = indexOf(set.keys, f[0]);
            const int c = indexOf(set.classNames, f[1]);
            QVERIFY(bag < 4 && c < 20);
            if (set.observed[size_t(bag) * 20 + size_t(c)]) {
                QCOMPARE(set.labels[size_t(bag) * 20 + size_t(c)], f[2].toFloat());
                ++checked;
            }
        }
        QCOMPARE(checked, observed);

        // Patch values: the front end's log-mel of the mix, rounded to binary16.
        const QString mix = QDir(m_corpus).filePath(
                QStringLiteral("mixes/%1.flac").arg(QString::fromStdString(set.keys[1])));
        QVERIFY(QFileInfo::exists(mix));
        const features::FeatureMatrix mel = features::TrackFeatureExtractor().logMel(mix);
        QVERIFY(mel.ok());
        const size_t first = size_t(set.bagOffsets[1]) * PatchBagSet::kPatchValues;
        for (size_t k = 0; k < 3 * size_t(PatchBagSet::kPatchValues); k += 97)
            QCOMPARE(set.patches[first + k], features::float16::fromFloat(mel.values[k]));

        // The cache: written, then read back without decoding, identical.
        const QString cache = QDir(m_corpus).filePath(QStringLiteral("patches-vggish.f16"));
        QVERIFY(QFileInfo::exists(cache));
        QVERIFY(QFile::rename(QDir(m_corpus).filePath(QStringLiteral("mixes")),
                              QDir(m_corpus).filePath(QStringLiteral("mixes-away"))));
        PatchBagSet cached;
        QVERIFY2(datasets::CorpusPatches::load(m_corpus, &cached, &error), qPrintable(error));
        QCOMPARE(cached.patches, set.patches);
        QCOMPARE(cached.bagOffsets, set.bagOffsets);
        QCOMPARE(cached.labels, set.labels);

        // Without the cache and without the mixes: the missing mix is named.
        options.useCache = false;
        QVERIFY(!datasets::CorpusPatches::load(m_corpus, &cached, &error, options));
        QVERIFY2(error.contains(QStringLiteral("no mix for clip")), qPrintable(error));
        QVERIFY(QFile::rename(QDir(m_corpus).filePath(QStringLiteral("mixes-away")),
                              QDir(m_corpus).filePath(QStringLiteral("mixes"))));
    }

    void activityBecomesPatchTruth()
    {
        PatchBagSet set;
        QString error;
        QVERIFY2(datasets::CorpusPatches::load(m_corpus, &set, &error), qPrintable(error));
        QVERIFY(set.hasInstanceTruth());
        QCOMPARE(set.instanceTruth.size(), size_t(set.numPatches()) * 20);
        // Recomputed here from activity.csv: patch t of a clip carries an instrument when
        // its regions cover more than 0.096 s of [0.96 t, 0.96 (t + 1)).
        QFile activity(QDir(m_corpus).filePath(QStringLiteral("activity.csv")));
        QVERIFY(activity.open(QIODevice::ReadOnly));
        activity.readLine();
        std::vector<double> covered(set.instanceTruth.size(), 0.0);
        int rows = 0;
        while (!activity.atEnd()) {
            const QStringList f = QString::fromUtf8(activity.readLine()).trimmed().split(u',');
            const int bag = indexOf(set.keys, f[0]);
            const int c = indexOf(set.classNames, f[1]);
            QVERIFY(bag < 4 && c < 20);
            for (int t = 0; t < set.bagSize(bag); ++t) {
                const double a = std::max(0.96 * t, f[2].toDouble());
                const double b = std::min(0.96 * (t + 1), f[3].toDouble());
                covered[size_t(set.bagOffsets[bag] + t) * 20 + size_t(c)] += std::max(0.0, b - a);
            }
            ++rows;
        }
        QVERIFY(rows > 0);
        int active = 0;
        for (size_t k = 0; k < covered.size(); ++k) {
            QCOMPARE(int(set.instanceTruth[k]), covered[k] > 0.096 ? 1 : 0);
            active += set.instanceTruth[k];
        }
        QVERIFY(active > 0);
        // An instrument present in the clip labels sounds in some patch of that clip.
        for (int b = 0; b < 4; ++b)
            for (int c = 0; c < 20; ++c)
                if (set.observed[size_t(b) * 20 + size_t(c)]
                    && set.labels[size_t(b) * 20 + size_t(c)] > 0) {
                    int sounding = 0;
                    for (int t = 0; t < set.bagSize(b); ++t)
                        sounding += set.instanceTruth[size_t(set.bagOffsets[b] + t) * 20
                                                      + size_t(c)];
                    QVERIFY(sounding > 0);
                }

        // A row that cannot be used is left out and named (file and line); the rest counts.
        const QString copy = m_dir.filePath(QStringLiteral("broken"));
        QVERIFY(QDir().mkpath(copy));
        QVERIFY(QFile::copy(QDir(m_corpus).filePath(QStringLiteral("labels.csv")),
                            QDir(copy).filePath(QStringLiteral("labels.csv"))));
        QVERIFY(QFile::copy(QDir(m_corpus).filePath(QStringLiteral("patches-vggish.f16")),
                            QDir(copy).filePath(QStringLiteral("patches-vggish.f16"))));
        QFile broken(QDir(copy).filePath(QStringLiteral("activity.csv")));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        const QByteArray clip0 = QByteArray::fromStdString(set.keys[0]);
        broken.write("clip,instrument,start,end\n" + clip0 + ",piano,two,3\n" + clip0
                     + ",piano,10.000,10.000\n" + clip0 + ",violin,0,0.5\n");
        broken.close();
        PatchBagSet partial;
        QStringList warnings;
        QVERIFY2(datasets::CorpusPatches::load(copy, &partial, &error, {}, &warnings),
                 qPrintable(error));
        QCOMPARE(warnings.size(), 2);
        QVERIFY2(warnings[0].contains(QStringLiteral("activity.csv:2")), qPrintable(warnings[0]));
        QVERIFY2(warnings[1].contains(QStringLiteral("activity.csv:3")), qPrintable(warnings[1]));
        const int violin = indexOf(partial.classNames, QStringLiteral("violin"));
        const int piano = indexOf(partial.classNames, QStringLiteral("piano"));
        QCOMPARE(int(partial.instanceTruth[size_t(violin)]), 1); // clip 0, patch 0
        for (int64_t patch = 0; patch < partial.numPatches(); ++patch)
            QCOMPARE(int(partial.instanceTruth[size_t(patch) * 20 + size_t(piano)]), 0);
    }

    void missingLabelsNamed()
    {
        PatchBagSet set;
        QString error;
        const QString empty = m_dir.filePath(QStringLiteral("empty"));
        QVERIFY(QDir().mkpath(empty));
        QVERIFY(!datasets::CorpusPatches::load(empty, &set, &error));
        QVERIFY2(error.contains(QStringLiteral("labels.csv")), qPrintable(error));
    }

private:
    QTemporaryDir m_dir;
    QString m_corpus;
};

QTEST_GUILESS_MAIN(CorpusPatchesTest)
#include "CorpusPatches_test.moc"
