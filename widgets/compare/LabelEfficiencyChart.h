// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "widgets/compare/LabelEfficiency.h"

#include <QList>
#include <QWidget>

class QChartView;
class QLabel;
class QLineSeries;

namespace timbre::widgets {

// Test AUROC against labels seen along the chosen versions' lineages (Qt Charts): one line
// with its points per chosen version, in its colour, and a note below saying how many
// versions of the lineage are left out and why.
class LabelEfficiencyChart : public QWidget
{
    Q_OBJECT
public:
    explicit LabelEfficiencyChart(QWidget *parent = nullptr);

    void setEfficiency(const LabelEfficiency &efficiency);
    void clear();

    QChartView *chartView() const { return m_view; }
    const QList<QLineSeries *> &lines() const { return m_lines; }
    QString noteText() const;

private:
    QChartView *m_view = nullptr;
    QLabel *m_note = nullptr;
    QList<QLineSeries *> m_lines;
    LabelEfficiency m_efficiency;
};

} // namespace timbre::widgets
