// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/trackview/SpectrogramView.h"

#include "core/dsp/TrackSpectrogramBuilder.h"
#include "core/util/PoolStart.h"
#include "core/util/ThreadBudget.h"
#include "widgets/trackview/TrackViewport.h"

#include <QElapsedTimer>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <array>
#include <cmath>

namespace timbre::widgets {

namespace {

QString timeLabel(double seconds, double step)
{
    const int minutes = int(seconds / 60.0);
    const double rest = seconds - minutes * 60.0;
    if (step < 1.0)
        return QStringLiteral("%1:%2").arg(minutes).arg(rest, 4, 'f', 1, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(minutes).arg(int(std::lround(rest)), 2, 10,
                                                    QLatin1Char('0'));
}

QString hzLabel(double hz)
{
    if (hz >= 1000.0)
        return QStringLiteral("%1k").arg(hz / 1000.0, 0, 'g', 3);
    return QString::number(int(hz));
}

} // namespace

SpectrogramView::SpectrogramView(TrackViewport *viewport, QWidget *parent)
    : QWidget(parent), m_viewport(viewport)
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(false);
    setMinimumHeight(160);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    // Two render threads: with the decoder's parts they fill two cores and leave the GUI
    // thread its own scheduling slot.
    m_pool.setMaxThreadCount(util::threads::kSpectrogramTileThreads);
    m_pool.setExpiryTimeout(5000);
    m_buildPool.setMaxThreadCount(util::threads::kSpectrogramBuildThreads);
    connect(m_viewport, &TrackViewport::changed, this, [this] {
        m_settled = false;
        update();
    });
    connect(m_viewport, &TrackViewport::fitScaleChanged, this, &SpectrogramView::dropFitTiles);
    m_message = tr("Open an audio file to see its spectrogram");
}

SpectrogramView::~SpectrogramView()
{
    if (m_cancel)
        m_cancel->store(true);
    m_pool.clear();
    m_pool.waitForDone();
    m_buildPool.waitForDone();
}

bool SpectrogramView::isDecoded() const
{
    return m_data && m_data->isFinished();
}

bool SpectrogramView::openFile(const QString &path, QString *error)
{
    QString why;
    std::shared_ptr<dsp::TrackSpectrogram> data
            = dsp::TrackSpectrogramBuilder::prepare(path, m_config, &why);
    if (!data) {
        if (error)
            *error = why;
        return false;
    }
    if (m_cancel)
        m_cancel->store(true);
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_data = data;
    ++m_dataGeneration;
    m_dataVersion = 0;
    m_cache.clear();
    m_pending.clear();
    m_message.clear();
    m_settled = false;
    m_firstScreenSeen = false;
    m_selStart = m_selEnd = 0.0;
    m_playheadS = 0.0;
    m_viewport->reset(data->durationSeconds(), data->framesPerSecond());

    const quint64 generation = m_dataGeneration;
    dsp::TrackSpectrogramBuildOptions options;
    options.config = m_config;
    options.cancel = m_cancel.get();
    // Enough for the first screen at the opening zoom.
    options.earlySeconds = std::min(m_viewport->visibleSeconds() + 1.0, 60.0);
    auto cancel = m_cancel;
    options.onProgress = [this, generation] {
        QMetaObject::invokeMethod(
                this, [this, generation] { onProgress(generation); }, Qt::QueuedConnection);
    };
    // The build never outlives the view: the destructor cancels it and waits (the builder
    // checks between blocks). A cancelled build ahead in the queue ends within a block.
    util::startOnPool(m_buildPool, [data, options, cancel] {
        dsp::TrackSpectrogramBuilder::build(*data, options);
    });
    update();
    return true;
}

void SpectrogramView::clear(const QString &message)
{
    if (m_cancel)
        m_cancel->store(true);
    m_data.reset();
    ++m_dataGeneration;
    m_cache.clear();
    m_pending.clear();
    m_message = message;
    update();
}

void SpectrogramView::onProgress(quint64 generation)
{
    if (generation != m_dataGeneration || !m_data)
        return;
    ++m_dataVersion;
    if (std::abs(m_data->durationSeconds() - m_viewport->durationS()) > 1e-6)
        m_viewport->setDuration(m_data->durationSeconds());
    m_settled = false;
    update();
    Q_EMIT dataProgress();
    if (m_data->isFinished()) {
        const QString error = m_data->errorString();
        if (!error.isEmpty() && m_data->frameCount() <= 1)
            m_message = error;
        Q_EMIT decoded(error);
    }
}

void SpectrogramView::dropFitTiles()
{
    // The fitted level's tiles were rendered at another scale; renders in flight for it come
    // back with their scale and are dropped in tileReady().
    m_cache.removeLevel(TrackViewport::kFitLevel);
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        if (it->level == TrackViewport::kFitLevel)
            it = m_pending.erase(it);
        else
            ++it;
    }
    m_settled = false;
    update();
}

