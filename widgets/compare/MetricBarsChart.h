#pragma once
#include "core/eval/LibraryEvaluationTable.h"

#include <QList>
#include <QWidget>

class QBarSeries;
class QChartView;

namespace timbre::widgets {

class ComparisonTableModel;

// One metric of every compared version as grouped bars (Qt Charts): one category per chosen row
// of the comparison table (instruments, then overall), one bar set per version in its colour,
// the values read from the table (percent; an undefined value is drawn as no bar). A click on
// a bar says which version and row.
class MetricBarsChart : public QWidget
{
    Q_OBJECT
public:
    explicit MetricBarsChart(QWidget *parent = nullptr);

    // rows: the table rows drawn, in this order (all of them when empty).
    void setTable(const ComparisonTableModel *table, eval::LibraryEvaluationTable::Metric metric,
                  const QList<int> &rows = {});
    const QList<int> &rows() const { return m_rows; }
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
    QList<int> m_rows; // table row per category
};

} // namespace timbre::widgets
