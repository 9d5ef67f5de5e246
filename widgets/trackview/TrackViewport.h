// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QObject>

namespace timbre::widgets {

// The time axis the track view's panes share: which seconds are visible and how many seconds a
// pixel holds. Zoom comes in discrete levels (a factor sqrt(2) each) so that rendered tiles can
// be cached per level; the left edge is a whole number of that level's pixels, so tiles land
// on whole pixels. Besides them one continuous level, kFitLevel: the whole track exactly in the
// plot width ("Whole track", and the opening view of a track that fits in it); its scale moves
// with the duration and the plot width, and fitScaleChanged() tells tile caches to drop it.
// x is measured from the left of the plot area (after each pane's gutter).
class TrackViewport : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMinZoomLevel = -8; // 16 pixels per frame
    static constexpr double kStepsPerOctave = 2.0;
    static constexpr int kFitLevel = 1 << 20; // zoomLevel() while the whole track is fitted

    explicit TrackViewport(QObject *parent = nullptr);

    // A new track: its duration and frame rate (level 0 = one frame per pixel); shows the
    // start, the whole track if it fits in `initialSeconds`, else that many seconds. Until the
    // zoom is changed, a new plot width keeps showing that many seconds: a track opened
    // before its window is laid out (plot width 1) must not open fitted to the whole track.
    void reset(double durationS, double framesPerSecond, double initialSeconds = 30.0);
    // The track turned out longer or shorter than announced; the view stays where it is.
    void setDuration(double durationS);
    void setPlotWidth(int pixels);

    double durationS() const { return m_durationS; }
    double framesPerSecond() const { return m_fps; }
    int plotWidth() const { return m_plotWidth; }
    // A discrete level, or kFitLevel while the whole track is fitted exactly.
    int zoomLevel() const { return m_fit ? kFitLevel : m_zoom; }
    bool isFitted() const { return m_fit; }
    int maxZoomLevel() const; // the smallest discrete level at which the whole track fits
    // The fitted scale as a fractional level (between two discrete ones).
    double fitLevel() const;
    double secondsPerPixel() const { return secondsPerPixelAt(zoomLevel()); }
    double secondsPerPixelAt(int level) const;
    qint64 scrollPixels() const { return m_scroll; } // left edge in the level's pixels
    double visibleStartS() const { return m_scroll * secondsPerPixel(); }
    double visibleEndS() const { return visibleStartS() + m_plotWidth * secondsPerPixel(); }
    double visibleSeconds() const { return m_plotWidth * secondsPerPixel(); }

    double xForTime(double seconds) const
    {
        return (seconds - visibleStartS()) / secondsPerPixel();
    }
    double timeAtX(double x) const { return visibleStartS() + x * secondsPerPixel(); }

public Q_SLOTS:
    // Keeps the time under `anchorX` where it is.
    void setZoomLevel(int level, double anchorX);
    void zoomBy(int steps, double anchorX);
    void zoomIn() { zoomBy(-1, m_plotWidth / 2.0); }
    void zoomOut() { zoomBy(1, m_plotWidth / 2.0); }
    void fitAll();
    void panPixels(double dx); // positive: later times come into view
    void setVisibleStart(double seconds);
    void centreOn(double seconds);
    // Pages so that `seconds` is on screen (a playhead that follows).
    void ensureVisible(double seconds);

Q_SIGNALS:
    void changed();
    // kFitLevel now means another scale (new duration or plot width): its tiles are stale.
    void fitScaleChanged();

private:
    void setScroll(qint64 scroll);
    qint64 maxScroll() const;
    double fitSecondsPerPixel() const;
    // After a duration or width change: a discrete level that now shows the whole track
    // becomes the fit.
    void clampZoom();
    // The opening zoom of reset() for the current plot width.
    void applyInitialZoom();

    double m_durationS = 0.0;
    double m_fps = 100.0;
    int m_plotWidth = 800;
    int m_zoom = 0; // the discrete level (while not fitted)
    bool m_fit = false;
    qint64 m_scroll = 0;
    double m_initialSeconds = 0.0; // > 0 while the opening zoom holds (no zoom change yet)
};

} // namespace timbre::widgets
