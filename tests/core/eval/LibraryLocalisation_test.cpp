// SPDX-License-Identifier: GPL-3.0-or-later
// Localisation on a library: strong labels are imported activity regions (region clips
// labelled present); per-instance activity comes from their coverage, and a model that attends
// to the planted instances localises them (AUROC high) while the same regions shifted by one
// instance give a low AUROC; tracks without regions are left out and said so.
#include "core/eval/LibraryEvaluation.h"
#include "core/eval/LibraryLocalisation.h"
#include "core/library/ClipStore.h"
#include "core/library/LabelStore.h"
#include "support/PlantedLibrary.h"
#include "support/TrainedLibraryModel.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace timbre;

class LibraryLocalisationTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void activityFromSpans();
    void plantedInstancesLocalised();
};

void LibraryLocalisationTest::activityFromSpans()
{
    using Span = eval::LibraryLocalisation::Span;
    const QStringList keys {QStringLiteral("piano"), QStringLiteral("violin")};
    // piano: [0, 1.5) and an overlapping [1.0, 2.0) -> instances 0 and 1 (of 1 s each);
    // violin: [2.4, 3.0) covers 60 % of instance 2, [3.8, 4.2) only 20 % of 3 and of 4.
    const QList<Span> spans {{QStringLiteral("piano"), 0.0, 1.5},
                             {QStringLiteral("piano"), 1.0, 2.0},
                             {QStringLiteral("violin"), 2.4, 3.0},
                             {QStringLiteral("violin"), 3.8, 4.2},
                             {QStringLiteral("drums"), 0.0, 5.0}};
    const std::vector<uint8_t> a = eval::LibraryLocalisation::activity(spans, keys, 5, 1.0);
    const std::vector<uint8_t> expected {1, 0, 1, 0, 0, 1, 0, 0, 0, 0};
    QCOMPARE(a, expected);
}

