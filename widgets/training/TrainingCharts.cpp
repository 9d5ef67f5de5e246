// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/training/TrainingCharts.h"

#include "widgets/training/GappedLineSeries.h"
#include "widgets/training/InstrumentMetricsModel.h"

#include <QChart>
#include <QChartView>
#include <QGridLayout>
#include <QLegend>
#include <QResizeEvent>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace timbre::widgets {

namespace {

enum PanelIndex { LossPanel, RatePanel, ValidationPanel, HeldoutPanel };

QPen pen(const char *colour, Qt::PenStyle style = Qt::SolidLine)
{
    QPen p {QColor(QLatin1String(colour))};
    p.setWidthF(2.0);
    p.setStyle(style);
    return p;
}

// A step of 1, 2 or 5 times a power of ten near `span` / 4.
double niceStep(double span)
{
    const double raw = span / 4.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double f = raw / magnitude;
    return magnitude * (f < 1.5 ? 1.0 : f < 3.5 ? 2.0 : f < 7.5 ? 5.0 : 10.0);
}

// Epoch ticks: at most five labels whatever the run's length (more did not fit beside a legend
// in a bottom dock).
double epochTick(int epochs)
{
    for (const int step : {1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000})
        if (epochs / step <= 5)
            return step;
    return 10000;
}

QFont smaller(QFont font, int by)
{
    font.setPointSizeF(std::max(6.0, font.pointSizeF() - by));
    return font;
}

} // namespace

TrainingCharts::TrainingCharts(QWidget *parent) : QWidget(parent)
{
    m_panels << makePanel(tr("Training loss"), true, QStringLiteral("%.3g"))
             << makePanel(tr("Learning rate"), true, QStringLiteral("%.2g"))
             << makePanel(tr("Validation loss"), true, QStringLiteral("%.3g"))
             << makePanel(tr("Held-out F1 and AUROC"), false, QStringLiteral("%.2f"));
    m_panels[HeldoutPanel].ceiling = 1.0;

    QChart *loss = lossChart();
    m_weightAxis = new QValueAxis;
    m_weightAxis->setLabelFormat(QStringLiteral("%.3g"));
    m_weightAxis->setLabelsFont(smaller(font(), 2));
    m_weightAxis->setRange(0.0, 1.0);
    m_weightAxis->setGridLineVisible(false);
    loss->addAxis(m_weightAxis, Qt::AlignRight);
    m_bce = std::make_unique<GappedLineSeries>(loss, m_panels[LossPanel].x,
                                               m_panels[LossPanel].y, tr("Supervised (BCE)"),
                                               pen("#1f77b4"));
    m_consistency = std::make_unique<GappedLineSeries>(loss, m_panels[LossPanel].x,
                                                       m_panels[LossPanel].y, tr("Consistency"),
                                                       pen("#ff7f0e"));
    m_weight = std::make_unique<GappedLineSeries>(loss, m_panels[LossPanel].x, m_weightAxis,
                                                  tr("Consistency weight (right)"),
                                                  pen("#7f7f7f", Qt::DashLine));
    m_learningRate = std::make_unique<GappedLineSeries>(
            learningRateChart(), m_panels[RatePanel].x, m_panels[RatePanel].y,
            tr("Learning rate"), pen("#2ca02c"));
    learningRateChart()->legend()->hide();
    m_validation = std::make_unique<GappedLineSeries>(
            validationChart(), m_panels[ValidationPanel].x, m_panels[ValidationPanel].y,
            tr("Validation loss"), pen("#d62728"));
    m_improved = new QScatterSeries;
    m_improved->setName(tr("Improved"));
    m_improved->setMarkerSize(8);
    m_improved->setColor(QColor(QStringLiteral("#d62728")));
    m_improved->setBorderColor(QColor(QStringLiteral("#d62728")));
    validationChart()->addSeries(m_improved);
    m_improved->attachAxis(m_panels[ValidationPanel].x);
    m_improved->attachAxis(m_panels[ValidationPanel].y);
    m_f1 = std::make_unique<GappedLineSeries>(heldoutChart(), m_panels[HeldoutPanel].x,
                                              m_panels[HeldoutPanel].y, tr("F1"),
                                              pen("#9467bd"));
    m_auroc = std::make_unique<GappedLineSeries>(heldoutChart(), m_panels[HeldoutPanel].x,
                                                 m_panels[HeldoutPanel].y, tr("AUROC"),
                                                 pen("#17becf"));

    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(2);
    for (int i = 0; i < m_panels.size(); ++i)
        grid->addWidget(m_panels[i].view, i / 2, i % 2);
    clear();
}

