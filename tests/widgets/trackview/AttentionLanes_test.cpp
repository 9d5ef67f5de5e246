// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/inference/InstanceLevel.h"
#include "core/inference/TrackAttention.h"
#include "core/library/Library.h"
#include "core/library/LibrarySession.h"
#include "support/ContextMenuAction.h"
#include "support/ExtractedAudioLibrary.h"
#include "support/PlantedLibrary.h"
#include "support/TrainedLibraryModel.h"
#include "widgets/trackview/AttentionLanes.h"
#include "widgets/trackview/TrackView.h"
#include "widgets/trackview/TrackViewport.h"

#include <QApplication>
#include <QHelpEvent>
#include <QMenu>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolTip>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <memory>

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

// Ten 1 s instances of piano, clip score 0.9, attention rising; no scores yet.
inference::TrackAttentionResult pianoResult()
{
    inference::TrackAttentionResult r;
    r.instances = 10;
    r.classes = 1;
    r.hopS = 1.0;
    r.classKeys = {QStringLiteral("piano")};
    r.clipScores = {0.9f};
    for (int i = 0; i < 10; ++i)
        r.attention.push_back(float(i + 1) / 55.0f);
    return r;
}

// Ten instances of one instrument: rising attention, instance scores rising from 0 to 1 and
// overlapping instances' scores falling from 1 to 0.
inference::TrackAttentionResult overlapResult()
{
    inference::TrackAttentionResult r = pianoResult();
    for (int i = 0; i < 10; ++i) {
        r.instanceScores.push_back(float(i) / 9.0f);
        r.overlapScores.push_back(1.0f - float(i) / 9.0f);
    }
    return r;
}

// Ten instances of one instrument with the same instance score, 0.5, and levels rising by 2 dB
// an instance from -30 dB (mean -21 dB), attention rising.
inference::TrackAttentionResult levelResult()
{
    inference::TrackAttentionResult r = pianoResult();
    for (int i = 0; i < 10; ++i) {
        r.instanceScores.push_back(0.5f);
        r.levelsDb.push_back(-30.0f + 2.0f * float(i));
    }
    return r;
}

// The level cue by hand (docs/METHOD.md §10.7): sigmoid(logit(s) + 0.4 (L_i - mean L)), the
// score kept off 0 and 1 by 1e-6 as InstanceLevel does.
float withLevel(float score, float levelDb, float meanDb)
{
    const double s = std::clamp(double(score), 1e-6, 1.0 - 1e-6);
    const double z = std::log(s / (1.0 - s)) + 0.4 * (double(levelDb) - double(meanDb));
    return float(1.0 / (1.0 + std::exp(-z)));
}

// Pixels in the header right of x0 that are not the background: text drawn there.
int headerTextPixels(const AttentionLanes &lanes, const QImage &shot, int x0)
{
    const QColor background = lanes.palette().color(QPalette::Window);
    int n = 0;
    for (int x = x0; x < shot.width(); ++x)
        for (int y = 0; y < AttentionLanes::kHeaderHeight; ++y)
            n += shot.pixelColor(x, y) != background ? 1 : 0;
    return n;
}

// Where the legend's colour bar starts: the first pixel of the header's middle row in the
// colour of score 50/99 (the bar's 51st column) less 50.
int legendBarStart(const AttentionLanes &lanes, const QImage &shot)
{
    const QColor mid = lanes.scoreColour(float(50 / 99.0));
    for (int x = 0; x < shot.width(); ++x)
        if (shot.pixelColor(x, AttentionLanes::kHeaderHeight / 2) == mid)
            return x - 50;
    return -1;
}

// The header's tooltip, empty when none shows.
QString headerTooltip(AttentionLanes &lanes)
{
    QToolTip::hideText();
    if (!QTest::qWaitFor([] { return !QToolTip::isVisible(); }, 3000))
        return QStringLiteral("(an earlier tooltip stayed)");
    const QPoint pos(lanes.width() - 40, AttentionLanes::kHeaderHeight / 2);
    QHelpEvent help(QEvent::ToolTip, pos, lanes.mapToGlobal(pos));
    QApplication::sendEvent(&lanes, &help);
    return QToolTip::isVisible() ? QToolTip::text() : QString();
}

