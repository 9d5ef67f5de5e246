// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/dsp/TrackSpectrogram.h"
#include "widgets/trackview/SpectrogramRaster.h"
#include "widgets/trackview/TileCache.h"

#include <QSet>
#include <QThreadPool>
#include <QWidget>

#include <atomic>
#include <memory>

namespace timbre::widgets {

class TrackViewport;

// The spectrogram pane: a track's TrackSpectrogram drawn from 256-pixel QImage tiles that
// render on this view's thread pool and are cached per zoom level (TileCache); a paint only
// draws what is cached (a missing tile borrows a neighbouring level's, scaled) and asks for
// the rest, visible tiles first. Frequency axis (Hz) in the left gutter, time axis below,
// playhead, a region selected by shift-drag.
//
// Input: Ctrl+wheel or +/- zoom (around the cursor), drag, wheel or arrow keys pan, Home/End,
// 0 fits the whole track, Esc clears the selection, a click (no drag) asks to seek.
class SpectrogramView : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kTileWidth = 256;
    static constexpr int kTimeAxisHeight = 22;

    explicit SpectrogramView(TrackViewport *viewport, QWidget *parent = nullptr);
    ~SpectrogramView() override;

    // Starts decoding `path` (off the GUI thread). False, with `error` naming the file, when it
    // is not readable audio; the current track stays then.
    bool openFile(const QString &path, QString *error = nullptr);
    // Mel (default) or linear bins, window, hop: applies to the next openFile().
    void setConfig(const dsp::TrackSpectrogramConfig &config) { m_config = config; }
    void clear(const QString &message = QString());
    std::shared_ptr<const dsp::TrackSpectrogram> spectrogram() const { return m_data; }
    bool isDecoded() const;

    void setGutterWidth(int pixels);
    int gutterWidth() const { return m_gutter; }
    QRect plotRect() const;

    void setColourMap(ColourMap::Kind kind);
    ColourMap::Kind colourMap() const { return m_style.colours.kind(); }
    void setDbRange(float floorDb, float ceilingDb);
    float floorDb() const { return m_style.floorDb; }
    float ceilingDb() const { return m_style.ceilingDb; }
    const RasterStyle &style() const { return m_style; }

    // Geometry for tests and other panes: the frequency a pixel row shows, and back.
    double frequencyAtY(int y) const;
    double yForFrequency(double hz) const;

    void setPlayhead(double seconds);
    double playhead() const { return m_playheadS; }
    // The selected region, start >= end when none.
    double selectionStart() const { return m_selStart; }
    double selectionEnd() const { return m_selEnd; }
    void setSelection(double startS, double endS);
    void clearSelection() { setSelection(0.0, 0.0); }

    // Every visible tile is rendered from finished data and nothing is pending.
    bool isSettled() const { return m_settled; }
    double lastPaintMs() const { return m_lastPaintMs; }
    int pendingTiles() const { return int(m_pending.size()); }
    const TileCache &tileCache() const { return m_cache; }

Q_SIGNALS:
    void regionSelected(double startS, double endS);
    void clicked(double seconds);
    void dataProgress(); // more of the track decoded (throttled by the builder)
    void decoded(const QString &error); // the whole track decoded (error empty) or failed
    void firstScreenPainted(); // once per file: the first screen drawn without holes
    void settled();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void onProgress(quint64 generation);
    void requestTile(const TileKey &key, int priority);
    void tileReady(const TileKey &key, double secondsPerPixel, quint64 styleGeneration,
                   quint64 dataGeneration, quint64 dataVersion, RasterImage image);
    void dropFitTiles();
    bool drawFallback(QPainter &p, const TileKey &missing, const QRect &target);
    void drawFrequencyAxis(QPainter &p, const QRect &plot);
    void drawTimeAxis(QPainter &p, const QRect &plot);
    void restyle();
    int xForTime(double seconds) const;

    TrackViewport *m_viewport;
    std::shared_ptr<const dsp::TrackSpectrogram> m_data;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    quint64 m_dataGeneration = 0; // one per opened file
    quint64 m_dataVersion = 0; // one per progress report
    quint64 m_styleGeneration = 0;
    RasterStyle m_style;
    dsp::TrackSpectrogramConfig m_config;
    TileCache m_cache;
    QSet<TileKey> m_pending;
    QThreadPool m_pool; // tiles
    QThreadPool m_buildPool; // decoding (one file at a time)
    QString m_message;
    int m_gutter = 150;
    double m_playheadS = -1.0;
    double m_selStart = 0.0;
    double m_selEnd = 0.0;
    bool m_selecting = false;
    bool m_dragging = false;
    bool m_dragMoved = false;
    double m_dragX = 0.0;
    double m_pressX = 0.0;
    bool m_settled = false;
    bool m_firstScreenSeen = false;
    double m_lastPaintMs = 0.0;
};

} // namespace timbre::widgets