void SpectrogramView::setGutterWidth(int pixels)
{
    m_gutter = pixels;
    m_viewport->setPlotWidth(width() - m_gutter);
    update();
}

QRect SpectrogramView::plotRect() const
{
    return QRect(m_gutter, 0, std::max(1, width() - m_gutter),
                 std::max(1, height() - kTimeAxisHeight));
}

void SpectrogramView::restyle()
{
    ++m_styleGeneration;
    m_cache.clear();
    m_pending.clear(); // renders in flight come back under the old generation and are dropped
    m_settled = false;
    update();
}

void SpectrogramView::setColourMap(ColourMap::Kind kind)
{
    if (kind == m_style.colours.kind())
        return;
    m_style.colours = ColourMap(kind);
    restyle();
}

void SpectrogramView::setDbRange(float floorDb, float ceilingDb)
{
    if (ceilingDb <= floorDb)
        return;
    m_style.floorDb = floorDb;
    m_style.ceilingDb = ceilingDb;
    restyle();
}

double SpectrogramView::frequencyAtY(int y) const
{
    const QRect plot = plotRect();
    const double row = (1.0 - (y + 0.5 - plot.top()) / plot.height()) * m_config.rows() - 0.5;
    return m_config.hzForRow(row);
}

double SpectrogramView::yForFrequency(double hz) const
{
    const QRect plot = plotRect();
    const double row = m_config.rowForHz(hz);
    return plot.top() + (1.0 - (row + 0.5) / m_config.rows()) * plot.height();
}

int SpectrogramView::xForTime(double seconds) const
{
    return m_gutter + int(std::floor(m_viewport->xForTime(seconds)));
}

void SpectrogramView::setPlayhead(double seconds)
{
    if (seconds == m_playheadS)
        return;
    const QRect plot = plotRect();
    const int oldX = xForTime(m_playheadS);
    m_playheadS = seconds;
    const int newX = xForTime(m_playheadS);
    update(QRect(oldX - 2, plot.top(), 5, plot.height()));
    update(QRect(newX - 2, plot.top(), 5, plot.height()));
}

void SpectrogramView::setSelection(double startS, double endS)
{
    m_selStart = std::min(startS, endS);
    m_selEnd = std::max(startS, endS);
    update();
}

void SpectrogramView::requestTile(const TileKey &key, int priority)
{
    if (m_pending.contains(key) || !m_data)
        return;
    m_pending.insert(key);
    const double spp = m_viewport->secondsPerPixelAt(key.level);
    const double startS = double(key.index) * kTileWidth * spp;
    std::shared_ptr<const dsp::TrackSpectrogram> data = m_data;
    const RasterStyle style = m_style;
    const quint64 styleGeneration = m_styleGeneration;
    const quint64 dataGeneration = m_dataGeneration;
    const quint64 version = m_dataVersion;
    util::startOnPool(
            m_pool,
            [this, data, style, key, spp, startS, styleGeneration, dataGeneration, version] {
                RasterImage image = renderSpectrogramRaster(*data, startS, spp, kTileWidth, style);
                QMetaObject::invokeMethod(
                        this,
                        [this, key, spp, styleGeneration, dataGeneration, version,
                         image = std::move(image)]() mutable {
                            tileReady(key, spp, styleGeneration, dataGeneration, version,
                                      std::move(image));
                        },
                        Qt::QueuedConnection);
            },
            priority);
}

