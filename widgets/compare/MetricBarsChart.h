// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/eval/LibraryEvaluationTable.h"

#include <QList>
#include <QStringList>
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
    // The category labels drawn: full names, or their short forms when the chart is too short
    // for slanted full names.
    QStringList categoryLabels() const;

Q_SIGNALS:
    void barClicked(int version, int row);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void onHovered(bool on, int row, int version);
    void applyCategoryLabels();
    // Names of up to seven letters whole; longer ones cut to the shortest prefix of at least four
    // letters that tells them from the rest (ignoring case).
    static QStringList shortNames(const QStringList &names);

    QChartView *m_view = nullptr;
    QBarSeries *m_series = nullptr; // owned by the chart
    const ComparisonTableModel *m_table = nullptr;
    eval::LibraryEvaluationTable::Metric m_metric = eval::LibraryEvaluationTable::F1;
    QList<int> m_rows; // table row per category
    QStringList m_names; // full instrument names per category
    bool m_short = false; // whether the axis shows shortNames(m_names)
};

} // namespace timbre::widgets