// A library of 12 tracks of real audio with extracted features and a trained model, for the
// track view's lane-thread tests.
struct LaneLibrary
{
    QTemporaryDir dir;
    QString folder;
    std::unique_ptr<library::Library> lib;
    testing::ExtractedAudioLibrary audio;
    testing::TrainedLibraryModel model;
    QString error;
};

bool makeLaneLibrary(LaneLibrary *f)
{
    f->folder = f->dir.filePath(QStringLiteral("lib"));
    auto lib = library::Library::open(f->folder);
    if (!lib) {
        f->error = lib.error().message;
        return false;
    }
    f->lib = lib.take();
    testing::ExtractedAudioLibraryOptions o;
    o.tracks = 12;
    f->audio = testing::makeExtractedAudioLibrary(*f->lib, f->dir.filePath(QStringLiteral("audio")),
                                                  o);
    testing::TrainedLibraryModelOptions t;
    t.epochs = 20;
    if (f->audio.error.isEmpty())
        f->model = testing::trainLibraryModel(*f->lib, t);
    f->error = f->audio.error.isEmpty() ? f->model.error : f->audio.error;
    return f->error.isEmpty();
}

} // namespace

// Lanes over the first 10 s of a 1000 px plot (100 px per second) beside the 150 px label
// column, shown.
struct ShownLanes
{
    TrackViewport viewport;
    std::unique_ptr<AttentionLanes> lanes;
    ShownLanes()
    {
        viewport.setPlotWidth(1000);
        viewport.reset(10.0, 100.0);
        lanes = std::make_unique<AttentionLanes>(&viewport);
        lanes->resize(150 + 1000, 200);
        lanes->show();
    }
};

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

    void overlappingInstancesColourTheBars()
    {
        ShownLanes shown;
        TrackViewport &viewport = shown.viewport;
        AttentionLanes &lanes = *shown.lanes;
        inference::TrackAttentionResult r = overlapResult();
        lanes.setResult(r);
        QImage image = lanes.grab().toImage();
        const int laneH = lanes.laneRect(0).height();
        for (int i = 0; i < 10; ++i) {
            const Bar bar = barAt(lanes, viewport, image, 0, i + 0.5);
            // Colour: the overlapping instances' score; height: still the attention.
            QCOMPARE(bar.colour, lanes.scoreColour(1.0f - float(i) / 9.0f));
            QVERIFY(bar.colour != lanes.scoreColour(float(i) / 9.0f));
            QVERIFY2(qAbs(bar.height - qRound((i + 1) / 10.0 * laneH)) <= 1,
                     qPrintable(QStringLiteral("instance %1: %2 px").arg(i).arg(bar.height)));
        }

        // Text in the header well right of the legend (antialiased: anything but background).
        const QColor background = lanes.palette().color(QPalette::Window);
        const auto headerTextPixels = [&](const QImage &shot) {
            int n = 0;
            for (int x = 150 + 650; x < shot.width(); ++x)
                for (int y = 0; y < AttentionLanes::kHeaderHeight; ++y)
                    n += shot.pixelColor(x, y) != background ? 1 : 0;
            return n;
        };
        QCOMPARE(headerTextPixels(image), 0); // nothing to say

        // Without them (switched off, or they could not be computed): the instance scores.
        r.overlapScores.clear();
        r.overlapNote = QStringLiteral("/music/gone.wav: cannot be read (file not found)");
        lanes.setResult(r);
        image = lanes.grab().toImage();
        for (int i = 0; i < 10; ++i) {
            const Bar bar = barAt(lanes, viewport, image, 0, i + 0.5);
            QCOMPARE(bar.colour, lanes.scoreColour(float(i) / 9.0f));
            QVERIFY2(qAbs(bar.height - qRound((i + 1) / 10.0 * laneH)) <= 1,
                     qPrintable(QStringLiteral("instance %1: %2 px").arg(i).arg(bar.height)));
        }
        // The header says why, right of the colour legend.
        const int notePixels = headerTextPixels(image);
        QVERIFY2(notePixels > 20, qPrintable(QString::number(notePixels)));

        // An overlap of another shape than the scores is not drawn.
        r = overlapResult();
        r.overlapScores.resize(5);
        lanes.setResult(r);
        image = lanes.grab().toImage();
        QCOMPARE(barAt(lanes, viewport, image, 0, 2.5).colour, lanes.scoreColour(2.0f / 9.0f));
    }

    void contextMenuSwitchesOverlap()
    {
        ShownLanes shown;
        AttentionLanes &lanes = *shown.lanes;
        QVERIFY(QTest::qWaitForWindowExposed(&lanes));
        lanes.setResult(overlapResult());
        QVERIFY(lanes.overlappingInstances()); // on by default
        QSignalSpy toggled(&lanes, &AttentionLanes::overlappingInstancesToggled);
        const QPoint inLane = lanes.laneRect(0).center();
        bool wasChecked = false;
        QVERIFY(testing::triggerContextMenuAction(
                lanes, inLane, QStringLiteral("Overlapping instances"), &wasChecked));
        QVERIFY(wasChecked);
        QCOMPARE(toggled.count(), 1);
        QCOMPARE(toggled.at(0).at(0).toBool(), false);
        QVERIFY(!lanes.overlappingInstances());
        QVERIFY(testing::triggerContextMenuAction(
                lanes, inLane, QStringLiteral("Overlapping instances"), &wasChecked));
        QVERIFY(!wasChecked);
        QCOMPARE(toggled.count(), 2);
        QCOMPARE(toggled.at(1).at(0).toBool(), true);
        // Set from outside (the track view's setting): shown, not signalled.
        lanes.setOverlappingInstances(false);
        QVERIFY(!lanes.overlappingInstances());
        QCOMPARE(toggled.count(), 2);
    }

    // "Bar height: score": each bar as high as the score that colours it, on the lane's
    // absolute 0-1 scale, instead of its attention; switched in the context menu, signalled
    // only from there.
    void scoreHeightsDrawTheScore()
    {
        ShownLanes shown;
        TrackViewport &viewport = shown.viewport;
        AttentionLanes &lanes = *shown.lanes;
        QVERIFY(QTest::qWaitForWindowExposed(&lanes));
        lanes.setResult(overlapResult());
        QVERIFY(!lanes.scoreHeights()); // attention by default
        QSignalSpy toggled(&lanes, &AttentionLanes::scoreHeightsToggled);
        bool wasChecked = true;
        QVERIFY(testing::triggerContextMenuAction(lanes, lanes.laneRect(0).center(),
                                                  QStringLiteral("Bar height: score"),
                                                  &wasChecked));
        QVERIFY(!wasChecked);
        QCOMPARE(toggled.count(), 1);
        QCOMPARE(toggled.at(0).at(0).toBool(), true);
        QVERIFY(lanes.scoreHeights());
        const QImage image = lanes.grab().toImage();
        const int laneH = lanes.laneRect(0).height();
        // Overlap scores fall from 1 to 0 while the attention rises: the heights now fall.
        for (int i = 0; i < 9; ++i) {
            const float score = 1.0f - float(i) / 9.0f;
            const Bar bar = barAt(lanes, viewport, image, 0, i + 0.5);
            QCOMPARE(bar.colour, lanes.scoreColour(score));
            QVERIFY2(qAbs(bar.height - qRound(score * laneH)) <= 1,
                     qPrintable(QStringLiteral("instance %1: %2 px").arg(i).arg(bar.height)));
        }
        // Back to attention from outside (the track view's setting): not signalled.
        lanes.setScoreHeights(false);
        QCOMPARE(toggled.count(), 1);
        const QImage attention = lanes.grab().toImage();
        QVERIFY(qAbs(barAt(lanes, viewport, attention, 0, 0.5).height - qRound(0.1 * laneH)) <= 1);
    }

    // "Follow the loudness": with levels, each bar's score is moved by its level relative to
    // the track's mean; on by default, switched in the context menu (signalled only from there),
    // colours and score heights back to the plain scores when off.
    void levelCueMovesTheBars()
    {
        ShownLanes shown;
        TrackViewport &viewport = shown.viewport;
        AttentionLanes &lanes = *shown.lanes;
        QVERIFY(QTest::qWaitForWindowExposed(&lanes));
        QVERIFY(lanes.levelCue()); // on by default
        lanes.setResult(levelResult());
        const int laneH = lanes.laneRect(0).height();
        QImage image = lanes.grab().toImage();
        const int legendWithLevel = legendBarStart(lanes, image);
        QColor previous;
        for (int i = 0; i < 10; ++i) {
            // Equal instance scores, rising levels: rising colours, the mean level's 0.5 between
            // instances 4 (-22 dB) and 5 (-20 dB).
            const float moved = withLevel(0.5f, -30.0f + 2.0f * float(i), -21.0f);
            const Bar bar = barAt(lanes, viewport, image, 0, i + 0.5);
            QCOMPARE(bar.colour, lanes.scoreColour(moved));
            QVERIFY(bar.colour != lanes.scoreColour(0.5f));
            QVERIFY(bar.colour != previous);
            previous = bar.colour;
            // Height: still the attention.
            QVERIFY2(qAbs(bar.height - qRound((i + 1) / 10.0 * laneH)) <= 1,
                     qPrintable(QStringLiteral("instance %1: %2 px").arg(i).arg(bar.height)));
        }
        QVERIFY(withLevel(0.5f, -30.0f, -21.0f) < 0.03f && withLevel(0.5f, -12.0f, -21.0f) > 0.97f);
        QCOMPARE(headerTextPixels(lanes, image, 150 + 650), 0); // no note

        // Bar height: score: the moved score is the height too.
        lanes.setScoreHeights(true);
        image = lanes.grab().toImage();
        for (int i = 0; i < 10; ++i) {
            const float moved = withLevel(0.5f, -30.0f + 2.0f * float(i), -21.0f);
            const Bar bar = barAt(lanes, viewport, image, 0, i + 0.5);
            if (qRound(moved * laneH) == 0)
                continue; // no bar: the lane's background
            QCOMPARE(bar.colour, lanes.scoreColour(moved));
            QVERIFY2(qAbs(bar.height - qRound(moved * laneH)) <= 1,
                     qPrintable(QStringLiteral("instance %1: %2 px").arg(i).arg(bar.height)));
        }

        // Off from the menu: signalled, and the plain scores again (flat 0.5, half high).
        QSignalSpy toggled(&lanes, &AttentionLanes::levelCueToggled);
        bool wasChecked = false;
        QVERIFY(testing::triggerContextMenuAction(lanes, lanes.laneRect(0).center(),
                                                  QStringLiteral("Follow the loudness"),
                                                  &wasChecked));
        QVERIFY(wasChecked);
        QCOMPARE(toggled.count(), 1);
        QCOMPARE(toggled.at(0).at(0).toBool(), false);
        QVERIFY(!lanes.levelCue());
        image = lanes.grab().toImage();
        for (int i = 0; i < 10; ++i) {
            const Bar bar = barAt(lanes, viewport, image, 0, i + 0.5);
            QCOMPARE(bar.colour, lanes.scoreColour(0.5f));
            QVERIFY(qAbs(bar.height - qRound(0.5 * laneH)) <= 1);
        }
        lanes.setScoreHeights(false);
        image = lanes.grab().toImage();
        // The legend says "with loudness" only when on: its colour bar sits further right.
        const int legendPlain = legendBarStart(lanes, image);
        QVERIFY2(legendPlain > 150 && legendWithLevel > legendPlain + 30,
                 qPrintable(QStringLiteral("%1 %2").arg(legendPlain).arg(legendWithLevel)));

        // On again from the menu: the moved colours.
        QVERIFY(testing::triggerContextMenuAction(lanes, lanes.laneRect(0).center(),
                                                  QStringLiteral("Follow the loudness"),
                                                  &wasChecked));
        QVERIFY(!wasChecked);
        QCOMPARE(toggled.count(), 2);
        QCOMPARE(toggled.at(1).at(0).toBool(), true);
        image = lanes.grab().toImage();
        QCOMPARE(barAt(lanes, viewport, image, 0, 9.5).colour,
                 lanes.scoreColour(withLevel(0.5f, -12.0f, -21.0f)));
        // Set from outside (the track view's setting): drawn, not signalled.
        lanes.setLevelCue(false);
        QCOMPARE(toggled.count(), 2);
        image = lanes.grab().toImage();
        QCOMPARE(barAt(lanes, viewport, image, 0, 9.5).colour, lanes.scoreColour(0.5f));
        lanes.setLevelCue(true);

        // With overlapping instances, their scores are what the level moves.
        inference::TrackAttentionResult r = overlapResult();
        r.levelsDb = levelResult().levelsDb;
        lanes.setResult(r);
        image = lanes.grab().toImage();
        for (int i = 0; i < 10; ++i) {
            const float overlap = 1.0f - float(i) / 9.0f;
            QCOMPARE(barAt(lanes, viewport, image, 0, i + 0.5).colour,
                     lanes.scoreColour(withLevel(overlap, -30.0f + 2.0f * float(i), -21.0f)));
        }
        // Levels of another shape than the instances are not drawn.
        r = levelResult();
        r.levelsDb.resize(4);
        lanes.setResult(r);
        image = lanes.grab().toImage();
        QCOMPARE(barAt(lanes, viewport, image, 0, 9.5).colour, lanes.scoreColour(0.5f));
    }

    // Levels asked for and not had: the bars as before, the header and its tooltip say why
    // (once when the overlap is missing for the same reason), nothing while the switch is off.
    void levelNoteWhenTheAudioIsMissing()
    {
        ShownLanes shown;
        TrackViewport &viewport = shown.viewport;
        AttentionLanes &lanes = *shown.lanes;
        QVERIFY(QTest::qWaitForWindowExposed(&lanes));
        const QString gone = QStringLiteral("/music/gone.wav: cannot be read (file not found)");
        inference::TrackAttentionResult r = levelResult();
        r.levelsDb.clear();
        r.levelNote = gone;
        lanes.setResult(r);
        QImage image = lanes.grab().toImage();
        for (int i = 0; i < 10; ++i)
            QCOMPARE(barAt(lanes, viewport, image, 0, i + 0.5).colour, lanes.scoreColour(0.5f));
        const int notePixels = headerTextPixels(lanes, image, 150 + 650);
        QVERIFY2(notePixels > 20, qPrintable(QString::number(notePixels)));
        QCOMPARE(headerTooltip(lanes), QStringLiteral("No loudness: %1").arg(gone));

        // The overlap missing for the same reason: one note for both.
        r.overlapNote = gone;
        lanes.setResult(r);
        QCOMPARE(headerTooltip(lanes),
                 QStringLiteral("No overlapping instances or loudness: %1").arg(gone));
        // For different reasons: both.
        r.overlapNote = QStringLiteral("/lib: extractor 'cnn' is version 3 now");
        lanes.setResult(r);
        QCOMPARE(headerTooltip(lanes),
                 QStringLiteral("No overlapping instances: %1\nNo loudness: %2")
                         .arg(r.overlapNote, gone));

        // Switched off: the missing levels are not news.
        r.overlapNote.clear();
        lanes.setResult(r);
        lanes.setLevelCue(false);
        image = lanes.grab().toImage();
        QCOMPARE(headerTextPixels(lanes, image, 150 + 650), 0);
        QCOMPARE(headerTooltip(lanes), QString());
    }

    void trackViewComputesOverlapOnItsLaneThread()
    {
        LaneLibrary f;
        QVERIFY2(makeLaneLibrary(&f), qPrintable(f.error));
        const QString &folder = f.folder;
        const testing::ExtractedAudioLibrary &audio = f.audio;
        const testing::TrainedLibraryModel &model = f.model;
        const qint64 trackId = audio.trackIds.at(3);
        inference::TrackAttention attention(*f.lib);
        attention.setOverlap(true);
        const inference::TrackAttentionResult expected = attention.compute(trackId, model.id);
        QVERIFY2(expected.ok() && !expected.overlapScores.empty(),
                 qPrintable(expected.error + expected.overlapNote));

        TrackView view;
        QVERIFY(view.overlappingInstances()); // on by default
        view.resize(1200, 700);
        view.show();
        QSignalSpy ready(&view, &TrackView::lanesReady);
        QSignalSpy changed(&view, &TrackView::overlappingInstancesChanged);
        library::LibrarySession session;
        session.setLibrary(std::shared_ptr<library::Library>(
                library::Library::open(folder, library::Library::OpenMode::ExistingOnly).take()));
        view.setSession(&session);
        QVERIFY(view.openTrack(trackId));
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 15000);
        QVERIFY2(view.lanes()->message().isEmpty(), qPrintable(view.lanes()->message()));
        QVERIFY(view.lanes()->result().overlapScores == expected.overlapScores);
        QVERIFY(view.lanes()->result().instanceScores == expected.instanceScores);

        // An instrument the user shows stays shown while the lanes are recoloured.
        QString extra;
        for (const QString &key : expected.classKeys)
            if (!view.lanes()->visibleKeys().contains(key) && extra.isEmpty())
                extra = key;
        QVERIFY(!extra.isEmpty());
        view.lanes()->setInstrumentVisible(extra, true);

        // Off: at once, cut from the kept lanes (with the levels too: "Follow the loudness" is
        // on by default).
        view.setOverlappingInstances(false);
        QCOMPARE(changed.count(), 1);
        QVERIFY(!view.lanes()->overlappingInstances());
        QCOMPARE(ready.count(), 2);
        QVERIFY(view.lanes()->result().overlapScores.empty());
        QVERIFY(view.lanes()->result().overlapNote.isEmpty());
        QVERIFY(view.lanes()->result().instanceScores == expected.instanceScores);
        QVERIFY(view.lanes()->visibleKeys().contains(extra));

        // On again from the lanes' menu: the kept result, at once.
        bool wasChecked = true;
        QVERIFY(testing::triggerContextMenuAction(*view.lanes(), view.lanes()->laneRect(0).center(),
                                                  QStringLiteral("Overlapping instances"),
                                                  &wasChecked));
        QVERIFY(!wasChecked);
        QVERIFY(view.overlappingInstances());
        QCOMPARE(changed.count(), 2);
        QCOMPARE(ready.count(), 3);
        QVERIFY(view.lanes()->result().overlapScores == expected.overlapScores);
        QVERIFY(view.lanes()->visibleKeys().contains(extra));

        // Another track, overlap on: its plain lanes first, then the overlap's colours; one
        // lanesReady, for the latter.
        QVERIFY(view.openTrack(audio.trackIds.at(4)));
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 4, 15000);
        QVERIFY(!view.lanes()->result().overlapScores.empty());
        QVERIFY(!view.lanes()->visibleKeys().contains(extra)); // another track: the defaults
        QTest::qWait(200);
        QCOMPARE(ready.count(), 4);
        view.setOverlappingInstances(false); // cut from the kept lanes, at once
        QCOMPARE(ready.count(), 5);
        QVERIFY(view.lanes()->result().overlapScores.empty());
    }

    // "Follow the loudness" through the track view: the levels read on the lane thread, the
    // switch signalled, the lanes recomputed off the GUI thread when switched on (the lanes
    // without levels drawn meanwhile) and cut from the kept ones at once when switched off.
    void trackViewFollowsTheLoudness()
    {
        LaneLibrary f;
        QVERIFY2(makeLaneLibrary(&f), qPrintable(f.error));
        const QString &folder = f.folder;
        const testing::ExtractedAudioLibrary &audio = f.audio;
        const testing::TrainedLibraryModel &model = f.model;
        const qint64 trackId = audio.trackIds.at(3);
        inference::TrackAttention attention(*f.lib);
        attention.setOverlap(true);
        attention.setLevel(true);
        const inference::TrackAttentionResult expected = attention.compute(trackId, model.id);
        QVERIFY2(expected.ok() && !expected.overlapScores.empty()
                         && expected.levelsDb.size() == size_t(expected.instances),
                 qPrintable(expected.error + expected.overlapNote + expected.levelNote));
        // The tones come and go: the levels differ, and so the moved scores from the plain.
        const std::vector<float> moved = inference::InstanceLevel::blend(
                expected.overlapScores, expected.instances, expected.classes, expected.levelsDb);
        QCOMPARE(moved.size(), expected.overlapScores.size());

        TrackView view;
        QVERIFY(view.levelCue()); // on by default
        QVERIFY(view.lanes()->levelCue());
        view.resize(1200, 700);
        view.show();
        QSignalSpy ready(&view, &TrackView::lanesReady);
        QSignalSpy changed(&view, &TrackView::levelCueChanged);
        view.setLevelCue(false);
        QCOMPARE(changed.count(), 1);
        QVERIFY(!view.lanes()->levelCue());
        library::LibrarySession session;
        session.setLibrary(std::shared_ptr<library::Library>(
                library::Library::open(folder, library::Library::OpenMode::ExistingOnly).take()));
        view.setSession(&session);
        QVERIFY(view.openTrack(trackId));
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 15000);
        QVERIFY(view.lanes()->result().overlapScores == expected.overlapScores);
        QVERIFY(view.lanes()->result().levelsDb.empty());
        view.viewport()->fitAll();

        // Each shown lane's bars in `scores` (where the attention draws a bar); how many differ
        // from `other`'s colour.
        const auto checkBars = [&](const std::vector<float> &scores,
                                   const std::vector<float> &other, int *differing) {
            const inference::TrackAttentionResult &shown = view.lanes()->result();
            const QImage image = view.lanes()->grab().toImage();
            const QStringList keys = view.lanes()->visibleKeys();
            const int laneH = view.lanes()->laneRect(0).height();
            int checked = 0;
            *differing = 0;
            for (int lane = 0; lane < keys.size(); ++lane) {
                const int k = int(shown.classKeys.indexOf(keys.at(lane)));
                float top = 0.0f;
                for (int i = 0; i < shown.instances; ++i)
                    top = std::max(top, shown.attention[size_t(i * shown.classes + k)]);
                for (int i = 0; i < shown.instances; ++i) {
                    const size_t cell = size_t(i * shown.classes + k);
                    if (qRound(shown.attention[cell] / top * laneH) < 2)
                        continue;
                    const Bar bar = barAt(*view.lanes(), *view.viewport(), image, lane,
                                          (i + 0.5) * shown.hopS);
                    if (bar.colour != view.lanes()->scoreColour(scores[cell]))
                        return false;
                    ++checked;
                    *differing += bar.colour != view.lanes()->scoreColour(other[cell]) ? 1 : 0;
                }
            }
            return checked >= 5;
        };
        int differing = 0;
        QVERIFY(checkBars(expected.overlapScores, moved, &differing));
        QVERIFY2(differing > 0, "the levels move no bar's colour");

        // On from the lanes' menu: the lanes without levels stay drawn while the lane thread
        // reads the levels (nothing blocks), then the moved colours.
        bool wasChecked = true;
        QVERIFY(testing::triggerContextMenuAction(*view.lanes(), view.lanes()->laneRect(0).center(),
                                                  QStringLiteral("Follow the loudness"),
                                                  &wasChecked));
        QVERIFY(!wasChecked);
        QVERIFY(view.levelCue());
        QCOMPARE(changed.count(), 2);
        QCOMPARE(changed.at(1).at(0).toBool(), true);
        QCOMPARE(ready.count(), 1);
        QVERIFY2(view.lanes()->message().isEmpty(), qPrintable(view.lanes()->message()));
        QVERIFY(view.lanes()->result().overlapScores == expected.overlapScores);
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 2, 15000);
        QVERIFY(view.lanes()->result().levelsDb == expected.levelsDb);
        QVERIFY(view.lanes()->result().levelNote.isEmpty());
        QVERIFY(view.lanes()->result().overlapScores == expected.overlapScores);
        QVERIFY(checkBars(moved, expected.overlapScores, &differing));
        QVERIFY(differing > 0);

        // Off: cut from the kept lanes, at once; the overlap's colours again.
        view.setLevelCue(false);
        QCOMPARE(changed.count(), 3);
        QCOMPARE(ready.count(), 3);
        QVERIFY(view.lanes()->result().levelsDb.empty());
        QVERIFY(checkBars(expected.overlapScores, moved, &differing));
        // On again: kept, at once.
        view.setLevelCue(true);
        QCOMPARE(ready.count(), 4);
        QVERIFY(view.lanes()->result().levelsDb == expected.levelsDb);
        QVERIFY(checkBars(moved, expected.overlapScores, &differing));
        // Overlap off, level on: cut from the lanes with both, at once; the plain scores moved.
        view.setOverlappingInstances(false);
        QCOMPARE(ready.count(), 5);
        QVERIFY(view.lanes()->result().overlapScores.empty());
        QVERIFY(view.lanes()->result().levelsDb == expected.levelsDb);
        QVERIFY(checkBars(inference::InstanceLevel::blend(expected.instanceScores,
                                                          expected.instances, expected.classes,
                                                          expected.levelsDb),
                          moved, &differing));

        // The audio gone (another track, not seen yet): the lanes as before, the note says why.
        view.setOverlappingInstances(true);
        const qint64 other = audio.trackIds.at(5);
        QVERIFY(QFile::remove(audio.paths.at(5)));
        QVERIFY(view.openTrack(other));
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 7, 15000);
        const inference::TrackAttentionResult &gone = view.lanes()->result();
        QVERIFY(gone.levelsDb.empty());
        QVERIFY2(gone.levelNote.contains(QStringLiteral("file not found")),
                 qPrintable(gone.levelNote));
        QCOMPARE(gone.overlapNote, gone.levelNote);
        QCOMPARE(headerTooltip(*view.lanes()),
                 QStringLiteral("No overlapping instances or loudness: %1").arg(gone.levelNote));
        QVERIFY(checkBars(gone.instanceScores, gone.instanceScores, &differing));
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