void SpectrogramView::tileReady(const TileKey &key, double secondsPerPixel, quint64 styleGeneration,
                                quint64 dataGeneration, quint64 dataVersion, RasterImage image)
{
    if (styleGeneration != m_styleGeneration || dataGeneration != m_dataGeneration
        || secondsPerPixel != m_viewport->secondsPerPixelAt(key.level))
        return;
    m_pending.remove(key);
    m_cache.insert(key, Tile {std::move(image.image), image.complete, dataVersion});
    update();
}

bool SpectrogramView::drawFallback(QPainter &p, const TileKey &missing, const QRect &target)
{
    const double visibleStart = m_viewport->visibleStartS();
    const double spp = m_viewport->secondsPerPixel();
    const double t0 = m_viewport->timeAtX(target.left() - m_gutter);
    const double t1 = m_viewport->timeAtX(target.right() + 1 - m_gutter);
    bool drew = false;
    p.save();
    p.setClipRect(target);
    // The fitted level borrows from the discrete levels around its scale.
    const bool fitted = missing.level == TrackViewport::kFitLevel;
    const int base = fitted ? m_viewport->maxZoomLevel() : missing.level;
    const std::array<int, 5> steps
            = fitted ? std::array<int, 5> {0, -1, 1, -2, 2} : std::array<int, 5> {1, -1, 2, -2, 3};
    for (int dz : steps) {
        const int level = base + dz;
        const double otherSpp = m_viewport->secondsPerPixelAt(level);
        const double span = kTileWidth * otherSpp;
        for (qint64 j = qint64(std::floor(t0 / span)); j * span < t1; ++j) {
            const Tile *tile = m_cache.peek(TileKey {level, j});
            if (!tile)
                continue;
            const double x0 = m_gutter + (j * span - visibleStart) / spp;
            const QRectF dest(x0, target.top(), span / spp, target.height());
            p.drawImage(dest, tile->image);
            drew = true;
        }
        if (drew)
            break;
    }
    p.restore();
    return drew;
}

void SpectrogramView::paintEvent(QPaintEvent *)
{
    QElapsedTimer timer;
    timer.start();
    QPainter p(this);
    const QRect plot = plotRect();
    p.fillRect(rect(), palette().window());
    const QColor empty = QColor::fromRgb(m_style.colours.at(0)).darker(140);
    p.fillRect(plot, empty);

    bool allComplete = m_data != nullptr;
    bool allPresent = m_data != nullptr;
    if (m_data) {
        const int level = m_viewport->zoomLevel();
        const qint64 scroll = m_viewport->scrollPixels();
        const qint64 first = scroll / kTileWidth;
        const qint64 last = (scroll + plot.width() - 1) / kTileWidth;
        for (qint64 i = first; i <= last; ++i) {
            const TileKey key {level, i};
            const QRect target(plot.left() + int(i * kTileWidth - scroll), plot.top(), kTileWidth,
                               plot.height());
            const Tile *tile = m_cache.find(key);
            if (!tile) {
                allComplete = allPresent = false;
                requestTile(key, 10);
                drawFallback(p, key, target.intersected(plot));
                continue;
            }
            if (!tile->complete) {
                allComplete = false;
                if (tile->dataVersion < m_dataVersion)
                    requestTile(key, 10);
            }
            p.save();
            p.setClipRect(plot);
            p.drawImage(target, tile->image);
            p.restore();
        }
        // The neighbours next, so a pan shows rendered tiles.
        if (allPresent) {
            for (qint64 i : {first - 1, last + 1})
                if (i >= 0 && !m_cache.peek(TileKey {level, i}))
                    requestTile(TileKey {level, i}, 0);
        }
        // Past the end of the track.
        const int endX = xForTime(m_data->durationSeconds());
        if (endX < plot.right())
            p.fillRect(QRect(QPoint(std::max(endX, plot.left()), plot.top()), plot.bottomRight()),
                       palette().window());
    } else {
        // On the colour map's darkest colour: the window's text colour would not read there.
        p.setPen(empty.lightness() < 128 ? QColor(230, 230, 230) : QColor(20, 20, 20));
        p.drawText(plot, Qt::AlignCenter | Qt::TextWordWrap, m_message);
    }

    if (m_selEnd > m_selStart) {
        const int x0 = std::max(plot.left(), xForTime(m_selStart));
        const int x1 = std::min(plot.right(), xForTime(m_selEnd));
        if (x1 >= x0) {
            p.fillRect(QRect(x0, plot.top(), x1 - x0 + 1, plot.height()),
                       QColor(255, 255, 255, 60));
            p.setPen(QPen(QColor(255, 255, 255, 200), 1));
            p.drawLine(x0, plot.top(), x0, plot.bottom());
            p.drawLine(x1, plot.top(), x1, plot.bottom());
        }
    }
    if (m_data && m_playheadS >= 0.0) {
        const int x = xForTime(m_playheadS);
        if (x >= plot.left() && x <= plot.right()) {
            p.setPen(QPen(QColor(255, 64, 64), 2));
            p.drawLine(x, plot.top(), x, plot.bottom());
        }
    }
    drawFrequencyAxis(p, plot);
    drawTimeAxis(p, plot);
    p.end();
    m_lastPaintMs = timer.nsecsElapsed() / 1e6;

    if (allPresent && allComplete && !m_firstScreenSeen) {
        m_firstScreenSeen = true;
        Q_EMIT firstScreenPainted();
    }
    const bool settledNow = allComplete && m_data && m_data->isFinished() && m_pending.isEmpty();
    if (settledNow && !m_settled) {
        m_settled = true;
        Q_EMIT settled();
    }
}