TrainingCharts::~TrainingCharts() = default;

// In a short dock five value labels do not fit beside a chart's plot and Qt Charts draws each as
// "..."; three do. The same for the epoch labels under a legend.
void TrainingCharts::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    for (Panel &p : m_panels) {
        // Wide and short (a bottom dock): the legend beside the plot leaves the axis labels
        // the height they need.
        const bool wideAndShort = p.view->width() > 3 * p.view->height();
        p.view->chart()->legend()->setAlignment(wideAndShort ? Qt::AlignRight : Qt::AlignBottom);
        p.y->setTickCount(p.view->height() < 200 ? 3 : 5);
    }
    m_weightAxis->setTickCount(m_panels[LossPanel].y->tickCount());
}

TrainingCharts::Panel TrainingCharts::makePanel(const QString &title, bool fromZero,
                                                const QString &format)
{
    Panel p;
    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setTitle(title);
    QFont titleFont = font();
    titleFont.setBold(true);
    chart->setTitleFont(titleFont);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->legend()->setFont(smaller(font(), 1));
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->setBackgroundRoundness(0);
    p.x = new QValueAxis;
    p.x->setLabelFormat(QStringLiteral("%d"));
    p.x->setLabelsFont(smaller(font(), 2));
    p.x->setTickType(QValueAxis::TicksDynamic);
    p.x->setTickAnchor(0.0);
    p.y = new QValueAxis;
    p.y->setLabelFormat(format);
    p.y->setLabelsFont(smaller(font(), 2));
    chart->addAxis(p.x, Qt::AlignBottom);
    chart->addAxis(p.y, Qt::AlignLeft);
    p.fromZero = fromZero;
    p.view = new QChartView(chart, this);
    // The chart's own minimum (axes, legend) made a bottom dock too tall for a 1000-pixel screen.
    p.view->setMinimumSize(160, 110);
    p.view->setRenderHint(QPainter::Antialiasing);
    return p;
}

QChart *TrainingCharts::lossChart() const
{
    return m_panels[LossPanel].view->chart();
}

QChart *TrainingCharts::learningRateChart() const
{
    return m_panels[RatePanel].view->chart();
}

QChart *TrainingCharts::validationChart() const
{
    return m_panels[ValidationPanel].view->chart();
}

QChart *TrainingCharts::heldoutChart() const
{
    return m_panels[HeldoutPanel].view->chart();
}

QValueAxis *TrainingCharts::epochAxis(const QChart *chart) const
{
    for (const Panel &p : m_panels)
        if (p.view->chart() == chart)
            return p.x;
    return nullptr;
}

QValueAxis *TrainingCharts::valueAxis(const QChart *chart) const
{
    for (const Panel &p : m_panels)
        if (p.view->chart() == chart)
            return p.y;
    return nullptr;
}

void TrainingCharts::clear()
{
    for (GappedLineSeries *s : {m_bce.get(), m_consistency.get(), m_weight.get(),
                                m_learningRate.get(), m_validation.get(), m_f1.get(),
                                m_auroc.get()})
        s->clear();
    m_improved->clear();
    for (Panel &p : m_panels) {
        p.range = Range();
        p.y->setRange(0.0, p.fromZero ? 1.0 : p.ceiling);
    }
    m_weightRange = Range();
    m_weightAxis->setRange(0.0, 1.0);
    m_anyValidated = false;
    m_anyRecord = false;
    m_heldoutSet.clear();
    m_heldoutClips = -1;
    m_epochs = 0;
    setEpochs(1);
    retitle();
}

void TrainingCharts::setEpochs(int epochs)
{
    epochs = std::max(epochs, 2);
    if (epochs == m_epochs)
        return;
    m_epochs = epochs;
    for (Panel &p : m_panels) {
        p.x->setRange(1.0, epochs);
        p.x->setTickInterval(epochTick(epochs));
    }
}

