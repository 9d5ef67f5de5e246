#include "TestTone.h"
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
