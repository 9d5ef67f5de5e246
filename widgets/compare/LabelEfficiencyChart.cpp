// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/compare/LabelEfficiencyChart.h"

#include "widgets/compare/VersionColours.h"

#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QLabel>
#include <QLineSeries>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

namespace timbre::widgets {

LabelEfficiencyChart::LabelEfficiencyChart(QWidget *parent) : QWidget(parent)
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
    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    m_note->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_note);
}

void LabelEfficiencyChart::clear()
{
    QChart *chart = m_view->chart();
    chart->removeAllSeries();
    for (QAbstractAxis *axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
    m_lines.clear();
    m_efficiency = LabelEfficiency();
    chart->setTitle(QString());
    m_note->clear();
}

QString LabelEfficiencyChart::noteText() const
{
    return m_note->text();
}

void LabelEfficiencyChart::setEfficiency(const LabelEfficiency &efficiency)
{
    clear();
    m_efficiency = efficiency;
    QChart *chart = m_view->chart();
    chart->setTitle(tr("Test AUROC against labels seen, along the lineage"));
    double minX = std::numeric_limits<double>::max(), maxX = 0;
    double minY = 100, maxY = 0;
    int shown = 0;
    for (const LabelEfficiency::Line &line : efficiency.lines)
        for (const LabelEfficiency::Point &p : line.points) {
            minX = std::min(minX, double(p.labelsSeen));
            maxX = std::max(maxX, double(p.labelsSeen));
            minY = std::min(minY, 100.0 * p.testAuroc);
            maxY = std::max(maxY, 100.0 * p.testAuroc);
            ++shown;
        }
    QStringList note;
    if (efficiency.lineageVersions > 0)
        note << tr("%n version(s) in the lineage of the chosen ones.", nullptr,
                   efficiency.lineageVersions);
    if (!efficiency.withoutLabelsSeen.isEmpty())
        note << tr("%n version(s) left out: trained before the labels seen were recorded (%1).",
                   nullptr, int(efficiency.withoutLabelsSeen.size()))
                        .arg(efficiency.withoutLabelsSeen.join(QStringLiteral(", ")));
    if (!efficiency.withoutAuroc.isEmpty())
        note << tr("%n version(s) left out: no test AUROC stored (%1).", nullptr,
                   int(efficiency.withoutAuroc.size()))
                        .arg(efficiency.withoutAuroc.join(QStringLiteral(", ")));
    if (shown == 0)
        note << tr("No version of the lineage has both numbers: nothing to draw.");
    m_note->setText(note.join(QLatin1Char(' ')));
    if (shown == 0)
        return;

    auto *x = new QValueAxis;
    const double padX = std::max(1.0, 0.05 * (maxX - minX));
    x->setRange(std::max(0.0, minX - padX), maxX + padX);
    x->setLabelFormat(QStringLiteral("%d"));
    x->applyNiceNumbers();
    x->setTitleText(tr("Labels seen (known present / absent labels in the training set)"));
    auto *y = new QValueAxis;
    y->setRange(std::max(0.0, std::floor(minY / 5) * 5 - 5), std::min(100.0, maxY + 5));
    y->setLabelFormat(QStringLiteral("%.0f"));
    y->applyNiceNumbers();
    y->setTitleText(tr("Test AUROC (%)"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (int v = 0; v < efficiency.lines.size(); ++v) {
        const LabelEfficiency::Line &line = efficiency.lines.at(v);
        auto *series = new QLineSeries;
        series->setName(line.name);
        QPen pen(versionColour(v));
        pen.setWidthF(2.0);
        series->setPen(pen);
        series->setPointsVisible(true);
        // Lines share their ancestors' points: later lines get smaller markers, so an earlier
        // line's point stays visible around them.
        series->setMarkerSize(std::max(5.0, 13.0 - 3.0 * v));
        for (const LabelEfficiency::Point &p : line.points)
            series->append(double(p.labelsSeen), 100.0 * p.testAuroc);
        connect(series, &QLineSeries::hovered, this, [this, v](const QPointF &at, bool on) {
            if (!on) {
                QToolTip::hideText();
                return;
            }
            const LabelEfficiency::Line &l = m_efficiency.lines.value(v);
            const LabelEfficiency::Point *nearest = nullptr;
            double best = std::numeric_limits<double>::max();
            for (const LabelEfficiency::Point &p : l.points) {
                const double d = std::abs(double(p.labelsSeen) - at.x());
                if (d < best) {
                    best = d;
                    nearest = &p;
                }
            }
            if (nearest)
                QToolTip::showText(QCursor::pos(),
                                   tr("%1: %2 labels seen, test AUROC %3")
                                           .arg(nearest->name)
                                           .arg(nearest->labelsSeen)
                                           .arg(100.0 * nearest->testAuroc, 0, 'f', 2));
        });
        chart->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
        m_lines << series;
    }
}

} // namespace timbre::widgets
