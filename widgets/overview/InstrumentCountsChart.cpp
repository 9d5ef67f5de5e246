// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/overview/InstrumentCountsChart.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QHBoxLayout>
#include <QHorizontalBarSeries>
#include <QHorizontalStackedBarSeries>
#include <QLocale>
#include <QToolTip>
#include <QValueAxis>

namespace timbre::widgets {

namespace {

QChartView *makeView(QWidget *parent)
{
    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    auto *view = new QChartView(chart, parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(120, 200);
    return view;
}

} // namespace

InstrumentCountsChart::InstrumentCountsChart(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_labelsView = makeView(this);
    m_scoresView = makeView(this);
    layout->addWidget(m_labelsView, 3);
    layout->addWidget(m_scoresView, 2);
    layout->setSpacing(0);
}

void InstrumentCountsChart::clear(QChart *chart)
{
    chart->removeAllSeries();
    for (QAbstractAxis *axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
}

int InstrumentCountsChart::instrumentOfCategory(int category) const
{
    // Horizontal bar charts draw their first category at the bottom: categories run reversed.
    return m_instruments.value(int(m_instruments.size()) - 1 - category, -1);
}

int InstrumentCountsChart::valueOf(int instrument, Count count) const
{
    switch (count) {
    case Count::Present:
        return m_present[size_t(instrument)];
    case Count::Absent:
        return m_absent[size_t(instrument)];
    case Count::Unknown:
        return m_clips - m_present[size_t(instrument)] - m_absent[size_t(instrument)];
    case Count::Scored:
        break;
    }
    return m_predicted[size_t(instrument)];
}

void InstrumentCountsChart::setCounts(const overview::InstrumentationStats &stats,
                                      const QList<int> &instruments, const QString &scoresTitle)
{
    m_instruments = instruments;
    m_names = stats.names;
    m_present = stats.present;
    m_absent = stats.absent;
    m_predicted = stats.predicted;
    m_thresholds = stats.thresholds;
    m_clips = stats.clips;
    QStringList categories;
    for (auto it = m_instruments.crbegin(); it != m_instruments.crend(); ++it)
        categories << m_names.value(*it);

    auto addAxes = [&categories](QChart *chart, QAbstractSeries *series, int max,
                                 bool showNames) {
        auto *names = new QBarCategoryAxis;
        names->append(categories);
        names->setLabelsVisible(showNames);
        auto *values = new QValueAxis;
        values->setRange(0, std::max(max, 1));
        values->setLabelFormat(QStringLiteral("%d"));
        values->applyNiceNumbers();
        chart->addAxis(names, Qt::AlignLeft);
        chart->addAxis(values, Qt::AlignBottom);
        series->attachAxis(names);
        series->attachAxis(values);
    };

    QChart *labels = m_labelsView->chart();
    clear(labels);
    labels->setTitle(tr("Labels (%n clip(s))", nullptr, m_clips));
    auto *stacked = new QHorizontalStackedBarSeries;
    const struct
    {
        Count count;
        QString name;
        QColor colour;
    } parts[] = {{Count::Present, tr("Present"), QColor(0x2e, 0x7d, 0x32)},
                 {Count::Absent, tr("Absent"), QColor(0xc6, 0x28, 0x28)},
                 {Count::Unknown, tr("Unknown"), QColor(0xbd, 0xbd, 0xbd)}};
    for (const auto &part : parts) {
        auto *set = new QBarSet(part.name);
        set->setColor(part.colour);
        set->setBorderColor(part.colour);
        for (int c = 0; c < categories.size(); ++c)
            set->append(valueOf(instrumentOfCategory(c), part.count));
        const Count count = part.count;
        connect(set, &QBarSet::clicked, this,
                [this, count](int c) { Q_EMIT barActivated(instrumentOfCategory(c), count); });
        connect(set, &QBarSet::hovered, this,
                [this, count](bool on, int c) { onHovered(on, c, count); });
        stacked->append(set);
    }
    stacked->setBarWidth(0.7);
    labels->addSeries(stacked);
    addAxes(labels, stacked, m_clips, true);

    QChart *scores = m_scoresView->chart();
    clear(scores);
    scores->setTitle(scoresTitle.isEmpty() ? tr("No model scores yet (Library > Predict)")
                                           : scoresTitle);
    auto *bars = new QHorizontalBarSeries;
    auto *set = new QBarSet(tr("Clips at or above the threshold"));
    set->setColor(QColor(0x15, 0x65, 0xc0));
    set->setBorderColor(QColor(0x15, 0x65, 0xc0));
    int maxScored = 0;
    for (int c = 0; c < categories.size(); ++c) {
        const int n = scoresTitle.isEmpty() ? 0 : valueOf(instrumentOfCategory(c), Count::Scored);
        maxScored = std::max(maxScored, n);
        set->append(n);
    }
    connect(set, &QBarSet::clicked, this,
            [this](int c) { Q_EMIT barActivated(instrumentOfCategory(c), Count::Scored); });
    connect(set, &QBarSet::hovered, this,
            [this](bool on, int c) { onHovered(on, c, Count::Scored); });
    bars->append(set);
    bars->setBarWidth(0.7);
    bars->setLabelsVisible(!scoresTitle.isEmpty());
    bars->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    bars->setLabelsFormat(QStringLiteral("@value"));
    scores->addSeries(bars);
    // Room for the value labels beyond the longest bar.
    addAxes(scores, bars, int(maxScored * 1.15) + 1, true);
    // Fewer ticks than the default five: the narrow chart elided their numbers.
    static_cast<QValueAxis *>(scores->axes(Qt::Horizontal).constFirst())->setTickCount(3);
    scores->legend()->setVisible(false);
}

void InstrumentCountsChart::onHovered(bool on, int category, Count count)
{
    if (!on) {
        QToolTip::hideText();
        return;
    }
    const int instrument = instrumentOfCategory(category);
    if (instrument < 0)
        return;
    const QString name = m_names.value(instrument);
    const int n = valueOf(instrument, count);
    QString text;
    switch (count) {
    case Count::Present:
        text = tr("%1 labelled present: %n clip(s)", nullptr, n).arg(name);
        break;
    case Count::Absent:
        text = tr("%1 labelled absent: %n clip(s)", nullptr, n).arg(name);
        break;
    case Count::Unknown:
        text = tr("%1 not labelled: %n clip(s)", nullptr, n).arg(name);
        break;
    case Count::Scored:
        text = tr("%1 scored at or above %2: %n clip(s)", nullptr, n)
                       .arg(name, QLocale().toString(m_thresholds[size_t(instrument)], 'g', 3));
        break;
    }
    QToolTip::showText(QCursor::pos(), text + QLatin1Char('\n') + tr("Click to list them."));
}

QPoint InstrumentCountsChart::barCentre(int instrument, Count count) const
{
    const int row = int(m_instruments.indexOf(instrument));
    if (row < 0)
        return {};
    const int category = int(m_instruments.size()) - 1 - row;
    const bool labels = count != Count::Scored;
    QChart *chart = labels ? m_labelsView->chart() : m_scoresView->chart();
    if (chart->series().isEmpty() || valueOf(instrument, count) <= 0)
        return {};
    // The segment spans [before, before + value] along the value axis.
    double before = 0;
    if (count == Count::Absent)
        before = valueOf(instrument, Count::Present);
    else if (count == Count::Unknown)
        before = valueOf(instrument, Count::Present) + valueOf(instrument, Count::Absent);
    const double middle = before + valueOf(instrument, count) / 2.0;
    const QPointF scene = chart->mapToScene(
            chart->mapToPosition(QPointF(middle, category), chart->series().constFirst()));
    const QChartView *view = labels ? m_labelsView : m_scoresView;
    return view->mapFromScene(scene);
}

} // namespace timbre::widgets
