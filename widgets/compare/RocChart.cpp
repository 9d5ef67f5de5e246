// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/compare/RocChart.h"

#include "widgets/compare/VersionColours.h"

#include <QChart>
#include <QChartView>
#include <QLineSeries>
#include <QPen>
#include <QVBoxLayout>
#include <QValueAxis>

namespace timbre::widgets {

RocChart::RocChart(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    m_view = new QChartView(chart, this);
    // The chart's own minimum (axes, legend) made a bottom dock too tall for a 1000-pixel screen.
    m_view->setMinimumSize(240, 110);
    m_view->setRenderHint(QPainter::Antialiasing);
    layout->addWidget(m_view);
}

void RocChart::clear()
{
    QChart *chart = m_view->chart();
    chart->removeAllSeries();
    for (QAbstractAxis *axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
    m_curves.clear();
    m_missing.clear();
    chart->setTitle(QString());
}

void RocChart::setCurves(const eval::LibraryEvaluation &evaluation, const QString &instrument,
                         const QString &name)
{
    clear();
    if (evaluation.models.empty())
        return;
    QChart *chart = m_view->chart();
    auto *x = new QValueAxis;
    x->setRange(0, 1);
    x->setTitleText(tr("False positive rate"));
    x->setLabelFormat(QStringLiteral("%.1f"));
    auto *y = new QValueAxis;
    y->setRange(0, 1);
    y->setTitleText(tr("True positive rate"));
    y->setLabelFormat(QStringLiteral("%.1f"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);

    auto *chance = new QLineSeries;
    chance->setName(tr("Chance"));
    chance->append(0, 0);
    chance->append(1, 1);
    QPen dashed(QColor(0x9e, 0x9e, 0x9e));
    dashed.setStyle(Qt::DashLine);
    chance->setPen(dashed);
    chart->addSeries(chance);
    chance->attachAxis(x);
    chance->attachAxis(y);

    for (int v = 0; v < int(evaluation.models.size()); ++v) {
        const eval::ModelEvaluation &m = evaluation.models[size_t(v)];
        const eval::RocCurve *curve = nullptr;
        for (const eval::RocCurve &c : m.roc)
            if (c.instrument == instrument)
                curve = &c;
        if (!curve || curve->fpr.empty()) {
            m_missing << m.name;
            continue;
        }
        auto *series = new QLineSeries;
        series->setName(m.name);
        QPen pen(versionColour(v));
        pen.setWidthF(2.0);
        series->setPen(pen);
        QList<QPointF> points;
        points.reserve(qsizetype(curve->fpr.size()));
        for (size_t i = 0; i < curve->fpr.size() && i < curve->tpr.size(); ++i)
            points << QPointF(curve->fpr[i], curve->tpr[i]);
        series->replace(points);
        chart->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
        m_curves << series;
    }
    chart->setTitle(m_missing.isEmpty()
                            ? tr("ROC of %1").arg(name)
                            : tr("ROC of %1 (none for %2: the evaluated clips need labels "
                                 "present and absent)")
                                      .arg(name, m_missing.join(QStringLiteral(", "))));
}

} // namespace timbre::widgets
