// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/eval/LibraryEvaluation.h"

#include <QList>
#include <QWidget>

class QChartView;
class QLineSeries;

namespace timbre::widgets {

// ROC curves of one instrument (Qt Charts): one line per compared version, in its colour,
// from core/eval's ROC points (false positive rate, true positive rate at every distinct
// score), and the chance diagonal. A version without a curve (the instrument lacks present or
// absent labels on these clips, or the version does not know it) is named in the title.
class RocChart : public QWidget
{
    Q_OBJECT
public:
    explicit RocChart(QWidget *parent = nullptr);

    // instrument: a key of the evaluation; name: what the user calls it.
    void setCurves(const eval::LibraryEvaluation &evaluation, const QString &instrument,
                   const QString &name);
    void clear();

    QChartView *chartView() const { return m_view; }
    // One per version that has a curve, in version order (the diagonal is not among them).
    const QList<QLineSeries *> &curves() const { return m_curves; }
    // Versions without a curve, by name.
    const QStringList &missing() const { return m_missing; }

private:
    QChartView *m_view = nullptr;
    QList<QLineSeries *> m_curves;
    QStringList m_missing;
};

} // namespace timbre::widgets