void SpectrogramView::drawFrequencyAxis(QPainter &p, const QRect &plot)
{
    p.setPen(palette().color(QPalette::WindowText));
    const QFontMetrics fm = p.fontMetrics();
    const double nyquist = m_config.sampleRate / 2.0;
    QList<double> ticks;
    if (m_config.scale == dsp::TrackSpectrogramConfig::Mel) {
        for (double hz :
             {50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0, 3000.0, 5000.0, 8000.0, 12000.0, 16000.0})
            if (hz >= m_config.fMin && hz <= nyquist)
                ticks << hz;
    } else {
        const double step = nyquist > 10000 ? 2000.0 : 1000.0;
        for (double hz = 0; hz <= nyquist; hz += step)
            ticks << hz;
    }
    int lastLabelY = 1 << 30;
    for (double hz : ticks) {
        const int y = int(std::lround(yForFrequency(hz)));
        if (y < plot.top() || y > plot.bottom())
            continue;
        p.drawLine(plot.left() - 5, y, plot.left() - 1, y);
        if (lastLabelY - y < fm.height())
            continue;
        const QRect label(plot.left() - 60, y - fm.height() / 2, 52, fm.height());
        p.drawText(label, Qt::AlignRight | Qt::AlignVCenter, hzLabel(hz));
        lastLabelY = y;
    }
    p.save();
    p.translate(plot.left() - 70, plot.center().y());
    p.rotate(-90);
    p.drawText(QRect(-60, -fm.height(), 120, fm.height()), Qt::AlignCenter, tr("Hz"));
    p.restore();
}

void SpectrogramView::drawTimeAxis(QPainter &p, const QRect &plot)
{
    p.setPen(palette().color(QPalette::WindowText));
    const double spp = m_viewport->secondsPerPixel();
    static const double steps[]
            = {0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600};
    double step = steps[std::size(steps) - 1];
    for (double s : steps) {
        if (s / spp >= 90.0) {
            step = s;
            break;
        }
    }
    const double t0 = m_viewport->visibleStartS();
    const double t1 = m_viewport->visibleEndS();
    const int y = plot.bottom() + 1;
    for (double t = std::ceil(t0 / step) * step; t <= t1; t += step) {
        const int x = xForTime(t);
        if (x < plot.left() || x > plot.right())
            continue;
        p.drawLine(x, y, x, y + 4);
        // A label at either end of the plot (the track's end when it is fitted) is kept whole
        // inside the widget instead of centred on its tick and cut off.
        const QString text = timeLabel(t, step);
        const int w = p.fontMetrics().horizontalAdvance(text) + 4;
        const int left = std::clamp(x - w / 2, 0, std::max(0, width() - w));
        p.drawText(QRect(left, y + 4, w, kTimeAxisHeight - 4), Qt::AlignHCenter | Qt::AlignTop,
                   text);
    }
}

