// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/inference/TrackAttention.h"
#include "core/library/Library.h"
#include "core/library/LibrarySession.h"
#include "support/PlantedLibrary.h"
#include "support/TrainedLibraryModel.h"
#include "widgets/trackview/AttentionLanes.h"
#include "widgets/trackview/TrackView.h"
#include "widgets/trackview/TrackViewport.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace timbre;
using namespace timbre::widgets;

namespace {

// The bar in lane `lane` at time `t`: its height in pixels and its colour (bottom pixel).
struct Bar
{
    int height = 0;
    QColor colour;
};

Bar barAt(const AttentionLanes &lanes, const TrackViewport &viewport, const QImage &image, int lane,
          double t)
{
    const QRect r = lanes.laneRect(lane);
    const int x = lanes.laneRect(0).left() + int(viewport.xForTime(t));
    Bar bar;
    bar.colour = image.pixelColor(x, r.bottom());
    for (int y = r.bottom(); y >= r.top() && image.pixelColor(x, y) == bar.colour; --y)
        ++bar.height;
    return bar;
}

} // namespace

class AttentionLanesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void barsShowAttentionAndScore()
    {
        inference::TrackAttentionResult r;
        r.instances = 10;
        r.classes = 3;
        r.hopS = 1.0;
        r.classKeys = {QStringLiteral("piano"), QStringLiteral("drums"), QStringLiteral("flute")};
        r.clipScores = {0.9f, 0.7f, 0.1f}; // flute below 0.5: hidden by default
        r.instanceScores.resize(30);
        r.attention.resize(30);
        for (int i = 0; i < 10; ++i) {
            r.attention[size_t(i * 3 + 0)] = float(i + 1) / 55.0f; // rising
            r.attention[size_t(i * 3 + 1)] = i == 4 ? 1.0f : 0.0f; // one instance
            r.attention[size_t(i * 3 + 2)] = 0.1f;
            r.instanceScores[size_t(i * 3 + 0)] = float(i) / 9.0f;
            r.instanceScores[size_t(i * 3 + 1)] = 0.8f;
            r.instanceScores[size_t(i * 3 + 2)] = 0.1f;
        }
        TrackViewport viewport;
        viewport.setPlotWidth(1000);
        viewport.reset(10.0, 100.0);
        AttentionLanes lanes(&viewport);
        lanes.resize(150 + 1000, 200);
        lanes.setResult(r, {{QStringLiteral("piano"), QStringLiteral("Piano"), Qt::red}});
        QCOMPARE(lanes.visibleKeys(),
                 QStringList({QStringLiteral("piano"), QStringLiteral("drums")}));
        QCOMPARE(lanes.height(),
                 AttentionLanes::kHeaderHeight + 2 * AttentionLanes::kLaneHeight + 2);
        lanes.show();
        QImage image = lanes.grab().toImage();
        const int laneH = lanes.laneRect(0).height();
        for (int i = 0; i < 10; ++i) {
            const Bar piano = barAt(lanes, viewport, image, 0, i + 0.5);
            // Height: attention over the lane's largest (10/55), colour: the instance score.
            QVERIFY2(qAbs(piano.height - qRound((i + 1) / 10.0 * laneH)) <= 1,
                     qPrintable(QStringLiteral("instance %1: %2 px").arg(i).arg(piano.height)));
            QCOMPARE(piano.colour, lanes.scoreColour(float(i) / 9.0f));
            const Bar drums = barAt(lanes, viewport, image, 1, i + 0.5);
            // Only instance 4 has a bar (full height); elsewhere the lane's background shows.
            QCOMPARE(drums.colour == lanes.scoreColour(0.8f), i == 4);
            if (i == 4)
                QCOMPARE(drums.height, laneH);
        }
        // Toggling: flute on, drums off.
        lanes.setInstrumentVisible(QStringLiteral("flute"), true);
        lanes.setInstrumentVisible(QStringLiteral("drums"), false);
        QCOMPARE(lanes.visibleKeys(),
                 QStringList({QStringLiteral("piano"), QStringLiteral("flute")}));
        image = lanes.grab().toImage();
        QCOMPARE(barAt(lanes, viewport, image, 1, 7.5).height, laneH); // flat 0.1 = its maximum
        QCOMPARE(barAt(lanes, viewport, image, 1, 7.5).colour, lanes.scoreColour(0.1f));

        // Zooming in keeps bars on the shared time axis.
        viewport.setZoomLevel(viewport.zoomLevel() - 2, 0.0);
        viewport.setVisibleStart(3.0);
        image = lanes.grab().toImage();
        QVERIFY(qAbs(barAt(lanes, viewport, image, 0, 3.5).height - qRound(0.4 * laneH)) <= 1);

        // A click in a lane names the instance under it.
        QSignalSpy clicked(&lanes, &AttentionLanes::laneClicked);
        const QRect lane0 = lanes.laneRect(0);
        QTest::mouseClick(&lanes, Qt::LeftButton, Qt::NoModifier,
                          QPoint(lane0.left() + int(viewport.xForTime(4.2)), lane0.center().y()));
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.at(0).at(0).toString(), QStringLiteral("piano"));
        QCOMPARE(clicked.at(0).at(1).toDouble(), 4.0);
        QCOMPARE(clicked.at(0).at(2).toDouble(), 5.0);
    }

    void lanesShowWhatTheModelComputes()
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
        const testing::TrainedLibraryModel model = testing::trainLibraryModel(**lib, t);
        QVERIFY2(model.error.isEmpty(), qPrintable(model.error));
        // The track with the most planted instruments.
        int best = 0;
        for (int i = 0; i < o.tracks; ++i)
            if (std::accumulate(planted.truth[size_t(i)].begin(), planted.truth[size_t(i)].end(), 0)
                > std::accumulate(planted.truth[size_t(best)].begin(),
                                  planted.truth[size_t(best)].end(), 0))
                best = i;
        const qint64 trackId = planted.trackIds.at(best);
        inference::TrackAttention attention(**lib);
        const inference::TrackAttentionResult expected = attention.compute(trackId, model.id);
        QVERIFY2(expected.ok(), qPrintable(expected.error));

        TrackView view;
        view.resize(1200, 700);
        view.show();
        QSignalSpy ready(&view, &TrackView::lanesReady);
        library::LibrarySession session;
        session.setLibrary(std::shared_ptr<library::Library>(
                library::Library::open(dir.path(), library::Library::OpenMode::ExistingOnly)
                        .take()));
        view.setSession(&session);
        QVERIFY(view.openTrack(trackId)); // the planted audio does not exist: lanes only
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 15000);
        const inference::TrackAttentionResult &shown = view.lanes()->result();
        QVERIFY2(view.lanes()->message().isEmpty(), qPrintable(view.lanes()->message()));
        QCOMPARE(shown.classKeys, expected.classKeys);
        QCOMPARE(shown.instances, o.instancesPerTrack);
        QCOMPARE(shown.attention, expected.attention);
        QCOMPARE(shown.instanceScores, expected.instanceScores);
        // Drawn: each shown lane's bars follow its attention column.
        view.viewport()->fitAll();
        const QImage image = view.lanes()->grab().toImage();
        const QStringList keys = view.lanes()->visibleKeys();
        QVERIFY(!keys.isEmpty());
        const int laneH = view.lanes()->laneRect(0).height();
        for (int lane = 0; lane < keys.size(); ++lane) {
            const int k = int(shown.classKeys.indexOf(keys.at(lane)));
            float top = 0.0f;
            for (int i = 0; i < shown.instances; ++i)
                top = std::max(top, shown.attention[size_t(i * shown.classes + k)]);
            for (int i = 0; i < shown.instances; ++i) {
                const Bar bar = barAt(*view.lanes(), *view.viewport(), image, lane,
                                      (i + 0.5) * shown.hopS);
                const int want
                        = qRound(shown.attention[size_t(i * shown.classes + k)] / top * laneH);
                if (want == 0)
                    continue;
                QVERIFY2(qAbs(bar.height - want) <= 1,
                         qPrintable(QStringLiteral("%1 instance %2: %3 px, want %4")
                                            .arg(keys.at(lane))
                                            .arg(i)
                                            .arg(bar.height)
                                            .arg(want)));
                QCOMPARE(bar.colour,
                         view.lanes()->scoreColour(
                                 shown.instanceScores[size_t(i * shown.classes + k)]));
            }
        }
    }

    void noModelSaysSo()
    {
        QTemporaryDir dir;
        auto lib = library::Library::open(dir.path());
        QVERIFY(lib);
        testing::PlantedLibraryOptions o;
        o.tracks = 3;
        const testing::PlantedLibrary planted = testing::makePlantedLibrary(**lib, o);
        QVERIFY(planted.error.isEmpty());
        TrackView view;
        library::LibrarySession session;
        session.setLibrary(std::shared_ptr<library::Library>(
                library::Library::open(dir.path(), library::Library::OpenMode::ExistingOnly)
                        .take()));
        view.setSession(&session);
        QVERIFY(view.openTrack(planted.trackIds.at(0)));
        QCOMPARE(view.lanes()->message(),
                 QStringLiteral("Extract features and train a model to see lanes"));
        QVERIFY(!view.openTrack(987654));
    }
};

QTEST_MAIN(AttentionLanesTest)
#include "AttentionLanes_test.moc"
