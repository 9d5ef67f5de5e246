// SPDX-License-Identifier: GPL-3.0-or-later
// Several annotators on one library (schema 7): each one's own label kept beside the
// adjudicated one and following their undo / redo; an edit made against a label that someone
// else changed meanwhile is refused whole with both values; Fleiss' and Cohen's kappa on
// hand-computed cases and on a library. Runs on SQLite and (the _postgres variant) on a server.
#include "core/library/ClipStore.h"
#include "core/library/LabelCommandLog.h"
#include "core/library/LabelStore.h"
#include "core/library/Library.h"
#include "core/library/TrackStore.h"
#include "core/overview/Agreement.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace timbre;
using namespace timbre::library;

namespace {

qint64 addClip(const Library &lib, int n)
{
    TrackRecord r;
    r.path = QStringLiteral("/nowhere/a%1.flac").arg(n);
    r.durationS = 10;
    auto ids = lib.tracks().upsertBatch({r});
    return ids ? *lib.clips().ensureWholeTrackClip(ids->first()) : 0;
}

LabelState own(const Library &lib, qint64 clip, const QString &key, const QString &who)
{
    auto all = lib.labels().annotatorLabels(clip);
    if (!all || !all->contains(key) || !all->value(key).contains(who))
        return LabelState::Unknown;
    return all->value(key).value(who);
}

} // namespace

class AnnotatorsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void kappaOnHandComputedCases()
    {
        // Four clips, two raters: agree on 1, 0, 1; differ on the third.
        const QList<int> a {1, 0, 1, 1};
        const QList<int> b {1, 0, 0, 1};
        // Cohen: po = 0.75, pe = 0.75 * 0.5 + 0.25 * 0.5 = 0.5, kappa = 0.5.
        QCOMPARE(overview::cohenKappa(a, b), 0.5);
        // Fleiss: mean item agreement 0.75, pooled present 5/8, chance 0.53125,
        // kappa = 0.21875 / 0.46875.
        QList<QList<int>> items;
        for (int i = 0; i < 4; ++i)
            items << QList<int> {a[i], b[i]};
        QVERIFY(std::abs(overview::fleissKappa(items) - 0.21875 / 0.46875) < 1e-12);
        // Three raters on two clips, unanimous on one, 2:1 on the other.
        QVERIFY(std::abs(overview::fleissKappa({{1, 1, 1}, {1, 1, 0}})
                         - ((1.0 + 1.0 / 3.0) / 2 - (25.0 / 36 + 1.0 / 36)) / (1 - 26.0 / 36))
                < 1e-12);
        // Undefined: everything one value, or no clip judged twice.
        QVERIFY(std::isnan(overview::cohenKappa({1, 1}, {1, 1})));
        QVERIFY(std::isnan(overview::fleissKappa({{1}, {0}})));
        // Perfect disagreement is below zero.
        QVERIFY(overview::cohenKappa({1, 0, 1, 0}, {0, 1, 0, 1}) < -0.99);
    }

    void ownLabelsFollowEditsUndoAndRedo()
    {
        QTemporaryDir dir;
        auto opened = Library::open(dir.filePath(QStringLiteral("lib")));
        QVERIFY2(opened, qPrintable(opened.error().message));
        const Library &lib = **opened;
        const qint64 clip = addClip(lib, 1);
        const QString violin = QStringLiteral("violin");
        const QString ana = QStringLiteral("ana");
        const QString ben = QStringLiteral("ben");

        QVERIFY(lib.labelLog().setLabel(clip, violin, LabelState::Present, ana));
        QVERIFY(lib.labelLog().setLabel(clip, violin, LabelState::Absent, ben));
        // The adjudicated label is the newest edit; each keeps their own.
        QCOMPARE(*lib.labels().state(clip, violin), LabelState::Absent);
        QCOMPARE(own(lib, clip, violin, ana), LabelState::Present);
        QCOMPARE(own(lib, clip, violin, ben), LabelState::Absent);

        // Ana changes her mind, then undoes it: her own label goes back to present.
        QVERIFY(lib.labelLog().setLabel(clip, violin, LabelState::Unknown, ana));
        QCOMPARE(own(lib, clip, violin, ana), LabelState::Unknown);
        QVERIFY(lib.labelLog().undo(ana)->batchId > 0);
        QCOMPARE(own(lib, clip, violin, ana), LabelState::Present);
        QCOMPARE(own(lib, clip, violin, ben), LabelState::Absent);
        QVERIFY(lib.labelLog().redo(ana)->batchId > 0);
        QCOMPARE(own(lib, clip, violin, ana), LabelState::Unknown);
        // An import is nobody's judgement.
        QVERIFY(lib.labels().set(clip, QStringLiteral("piano"), LabelState::Present,
                                 LabelSource::Import, QStringLiteral("importer")));
        QCOMPARE(own(lib, clip, QStringLiteral("piano"), QStringLiteral("importer")),
                 LabelState::Unknown);
    }

    void aConcurrentChangeIsAConflictWithBothValues()
    {
        QTemporaryDir dir;
        auto opened = Library::open(dir.filePath(QStringLiteral("lib")));
        QVERIFY(opened);
        const Library &lib = **opened;
        const qint64 clip = addClip(lib, 1);
        const QString violin = QStringLiteral("violin");
        const QString cello = QStringLiteral("cello");
        QVERIFY(lib.labelLog().setLabel(clip, cello, LabelState::Absent, QStringLiteral("ana")));
        // Both read the same versions.
        const auto read = lib.labels().versions({clip});
        QVERIFY(read);
        const qint64 violinVersion = read->value(clip).value(violin, 0);
        const qint64 celloVersion = read->value(clip).value(cello, 0);
        QCOMPARE(violinVersion, 0);
        QVERIFY(celloVersion > 0);

        // Ana writes first.
        auto first = lib.labelLog().setLabels(
                {LabelEdit {clip, violin, LabelState::Present, violinVersion}},
                QStringLiteral("ana"));
        QVERIFY(first && first->conflicts.isEmpty() && first->batchId > 0);
        // Ben's two edits were made against what he read: the violin one conflicts, so neither
        // is stored, and he sees both values.
        auto second = lib.labelLog().setLabels(
                {LabelEdit {clip, cello, LabelState::Present, celloVersion},
                 LabelEdit {clip, violin, LabelState::Absent, violinVersion}},
                QStringLiteral("ben"));
        QVERIFY2(second, qPrintable(second.error().message));
        QCOMPARE(second->batchId, 0);
        QVERIFY(second->changes.isEmpty());
        QCOMPARE(second->conflicts.size(), 1);
        const LabelConflict c = second->conflicts.first();
        QCOMPARE(c.clipId, clip);
        QCOMPARE(c.instrumentKey, violin);
        QCOMPARE(c.mine, LabelState::Absent);
        QCOMPARE(c.theirs, LabelState::Present);
        QCOMPARE(c.theirAuthor, QStringLiteral("ana"));
        QCOMPARE(*lib.labels().state(clip, violin), LabelState::Present);
        QCOMPARE(*lib.labels().state(clip, cello), LabelState::Absent); // not half-written
        QCOMPARE(own(lib, clip, violin, QStringLiteral("ben")), LabelState::Unknown);
        // He keeps his: written against the version he was shown.
        auto kept = lib.labelLog().setLabels(
                {LabelEdit {clip, violin, LabelState::Absent, c.version}}, QStringLiteral("ben"));
        QVERIFY(kept && kept->conflicts.isEmpty() && kept->batchId > 0);
        QCOMPARE(*lib.labels().state(clip, violin), LabelState::Absent);
        QCOMPARE(own(lib, clip, violin, QStringLiteral("ana")), LabelState::Present);
        QCOMPARE(own(lib, clip, violin, QStringLiteral("ben")), LabelState::Absent);
        // Without a version there is no check (the old behaviour).
        QVERIFY(lib.labelLog().setLabel(clip, violin, LabelState::Present, QStringLiteral("cy")));
    }

    // A bulk edit (OnConflict::WriteTheRest): the clip someone changed meanwhile is listed as
    // a conflict and left alone, the others are written as one batch.
    void aBulkEditWritesTheClipsThatDoNotConflict()
    {
        QTemporaryDir dir;
        auto opened = Library::open(dir.filePath(QStringLiteral("lib")));
        QVERIFY(opened);
        const Library &lib = **opened;
        const QString violin = QStringLiteral("violin");
        const QList<qint64> clips {addClip(lib, 1), addClip(lib, 2), addClip(lib, 3)};
        const auto read = lib.labels().versions(clips);
        QVERIFY(read);
        QVERIFY(lib.labelLog().setLabel(clips[1], violin, LabelState::Absent,
                                        QStringLiteral("ana")));
        QList<LabelEdit> edits;
        for (qint64 c : clips)
            edits << LabelEdit {c, violin, LabelState::Present, read->value(c).value(violin, 0)};
        auto bulk = lib.labelLog().setLabels(edits, QStringLiteral("ben"), QString(),
                                             OnConflict::WriteTheRest);
        QVERIFY2(bulk, qPrintable(bulk.error().message));
        QVERIFY(bulk->batchId > 0);
        QCOMPARE(bulk->changes.size(), 2);
        QCOMPARE(bulk->conflicts.size(), 1);
        QCOMPARE(bulk->conflicts.first().clipId, clips[1]);
        QCOMPARE(bulk->conflicts.first().theirs, LabelState::Absent);
        QCOMPARE(*lib.labels().state(clips[0], violin), LabelState::Present);
        QCOMPARE(*lib.labels().state(clips[1], violin), LabelState::Absent);
        QCOMPARE(*lib.labels().state(clips[2], violin), LabelState::Present);
        auto batch = lib.labels().historyOfBatch(bulk->batchId);
        QVERIFY(batch);
        QCOMPARE(batch->size(), 2);
        // The same edits all or nothing: nothing is written.
        auto strict = lib.labelLog().setLabels(edits, QStringLiteral("cy"));
        QVERIFY(strict && strict->batchId == 0 && strict->conflicts.size() == 3);
    }

    void agreementOfALibrary()
    {
        QTemporaryDir dir;
        auto opened = Library::open(dir.filePath(QStringLiteral("lib")));
        QVERIFY(opened);
        const Library &lib = **opened;
        const QString violin = QStringLiteral("violin");
        // Ana and Ben judge violin on 4 clips as in kappaOnHandComputedCases; Cy joins on the
        // first two and agrees with both.
        const QList<int> a {1, 0, 1, 1};
        const QList<int> b {1, 0, 0, 1};
        QList<qint64> clips;
        for (int i = 0; i < 4; ++i) {
            clips << addClip(lib, i);
            const auto state = [](int v) { return v ? LabelState::Present : LabelState::Absent; };
            QVERIFY(lib.labelLog().setLabel(clips[i], violin, state(a[i]), QStringLiteral("ana")));
            QVERIFY(lib.labelLog().setLabel(clips[i], violin, state(b[i]), QStringLiteral("ben")));
            if (i < 2)
                QVERIFY(lib.labelLog().setLabel(clips[i], violin, state(a[i]),
                                                QStringLiteral("cy")));
        }
        // One clip judged by Ana alone does not count.
        QVERIFY(lib.labelLog().setLabel(addClip(lib, 9), violin, LabelState::Present,
                                        QStringLiteral("ana")));
        auto measured = overview::measureAgreement(lib);
        QVERIFY2(measured, qPrintable(measured.error().message));
        const auto it = std::find_if(
                measured->begin(), measured->end(),
                [&](const overview::InstrumentAgreement &x) { return x.instrument == violin; });
        QVERIFY(it != measured->end());
        QCOMPARE(it->items, 4);
        QCOMPARE(it->annotators, 3);
        QCOMPARE(it->pairs.size(), 3);
        const overview::PairAgreement &ab = it->pairs.at(0);
        QCOMPARE(ab.first, QStringLiteral("ana"));
        QCOMPARE(ab.second, QStringLiteral("ben"));
        QCOMPARE(ab.items, 4);
        QCOMPARE(ab.agreed, 0.75);
        QCOMPARE(ab.kappa, 0.5);
        const QList<QList<int>> ratings {{1, 1, 1}, {0, 0, 0}, {1, 0}, {1, 1}};
        QVERIFY(std::abs(it->fleissKappa - overview::fleissKappa(ratings)) < 1e-12);
        // An instrument nobody judged twice.
        const auto piano = std::find_if(measured->begin(), measured->end(),
                                        [](const overview::InstrumentAgreement &x) {
                                            return x.instrument == QStringLiteral("piano");
                                        });
        QVERIFY(piano != measured->end());
        QCOMPARE(piano->items, 0);
        QVERIFY(std::isnan(piano->fleissKappa));
    }
};

QTEST_GUILESS_MAIN(AnnotatorsTest)
#include "Annotators_test.moc"
