#pragma once
#include "core/eval/LibraryEvaluationTable.h"

#include <QWidget>

class QBarSeries;
class QChartView;

namespace timbre::widgets {

class ComparisonTableModel;

// One metric of every compared version as grouped bars (Qt Charts): one category per row of
// the comparison table (instruments, then overall), one bar set per version in its colour,
// the values read from the table (percent; an undefined value is drawn as no bar). A click on
// a bar says which version and row.
class MetricBarsChart : public QWidget
{
    Q_OBJECT
public:
    explicit MetricBarsChart(QWidget *parent = nullptr);

    void setTable(const ComparisonTableModel *table, eval::LibraryEvaluationTable::Metric metric);
    void clear();

    QChartView *chartView() const { return m_view; }
    QBarSeries *series() const { return m_series; }
    // Where the middle of a bar is, in the chart view's viewport (for tests and tooltips); an
    // invalid point when the bar is not drawn (no value, or no such bar).
    QPoint barCentre(int version, int row) const;

Q_SIGNALS:
    void barClicked(int version, int row);

private:
    void onHovered(bool on, int row, int version);

    QChartView *m_view = nullptr;
    QBarSeries *m_series = nullptr; // owned by the chart
    const ComparisonTableModel *m_table = nullptr;
    eval::LibraryEvaluationTable::Metric m_metric = eval::LibraryEvaluationTable::F1;
};

} // namespace timbre::widgets
