// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/TestTone.h"
#include "widgets/trackview/SpectrogramView.h"
#include "widgets/trackview/TrackViewport.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace timbre;
using namespace timbre::widgets;

class SpectrogramViewTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_tone; // 2 kHz, 60 s

private Q_SLOTS:
    void initTestCase()
    {
        m_tone = testing::writeToneWav(m_dir.filePath(QStringLiteral("tone.wav")), 2000.0, 60.0);
        QVERIFY(!m_tone.isEmpty());
    }

    void toneLightsItsRow()
    {
        TrackViewport viewport;
        SpectrogramView view(&viewport);
        view.resize(800, 400);
        view.show();
        QVERIFY(view.openFile(m_tone));
        QTRY_VERIFY_WITH_TIMEOUT(view.isSettled(), 10000);
        const QImage image = view.grab().toImage();
        const QRect plot = view.plotRect();
        // The brightest pixel row of the plot (luminance summed over the visible columns).
        int best = -1;
        double bestSum = -1.0;
        for (int y = plot.top(); y <= plot.bottom(); ++y) {
            double sum = 0.0;
            for (int x = plot.left() + 10; x < plot.right() - 10; ++x)
                sum += qGray(image.pixel(x, y));
            if (sum > bestSum) {
                bestSum = sum;
                best = y;
            }
        }
        const double hz = view.frequencyAtY(best);
        QVERIFY2(qAbs(hz - 2000.0) < 80.0,
                 qPrintable(QStringLiteral("row %1 shows %2 Hz").arg(best).arg(hz)));
        QVERIFY(qAbs(view.yForFrequency(2000.0) - best) <= plot.height() / 128.0 + 1.0);
        // Far from the tone the picture is dark (viridis' low end).
        const int quiet = int(view.yForFrequency(300.0));
        QVERIFY(qGray(image.pixel(plot.center().x(), quiet)) < 70);
        QVERIFY(qGray(image.pixel(plot.center().x(), best)) > 150);
    }

    void zoomAndPanMoveTheVisibleRange()
    {
        TrackViewport viewport;
        SpectrogramView view(&viewport);
        view.resize(800 + view.gutterWidth(), 300);
        view.show();
        QVERIFY(view.openFile(m_tone));
        QCOMPARE(viewport.plotWidth(), 800);
        QCOMPARE(viewport.visibleStartS(), 0.0);
        QVERIFY(viewport.visibleSeconds() >= 30.0 && viewport.visibleSeconds() < 30.0 * 1.42);
        const double spp = viewport.secondsPerPixel();

        // API: a zoom step is sqrt(2), around the anchor.
        viewport.panPixels(200);
        QCOMPARE(viewport.visibleStartS(), 200 * spp);
        const double anchorS = viewport.timeAtX(400);
        viewport.zoomBy(-1, 400);
        QVERIFY(qAbs(viewport.secondsPerPixel() * std::sqrt(2.0) - spp) < 1e-9);
        QVERIFY(qAbs(viewport.timeAtX(400) - anchorS) <= viewport.secondsPerPixel());

        // Ctrl + wheel up zooms in around the pointer.
        const int levelBefore = viewport.zoomLevel();
        const double underPointer = viewport.timeAtX(300);
        QWheelEvent wheelIn(QPointF(view.gutterWidth() + 300, 100), view.mapToGlobal(QPoint()),
                            QPoint(), QPoint(0, 120), Qt::NoButton, Qt::ControlModifier,
                            Qt::NoScrollPhase, false);
        QApplication::sendEvent(&view, &wheelIn);
        QCOMPARE(viewport.zoomLevel(), levelBefore - 1);
        QVERIFY(qAbs(viewport.timeAtX(300) - underPointer) <= viewport.secondsPerPixel());

        // Keys: - and + step the level, Right pans an eighth of the view.
        QTest::keyClick(&view, Qt::Key_Minus);
        QCOMPARE(viewport.zoomLevel(), levelBefore);
        QTest::keyClick(&view, Qt::Key_Plus);
        QCOMPARE(viewport.zoomLevel(), levelBefore - 1);
        double start = viewport.visibleStartS();
        QTest::keyClick(&view, Qt::Key_Right);
        QVERIFY(qAbs(viewport.visibleStartS() - (start + 100 * viewport.secondsPerPixel())) < 1e-9);
        QTest::keyClick(&view, Qt::Key_Home);
        QCOMPARE(viewport.visibleStartS(), 0.0);

        // A plain wheel notch down pans a tenth of the view to later times.
        QWheelEvent wheelPan(QPointF(view.gutterWidth() + 300, 100), view.mapToGlobal(QPoint()),
                             QPoint(), QPoint(0, -120), Qt::NoButton, Qt::NoModifier,
                             Qt::NoScrollPhase, false);
        QApplication::sendEvent(&view, &wheelPan);
        QVERIFY(qAbs(viewport.visibleStartS() - 80 * viewport.secondsPerPixel()) < 1e-9);

        // Dragging 100 pixels to the left shows 100 pixels' worth of later time.
        start = viewport.visibleStartS();
        const int y = 100;
        QTest::mousePress(&view, Qt::LeftButton, Qt::NoModifier,
                          QPoint(view.gutterWidth() + 400, y));
        QTest::mouseMove(&view, QPoint(view.gutterWidth() + 350, y));
        QTest::mouseMove(&view, QPoint(view.gutterWidth() + 300, y));
        QTest::mouseRelease(&view, Qt::LeftButton, Qt::NoModifier,
                            QPoint(view.gutterWidth() + 300, y));
        QVERIFY(qAbs(viewport.visibleStartS() - (start + 100 * viewport.secondsPerPixel())) < 1e-9);

        // 0 fits the whole track; panning stops at its ends.
        QTest::keyClick(&view, Qt::Key_0);
        QVERIFY(viewport.visibleSeconds() >= 60.0);
        QCOMPARE(viewport.visibleStartS(), 0.0);
        viewport.panPixels(-500);
        QCOMPARE(viewport.visibleStartS(), 0.0);
    }

    // "Whole track" fits exactly: the visible range is [0, duration] at any plot width, with
    // no empty space after the end; the fitted level's tiles are replaced, not piled up, when
    // the width changes; zooming in and out comes back to the fit.
    void wholeTrackFitsExactly()
    {
        TrackViewport viewport;
        SpectrogramView view(&viewport);
        view.resize(800 + view.gutterWidth(), 300);
        view.show();
        QVERIFY(view.openFile(m_tone));
        QTRY_VERIFY_WITH_TIMEOUT(view.isDecoded(), 15000);
        const double duration = viewport.durationS();
        QVERIFY(qAbs(duration - 60.0) < 0.1);
        QVERIFY(!viewport.isFitted()); // 60 s opens on its first 30-odd seconds

        QTest::keyClick(&view, Qt::Key_0);
        QVERIFY(viewport.isFitted());
        QCOMPARE(viewport.visibleStartS(), 0.0);
        QVERIFY2(qAbs(viewport.visibleEndS() - duration) < 1e-9,
                 qPrintable(QString::number(viewport.visibleEndS())));
        QVERIFY(viewport.secondsPerPixel()
                > viewport.secondsPerPixelAt(viewport.maxZoomLevel() - 1));
        QVERIFY(viewport.secondsPerPixel() <= viewport.secondsPerPixelAt(viewport.maxZoomLevel()));
        viewport.panPixels(100);
        QCOMPARE(viewport.visibleStartS(), 0.0); // nothing to pan to

        // Drawn to the last column: no window-coloured strip after the end.
        QTRY_VERIFY_WITH_TIMEOUT(view.isSettled(), 15000);
        const auto lastColumnIsTrack = [&view] {
            const QImage image = view.grab().toImage();
            const QRect plot = view.plotRect();
            const QColor background = view.palette().window().color();
            for (int y = plot.top(); y <= plot.bottom(); y += 7)
                if (image.pixelColor(plot.right(), y) == background)
                    return false;
            return true;
        };
        QVERIFY(lastColumnIsTrack());
        const int tilesAtFit = view.tileCache().count();

        // Another width: still exactly the whole track, and the old fit's tiles are gone.
        for (int width : {650, 1000, 777, 800}) {
            view.resize(width + view.gutterWidth(), 300);
            QCOMPARE(viewport.plotWidth(), width);
            QVERIFY(viewport.isFitted());
            QCOMPARE(viewport.visibleStartS(), 0.0);
            QVERIFY(qAbs(viewport.visibleEndS() - duration) < 1e-9);
            QTRY_VERIFY_WITH_TIMEOUT(view.isSettled(), 15000);
            QVERIFY(lastColumnIsTrack());
        }
        QVERIFY2(view.tileCache().count() <= tilesAtFit + 1,
                 qPrintable(QStringLiteral("%1 tiles after resizing, %2 before")
                                    .arg(view.tileCache().count())
                                    .arg(tilesAtFit)));

        // Zooming in leaves the fit for a discrete level; zooming out comes back to it exactly.
        QTest::keyClick(&view, Qt::Key_Plus);
        QVERIFY(!viewport.isFitted());
        QCOMPARE(viewport.zoomLevel(), viewport.maxZoomLevel() - 1);
        QVERIFY(viewport.visibleEndS() < duration);
        QTest::keyClick(&view, Qt::Key_Minus);
        QVERIFY(viewport.isFitted());
        QVERIFY(qAbs(viewport.visibleEndS() - duration) < 1e-9);
        QTest::keyClick(&view, Qt::Key_Minus); // nothing wider than the whole track
        QVERIFY(qAbs(viewport.visibleEndS() - duration) < 1e-9);
    }

    // A track shorter than the opening span opens fitted, [0, duration].
    void shortTrackOpensFitted()
    {
        const QString tone
                = testing::writeToneWav(m_dir.filePath(QStringLiteral("short.wav")), 1000.0, 7.3);
        QVERIFY(!tone.isEmpty());
        TrackViewport viewport;
        SpectrogramView view(&viewport);
        view.resize(900 + view.gutterWidth(), 300);
        view.show();
        QVERIFY(view.openFile(tone));
        QTRY_VERIFY_WITH_TIMEOUT(view.isSettled(), 15000);
        QVERIFY(viewport.isFitted());
        QCOMPARE(viewport.visibleStartS(), 0.0);
        QVERIFY(qAbs(viewport.visibleEndS() - viewport.durationS()) < 1e-9);
        QVERIFY(qAbs(viewport.durationS() - 7.3) < 0.05);
    }

    void clickSeeksAndShiftDragSelects()
    {
        TrackViewport viewport;
        SpectrogramView view(&viewport);
        view.resize(950, 300);
        view.show();
        QVERIFY(view.openFile(m_tone));
        QSignalSpy clicked(&view, &SpectrogramView::clicked);
        QSignalSpy region(&view, &SpectrogramView::regionSelected);
        const int g = view.gutterWidth();
        QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, QPoint(g + 200, 100));
        QCOMPARE(clicked.count(), 1);
        QVERIFY(qAbs(clicked.at(0).at(0).toDouble() - viewport.timeAtX(200)) < 1e-9);

        QTest::mousePress(&view, Qt::LeftButton, Qt::ShiftModifier, QPoint(g + 100, 100));
        QTest::mouseMove(&view, QPoint(g + 300, 100));
        QTest::mouseRelease(&view, Qt::LeftButton, Qt::ShiftModifier, QPoint(g + 400, 100));
        QCOMPARE(region.count(), 1);
        QVERIFY(qAbs(region.at(0).at(0).toDouble() - viewport.timeAtX(100)) < 1e-9);
        QVERIFY(qAbs(region.at(0).at(1).toDouble() - viewport.timeAtX(400)) < 1e-9);
        QCOMPARE(view.selectionStart(), region.at(0).at(0).toDouble());
        QTest::keyClick(&view, Qt::Key_Escape);
        QVERIFY(view.selectionEnd() <= view.selectionStart());
    }

    void badFileNamedAndViewKept()
    {
        TrackViewport viewport;
        SpectrogramView view(&viewport);
        QString error;
        QVERIFY(!view.openFile(m_dir.filePath(QStringLiteral("nothing.mp3")), &error));
        QVERIFY(error.contains(QStringLiteral("nothing.mp3")));
        QVERIFY(!view.spectrogram());
    }
};

QTEST_MAIN(SpectrogramViewTest)
#include "SpectrogramView_test.moc"
