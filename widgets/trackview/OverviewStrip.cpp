// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/trackview/OverviewStrip.h"

#include "core/dsp/TrackSpectrogram.h"
#include "core/util/PoolStart.h"
#include "core/util/ThreadBudget.h"
#include "widgets/trackview/TrackViewport.h"

#include <QMouseEvent>
#include <QPainter>

#include <cmath>

namespace timbre::widgets {

OverviewStrip::OverviewStrip(TrackViewport *viewport, QWidget *parent)
    : QWidget(parent), m_viewport(viewport)
{
    setFixedHeight(44);
    m_pool.setMaxThreadCount(util::threads::kOverviewStripThreads);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_throttle.setSingleShot(true);
    m_throttle.setInterval(200);
    connect(&m_throttle, &QTimer::timeout, this, &OverviewStrip::render);
    connect(m_viewport, &TrackViewport::changed, this, qOverload<>(&QWidget::update));
}

OverviewStrip::~OverviewStrip()
{
    m_pool.waitForDone();
}

void OverviewStrip::setGutterWidth(int pixels)
{
    m_gutter = pixels;
    render();
}

void OverviewStrip::setSpectrogram(std::shared_ptr<const dsp::TrackSpectrogram> spectrogram)
{
    m_data = std::move(spectrogram);
    m_image = QImage();
    m_settled = false;
    ++m_generation;
    m_rendering = false;
    render();
}

void OverviewStrip::setStyle(const RasterStyle &style)
{
    m_style = style;
    render();
}

void OverviewStrip::dataChanged()
{
    if (m_data && m_data->isFinished())
        render();
    else if (!m_throttle.isActive())
        m_throttle.start();
}

void OverviewStrip::render()
{
    if (!m_data)
        return;
    if (m_rendering) {
        m_again = true;
        return;
    }
    const int width = std::max(1, this->width() - m_gutter);
    m_rendering = true;
    m_again = false;
    auto data = m_data;
    const RasterStyle style = m_style;
    const quint64 generation = m_generation;
    const bool finished = data->isFinished();
    // The track's length as known now; the strip is re-rendered when decoding ends.
    const double spp = std::max(1e-6, data->durationSeconds() / width);
    util::startOnPool(m_pool, [this, data, style, generation, spp, width, finished] {
        RasterImage image = renderSpectrogramRaster(*data, 0.0, spp, width, style);
        QMetaObject::invokeMethod(
                this,
                [this, generation, finished, image = std::move(image)] {
                    if (generation != m_generation)
                        return;
                    m_rendering = false;
                    m_image = image.image;
                    update();
                    if (m_again) {
                        render();
                    } else if (finished && image.complete && !m_settled) {
                        m_settled = true;
                        Q_EMIT settled();
                    }
                },
                Qt::QueuedConnection);
    });
}

double OverviewStrip::timeAtX(double x) const
{
    const double width = std::max(1, this->width() - m_gutter);
    return (x - m_gutter) / width * m_viewport->durationS();
}

int OverviewStrip::xForTime(double seconds) const
{
    const double width = std::max(1, this->width() - m_gutter);
    const double duration = m_viewport->durationS() > 0 ? m_viewport->durationS() : 1.0;
    return m_gutter + int(std::floor(seconds / duration * width));
}

QRect OverviewStrip::windowRect() const
{
    const int x0 = xForTime(m_viewport->visibleStartS());
    const int x1 = std::min(width() - 1, xForTime(m_viewport->visibleEndS()));
    return QRect(x0, 1, std::max(3, x1 - x0), height() - 2);
}

void OverviewStrip::setPlayhead(double seconds)
{
    if (xForTime(seconds) == xForTime(m_playheadS)) {
        m_playheadS = seconds;
        return;
    }
    m_playheadS = seconds;
    update();
}

void OverviewStrip::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().window());
    const QRect area(m_gutter, 0, std::max(1, width() - m_gutter), height());
    p.fillRect(area, QColor::fromRgb(m_style.colours.at(0)).darker(140));
    p.setPen(palette().color(QPalette::WindowText));
    p.drawText(QRect(4, 0, m_gutter - 8, height()), Qt::AlignVCenter, tr("Overview"));
    if (!m_image.isNull())
        p.drawImage(area, m_image);
    if (m_viewport->durationS() <= 0)
        return;
    const QRect window = windowRect();
    p.fillRect(window, QColor(255, 255, 255, 40));
    p.setPen(QPen(QColor(255, 255, 255, 220), 1));
    p.drawRect(window.adjusted(0, 0, -1, -1));
    if (m_playheadS >= 0.0) {
        p.setPen(QPen(QColor(255, 64, 64), 1));
        const int x = xForTime(m_playheadS);
        p.drawLine(x, 0, x, height());
    }
}

void OverviewStrip::resizeEvent(QResizeEvent *)
{
    render();
}

void OverviewStrip::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || m_viewport->durationS() <= 0)
        return;
    const double t = timeAtX(event->position().x());
    if (windowRect().contains(event->position().toPoint())) {
        m_grabOffsetS = t - m_viewport->visibleStartS();
    } else {
        m_viewport->centreOn(t);
        m_grabOffsetS = m_viewport->visibleSeconds() / 2.0;
    }
}

void OverviewStrip::mouseMoveEvent(QMouseEvent *event)
{
    if (!(event->buttons() & Qt::LeftButton))
        return;
    m_viewport->setVisibleStart(timeAtX(event->position().x()) - m_grabOffsetS);
}

} // namespace timbre::widgets
