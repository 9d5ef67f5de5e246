// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/modelling/RunReport.h"

#include "core/eval/MetricsReport.h"
#include "core/util/SaveFile.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

namespace timbre::modelling {

using eval::jsonNumber;

QJsonArray RunReport::epochCurves(const std::vector<models::EpochReport> &history)
{
    QJsonArray list;
    for (const models::EpochReport &e : history) {
        QJsonObject o;
        o[QStringLiteral("epoch")] = e.epoch;
        QJsonObject losses;
        for (const auto &[name, value] : e.trainLosses)
            losses[QString::fromStdString(name)] = jsonNumber(value);
        o[QStringLiteral("train")] = losses;
        o[QStringLiteral("validation_loss")] = jsonNumber(e.validationLoss);
        o[QStringLiteral("seconds")] = e.seconds;
        o[QStringLiteral("train_seconds")] = e.trainSeconds;
        o[QStringLiteral("improved")] = e.improved;
        o[QStringLiteral("validated")] = e.validated;
        if (!e.monitorMetrics.empty()) {
            QJsonObject test;
            for (const auto &[name, value] : e.monitorMetrics)
                test[QString::fromStdString(name)] = jsonNumber(value);
            o[QStringLiteral("test")] = test;
        }
        list.append(o);
    }
    return list;
}

QJsonObject RunReport::parseObject(const std::string &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(json));
    return doc.isObject() ? doc.object() : QJsonObject();
}

bool RunReport::write(const QString &path, const QJsonObject &report, QString *error)
{
    const QString dir = QFileInfo(path).absolutePath();
    QDir().mkpath(dir);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)
        || file.write(QJsonDocument(report).toJson(QJsonDocument::Indented)) < 0
        || !util::commitSaveFile(file)) {
        if (error)
            *error = QStringLiteral("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

QString RunReport::timestamp()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
}

} // namespace timbre::modelling
