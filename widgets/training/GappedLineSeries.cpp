// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/training/GappedLineSeries.h"

#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>

#include <cmath>

namespace timbre::widgets {

GappedLineSeries::GappedLineSeries(QChart *chart, QAbstractAxis *x, QAbstractAxis *y,
                                   const QString &name, const QPen &pen)
    : m_chart(chart), m_x(x), m_y(y), m_name(name), m_pen(pen)
{
    // The first segment exists from the start, so the legend names the curve before data come.
    newSegment();
    m_open = true;
}

QLineSeries *GappedLineSeries::newSegment()
{
    auto *series = new QLineSeries;
    series->setName(m_name);
    series->setPen(m_pen);
    series->setMarkerSize(5);
    m_chart->addSeries(series);
    series->attachAxis(m_x);
    series->attachAxis(m_y);
    if (!m_segments.isEmpty()) {
        for (QLegendMarker *marker : m_chart->legend()->markers(series))
            marker->setVisible(false);
    }
    m_segments << series;
    return series;
}

void GappedLineSeries::removeProvisional()
{
    if (!m_provisional)
        return;
    QLineSeries *last = m_segments.last();
    last->remove(last->count() - 1);
    if (m_provisionalOpened && m_segments.size() > 1 && last->count() == 0) {
        m_chart->removeSeries(last);
        delete last;
        m_segments.removeLast();
        m_open = false;
    } else {
        last->setPointsVisible(last->count() == 1);
    }
    m_provisional = false;
    m_provisionalOpened = false;
}

void GappedLineSeries::append(double x, double y, bool provisional)
{
    removeProvisional();
    if (!std::isfinite(y)) {
        m_open = m_segments.last()->count() == 0; // an empty segment can still take the next
        return;
    }
    bool opened = false;
    if (!m_open) {
        newSegment();
        m_open = true;
        opened = true;
    }
    QLineSeries *last = m_segments.last();
    last->append(x, y);
    // A lone point draws no line: show it as a dot until it has a neighbour.
    last->setPointsVisible(last->count() == 1);
    m_provisional = provisional;
    m_provisionalOpened = provisional && opened;
}

void GappedLineSeries::clear()
{
    for (int i = int(m_segments.size()) - 1; i >= 1; --i) {
        m_chart->removeSeries(m_segments.at(i));
        delete m_segments.at(i);
    }
    m_segments.resize(1);
    m_segments.first()->clear();
    m_segments.first()->setPointsVisible(false);
    m_open = true;
    m_provisional = false;
    m_provisionalOpened = false;
}

QList<QPointF> GappedLineSeries::points() const
{
    QList<QPointF> out;
    for (const QLineSeries *s : m_segments)
        out += s->points();
    return out;
}

} // namespace timbre::widgets
