// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/TestTone.h"
#include "core/library/ClipStore.h"
#include "core/library/Library.h"
#include "core/library/LibrarySession.h"
#include "core/library/TrackStore.h"
#include "widgets/trackview/AttentionLanes.h"
#include "widgets/trackview/OverviewStrip.h"
#include "widgets/trackview/PlaybackController.h"
#include "widgets/trackview/SpectrogramView.h"
#include "widgets/trackview/TrackView.h"
#include "widgets/trackview/TrackViewport.h"
#include "widgets/trackview/TransportBar.h"

#include <QAudioDevice>
#include <QMediaDevices>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace timbre;
using namespace timbre::widgets;

class TrackViewTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_tone; // 1 kHz, 90 s

private Q_SLOTS:
    void initTestCase()
    {
        m_tone = testing::writeToneWav(m_dir.filePath(QStringLiteral("tone.wav")), 1000.0, 90.0);
        QVERIFY(!m_tone.isEmpty());
    }

    void openFileWithoutALibrary()
    {
        TrackView view;
        view.resize(1200, 700);
        view.show();
        QVERIFY(view.openFile(m_tone));
        QCOMPARE(view.currentPath(), m_tone);
        QCOMPARE(view.currentTrackId(), 0);
        QVERIFY(view.lanes()->message().contains(QStringLiteral("library")));
        QTRY_VERIFY_WITH_TIMEOUT(view.spectrogram()->isSettled(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(view.overview()->isSettled(), 5000);
        QVERIFY(qAbs(view.viewport()->durationS() - 90.0) < 0.02);
        QVERIFY(qAbs(view.playback()->duration() - 90.0) < 0.02);
        // The overview's window is the spectrogram's visible range.
        const QRect window = view.overview()->windowRect();
        const int plot = view.overview()->width() - view.spectrogram()->gutterWidth();
        QVERIFY(qAbs(window.width() - plot * view.viewport()->visibleSeconds() / 90.0) <= 2);

        // A file that is not audio: refused, named, and the open track stays.
        const QString junk = m_dir.filePath(QStringLiteral("junk.ogg"));
        QFile f(junk);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not audio at all");
        f.close();
        QSignalSpy status(&view, &TrackView::statusMessage);
        QVERIFY(!view.openFile(junk));
        QCOMPARE(status.count(), 1);
        QVERIFY(status.at(0).at(0).toString().contains(junk));
        QCOMPARE(view.currentPath(), m_tone);
    }

    void openedBeforeShownOpensOnItsStart()
    {
        // `timbre-workbench FILE` opens the file before the window is laid out (plot width 1);
        // the track must still open on its first ~30 s, not fitted to the whole track (which
        // made the first screen wait for the whole decode), and a zoom ends the opening zoom.
        TrackView view;
        QVERIFY(view.openFile(m_tone));
        view.resize(1200, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(!view.viewport()->isFitted());
        QVERIFY2(view.viewport()->visibleSeconds() >= 30.0 - 1e-6
                         && view.viewport()->visibleSeconds() < 45.0,
                 qPrintable(QString::number(view.viewport()->visibleSeconds())));
        QCOMPARE(view.viewport()->visibleStartS(), 0.0);
        view.resize(900, 700);
        QTRY_VERIFY(view.viewport()->plotWidth() < 900);
        QVERIFY(view.viewport()->visibleSeconds() >= 30.0 - 1e-6);
        view.viewport()->zoomIn();
        QVERIFY(view.viewport()->visibleSeconds() < 30.0);
        const double spp = view.viewport()->secondsPerPixel();
        view.resize(1200, 700);
        QTRY_VERIFY(view.viewport()->plotWidth() > 900);
        QCOMPARE(view.viewport()->secondsPerPixel(), spp); // the user's zoom, a wider plot
    }

    void playbackWithoutADeviceMovesThePlayhead()
    {
        TrackView view;
        view.resize(1200, 700);
        view.show();
        QSignalSpy status(&view, &TrackView::statusMessage);
        QVERIFY(view.openFile(m_tone));
        // Clicking the spectrogram seeks there.
        const QRect plot = view.spectrogram()->plotRect();
        QTest::mouseClick(view.spectrogram(), Qt::LeftButton, Qt::NoModifier,
                          QPoint(plot.left() + 300, plot.center().y()));
        const double clicked = view.viewport()->timeAtX(300);
        QVERIFY(qAbs(view.playback()->position() - clicked) < 1e-6);
        QVERIFY(qAbs(view.spectrogram()->playhead() - clicked) < 1e-6);
        // Space plays; the playhead advances.
        view.spectrogram()->setFocus();
        QTest::keyClick(view.spectrogram(), Qt::Key_Space);
        QVERIFY(view.playback()->isPlaying());
        QTRY_VERIFY_WITH_TIMEOUT(view.spectrogram()->playhead() > clicked + 0.2, 3000);
        if (QMediaDevices::audioOutputs().isEmpty()) {
            QCOMPARE(view.transport()->notice(),
                     QStringLiteral("No audio device: playback is silent"));
            QVERIFY(status.count() >= 1);
        }
        QTest::keyClick(view.spectrogram(), Qt::Key_Space);
        QVERIFY(!view.playback()->isPlaying());
    }

    void regionBecomesAClip()
    {
        QTemporaryDir libDir;
        qint64 trackId = 0;
        {
            auto lib = library::Library::open(libDir.path());
            QVERIFY(lib);
            library::TrackRecord r;
            r.path = m_tone;
            r.durationS = 90.0;
            r.size = QFileInfo(m_tone).size();
            auto ids = (*lib)->tracks().upsertBatch({r});
            QVERIFY(ids);
            trackId = ids->at(0);
        }
        TrackView view;
        view.resize(1200, 700);
        view.show();
        library::LibrarySession session;
        session.setLibrary(std::shared_ptr<library::Library>(
                library::Library::open(libDir.path(), library::Library::OpenMode::ExistingOnly)
                        .take()));
        view.setSession(&session);
        QVERIFY(view.openTrack(trackId));
        QCOMPARE(view.currentTrackId(), trackId);
        QCOMPARE(view.lanes()->message(),
                 QStringLiteral("Extract features and train a model to see lanes"));
        QSignalSpy created(&view, &TrackView::clipCreated);
        SpectrogramView *s = view.spectrogram();
        const int g = s->gutterWidth();
        QTest::mousePress(s, Qt::LeftButton, Qt::ShiftModifier, QPoint(g + 100, 100));
        QTest::mouseMove(s, QPoint(g + 250, 100));
        QTest::mouseRelease(s, Qt::LeftButton, Qt::ShiftModifier, QPoint(g + 400, 100));
        QTRY_COMPARE_WITH_TIMEOUT(created.count(), 1, 5000);
        const qint64 clipId = created.at(0).at(0).toLongLong();
        auto lib = library::Library::open(libDir.path());
        auto clip = (*lib)->clips().findById(clipId);
        QVERIFY(clip && clip->has_value());
        QCOMPARE((*clip)->trackId, trackId);
        QVERIFY(qAbs((*clip)->startS - view.viewport()->timeAtX(100)) < 1e-6);
        QVERIFY(qAbs(*(*clip)->endS - view.viewport()->timeAtX(400)) < 1e-6);

        // Loop the selection: playback wraps inside it.
        view.transport()->loopButton()->setChecked(true);
        QVERIFY(view.playback()->isLooping());
        QCOMPARE(view.playback()->loopStart(), s->selectionStart());
    }
};

QTEST_MAIN(TrackViewTest)
#include "TrackView_test.moc"
