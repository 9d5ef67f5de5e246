// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Test helper: a JSON file's top-level object (empty when unreadable or not an object).
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

namespace timbre::testing {

inline QJsonObject readJsonObject(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

} // namespace timbre::testing
