// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QToolButton;

namespace timbre::widgets {

class PlaybackController;
class SpectrogramView;
class TrackViewport;

// Play / pause, loop the selected region, position, zoom buttons, colour map and dB range, and
// a line for messages (the silent-playback notice).
class TransportBar : public QWidget
{
    Q_OBJECT
public:
    TransportBar(PlaybackController *playback, SpectrogramView *spectrogram,
                 TrackViewport *viewport, QWidget *parent = nullptr);

    void setNotice(const QString &text);
    // Selects `kind` in the colour-map box, which applies it as a choice there would.
    void setColourMap(int kind);
    QComboBox *colourMapBox() const { return m_colours; }
    QString notice() const;
    QToolButton *playButton() const { return m_play; }
    QToolButton *loopButton() const { return m_loop; }

Q_SIGNALS:
    void styleChanged(); // colour map or dB range

private:
    void showPosition(double seconds);

    PlaybackController *m_playback;
    SpectrogramView *m_spectrogram;
    QToolButton *m_play = nullptr;
    QToolButton *m_loop = nullptr;
    QLabel *m_position = nullptr;
    QComboBox *m_colours = nullptr;
    QDoubleSpinBox *m_floor = nullptr;
    QDoubleSpinBox *m_ceiling = nullptr;
    QLabel *m_notice = nullptr;
};

} // namespace timbre::widgets
