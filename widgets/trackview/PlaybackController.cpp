// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/trackview/PlaybackController.h"

#include <QAudioDevice>
#include <QAudioOutput>
#include <QMediaDevices>
#include <QMediaPlayer>
#include <QUrl>

#include <algorithm>
#include <cmath>

namespace timbre::widgets {

PlaybackController::PlaybackController(QObject *parent) : QObject(parent)
{
    m_timer.setInterval(33);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &PlaybackController::tick);
    if (QMediaDevices::audioOutputs().isEmpty())
        return;
    m_player = new QMediaPlayer(this);
    m_output = new QAudioOutput(this);
    m_player->setAudioOutput(m_output);
    connect(m_player, &QMediaPlayer::positionChanged, this,
            [this](qint64 ms) { syncClock(ms / 1000.0); });
    connect(m_player, &QMediaPlayer::errorOccurred, this,
            [this](QMediaPlayer::Error, const QString &text) {
                Q_EMIT message(tr("Playback: %1").arg(text));
            });
}

PlaybackController::~PlaybackController() = default;

void PlaybackController::setSource(const QString &path, double durationS)
{
    pause();
    m_durationS = durationS;
    m_loopStart = m_loopEnd = 0.0;
    m_spanEnd = -1.0;
    m_clockBase = 0.0;
    if (m_player)
        m_player->setSource(QUrl::fromLocalFile(path));
    Q_EMIT positionChanged(0.0);
}

double PlaybackController::position() const
{
    if (!m_playing)
        return m_clockBase;
    return std::min(m_durationS > 0 ? m_durationS : 1e12,
                    m_clockBase + m_clock.nsecsElapsed() / 1e9);
}

void PlaybackController::syncClock(double seconds)
{
    m_clockBase = seconds;
    m_clock.restart();
}

void PlaybackController::play()
{
    if (m_playing)
        return;
    if (!m_player && !m_toldSilent) {
        m_toldSilent = true;
        Q_EMIT message(tr("No audio device: playback is silent"));
    }
    if (m_durationS > 0 && m_clockBase >= m_durationS)
        m_clockBase = isLooping() ? m_loopStart : 0.0;
    m_playing = true;
    m_clock.restart();
    if (m_player)
        m_player->play();
    m_timer.start();
    Q_EMIT playingChanged(true);
}

void PlaybackController::pause()
{
    if (!m_playing)
        return;
    m_clockBase = position();
    m_playing = false;
    m_spanEnd = -1.0;
    m_timer.stop();
    if (m_player)
        m_player->pause();
    Q_EMIT playingChanged(false);
    Q_EMIT positionChanged(m_clockBase);
}

void PlaybackController::togglePlay()
{
    if (m_playing)
        pause();
    else
        play();
}

void PlaybackController::seek(double seconds)
{
    seconds = std::max(0.0, m_durationS > 0 ? std::min(seconds, m_durationS) : seconds);
    syncClock(seconds);
    if (m_player)
        m_player->setPosition(qint64(std::llround(seconds * 1000.0)));
    Q_EMIT positionChanged(seconds);
}

void PlaybackController::setLoop(double startS, double endS)
{
    m_loopStart = std::min(startS, endS);
    m_loopEnd = std::max(startS, endS);
    if (m_loopEnd - m_loopStart < 1e-3)
        m_loopStart = m_loopEnd = 0.0;
    if (isLooping() && (position() < m_loopStart || position() >= m_loopEnd))
        seek(m_loopStart);
}

void PlaybackController::playSpan(double startS, double endS)
{
    seek(startS);
    play();
    m_spanEnd = endS;
}

void PlaybackController::tick()
{
    const double now = position();
    if (m_spanEnd >= 0.0 && now >= m_spanEnd) {
        const double end = m_spanEnd;
        pause();
        seek(end);
        return;
    }
    if (isLooping() && now >= m_loopEnd) {
        seek(m_loopStart);
        return;
    }
    if (m_durationS > 0 && now >= m_durationS) {
        pause();
        seek(m_durationS);
        return;
    }
    Q_EMIT positionChanged(now);
}

} // namespace timbre::widgets
