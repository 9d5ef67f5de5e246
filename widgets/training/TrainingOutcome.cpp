// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/training/TrainingOutcome.h"

#include "widgets/training/InstrumentMetricsModel.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QStringList>

#include <cmath>

namespace timbre::widgets {

namespace {

QString number(double v)
{
    return std::isnan(v) ? QStringLiteral("–") : QLocale().toString(v, 'f', 3);
}

QString signedChange(double v)
{
    if (std::isnan(v))
        return QStringLiteral("–");
    const QString text = QLocale().toString(std::abs(v), 'f', 3);
    return (v > 0 ? QStringLiteral("+") : v < 0 ? QStringLiteral("−") : QString()) + text;
}

} // namespace

TestMetrics TestMetrics::fromMetricsJson(const QString &name, const QString &metricsJson)
{
    TestMetrics m;
    m.name = name;
    const QJsonObject overall = QJsonDocument::fromJson(metricsJson.toUtf8())
                                        .object()
                                        .value(QStringLiteral("test"))
                                        .toObject()
                                        .value(QStringLiteral("overall"))
                                        .toObject();
    if (overall.isEmpty())
        return m;
    const auto value = [&overall](const char *key) {
        return recordNumber(overall.value(QLatin1String(key)).toVariant());
    };
    m.auroc = value("auroc");
    m.f1 = value("f1");
    m.precision = value("precision");
    m.recall = value("recall");
    m.map = value("mAP");
    m.known = true;
    return m;
}

QString TrainingOutcome::duration(double seconds)
{
    const qint64 s = qint64(std::max(0.0, seconds) + 0.5);
    if (s >= 3600)
        return QStringLiteral("%1:%2:%3")
                .arg(s / 3600)
                .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
                .arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

QString TrainingOutcome::cancelled(const QVariantMap &partial, int plannedEpochs, bool validated)
{
    const int kept = partial.value(QStringLiteral("keptEpoch")).toInt();
    const QString name = partial.value(QStringLiteral("name")).toString();
    if (kept <= 0 || name.isEmpty())
        return tr("Cancelled before the first epoch finished: nothing was kept.");
    const QString epoch = plannedEpochs > 0 ? tr("epoch %1 of %2").arg(kept).arg(plannedEpochs)
                                            : tr("epoch %1").arg(kept);
    const QString which = validated ? tr("its best on the validation clips")
                                    : tr("the last finished epoch");
    return tr("Cancelled. The version trained so far is kept as <b>%1</b>: %2, %3. It is not "
              "the active version.")
            .arg(name.toHtmlEscaped(), epoch, which);
}

QString TrainingOutcome::finished(const QVariantMap &result, const TestMetrics &parent)
{
    const QString name = result.value(QStringLiteral("name")).toString().toHtmlEscaped();
    const int epochs = result.value(QStringLiteral("epochs")).toInt();
    const double seconds = result.value(QStringLiteral("seconds")).toDouble();
    QStringList parts;
    parts << tr("New version <b>%1</b>: %n epoch(s) in %2.", nullptr, epochs)
                     .arg(name, duration(seconds));

    const int testBags = result.value(QStringLiteral("testBags"), -1).toInt();
    const struct
    {
        QString label;
        const char *key;
        double parentValue;
    } metrics[] = {{tr("AUROC"), "testAuroc", parent.auroc},
                   {tr("F1"), "testF1", parent.f1},
                   {tr("P"), "testPrecision", parent.precision},
                   {tr("R"), "testRecall", parent.recall},
                   {tr("mAP"), "testMap", parent.map}};
    QStringList shown;
    bool anyDefined = false;
    for (const auto &m : metrics) {
        const double v = recordNumber(result.value(QLatin1String(m.key)));
        anyDefined = anyDefined || !std::isnan(v);
        if (parent.known)
            shown << tr("%1 %2 (%3, %4)")
                             .arg(m.label, number(v), number(m.parentValue),
                                  signedChange(v - m.parentValue));
        else
            shown << tr("%1 %2").arg(m.label, number(v));
    }
    if (testBags == 0 || !anyDefined) {
        parts << tr("No labelled test clips: it has no test metrics.");
    } else {
        const QString list = shown.join(QStringLiteral(" · "));
        if (parent.known)
            parts << tr("On %n test clip(s), beside its parent %1: %2.", nullptr,
                        std::max(0, testBags))
                             .arg(parent.name.toHtmlEscaped(), list);
        else
            parts << tr("On %n test clip(s): %1.", nullptr, std::max(0, testBags)).arg(list);
    }

    const bool active = result.value(QStringLiteral("active")).toBool();
    const QString reason
            = result.value(QStringLiteral("activationReason")).toString().toHtmlEscaped();
    if (active)
        parts << (reason.isEmpty() ? tr("It is now the active version.")
                                   : tr("It is now the active version: %1").arg(reason));
    else
        parts << (reason.isEmpty() ? tr("It is not the active version.")
                                   : tr("It is not the active version: %1").arg(reason));
    return parts.join(QLatin1Char(' '));
}

QString TrainingOutcome::failed(const QString &error)
{
    return tr("Training failed: %1").arg(error.toHtmlEscaped());
}

} // namespace timbre::widgets