void SpectrogramView::resizeEvent(QResizeEvent *)
{
    m_viewport->setPlotWidth(width() - m_gutter);
}

void SpectrogramView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !m_data)
        return;
    const double x = event->position().x() - m_gutter;
    if (event->modifiers() & Qt::ShiftModifier) {
        m_selecting = true;
        m_pressX = x;
        setSelection(m_viewport->timeAtX(x), m_viewport->timeAtX(x));
    } else {
        m_dragging = true;
        m_dragMoved = false;
        m_dragX = m_pressX = x;
        setCursor(Qt::ClosedHandCursor);
    }
}

void SpectrogramView::mouseMoveEvent(QMouseEvent *event)
{
    const double x = event->position().x() - m_gutter;
    if (m_selecting) {
        const double end = std::clamp(m_viewport->timeAtX(x), 0.0, m_viewport->durationS());
        setSelection(m_viewport->timeAtX(m_pressX), end);
    } else if (m_dragging) {
        if (std::abs(x - m_pressX) > 3)
            m_dragMoved = true;
        if (m_dragMoved) {
            m_viewport->panPixels(m_dragX - x);
            m_dragX = x;
        }
    }
}

void SpectrogramView::mouseReleaseEvent(QMouseEvent *event)
{
    const double x = event->position().x() - m_gutter;
    if (m_selecting) {
        m_selecting = false;
        const double end = std::clamp(m_viewport->timeAtX(x), 0.0, m_viewport->durationS());
        setSelection(std::max(0.0, m_viewport->timeAtX(m_pressX)), end);
        if (m_selEnd - m_selStart >= 0.05)
            Q_EMIT regionSelected(m_selStart, m_selEnd);
        else
            clearSelection();
    } else if (m_dragging) {
        m_dragging = false;
        unsetCursor();
        if (!m_dragMoved)
            Q_EMIT clicked(std::clamp(m_viewport->timeAtX(x), 0.0, m_viewport->durationS()));
    }
}

void SpectrogramView::wheelEvent(QWheelEvent *event)
{
    const QPoint delta = event->angleDelta();
    if (event->modifiers() & Qt::ControlModifier) {
        if (delta.y() != 0)
            m_viewport->zoomBy(delta.y() > 0 ? -1 : 1, event->position().x() - m_gutter);
    } else {
        // A wheel notch (120) moves a tenth of the view; a horizontal wheel pans the same way.
        const int d = delta.x() != 0 ? delta.x() : delta.y();
        m_viewport->panPixels(-d / 120.0 * m_viewport->plotWidth() / 10.0);
    }
    event->accept();
}

void SpectrogramView::keyPressEvent(QKeyEvent *event)
{
    const double page = m_viewport->plotWidth();
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        m_viewport->zoomIn();
        break;
    case Qt::Key_Minus:
        m_viewport->zoomOut();
        break;
    case Qt::Key_0:
        m_viewport->fitAll();
        break;
    case Qt::Key_Left:
        m_viewport->panPixels(-page / 8.0);
        break;
    case Qt::Key_Right:
        m_viewport->panPixels(page / 8.0);
        break;
    case Qt::Key_PageUp:
        m_viewport->panPixels(-page);
        break;
    case Qt::Key_PageDown:
        m_viewport->panPixels(page);
        break;
    case Qt::Key_Home:
        m_viewport->setVisibleStart(0.0);
        break;
    case Qt::Key_End:
        m_viewport->setVisibleStart(m_viewport->durationS());
        break;
    case Qt::Key_Escape:
        clearSelection();
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

} // namespace timbre::widgets
