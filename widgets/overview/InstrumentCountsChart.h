// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/overview/InstrumentationStats.h"

#include <QList>
#include <QWidget>

class QBarSet;
class QChart;
class QChartView;

namespace timbre::widgets {

// Clips per instrument as two horizontal bar charts side by side (Qt Charts): the labels as
// one stacked bar per instrument (present, absent, unknown: together every clip), and the
// clips the model scores at or above the threshold. A click on a bar segment says which.
// Instruments run top to bottom in taxonomy order; only those given are drawn.
class InstrumentCountsChart : public QWidget
{
    Q_OBJECT
public:
    enum class Count { Present, Absent, Unknown, Scored };

    explicit InstrumentCountsChart(QWidget *parent = nullptr);

    // scoresTitle: what the right chart counts ("Model v2: score ≥ 0.5"); empty: no scores.
    void setCounts(const overview::InstrumentationStats &stats, const QList<int> &instruments,
                   const QString &scoresTitle);
    QChartView *labelsView() const { return m_labelsView; }
    QChartView *scoresView() const { return m_scoresView; }
    // Where a bar segment's middle is, in its chart view's viewport (for tests and for
    // keyboard users' tooltips); an invalid point when that bar is not drawn.
    QPoint barCentre(int instrument, Count count) const;

Q_SIGNALS:
    void barActivated(int instrument, timbre::widgets::InstrumentCountsChart::Count count);

private:
    void clear(QChart *chart);
    void onHovered(bool on, int category, Count count);
    int instrumentOfCategory(int category) const;
    int valueOf(int instrument, Count count) const;

    QChartView *m_labelsView = nullptr;
    QChartView *m_scoresView = nullptr;
    QList<int> m_instruments; // taxonomy index per drawn bar, top first
    QStringList m_names;
    std::vector<int> m_present, m_absent, m_predicted;
    std::vector<double> m_thresholds;
    int m_clips = 0;
};

} // namespace timbre::widgets
