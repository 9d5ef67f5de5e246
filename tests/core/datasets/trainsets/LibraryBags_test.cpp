// SPDX-License-Identifier: GPL-3.0-or-later
// LibraryBags: a library's clips become bags with the rows of their track's cached features
// that their time range covers, labels present / absent / unknown (masked) from the label
// store, test clips only when asked for, and clips without features skipped with a reason.
#include "core/datasets/trainsets/LibraryBags.h"
#include "support/PlantedLibrary.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace timbre;

class LibraryBagsTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void clipRowsCoverTheRange();
    void bagsCarryFeaturesAndMaskedLabels();
    void testClipsKeptApart();
    void regionClipsTakeTheirRows();
    void missingOrCorruptFeaturesSkipped();
};

void LibraryBagsTest::clipRowsCoverTheRange()
{
    int f = 0, l = 0;
    datasets::LibraryBags::clipRows(0, -1, 0.96, 10, &f, &l);
    QCOMPARE(f, 0);
    QCOMPARE(l, 10);
    datasets::LibraryBags::clipRows(0.96 * 3, 0.96 * 5, 0.96, 10, &f, &l);
    QCOMPARE(f, 3);
    QCOMPARE(l, 5);
    datasets::LibraryBags::clipRows(2.0, 2.1, 0.96, 10, &f, &l); // shorter than an instance
    QCOMPARE(f, 2);
    QCOMPARE(l, 3);
    datasets::LibraryBags::clipRows(50.0, 60.0, 0.96, 10, &f, &l); // past the end
    QCOMPARE(f, 9);
    QCOMPARE(l, 10);
}

void LibraryBagsTest::bagsCarryFeaturesAndMaskedLabels()
{
    QTemporaryDir dir;
    auto lib = library::Library::open(dir.filePath(QStringLiteral("lib")));
    QVERIFY(lib.ok());
    testing::PlantedLibraryOptions o;
    o.tracks = 20;
    o.labelledFraction = 0.5;
    const testing::PlantedLibrary planted = testing::makePlantedLibrary(**lib, o);
    QVERIFY2(planted.error.isEmpty(), qPrintable(planted.error));

    const datasets::LibraryBags all
            = datasets::LibraryBags::load(**lib, QStringLiteral("melstat-v1"));
    QVERIFY2(all.ok(), qPrintable(all.error));
    QCOMPARE(all.bags.numBags(), 20);
    QCOMPARE(all.bags.featureDim, 128);
    QCOMPARE(all.bags.numClasses, 20); // the whole taxonomy
    QCOMPARE(all.bags.numInstances(), qint64(200));
    QVERIFY(all.bags.validate().empty());
    QCOMPARE(all.labelSnapshot, *(*lib)->labels().latestBatchId());
    QVERIFY(all.skipped.isEmpty());
    int known = 0;
    for (int b = 0; b < all.bags.numBags(); ++b) {
        QCOMPARE(all.clipIds.at(b), planted.clipIds.at(b));
        for (int k = 0; k < all.bags.numClasses; ++k) {
            const size_t i = size_t(b) * 20 + size_t(k);
            if (k >= o.instruments) {
                QCOMPARE(int(all.bags.observed[i]), 0); // never labelled: unknown
                continue;
            }
            if (all.bags.observed[i]) {
                ++known;
                QCOMPARE(int(all.bags.labels[i]), planted.truth[size_t(b)][size_t(k)]);
            }
        }
        // Planted signal: column k of even instances is shifted for present instruments.
        for (int k = 0; k < o.instruments; ++k) {
            const float *row0 = all.bags.features.data() + all.bags.bagOffsets[b] * 128;
            const float *row1 = row0 + 128;
            if (planted.truth[size_t(b)][size_t(k)])
                QVERIFY(row0[k] - row1[k] > -3.0f); // float16: loose, but shifted by +3
        }
    }
    QVERIFY(known > 10 && known < 70); // about half of 80
    const datasets::LibraryBags labelled = datasets::LibraryBags::load(
            **lib, QStringLiteral("melstat-v1"),
            {datasets::LibraryBagOptions::Clips::Trainable, true, {}});
    QCOMPARE(labelled.bags.numBags(), labelled.labelledBags());
    QVERIFY(labelled.bags.numBags() <= 20);
}

