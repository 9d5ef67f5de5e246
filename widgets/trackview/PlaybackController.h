// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

class QAudioOutput;
class QMediaPlayer;

namespace timbre::widgets {

// Plays the open track through Qt Multimedia (QMediaPlayer + QAudioOutput): play, pause, seek,
// a looped region, one span (a lane's second). position() moves smoothly for the playhead:
// between the player's coarse position reports it runs on a clock.
//
// With no audio output device (none listed by QMediaDevices, as on a headless machine) there
// is no player at all: the clock alone drives position(), so the view and its playhead work,
// and message() says once that playback is silent.
class PlaybackController : public QObject
{
    Q_OBJECT
public:
    explicit PlaybackController(QObject *parent = nullptr);
    ~PlaybackController() override;

    void setSource(const QString &path, double durationS);
    // The track's length once decoding knows it exactly; playing goes on.
    void setDuration(double durationS) { m_durationS = durationS; }
    bool hasAudioDevice() const { return m_player != nullptr; }
    bool isPlaying() const { return m_playing; }
    double position() const;
    double duration() const { return m_durationS; }
    double loopStart() const { return m_loopStart; }
    double loopEnd() const { return m_loopEnd; }
    bool isLooping() const { return m_loopEnd > m_loopStart; }

public Q_SLOTS:
    void play();
    void pause();
    void togglePlay();
    void seek(double seconds);
    // Plays [start, end) again and again until clearLoop() (end <= start clears).
    void setLoop(double startS, double endS);
    void clearLoop() { setLoop(0.0, 0.0); }
    // Plays [start, end) once and pauses at its end.
    void playSpan(double startS, double endS);

Q_SIGNALS:
    void positionChanged(double seconds); // about 30 times a second while playing
    void playingChanged(bool playing);
    void message(const QString &text); // "no audio device" (once) and player errors

private:
    void tick();
    void syncClock(double seconds);

    QMediaPlayer *m_player = nullptr;
    QAudioOutput *m_output = nullptr;
    QTimer m_timer;
    QElapsedTimer m_clock; // since m_clockBase was the position
    double m_clockBase = 0.0;
    double m_durationS = 0.0;
    double m_loopStart = 0.0;
    double m_loopEnd = 0.0;
    double m_spanEnd = -1.0;
    bool m_playing = false;
    bool m_toldSilent = false;
};

} // namespace timbre::widgets
