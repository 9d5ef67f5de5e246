// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "widgets/trackview/SpectrogramRaster.h"

#include <QElapsedTimer>
#include <QThreadPool>
#include <QTimer>
#include <QWidget>

#include <memory>

namespace timbre::dsp {
class TrackSpectrogram;
}

namespace timbre::widgets {

class TrackViewport;

// The whole track, small: its spectrogram squeezed to the strip's width (rendered off the GUI
// thread as decoding progresses), the viewport's visible window as a rectangle to drag, and
// the playhead. A press centres the view there.
class OverviewStrip : public QWidget
{
    Q_OBJECT
public:
    explicit OverviewStrip(TrackViewport *viewport, QWidget *parent = nullptr);
    ~OverviewStrip() override;

    void setGutterWidth(int pixels);
    void setSpectrogram(std::shared_ptr<const dsp::TrackSpectrogram> spectrogram);
    void setStyle(const RasterStyle &style);
    // More of the track decoded: re-render (at most every 200 ms, and once at the end).
    void dataChanged();
    void setPlayhead(double seconds);
    // The strip shows the finished track.
    bool isSettled() const { return m_settled; }
    QRect windowRect() const; // the visible window, in widget coordinates

Q_SIGNALS:
    void settled();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;

private:
    void render();
    double timeAtX(double x) const;
    int xForTime(double seconds) const;

    TrackViewport *m_viewport;
    std::shared_ptr<const dsp::TrackSpectrogram> m_data;
    RasterStyle m_style;
    QImage m_image;
    quint64 m_generation = 0;
    bool m_rendering = false;
    bool m_again = false;
    bool m_settled = false;
    QTimer m_throttle;
    QThreadPool m_pool; // one render at a time; joined before the strip goes
    int m_gutter = 150;
    double m_playheadS = -1.0;
    double m_grabOffsetS = 0.0;
};

} // namespace timbre::widgets