void LibraryBagsTest::testClipsKeptApart()
{
    QTemporaryDir dir;
    auto lib = library::Library::open(dir.filePath(QStringLiteral("lib")));
    testing::PlantedLibraryOptions o;
    o.tracks = 20;
    o.testFraction = 0.25;
    const testing::PlantedLibrary planted = testing::makePlantedLibrary(**lib, o);
    QVERIFY2(planted.error.isEmpty(), qPrintable(planted.error));
    const QString key = QStringLiteral("melstat-v1");
    using Clips = datasets::LibraryBagOptions::Clips;
    const auto train = datasets::LibraryBags::load(**lib, key, {Clips::Trainable, false, {}});
    const auto test = datasets::LibraryBags::load(**lib, key, {Clips::Test, false, {}});
    const auto both = datasets::LibraryBags::load(**lib, key, {Clips::All, false, {}});
    QCOMPARE(train.bags.numBags(), 15);
    QCOMPARE(test.bags.numBags(), 5);
    QCOMPARE(both.bags.numBags(), 20);
    for (qint64 id : test.clipIds)
        QVERIFY(!train.clipIds.contains(id));
    QCOMPARE(test.clipIds.first(), planted.clipIds.at(15));
}

void LibraryBagsTest::regionClipsTakeTheirRows()
{
    QTemporaryDir dir;
    auto lib = library::Library::open(dir.filePath(QStringLiteral("lib")));
    testing::PlantedLibraryOptions o;
    o.tracks = 2;
    const testing::PlantedLibrary planted = testing::makePlantedLibrary(**lib, o);
    QVERIFY(planted.error.isEmpty());
    auto region = (*lib)->clips().addRegionClip(planted.trackIds.at(1), 0.96 * 4, 0.96 * 7);
    QVERIFY(region.ok());
    const auto bags = datasets::LibraryBags::load(
            **lib, QStringLiteral("melstat-v1"),
            {datasets::LibraryBagOptions::Clips::All, false, {*region}});
    QCOMPARE(bags.bags.numBags(), 1);
    QCOMPARE(bags.bags.bagSize(0), 3);
    QCOMPARE(bags.clipStartS.first(), 0.96 * 4);
    const auto whole = datasets::LibraryBags::load(
            **lib, QStringLiteral("melstat-v1"),
            {datasets::LibraryBagOptions::Clips::All, false, {planted.clipIds.at(1)}});
    // Row 4 of the track is the region's first instance.
    for (int c = 0; c < 128; ++c)
        QCOMPARE(bags.bags.features[size_t(c)], whole.bags.features[size_t(4 * 128 + c)]);
}

void LibraryBagsTest::missingOrCorruptFeaturesSkipped()
{
    QTemporaryDir dir;
    auto lib = library::Library::open(dir.filePath(QStringLiteral("lib")));
    testing::PlantedLibraryOptions o;
    o.tracks = 4;
    const testing::PlantedLibrary planted = testing::makePlantedLibrary(**lib, o);
    QVERIFY(planted.error.isEmpty());
    // Track 0 loses its row; track 1's file is damaged on disk.
    QVERIFY(!(*lib)->featureSets()
                     .remove(planted.trackIds.at(0), QStringLiteral("melstat"), 1)
                     .isError());
    const features::FeatureStore store((*lib)->featuresPath());
    QFile f(store.path(planted.trackIds.at(1), QStringLiteral("melstat-v1")));
    QVERIFY(f.open(QIODevice::ReadWrite));
    f.seek(f.size() - 3);
    f.write("xyz");
    f.close();
    const auto bags = datasets::LibraryBags::load(**lib, QStringLiteral("melstat-v1"));
    QVERIFY(bags.ok());
    QCOMPARE(bags.bags.numBags(), 2);
    QCOMPARE(bags.skipped.size(), 2);
    QVERIFY2(bags.skipped.at(0).contains(QStringLiteral("no melstat-v1 features")),
             qPrintable(bags.skipped.at(0)));
    QVERIFY2(bags.skipped.at(1).contains(QStringLiteral(".tfeat")), qPrintable(bags.skipped.at(1)));
    const auto bad = datasets::LibraryBags::load(**lib, QStringLiteral("melstat"));
    QVERIFY(!bad.ok());
}

QTEST_GUILESS_MAIN(LibraryBagsTest)
#include "LibraryBags_test.moc"
