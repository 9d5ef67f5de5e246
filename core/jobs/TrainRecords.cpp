// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/jobs/TrainRecords.h"

#include "core/eval/MultiLabelEvaluator.h"

#include <QVariantList>

#include <algorithm>
#include <limits>

namespace timbre::jobs {

namespace {

const QString kType = QStringLiteral("type");
const QString kEpoch = QStringLiteral("epoch");
const QString kEpochs = QStringLiteral("epochs");
const QString kPartial = QStringLiteral("partial");
const QString kSeconds = QStringLiteral("seconds");
const QString kLosses = QStringLiteral("losses");
const QString kLearningRate = QStringLiteral("learningRate");
const QString kConsistencyWeight = QStringLiteral("consistencyWeight");

QVariantMap common(const models::EpochReport &r, int plannedEpochs, double seconds)
{
    QVariantMap losses;
    for (const auto &[name, value] : r.trainLosses)
        losses.insert(QString::fromStdString(name), value);
    return {{kType, kEpoch},
            {kEpoch, r.epoch},
            {kEpochs, plannedEpochs},
            {kPartial, r.partial},
            {kSeconds, seconds},
            {kLosses, losses},
            {kLearningRate, r.learningRate},
            {kConsistencyWeight, r.consistencyWeight}};
}

} // namespace

int labelledBagCount(const models::BagSet &bags)
{
    int n = 0;
    const size_t classes = size_t(std::max(0, bags.numClasses));
    for (int b = 0; b < bags.numBags(); ++b) {
        const auto *o = bags.observed.data() + size_t(b) * classes;
        if (std::any_of(o, o + classes, [](uint8_t v) { return v != 0; }))
            ++n;
    }
    return n;
}

qint64 knownLabelCount(const models::BagSet &bags)
{
    return qint64(std::count_if(bags.observed.begin(), bags.observed.end(),
                                [](uint8_t v) { return v != 0; }));
}

QVariantMap partialEpochRecord(const models::EpochReport &r, int plannedEpochs, double seconds)
{
    QVariantMap record = common(r, plannedEpochs, seconds);
    record.insert(kPartial, true);
    return record;
}

QVariantMap epochRecord(const models::EpochReport &r, int plannedEpochs, double seconds,
                        const models::BagSet *heldout, const QString &heldoutSet)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    QVariantMap record = common(r, plannedEpochs, seconds);
    record.insert(kPartial, false);
    record.insert(QStringLiteral("validated"), r.validated);
    record.insert(QStringLiteral("validationLoss"), r.validated ? r.validationLoss : nan);
    record.insert(QStringLiteral("improved"), r.improved);

    eval::MetricsReport metrics;
    metrics.precision = metrics.recall = metrics.f1 = metrics.auroc = metrics.meanAveragePrecision
            = nan;
    int clips = 0;
    const bool scored = heldout && heldout->numBags() > 0
            && r.monitorScores.size() == size_t(heldout->numBags()) * size_t(heldout->numClasses);
    if (scored && (clips = labelledBagCount(*heldout)) > 0) {
        eval::ScoreTable table;
        table.rows = heldout->numBags();
        table.classes = heldout->numClasses;
        table.scores = r.monitorScores;
        table.labels = heldout->labels;
        table.observed = heldout->observed;
        for (const std::string &name : heldout->classNames)
            table.classNames << QString::fromStdString(name);
        metrics = eval::MultiLabelEvaluator::evaluate(table);
    }
    record.insert(QStringLiteral("heldout"),
                  QVariantMap {{QStringLiteral("set"), heldoutSet},
                               {QStringLiteral("clips"), clips},
                               {QStringLiteral("precision"), metrics.precision},
                               {QStringLiteral("recall"), metrics.recall},
                               {QStringLiteral("f1"), metrics.f1},
                               {QStringLiteral("auroc"), metrics.auroc},
                               {QStringLiteral("map"), metrics.meanAveragePrecision}});
    QVariantList perInstrument;
    for (const eval::InstrumentMetrics &m : metrics.instruments)
        perInstrument << QVariantMap {{QStringLiteral("instrument"), m.name},
                                      {QStringLiteral("precision"), m.precision},
                                      {QStringLiteral("recall"), m.recall},
                                      {QStringLiteral("f1"), m.f1},
                                      {QStringLiteral("auroc"), m.auroc},
                                      {QStringLiteral("ap"), m.averagePrecision},
                                      {QStringLiteral("positives"), qint64(m.positives)}};
    record.insert(QStringLiteral("perInstrument"), perInstrument);
    return record;
}

} // namespace timbre::jobs