void TrainingCharts::include(Panel &panel, double value)
{
    if (!std::isfinite(value))
        return;
    Range &r = panel.range;
    if (value >= r.low && value <= r.high)
        return; // inside what the axis was sized for: nothing to redo
    r.low = std::min(r.low, value);
    r.high = std::max(r.high, value);
    double span = r.high - r.low;
    if (span <= 0.0)
        span = std::abs(r.high) > 0.0 ? std::abs(r.high) * 0.2 : 1.0;
    const double step = niceStep(panel.fromZero ? std::max(r.high, span) : span);
    double low = panel.fromZero ? 0.0 : std::floor((r.low - 0.1 * span) / step) * step;
    double high = std::ceil((r.high + 0.1 * span) / step) * step;
    if (!panel.fromZero)
        low = std::max(low, 0.0);
    high = std::min(high, panel.ceiling);
    if (high <= low)
        high = low + step;
    panel.y->setRange(low, high);
}

void TrainingCharts::includeRight(double value)
{
    if (!std::isfinite(value) || value <= m_weightRange.high)
        return;
    m_weightRange.high = value;
    m_weightRange.low = 0.0;
    const double step = niceStep(std::max(value, 1e-9));
    m_weightAxis->setRange(0.0, std::ceil(value * 1.05 / step) * step);
}

void TrainingCharts::addRecord(const QVariantMap &record)
{
    if (record.value(QStringLiteral("type"), QStringLiteral("epoch")).toString()
        != QLatin1String("epoch"))
        return;
    const int epoch = record.value(QStringLiteral("epoch")).toInt();
    if (epoch <= 0)
        return;
    const bool partial = record.value(QStringLiteral("partial")).toBool();
    setEpochs(std::max({m_epochs, epoch, record.value(QStringLiteral("epochs")).toInt()}));
    m_anyRecord = true;

    const QVariantMap losses = record.value(QStringLiteral("losses")).toMap();
    const double bce = recordNumber(losses.value(QStringLiteral("bce")));
    m_bce->append(epoch, bce, partial);
    include(m_panels[LossPanel], bce);
    if (losses.contains(QStringLiteral("consistency"))) {
        // Mean Teacher: its second loss, and the weight the ramp gave it.
        const double consistency = recordNumber(losses.value(QStringLiteral("consistency")));
        const double weight = recordNumber(record.value(QStringLiteral("consistencyWeight")));
        m_consistency->append(epoch, consistency, partial);
        m_weight->append(epoch, weight, partial);
        include(m_panels[LossPanel], consistency);
        includeRight(weight);
    }
    const double rate = recordNumber(record.value(QStringLiteral("learningRate")));
    m_learningRate->append(epoch, rate, partial);
    include(m_panels[RatePanel], rate);
    if (partial)
        return;

    const bool validated = record.value(QStringLiteral("validated")).toBool();
    const double validation
            = validated ? recordNumber(record.value(QStringLiteral("validationLoss")))
                        : std::numeric_limits<double>::quiet_NaN();
    m_validation->append(epoch, validation);
    include(m_panels[ValidationPanel], validation);
    if (validated && std::isfinite(validation)
        && record.value(QStringLiteral("improved")).toBool())
        m_improved->append(epoch, validation);
    m_anyValidated = m_anyValidated || validated;

    const QVariantMap heldout = record.value(QStringLiteral("heldout")).toMap();
    const double f1 = recordNumber(heldout.value(QStringLiteral("f1")));
    const double auroc = recordNumber(heldout.value(QStringLiteral("auroc")));
    m_f1->append(epoch, f1);
    m_auroc->append(epoch, auroc);
    include(m_panels[HeldoutPanel], f1);
    include(m_panels[HeldoutPanel], auroc);
    const QString set = heldout.value(QStringLiteral("set")).toString();
    const int clips = heldout.value(QStringLiteral("clips"), -1).toInt();
    m_heldoutSet = set;
    m_heldoutClips = clips;
    retitle();
}

void TrainingCharts::retitle()
{
    // Only when the words change: a new title lays the chart out again.
    const auto setTitle = [](QChart *chart, const QString &title) {
        if (chart->title() != title)
            chart->setTitle(title);
    };
    setTitle(validationChart(), !m_anyRecord || m_anyValidated
                                        ? tr("Validation loss")
                                        : tr("Validation loss (no validation split)"));
    QString clips;
    if (m_heldoutSet == QLatin1String("test"))
        clips = tr("%n test clip(s)", nullptr, std::max(0, m_heldoutClips));
    else if (m_heldoutSet == QLatin1String("validation"))
        clips = tr("%n validation clip(s)", nullptr, std::max(0, m_heldoutClips));
    setTitle(heldoutChart(), clips.isEmpty() ? tr("Held-out F1 and AUROC")
                                             : tr("F1 and AUROC on %1").arg(clips));
}

} // namespace timbre::widgets
