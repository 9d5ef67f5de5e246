// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/overview/OverviewFilter.h"

namespace timbre::overview::OverviewFilter {

namespace {

QString fieldName(GroupField field)
{
    switch (field) {
    case GroupField::Genre:
        return QStringLiteral("genre");
    case GroupField::Artist:
        return QStringLiteral("artist");
    case GroupField::Album:
        break;
    }
    return QStringLiteral("album");
}

} // namespace

QString quoted(const QString &text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QString label(const QString &key, library::LabelState state)
{
    return key + QLatin1String(" = ") + library::labelStateName(state);
}

QString scored(const QString &key, double threshold)
{
    // Nine significant digits give back the same float when TrackFilter parses it.
    return key + QLatin1String(" >= ") + QString::number(double(float(threshold)), 'g', 9);
}

QString has(const QString &key, CountBy by, double threshold)
{
    return by == CountBy::Labels ? label(key, library::LabelState::Present)
                                 : scored(key, threshold);
}

QString both(const QString &a, double thresholdA, const QString &b, double thresholdB,
             CountBy by)
{
    if (a == b)
        return has(a, by, thresholdA);
    return has(a, by, thresholdA) + QLatin1String(" and ") + has(b, by, thresholdB);
}

QString group(GroupField field, const QString &value)
{
    return fieldName(field) + QLatin1String(" = ") + quoted(value);
}

QString groupWith(GroupField field, const QString &value, const QString &key, CountBy by,
                  double threshold)
{
    return group(field, value) + QLatin1String(" and ") + has(key, by, threshold);
}

QString track(const QString &path)
{
    return QLatin1String("path = ") + quoted(path);
}

} // namespace timbre::overview::OverviewFilter
