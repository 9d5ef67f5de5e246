#include "widgets/trackview/TrackViewport.h"

#include <algorithm>
#include <cmath>

namespace timbre::widgets {

TrackViewport::TrackViewport(QObject *parent) : QObject(parent) { }

double TrackViewport::secondsPerPixelAt(int level) const
{
    return std::pow(2.0, level / kStepsPerOctave) / m_fps;
}

int TrackViewport::maxZoomLevel() const
{
    if (m_durationS <= 0.0 || m_plotWidth <= 0)
        return 0;
    const double spp = m_durationS / m_plotWidth;
    return std::max(kMinZoomLevel, int(std::ceil(kStepsPerOctave * std::log2(spp * m_fps))));
}

void TrackViewport::reset(double durationS, double framesPerSecond, double initialSeconds)
{
    m_durationS = std::max(0.0, durationS);
    m_fps = framesPerSecond > 0.0 ? framesPerSecond : 100.0;
    m_scroll = 0;
    const double shown = std::min(m_durationS, initialSeconds);
    const double spp = shown > 0.0 ? shown / std::max(1, m_plotWidth) : 1.0 / m_fps;
    m_zoom = std::clamp(int(std::ceil(kStepsPerOctave * std::log2(spp * m_fps) - 1e-9)),
                        kMinZoomLevel, maxZoomLevel());
    Q_EMIT changed();
}

void TrackViewport::setDuration(double durationS)
{
    if (durationS == m_durationS)
        return;
    m_durationS = std::max(0.0, durationS);
    m_zoom = std::min(m_zoom, maxZoomLevel());
    m_scroll = std::clamp(m_scroll, qint64(0), maxScroll());
    Q_EMIT changed();
}

void TrackViewport::setPlotWidth(int pixels)
{
    pixels = std::max(1, pixels);
    if (pixels == m_plotWidth)
        return;
    m_plotWidth = pixels;
    m_zoom = std::min(m_zoom, maxZoomLevel());
    m_scroll = std::clamp(m_scroll, qint64(0), maxScroll());
    Q_EMIT changed();
}

qint64 TrackViewport::maxScroll() const
{
    const double pixels = m_durationS / secondsPerPixel();
    return std::max<qint64>(0, qint64(std::ceil(pixels)) - m_plotWidth);
}

void TrackViewport::setScroll(qint64 scroll)
{
    scroll = std::clamp(scroll, qint64(0), maxScroll());
    if (scroll == m_scroll)
        return;
    m_scroll = scroll;
    Q_EMIT changed();
}

void TrackViewport::setZoomLevel(int level, double anchorX)
{
    level = std::clamp(level, kMinZoomLevel, maxZoomLevel());
    if (level == m_zoom)
        return;
    const double anchorS = timeAtX(anchorX);
    m_zoom = level;
    m_scroll = std::clamp(qint64(std::llround(anchorS / secondsPerPixel() - anchorX)), qint64(0),
                          maxScroll());
    Q_EMIT changed();
}

void TrackViewport::zoomBy(int steps, double anchorX)
{
    setZoomLevel(m_zoom + steps, anchorX);
}

void TrackViewport::panPixels(double dx)
{
    setScroll(m_scroll + qint64(std::llround(dx)));
}

void TrackViewport::setVisibleStart(double seconds)
{
    setScroll(qint64(std::llround(seconds / secondsPerPixel())));
}

void TrackViewport::centreOn(double seconds)
{
    setVisibleStart(seconds - visibleSeconds() / 2.0);
}

void TrackViewport::ensureVisible(double seconds)
{
    if (seconds < visibleStartS() || seconds >= visibleEndS())
        setVisibleStart(seconds);
}

} // namespace timbre::widgets
