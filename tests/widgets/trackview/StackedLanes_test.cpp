// SPDX-License-Identifier: GPL-3.0-or-later
// The track view comparing versions: both versions' attention lanes stacked per instrument.
#include "core/inference/TrackAttention.h"
#include "core/library/Library.h"
#include "core/library/LibrarySession.h"
#include "core/library/ModelStore.h"
#include "support/PlantedLibrary.h"
#include "support/TrainedLibraryModel.h"
#include "widgets/trackview/AttentionLanes.h"
#include "widgets/trackview/CompareBar.h"
#include "widgets/trackview/TrackView.h"
#include "widgets/trackview/TrackViewport.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include <cmath>
#include <functional>
#include <numeric>

using namespace timbre;
using namespace timbre::widgets;

namespace {

const QColor kLaneBackground(24, 24, 28);

struct Bar
{
    int height = 0;
    QColor colour;
};

// The bar at time `t` in rectangle `r` (a sub-lane): its height and its (bottom pixel's) colour.
Bar barIn(const QImage &image, const QRect &r, const TrackViewport &viewport, double t)
{
    const int x = r.left() + int(viewport.xForTime(t));
    Bar bar;
    bar.colour = image.pixelColor(x, r.bottom());
    for (int y = r.bottom(); y >= r.top() && image.pixelColor(x, y) == bar.colour; --y)
        ++bar.height;
    return bar;
}

inference::TrackAttentionResult makeResult(const std::vector<float> &clipScores,
                                           const std::function<float(int i, int k)> &score,
                                           const std::function<float(int i, int k)> &attention)
{
    inference::TrackAttentionResult r;
    r.trackId = 7;
    r.instances = 10;
    r.classes = 3;
    r.hopS = 1.0;
    r.classKeys = {QStringLiteral("piano"), QStringLiteral("drums"), QStringLiteral("flute")};
    r.clipScores = clipScores;
    r.instanceScores.resize(30);
    if (attention)
        r.attention.resize(30);
    for (int i = 0; i < 10; ++i)
        for (int k = 0; k < 3; ++k) {
            r.instanceScores[size_t(i * 3 + k)] = score(i, k);
            if (attention)
                r.attention[size_t(i * 3 + k)] = attention(i, k);
        }
    return r;
}

LaneVersion version(qint64 id, const QString &tag, const QString &name,
                    const inference::TrackAttentionResult &result)
{
    LaneVersion v;
    v.modelId = id;
    v.tag = tag;
    v.name = name;
    v.result = result;
    return v;
}

// Text in the error colour somewhere in `r` (a sub-lane without bars).
bool hasReddishText(const QImage &image, const QRect &r)
{
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x < std::min(r.right(), r.left() + 400); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (c.red() > 150 && c.red() > c.green() + 50)
                return true;
        }
    return false;
}

} // namespace

class StackedLanesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Two versions built here: A with attention, B without (bars = instance scores).
    void twoVersionsStackPerInstrument()
    {
        const inference::TrackAttentionResult a = makeResult(
                {0.9f, 0.2f, 0.1f}, [](int i, int) { return float(i) / 9.0f; },
                [](int i, int k) { return k == 0 ? float(i + 1) / 55.0f : 0.1f; });
        const inference::TrackAttentionResult b = makeResult(
                {0.3f, 0.8f, 0.1f}, [](int i, int k) { return k == 1 ? 0.8f : 1.0f - i / 9.0f; },
                nullptr);
        TrackViewport viewport;
        viewport.setPlotWidth(1000);
        viewport.reset(10.0, 100.0);
        AttentionLanes lanes(&viewport);
        lanes.resize(150 + 1000, 300);
        lanes.setVersions(7,
                          {version(1, QStringLiteral("A"), QStringLiteral("att-one"), a),
                           version(2, QStringLiteral("B"), QStringLiteral("fc-two"), b)},
                          {{QStringLiteral("piano"), QStringLiteral("Piano"), Qt::red}});
        QVERIFY(lanes.isStacked());
        // Either version at 0.5 or more: piano (A) and drums (B); flute by neither.
        QCOMPARE(lanes.visibleKeys(),
                 QStringList({QStringLiteral("piano"), QStringLiteral("drums")}));
        const int h = AttentionLanes::kSubLaneHeight;
        QCOMPARE(lanes.subLaneHeight(), h);
        QCOMPARE(lanes.height(),
                 AttentionLanes::kHeaderHeight + 2 * 2 * h + AttentionLanes::kGroupGap + 3);
        // Geometry: per instrument a group of two sub-lanes, B right under A.
        for (int lane = 0; lane < 2; ++lane) {
            const QRect ra = lanes.subLaneRect(lane, 0);
            const QRect rb = lanes.subLaneRect(lane, 1);
            QCOMPARE(ra.left(), 150);
            QCOMPARE(ra.width(), 1000);
            QCOMPARE(ra.height(), h - 1);
            QCOMPARE(rb.top(), ra.top() + h);
            QCOMPARE(lanes.laneRect(lane), ra.united(rb));
        }
        QCOMPARE(lanes.subLaneRect(1, 0).top(),
                 lanes.subLaneRect(0, 1).bottom() + 2 + AttentionLanes::kGroupGap);

        lanes.show();
        QImage image = lanes.grab().toImage();
        const int barH = h - 1;
        for (int i = 0; i < 10; ++i) {
            // A's piano: height = attention over its largest, colour = A's instance score.
            const Bar pa = barIn(image, lanes.subLaneRect(0, 0), viewport, i + 0.5);
            QVERIFY2(qAbs(pa.height - qRound((i + 1) / 10.0 * barH)) <= 1,
                     qPrintable(QStringLiteral("A piano %1: %2 px").arg(i).arg(pa.height)));
            QCOMPARE(pa.colour, lanes.scoreColour(float(i) / 9.0f));
            // B's piano: no attention, height = instance score over its largest (1.0).
            const Bar pb = barIn(image, lanes.subLaneRect(0, 1), viewport, i + 0.5);
            const float sb = 1.0f - i / 9.0f;
            if (qRound(sb * barH) > 0) {
                QVERIFY2(qAbs(pb.height - qRound(sb * barH)) <= 1,
                         qPrintable(QStringLiteral("B piano %1: %2 px").arg(i).arg(pb.height)));
                QCOMPARE(pb.colour, lanes.scoreColour(sb));
            } else {
                QCOMPARE(pb.colour, kLaneBackground);
            }
            if (i != 4 && i != 5) // where the two scores nearly meet
                QVERIFY(pa.colour != pb.colour);
            // Drums: A's flat attention fills its lane, B's flat 0.8 scores fill its lane.
            const Bar da = barIn(image, lanes.subLaneRect(1, 0), viewport, i + 0.5);
            QCOMPARE(da.height, barH);
            QCOMPARE(da.colour, lanes.scoreColour(float(i) / 9.0f));
            const Bar db = barIn(image, lanes.subLaneRect(1, 1), viewport, i + 0.5);
            QCOMPARE(db.height, barH);
            QCOMPARE(db.colour, lanes.scoreColour(0.8f));
        }
        // Each sub-lane is tagged in its version's colour (the edge next to the bars), and the
        // two colours differ.
        QVERIFY(AttentionLanes::versionColour(0) != AttentionLanes::versionColour(1));
        for (int lane = 0; lane < 2; ++lane)
            for (int v = 0; v < 2; ++v) {
                const QRect r = lanes.subLaneRect(lane, v);
                QCOMPARE(image.pixelColor(150 - 3, r.center().y()),
                         AttentionLanes::versionColour(v));
            }
        QCOMPARE(lanes.versions().at(0).tag, QStringLiteral("A"));
        QCOMPARE(lanes.versions().at(1).name, QStringLiteral("fc-two"));

        // A click in B's drums sub-lane names the instance under it.
        QSignalSpy clicked(&lanes, &AttentionLanes::laneClicked);
        const QRect drumsB = lanes.subLaneRect(1, 1);
        QTest::mouseClick(&lanes, Qt::LeftButton, Qt::NoModifier,
                          QPoint(drumsB.left() + int(viewport.xForTime(6.3)), drumsB.center().y()));
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.at(0).at(0).toString(), QStringLiteral("drums"));
        QCOMPARE(clicked.at(0).at(1).toDouble(), 6.0);

        // Shown from the menu: kept while the versions update for the same track, reset for
        // another track. The focused instrument comes first.
        lanes.setInstrumentVisible(QStringLiteral("flute"), true);
        lanes.setVersions(7,
                          {version(1, QStringLiteral("A"), QStringLiteral("att-one"), a),
                           version(2, QStringLiteral("B"), QStringLiteral("fc-two"), b)});
        QCOMPARE(lanes.visibleKeys().size(), 3);
        lanes.setVersions(8,
                          {version(1, QStringLiteral("A"), QStringLiteral("att-one"), a),
                           version(2, QStringLiteral("B"), QStringLiteral("fc-two"), b)});
        QCOMPARE(lanes.visibleKeys().size(), 2);
        lanes.setFocusInstrument(QStringLiteral("flute"));
        QCOMPARE(lanes.visibleKeys(),
                 QStringList({QStringLiteral("flute"), QStringLiteral("piano"),
                              QStringLiteral("drums")}));

        // Many lanes in little room: sub-lanes shrink to fit the budget, down to a minimum.
        lanes.setStackedHeightBudget(100);
        const int fit
                = (100 - AttentionLanes::kHeaderHeight - 3 - 2 * AttentionLanes::kGroupGap) / 6;
        QCOMPARE(lanes.subLaneHeight(), std::max(AttentionLanes::kMinSubLaneHeight, fit));
        QVERIFY(lanes.height() <= 100);
        lanes.setStackedHeightBudget(40);
        QCOMPARE(lanes.subLaneHeight(), AttentionLanes::kMinSubLaneHeight);
        lanes.setStackedHeightBudget(360);
        lanes.setFocusInstrument(QString());

        // One version failing: its message in its sub-lanes, the other still draws.
        LaneVersion broken = version(3, QStringLiteral("B"), QStringLiteral("broken"), {});
        broken.result.error = QStringLiteral("checkpoint /models/broken.ckpt does not exist");
        broken.message = QStringLiteral("No lanes: ") + broken.result.error;
        lanes.setVersions(9,
                          {version(1, QStringLiteral("A"), QStringLiteral("att-one"), a), broken});
        QCOMPARE(lanes.visibleKeys(), QStringList({QStringLiteral("piano")}));
        QVERIFY(lanes.versions().at(1).failed());
        image = lanes.grab().toImage();
        QCOMPARE(barIn(image, lanes.subLaneRect(0, 0), viewport, 9.5).colour,
                 lanes.scoreColour(1.0f));
        QVERIFY(hasReddishText(image, lanes.subLaneRect(0, 1)));

        // Back to one model: one lane per instrument, as before the comparison.
        lanes.setResult(a);
        QVERIFY(!lanes.isStacked());
        QCOMPARE(lanes.visibleKeys(), QStringList({QStringLiteral("piano")}));
        QCOMPARE(lanes.height(), AttentionLanes::kHeaderHeight + AttentionLanes::kLaneHeight + 2);
        QCOMPARE(lanes.laneRect(0).height(), AttentionLanes::kLaneHeight - 3);
    }

    // "Follow the loudness" in a comparison: each version's scores moved by its own levels; a
    // version without levels (not read, or asked for by no switch) draws as before.
    void stackedVersionsFollowTheLoudness()
    {
        inference::TrackAttentionResult a = makeResult(
                {0.9f, 0.2f, 0.1f}, [](int, int) { return 0.5f; }, [](int, int) { return 0.1f; });
        for (int i = 0; i < 10; ++i)
            a.levelsDb.push_back(-30.0f + 2.0f * float(i)); // mean -21 dB
        inference::TrackAttentionResult b = a;
        b.levelsDb.clear();
        b.levelNote = QStringLiteral("/music/gone.wav: cannot be read (file not found)");
        TrackViewport viewport;
        viewport.setPlotWidth(1000);
        viewport.reset(10.0, 100.0);
        AttentionLanes lanes(&viewport);
        lanes.resize(150 + 1000, 300);
        lanes.setVersions(7,
                          {version(1, QStringLiteral("A"), QStringLiteral("one"), a),
                           version(2, QStringLiteral("B"), QStringLiteral("two"), b)});
        lanes.show();
        QVERIFY(lanes.levelCue());
        QImage image = lanes.grab().toImage();
        for (int i = 0; i < 10; ++i) {
            // sigmoid(logit(0.5) + 0.4 (L_i + 21)), by hand.
            const float moved = float(1.0 / (1.0 + std::exp(-0.4 * (2.0 * i - 9.0))));
            QCOMPARE(barIn(image, lanes.subLaneRect(0, 0), viewport, i + 0.5).colour,
                     lanes.scoreColour(moved));
            QCOMPARE(barIn(image, lanes.subLaneRect(0, 1), viewport, i + 0.5).colour,
                     lanes.scoreColour(0.5f));
        }
        lanes.setLevelCue(false);
        image = lanes.grab().toImage();
        for (int i = 0; i < 10; ++i)
            QCOMPARE(barIn(image, lanes.subLaneRect(0, 0), viewport, i + 0.5).colour,
                     lanes.scoreColour(0.5f));
        lanes.setLevelCue(true);
        image = lanes.grab().toImage();
        QVERIFY(barIn(image, lanes.subLaneRect(0, 0), viewport, 9.5).colour
                != lanes.scoreColour(0.5f));
    }

    // Through the track view on a generated library with two trained versions.
    void trackViewComparesTwoTrainedVersions()
    {
        QTemporaryDir dir;
        auto lib = library::Library::open(dir.path());
        QVERIFY(lib);
        testing::PlantedLibraryOptions o;
        o.tracks = 40;
        const testing::PlantedLibrary planted = testing::makePlantedLibrary(**lib, o);
        QVERIFY2(planted.error.isEmpty(), qPrintable(planted.error));
        testing::TrainedLibraryModelOptions t;
        t.epochs = 30;
        t.name = QStringLiteral("att-base");
        t.seed = 2;
        t.epochs = 10;
        const testing::TrainedLibraryModel fc = testing::trainLibraryModel(**lib, t);
        QVERIFY2(fc.error.isEmpty(), qPrintable(fc.error));
        t.name = QStringLiteral("att-next");
        t.seed = 1;
        t.epochs = 30;
        const testing::TrainedLibraryModel att = testing::trainLibraryModel(**lib, t); // active
        QVERIFY2(att.error.isEmpty(), qPrintable(att.error));
        library::ModelRecord missing;
        missing.name = QStringLiteral("gone");
        missing.kind = QStringLiteral("att");
        missing.checkpointFile = QStringLiteral("gone.ckpt");
        auto goneId = (*lib)->models().add(missing);
        QVERIFY(goneId);

        int best = 0;
        for (int i = 0; i < o.tracks; ++i)
            if (std::accumulate(planted.truth[size_t(i)].begin(), planted.truth[size_t(i)].end(), 0)
                > std::accumulate(planted.truth[size_t(best)].begin(),
                                  planted.truth[size_t(best)].end(), 0))
                best = i;
        const qint64 trackId = planted.trackIds.at(best);
        inference::TrackAttention attention(**lib);
        const inference::TrackAttentionResult wantAtt = attention.compute(trackId, att.id);
        const inference::TrackAttentionResult wantFc = attention.compute(trackId, fc.id);
        QVERIFY2(wantAtt.ok() && wantFc.ok(), qPrintable(wantAtt.error + wantFc.error));
        QVERIFY(wantAtt.hasAttention());

        TrackView view;
        view.resize(1600, 1000);
        view.show();
        QSignalSpy ready(&view, &TrackView::lanesReady);
        library::LibrarySession session;
        session.setLibrary(std::shared_ptr<library::Library>(
                library::Library::open(dir.path(), library::Library::OpenMode::ExistingOnly)
                        .take()));
        view.setSession(&session);
        QVERIFY(view.openTrack(trackId));
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 15000);
        QVERIFY(!view.lanes()->isStacked());
        QVERIFY(view.compareBar()->isHidden());
        const QStringList single = view.lanes()->visibleKeys();
        QCOMPARE(view.lanes()->result().attention, wantAtt.attention);

        // Compare: A = the active att version, B = the fc one.
        view.setComparedModels({att.id, fc.id});
        QCOMPARE(view.comparedModels(), QList<qint64>({att.id, fc.id}));
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 2, 15000);
        AttentionLanes *lanes = view.lanes();
        QVERIFY(lanes->isStacked());
        QCOMPARE(lanes->versions().size(), 2);
        QVERIFY(lanes->versions().at(0).drawable());
        {
            const inference::TrackAttentionResult &r = lanes->versions().at(1).result;
            QVERIFY2(lanes->versions().at(1).drawable(),
                     qPrintable(QStringLiteral("%1 x %2: scores %3 attention %4 clip %5 %6")
                                        .arg(r.instances)
                                        .arg(r.classes)
                                        .arg(r.instanceScores.size())
                                        .arg(r.attention.size())
                                        .arg(r.clipScores.size())
                                        .arg(lanes->versions().at(1).message)));
        }
        QCOMPARE(lanes->versions().at(0).name, QStringLiteral("att-next"));
        QCOMPARE(lanes->versions().at(1).tag, QStringLiteral("B"));
        QCOMPARE(lanes->versions().at(1).result.instanceScores, wantFc.instanceScores);
        QCOMPARE(lanes->versions().at(0).result.attention, wantAtt.attention);
        QVERIFY(view.compareBar()->isVisible());
        const QString barText = view.compareBar()->text();
        QVERIFY2(barText.contains(QStringLiteral("Comparing:"))
                         && barText.contains(QStringLiteral("att-next"))
                         && barText.contains(QStringLiteral("att-base")),
                 qPrintable(barText));

        // Each sub-lane's bars are its own version's scores' colours; somewhere they differ.
        view.viewport()->fitAll();
        const QImage image = lanes->grab().toImage();
        const QStringList keys = lanes->visibleKeys();
        QVERIFY(!keys.isEmpty());
        for (const QString &key : single)
            QVERIFY(keys.contains(key)); // what either version scores highly
        int differing = 0;
        int checked = 0;
        for (int lane = 0; lane < keys.size(); ++lane) {
            QColor colours[2][64];
            for (int v = 0; v < 2; ++v) {
                const inference::TrackAttentionResult &r = v == 0 ? wantAtt : wantFc;
                const int k = int(r.classKeys.indexOf(keys.at(lane)));
                const std::vector<float> &bars = r.hasAttention() ? r.attention : r.instanceScores;
                float top = 0.0f;
                for (int i = 0; i < r.instances; ++i)
                    top = std::max(top, bars[size_t(i * r.classes + k)]);
                const QRect rect = lanes->subLaneRect(lane, v);
                for (int i = 0; i < r.instances && i < 64; ++i) {
                    const Bar bar = barIn(image, rect, *view.viewport(), (i + 0.5) * r.hopS);
                    colours[v][i] = bar.colour;
                    const int want = qRound(bars[size_t(i * r.classes + k)] / top * rect.height());
                    if (want == 0)
                        continue;
                    ++checked;
                    QVERIFY2(qAbs(bar.height - want) <= 1,
                             qPrintable(QStringLiteral("%1 %2 instance %3: %4 px, want %5")
                                                .arg(keys.at(lane), lanes->versions()[v].tag)
                                                .arg(i)
                                                .arg(bar.height)
                                                .arg(want)));
                    QCOMPARE(bar.colour,
                             lanes->scoreColour(r.instanceScores[size_t(i * r.classes + k)]));
                }
            }
            for (int i = 0; i < wantAtt.instances && i < 64; ++i)
                differing += colours[0][i] != colours[1][i] ? 1 : 0;
        }
        QVERIFY(checked >= keys.size() * 2);
        QVERIFY2(differing > 0, "the two versions' lanes look the same");

        // The disagreement's instrument: shown, and first.
        const QString quiet = wantAtt.classKeys.last();
        view.focusInstrument(quiet);
        QCOMPARE(lanes->visibleKeys().first(), quiet);

        // Leaving: one lane per instrument of the active version again, at once (kept).
        const int before = ready.count();
        view.compareBar()->leaveButton()->click();
        QVERIFY(view.comparedModels().isEmpty());
        QVERIFY(view.compareBar()->isHidden());
        QCOMPARE(ready.count(), before + 1);
        QVERIFY(!lanes->isStacked());
        QCOMPARE(lanes->visibleKeys(), single);
        QCOMPARE(lanes->laneRect(0).height(), AttentionLanes::kLaneHeight - 3);
        // And back: both versions drawn at once from what was computed.
        view.setComparedModels({att.id, fc.id});
        QCOMPARE(ready.count(), before + 2);
        QVERIFY(lanes->versions().at(1).drawable());

        // A version whose checkpoint is gone says so in its sub-lanes; the other draws.
        QSignalSpy status(&view, &TrackView::statusMessage);
        view.setComparedModels({att.id, *goneId});
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), before + 3, 15000);
        QVERIFY(lanes->versions().at(0).drawable());
        QVERIFY(lanes->versions().at(1).failed());
        QVERIFY2(lanes->versions().at(1).message.contains(QStringLiteral("gone.ckpt")),
                 qPrintable(lanes->versions().at(1).message));
        QVERIFY(status.count() >= 1);
        const QImage broken = lanes->grab().toImage();
        QVERIFY(hasReddishText(broken, lanes->subLaneRect(0, 1)));
        QVERIFY(view.compareBar()->text().contains(QStringLiteral("gone")));
    }
};

QTEST_MAIN(StackedLanesTest)
#include "StackedLanes_test.moc"