void LibraryLocalisationTest::plantedInstancesLocalised()
{
    QTemporaryDir dir;
    auto lib = library::Library::open(dir.filePath(QStringLiteral("lib")));
    QVERIFY(lib.ok());
    testing::PlantedLibraryOptions o;
    o.tracks = 120;
    o.testFraction = 0.25;
    o.signal = 4.0f;
    const testing::PlantedLibrary planted = testing::makePlantedLibrary(**lib, o);
    QVERIFY2(planted.error.isEmpty(), qPrintable(planted.error));
    const testing::TrainedLibraryModel model = testing::trainLibraryModel(**lib);
    QVERIFY2(model.error.isEmpty(), qPrintable(model.error));

    // Strong labels on the first 20 test tracks: a region per planted (even) instance of each
    // present instrument; `shift` moves them onto the odd instances instead.
    const auto addRegions = [&](int shift) -> QList<qint64> {
        QList<qint64> regions;
        QList<library::LabelEdit> edits;
        for (int t = 90; t < 110; ++t) {
            for (int k = 0; k < o.instruments; ++k) {
                if (!planted.truth[size_t(t)][size_t(k)])
                    continue;
                for (int i = shift; i < o.instancesPerTrack; i += 2) {
                    auto region = (*lib)->clips().addRegionClip(planted.trackIds.at(t), i * 0.96,
                                                                (i + 1) * 0.96);
                    if (!region)
                        return {};
                    if (!regions.contains(*region))
                        regions << *region;
                    edits << library::LabelEdit {*region, planted.instrumentKeys.at(k),
                                                 library::LabelState::Present};
                }
            }
        }
        (*lib)->labels().apply(edits, library::LabelSource::Import, QStringLiteral("activity"));
        (*lib)->clips().setTest(regions, true);
        return regions;
    };

    QList<qint64> tracks;
    for (int t = 90; t < 120; ++t)
        tracks << planted.trackIds.at(t);
    const eval::LibraryLocalisationResult none
            = eval::LibraryLocalisation::evaluate(**lib, model.id, tracks);
    QCOMPARE(none.tracks, 0);
    QVERIFY(none.table.empty());
    QVERIFY(none.note.contains(QStringLiteral("activity")));

    int withPresent = 0;
    for (int t = 90; t < 110; ++t)
        withPresent
                += std::count(planted.truth[size_t(t)].begin(), planted.truth[size_t(t)].end(), 1)
                > 0;
    QVERIFY(withPresent >= 12);
    const QList<qint64> regions = addRegions(0);
    QVERIFY(!regions.isEmpty());
    // The planted instruments sound every other second, so the unsmoothed evidence is the
    // right score here (a 5 s mean, the workbench's default, averages on and off seconds).
    const eval::LocalisationScoring evidence;
    const eval::LibraryLocalisationResult right
            = eval::LibraryLocalisation::evaluate(**lib, model.id, tracks, evidence);
    QCOMPARE(right.tracks, withPresent);
    QCOMPARE(int(right.table.size()), 4); // 1 s, 5 s, 10 s, whole track
    QCOMPARE(right.table.front().seconds, 1);
    QVERIFY2(right.table.front().mean > 0.8, qPrintable(QString::number(right.table.front().mean)));
    const eval::LibraryLocalisationResult smoothed = eval::LibraryLocalisation::evaluate(
            **lib, model.id, tracks, eval::LocalisationScoring::defaults());
    // (Lower, though not to chance: the clip score still tells tracks with the instrument from
    // tracks without; 0.92 against 0.88 here.)
    QVERIFY2(smoothed.table.front().mean < right.table.front().mean - 0.02,
             qPrintable(QStringLiteral("%1 %2")
                                .arg(right.table.front().mean)
                                .arg(smoothed.table.front().mean)));
    // Within the tracks the clip score says nothing: exactly chance; the evidence tells the
    // seconds of a track apart.
    const eval::LibraryLocalisationResult clipOnly = eval::LibraryLocalisation::evaluate(
            **lib, model.id, tracks, *eval::LocalisationScoring::parse(QStringLiteral("clip")));
    QCOMPARE(clipOnly.withinTrack.mean, 0.5);
    QVERIFY2(right.withinTrack.mean > 0.8, qPrintable(QString::number(right.withinTrack.mean)));
    // A '+overlap' score needs the tracks' audio for the shifted grid; planted tracks have
    // none, so nothing is scored and the note says why, instead of quietly measuring the plain
    // instance scores under the overlap's name.
    const eval::LibraryLocalisationResult overlap = eval::LibraryLocalisation::evaluate(
            **lib, model.id, tracks,
            *eval::LocalisationScoring::parse(QStringLiteral("evidence+overlap")));
    QCOMPARE(overlap.tracks, 0);
    QVERIFY2(overlap.note.contains(QStringLiteral("shifted grid")), qPrintable(overlap.note));
    // Nor is a '+level' score the plain one under another name: without audio, no levels.
    const eval::LibraryLocalisationResult level = eval::LibraryLocalisation::evaluate(
            **lib, model.id, tracks,
            *eval::LocalisationScoring::parse(QStringLiteral("instance+level")));
    QCOMPARE(level.tracks, 0);
    QVERIFY2(level.note.contains(QStringLiteral("levels:")), qPrintable(level.note));

    // Through the library evaluation of the test clips: the same figure per model, for the
    // scoring the options name.
    eval::LibraryEvaluationOptions eo;
    eo.modelIds = {model.id};
    eo.localisation = evidence;
    const eval::LibraryEvaluation evaluated = eval::LibraryEvaluator::evaluate(**lib, eo);
    QVERIFY2(evaluated.ok(), qPrintable(evaluated.error));
    QCOMPARE(int(evaluated.localisation.size()), 1);
    QCOMPARE(evaluated.localisation.front().front().mean, right.table.front().mean);
    QCOMPARE(int(evaluated.localisationWithinTrack.size()), 1);
    QCOMPARE(evaluated.localisationWithinTrack.front().mean, right.withinTrack.mean);
    QVERIFY(evaluated.localisationNote.contains(QStringLiteral("%1 tracks").arg(withPresent)));
    eo.localisation = eval::LocalisationScoring::defaults();
    QCOMPARE(eval::LibraryEvaluator::evaluate(**lib, eo).localisation.front().front().mean,
             smoothed.table.front().mean);

    // The same regions one instance later: the truth no longer matches what the model hears.
    for (qint64 r : regions)
        QVERIFY(!(*lib)->clips().removeRegionClip(r).isError());
    addRegions(1);
    const eval::LibraryLocalisationResult shifted
            = eval::LibraryLocalisation::evaluate(**lib, model.id, tracks, evidence);
    QCOMPARE(shifted.tracks, withPresent);
    QVERIFY2(shifted.table.front().mean < 0.5,
             qPrintable(QString::number(shifted.table.front().mean)));
}

QTEST_GUILESS_MAIN(LibraryLocalisationTest)
#include "LibraryLocalisation_test.moc"
