// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/trackview/TrackViewport.h"

#include <algorithm>
#include <cmath>

namespace timbre::widgets {

TrackViewport::TrackViewport(QObject *parent) : QObject(parent) { }

namespace {
constexpr double kEps = 1e-9;
}

double TrackViewport::fitSecondsPerPixel() const
{
    return m_durationS > 0.0 ? m_durationS / std::max(1, m_plotWidth) : 1.0 / m_fps;
}

double TrackViewport::fitLevel() const
{
    return kStepsPerOctave * std::log2(fitSecondsPerPixel() * m_fps);
}

double TrackViewport::secondsPerPixelAt(int level) const
{
    if (level == kFitLevel)
        return fitSecondsPerPixel();
    return std::pow(2.0, level / kStepsPerOctave) / m_fps;
}

int TrackViewport::maxZoomLevel() const
{
    if (m_durationS <= 0.0 || m_plotWidth <= 0)
        return 0;
    return std::max(kMinZoomLevel, int(std::ceil(fitLevel() - kEps)));
}

void TrackViewport::reset(double durationS, double framesPerSecond, double initialSeconds)
{
    m_durationS = std::max(0.0, durationS);
    m_fps = framesPerSecond > 0.0 ? framesPerSecond : 100.0;
    m_scroll = 0;
    m_initialSeconds = std::max(0.0, initialSeconds);
    applyInitialZoom();
    Q_EMIT fitScaleChanged();
    Q_EMIT changed();
}

void TrackViewport::applyInitialZoom()
{
    if (m_durationS <= m_initialSeconds) {
        m_fit = true; // the whole track, exactly
        m_scroll = 0;
        return;
    }
    const double spp = m_initialSeconds / std::max(1, m_plotWidth);
    m_zoom = std::max(kMinZoomLevel,
                      int(std::ceil(kStepsPerOctave * std::log2(spp * m_fps) - kEps)));
    m_fit = false;
    clampZoom();
}

void TrackViewport::clampZoom()
{
    if (!m_fit && (m_durationS <= 0.0 || m_zoom >= fitLevel() - kEps))
        m_fit = true;
    m_scroll = m_fit ? 0 : std::clamp(m_scroll, qint64(0), maxScroll());
}

void TrackViewport::setDuration(double durationS)
{
    if (durationS == m_durationS)
        return;
    m_durationS = std::max(0.0, durationS);
    clampZoom();
    Q_EMIT fitScaleChanged();
    Q_EMIT changed();
}

void TrackViewport::setPlotWidth(int pixels)
{
    pixels = std::max(1, pixels);
    if (pixels == m_plotWidth)
        return;
    m_plotWidth = pixels;
    if (m_initialSeconds > 0.0)
        applyInitialZoom();
    else
        clampZoom();
    Q_EMIT fitScaleChanged();
    Q_EMIT changed();
}

qint64 TrackViewport::maxScroll() const
{
    const double pixels = m_durationS / secondsPerPixel();
    return std::max<qint64>(0, qint64(std::ceil(pixels - 1e-6)) - m_plotWidth);
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
    m_initialSeconds = 0.0;
    if (level == kFitLevel || std::max(level, kMinZoomLevel) >= fitLevel() - kEps) {
        fitAll(); // this level would show the whole track and more: fit it exactly
        return;
    }
    level = std::max(level, kMinZoomLevel);
    if (!m_fit && level == m_zoom)
        return;
    const double anchorS = timeAtX(anchorX);
    m_fit = false;
    m_zoom = level;
    m_scroll = std::clamp(qint64(std::llround(anchorS / secondsPerPixel() - anchorX)), qint64(0),
                          maxScroll());
    Q_EMIT changed();
}

void TrackViewport::zoomBy(int steps, double anchorX)
{
    setZoomLevel((m_fit ? maxZoomLevel() : m_zoom) + steps, anchorX);
}

void TrackViewport::fitAll()
{
    m_initialSeconds = 0.0;
    if (m_fit && m_scroll == 0)
        return;
    m_fit = true;
    m_scroll = 0;
    Q_EMIT changed();
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
