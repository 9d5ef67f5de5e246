// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/TestTone.h"
#include "widgets/trackview/PlaybackController.h"

#include <QAudioDevice>
#include <QMediaDevices>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace timbre;
using namespace timbre::widgets;

class PlaybackControllerTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void silentWithoutADeviceAndTheClockRuns()
    {
        QTemporaryDir dir;
        const QString path = testing::writeToneWav(dir.filePath(QStringLiteral("t.wav")), 440, 10);
        PlaybackController playback;
        const bool device = !QMediaDevices::audioOutputs().isEmpty();
        QCOMPARE(playback.hasAudioDevice(), device);
        QSignalSpy messages(&playback, &PlaybackController::message);
        QSignalSpy positions(&playback, &PlaybackController::positionChanged);
        playback.setSource(path, 10.0);
        playback.play();
        QVERIFY(playback.isPlaying());
        if (!device) {
            QCOMPARE(messages.count(), 1);
            QCOMPARE(messages.at(0).at(0).toString(),
                     QStringLiteral("No audio device: playback is silent"));
        }
        QTRY_VERIFY_WITH_TIMEOUT(playback.position() > 0.25, 3000);
        QVERIFY(positions.count() >= 3); // the playhead is told while playing
        playback.pause();
        const double paused = playback.position();
        QTest::qWait(120);
        QCOMPARE(playback.position(), paused);
        playback.play();
        playback.pause();
        if (!device)
            QCOMPARE(messages.count(), 1); // said once

        playback.seek(5.0);
        QCOMPARE(playback.position(), 5.0);
        playback.seek(50.0);
        QCOMPARE(playback.position(), 10.0); // clamped to the track

        // A loop wraps back to its start.
        playback.setLoop(1.0, 1.3);
        QCOMPARE(playback.position(), 1.0);
        playback.play();
        QTest::qWait(700);
        QVERIFY(playback.position() >= 1.0 && playback.position() < 1.35);
        playback.pause();
        playback.clearLoop();
        QVERIFY(!playback.isLooping());

        // A span plays once and stops at its end.
        playback.playSpan(2.0, 2.2);
        QTRY_VERIFY_WITH_TIMEOUT(!playback.isPlaying(), 2000);
        QVERIFY(qAbs(playback.position() - 2.2) < 1e-9);

        // The end of the track stops playback.
        playback.seek(9.9);
        playback.play();
        QTRY_VERIFY_WITH_TIMEOUT(!playback.isPlaying(), 2000);
        QCOMPARE(playback.position(), 10.0);
    }
};

QTEST_MAIN(PlaybackControllerTest)
#include "PlaybackController_test.moc"
