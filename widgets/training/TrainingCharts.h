// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QList>
#include <QVariantMap>
#include <QWidget>

#include <limits>
#include <memory>

class QChart;
class QChartView;
class QScatterSeries;
class QValueAxis;

namespace timbre::widgets {

class GappedLineSeries;

// The four charts of a training run, one point per epoch record (TrainingPanel's curves):
//  (a) supervised loss (BCE) and consistency loss, with the consistency term's ramp weight on
//      a second axis; (b) the learning rate; (c) the validation loss, the epochs that improved
//      it marked; (d) held-out F1 and AUROC, the chart naming its clips ("test clips (120)").
// NaN and null values are gaps. Appending a record appends a point to each curve and widens an
// axis only when a value falls outside it; nothing is rebuilt. Mid-epoch records ("partial")
// move a provisional last point of the loss and learning-rate curves.
class TrainingCharts : public QWidget
{
    Q_OBJECT
public:
    explicit TrainingCharts(QWidget *parent = nullptr);
    ~TrainingCharts() override;

    void addRecord(const QVariantMap &record);
    void clear();

    GappedLineSeries *supervisedLoss() const { return m_bce.get(); }
    GappedLineSeries *consistencyLoss() const { return m_consistency.get(); }
    GappedLineSeries *rampWeight() const { return m_weight.get(); }
    GappedLineSeries *learningRate() const { return m_learningRate.get(); }
    GappedLineSeries *validationLoss() const { return m_validation.get(); }
    QScatterSeries *improvedEpochs() const { return m_improved; }
    GappedLineSeries *heldoutF1() const { return m_f1.get(); }
    GappedLineSeries *heldoutAuroc() const { return m_auroc.get(); }
    QChart *lossChart() const;
    QChart *learningRateChart() const;
    QChart *validationChart() const;
    QChart *heldoutChart() const;
    QValueAxis *epochAxis(const QChart *chart) const;
    QValueAxis *valueAxis(const QChart *chart) const; // the left one

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    struct Range
    {
        double low = std::numeric_limits<double>::infinity();
        double high = -std::numeric_limits<double>::infinity();
    };
    struct Panel
    {
        QChartView *view = nullptr;
        QValueAxis *x = nullptr;
        QValueAxis *y = nullptr;
        Range range;
        bool fromZero = true; // the axis starts at 0 (losses, rates)
        double ceiling = std::numeric_limits<double>::infinity();
    };

    Panel makePanel(const QString &title, bool fromZero, const QString &format);
    void include(Panel &panel, double value);
    void includeRight(double value);
    void setEpochs(int epochs);
    void retitle();

    QList<Panel> m_panels; // loss, learning rate, validation, held-out
    QValueAxis *m_weightAxis = nullptr;
    Range m_weightRange;
    std::unique_ptr<GappedLineSeries> m_bce;
    std::unique_ptr<GappedLineSeries> m_consistency;
    std::unique_ptr<GappedLineSeries> m_weight;
    std::unique_ptr<GappedLineSeries> m_learningRate;
    std::unique_ptr<GappedLineSeries> m_validation;
    QScatterSeries *m_improved = nullptr;
    std::unique_ptr<GappedLineSeries> m_f1;
    std::unique_ptr<GappedLineSeries> m_auroc;
    int m_epochs = 0; // the x axes' extent
    bool m_anyValidated = false;
    bool m_anyRecord = false;
    QString m_heldoutSet;
    int m_heldoutClips = -1;
};

} // namespace timbre::widgets
