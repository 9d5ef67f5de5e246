// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QList>
#include <QPen>
#include <QPointF>
#include <QString>

class QAbstractAxis;
class QChart;
class QLineSeries;

namespace timbre::widgets {

// One curve of a chart that may have holes: a NaN value ends the line, and the next number
// starts a new one (a QLineSeries would draw NaN as nothing sensible, and a zero would lie).
// Each run of numbers is its own QLineSeries with the same pen; only the first shows in the
// legend. Appending touches only the last segment, so a record per epoch redraws cheaply.
//
// A provisional point (a mid-epoch report) stands in for the epoch until its final value
// comes: the next append replaces it.
class GappedLineSeries
{
public:
    GappedLineSeries(QChart *chart, QAbstractAxis *x, QAbstractAxis *y, const QString &name,
                     const QPen &pen);

    void append(double x, double y, bool provisional = false);
    void clear();

    // The points drawn, in order, across segments (NaN ones are not points).
    QList<QPointF> points() const;
    int segmentCount() const { return int(m_segments.size()); }
    const QList<QLineSeries *> &segments() const { return m_segments; }
    QString name() const { return m_name; }

private:
    QLineSeries *newSegment();
    void removeProvisional();

    QChart *m_chart;
    QAbstractAxis *m_x;
    QAbstractAxis *m_y;
    QString m_name;
    QPen m_pen;
    QList<QLineSeries *> m_segments;
    bool m_open = false; // the last segment takes the next number (no NaN since)
    bool m_provisional = false; // the last point is provisional
    bool m_provisionalOpened = false; // ... and it opened its segment
};

} // namespace timbre::widgets
