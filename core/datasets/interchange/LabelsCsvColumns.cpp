// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/interchange/LabelsCsvColumns.h"

namespace timbre::datasets {

namespace {

// In order of preference, as the error message shows them; compared normalised.
const char *const kClipNames[] = {"clip",      "clip_key",  "sample_key", "key",
                                  "file",      "file_name", "file_path",  "path",
                                  "track",     "track_path", "audio",     "audio_file"};
const char *const kInstrumentNames[] = {"instrument", "instrument_key", "instrument_name",
                                        "label_name", "class",          "class_name"};
const char *const kValueNames[] = {"value", "state", "label", "present", "presence", "relevance"};

template<size_t N> int findColumn(const QStringList &normalizedHeader, const char *const (&names)[N],
                                  QString *found = nullptr)
{
    for (const char *name : names) {
        const int column =
                int(normalizedHeader.indexOf(LabelsCsvColumns::normalized(QLatin1String(name))));
        if (column >= 0) {
            if (found)
                *found = QLatin1String(name);
            return column;
        }
    }
    return -1;
}

template<size_t N> QString nameList(const char *const (&names)[N])
{
    QStringList out;
    for (const char *name : names)
        out << QLatin1String(name);
    return out.join(QLatin1String(", "));
}

} // namespace

QString LabelsCsvColumns::normalized(const QString &name)
{
    QString out;
    for (const QChar c : name) {
        if (c.isLetterOrNumber())
            out += c.toLower();
    }
    return out;
}

LabelsCsvColumns LabelsCsvColumns::find(const QStringList &header)
{
    QStringList names;
    for (const QString &name : header)
        names << normalized(name);
    LabelsCsvColumns columns;
    columns.clip = findColumn(names, kClipNames);
    columns.instrument = findColumn(names, kInstrumentNames);
    QString valueName;
    columns.value = findColumn(names, kValueNames, &valueName);
    if (valueName == QLatin1String("present"))
        columns.valueKind = ValueKind::Present;
    else if (valueName == QLatin1String("relevance"))
        columns.valueKind = ValueKind::Relevance;
    columns.observed = int(names.indexOf(QStringLiteral("observed")));
    return columns;
}

QString LabelsCsvColumns::missingText() const
{
    QStringList missing;
    if (clip < 0)
        missing << QStringLiteral("no clip or file column (one of: %1)").arg(nameList(kClipNames));
    if (instrument < 0)
        missing << QStringLiteral("no instrument column (one of: %1)")
                           .arg(nameList(kInstrumentNames));
    if (value < 0)
        missing << QStringLiteral("no value column (one of: %1)").arg(nameList(kValueNames));
    return missing.join(QLatin1String("; "));
}

} // namespace timbre::datasets
