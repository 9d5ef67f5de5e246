// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/compare/MetricBarsChart.h"

#include "widgets/compare/ComparisonTableModel.h"
#include "widgets/compare/VersionColours.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QFont>
#include <QFontMetrics>
#include <QResizeEvent>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace timbre::widgets {

MetricBarsChart::MetricBarsChart(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    // Beside the bars: in a bottom dock the chart is wide and short, and a legend below took the
    // height the instruments' names need.
    chart->legend()->setAlignment(Qt::AlignRight);
    chart->setMargins(QMargins(4, 4, 4, 4));
    m_view = new QChartView(chart, this);
    // The chart's own minimum (axes, legend) made a bottom dock too tall for a 1000-pixel screen.
    m_view->setMinimumSize(240, 110);
    m_view->setRenderHint(QPainter::Antialiasing);
    layout->addWidget(m_view);
}

void MetricBarsChart::clear()
{
    QChart *chart = m_view->chart();
    chart->removeAllSeries();
    for (QAbstractAxis *axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
    m_series = nullptr;
    m_names.clear();
    m_short = false;
    chart->setTitle(QString());
}

void MetricBarsChart::setTable(const ComparisonTableModel *table,
                               eval::LibraryEvaluationTable::Metric metric, const QList<int> &rows)
{
    clear();
    m_table = table;
    m_metric = metric;
    m_rows.clear();
    if (!table || table->rowCount() == 0)
        return;
    for (int r = 0; r < table->rowCount(); ++r)
        if (rows.isEmpty() || rows.contains(r))
            m_rows << r;
    QChart *chart = m_view->chart();
    chart->setTitle(
            tr("%1 per instrument, in percent").arg(ComparisonTableModel::metricName(metric)));
    QStringList categories;
    for (int r : m_rows)
        categories << table->instrumentName(r);
    m_series = new QBarSeries;
    for (int v = 0; v < table->versionCount(); ++v) {
        auto *set = new QBarSet(table->versionName(v));
        set->setColor(versionColour(v));
        set->setBorderColor(versionColour(v).darker(120));
        for (int r : m_rows) {
            const double value = table->value(r, metric, v);
            set->append(std::isnan(value) ? 0.0 : 100.0 * value);
        }
        connect(set, &QBarSet::clicked, this,
                [this, v](int category) { Q_EMIT barClicked(v, m_rows.value(category, -1)); });
        connect(set, &QBarSet::hovered, this,
                [this, v](bool on, int category) { onHovered(on, m_rows.value(category, -1), v); });
        m_series->append(set);
    }
    m_series->setBarWidth(0.8);
    chart->addSeries(m_series);
    auto *names = new QBarCategoryAxis;
    m_names = categories;
    m_short = false;
    names->append(categories);
    // Twenty instruments side by side leave a name no room: slanted they fit.
    if (categories.size() > 8) {
        names->setLabelsAngle(-60);
        QFont small = names->labelsFont();
        small.setPointSizeF(std::max(6.0, small.pointSizeF() - 1));
        names->setLabelsFont(small);
    }
    auto *values = new QValueAxis;
    values->setRange(0, 100);
    values->setTickCount(3);
    values->setLabelFormat(QStringLiteral("%d"));
    chart->addAxis(names, Qt::AlignBottom);
    chart->addAxis(values, Qt::AlignLeft);
    m_series->attachAxis(names);
    m_series->attachAxis(values);
    applyCategoryLabels();
}

QStringList MetricBarsChart::shortNames(const QStringList &names)
{
    QStringList out;
    for (const QString &name : names) {
        if (name.size() <= 7) { // "Banjo", "gesamt", "overall": whole, about as short as a cut
            out << name;
            continue;
        }
        int n = 4;
        auto clashes = [&](int length) {
            for (const QString &other : names)
                if (other != name
                    && other.left(length).compare(name.left(length), Qt::CaseInsensitive) == 0)
                    return true;
            return false;
        };
        while (n < name.size() && clashes(n))
            ++n;
        out << name.left(n);
    }
    return out;
}

QStringList MetricBarsChart::categoryLabels() const
{
    return m_short ? shortNames(m_names) : m_names;
}

// Slanted at 60 degrees a name needs about 0.9 of its width in height below the bars; Qt Charts
// elides it to "…" when the chart is shorter than that allows, which in a bottom dock is most
// of the time. Then the axis shows short forms (the hover tooltip names the instrument).
void MetricBarsChart::applyCategoryLabels()
{
    if (!m_series || m_names.size() <= 8)
        return;
    QBarCategoryAxis *axis = nullptr;
    for (QAbstractAxis *a : m_view->chart()->axes(Qt::Horizontal))
        axis = axis ? axis : qobject_cast<QBarCategoryAxis *>(a);
    if (!axis)
        return;
    const QFontMetrics fm(axis->labelsFont());
    int widest = 0;
    for (const QString &name : std::as_const(m_names))
        widest = std::max(widest, fm.horizontalAdvance(name));
    const bool fits = 0.9 * widest + 4 * fm.height() < 0.45 * m_view->height();
    if (fits == !m_short)
        return;
    m_short = !fits;
    axis->clear();
    axis->append(categoryLabels());
    axis->setLabelsAngle(m_short ? -90 : -60);
}

void MetricBarsChart::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    applyCategoryLabels();
}

void MetricBarsChart::onHovered(bool on, int row, int version)
{
    if (!on || !m_table || row < 0) {
        QToolTip::hideText();
        return;
    }
    const int column = m_table->column(m_metric, version);
    const QString value = m_table->index(row, column).data().toString();
    QString text = tr("%1, %2: %3 %4")
                           .arg(m_table->versionName(version), m_table->instrumentName(row),
                                ComparisonTableModel::metricName(m_metric), value);
    const QString why = m_table->index(row, column).data(Qt::ToolTipRole).toString();
    if (!why.isEmpty())
        text += QLatin1Char('\n') + why;
    text += QLatin1Char('\n') + tr("Click to list this version's errors in the browser.");
    QToolTip::showText(QCursor::pos(), text);
}

QPoint MetricBarsChart::barCentre(int version, int row) const
{
    const int category = int(m_rows.indexOf(row));
    if (!m_series || !m_table || version < 0 || version >= m_series->count() || category < 0)
        return {};
    const double value = m_series->barSets().at(version)->at(category);
    if (value <= 0)
        return {};
    // A category's group of bars is barWidth wide around the category, split evenly between
    // the sets in their order.
    const double width = m_series->barWidth();
    const int sets = m_series->count();
    const double x = category - width / 2 + (version + 0.5) * width / sets;
    QChart *chart = m_view->chart();
    const QPointF scene = chart->mapToScene(chart->mapToPosition(QPointF(x, value / 2), m_series));
    return m_view->mapFromScene(scene);
}

} // namespace timbre::widgets
