// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/interchange/ActivityCsv.h"

#include <cmath>

namespace timbre::datasets {

QString ActivityCsv::formatSeconds(double seconds)
{
    QString text = QString::number(seconds, 'f', 6);
    while (text.endsWith(QLatin1Char('0')))
        text.chop(1);
    if (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    return text;
}

bool ActivityCsv::read(const QString &path, ActivityCsvData *out, QString *error)
{
    QStringList lines;
    if (!LabelsCsv::readLines(path, &lines, error))
        return false;
    if (lines.isEmpty()) {
        *error = QStringLiteral("%1: empty file (expected a header clip,instrument,start,end)")
                         .arg(path);
        return false;
    }
    QStringList header = LabelsCsv::splitLine(lines.first());
    for (QString &name : header)
        name = name.trimmed().toLower();
    const int clipCol = int(header.indexOf(QStringLiteral("clip")));
    const int instCol = int(header.indexOf(QStringLiteral("instrument")));
    const int startCol = int(header.indexOf(QStringLiteral("start")));
    const int endCol = int(header.indexOf(QStringLiteral("end")));
    if (clipCol < 0 || instCol < 0 || startCol < 0 || endCol < 0) {
        *error = QStringLiteral("%1:1: header must name clip, instrument, start and end columns, "
                                "found '%2'")
                         .arg(path, lines.first());
        return false;
    }
    const int needed = qMax(qMax(clipCol, instCol), qMax(startCol, endCol));
    for (int i = 1; i < lines.size(); ++i) {
        if (lines[i].trimmed().isEmpty())
            continue;
        bool closed = true;
        const QStringList fields = LabelsCsv::splitLine(lines[i], &closed);
        auto bad = [&](const QString &why) { out->issues.append({path, i + 1, why}); };
        if (!closed) {
            bad(QStringLiteral("unterminated quote"));
            continue;
        }
        if (fields.size() <= needed) {
            bad(QStringLiteral("expected %1 fields, found %2").arg(needed + 1).arg(fields.size()));
            continue;
        }
        ActivityRecord record;
        record.clip = fields[clipCol];
        record.instrument = fields[instCol].trimmed();
        bool startOk = false;
        bool endOk = false;
        record.start = fields[startCol].toDouble(&startOk);
        record.end = fields[endCol].toDouble(&endOk);
        if (record.clip.isEmpty() || record.instrument.isEmpty()) {
            bad(QStringLiteral("empty clip or instrument"));
            continue;
        }
        // toDouble() reads "nan" and "inf" too: NaN passed the checks below (found by fuzzing).
        if (!startOk || !endOk || !std::isfinite(record.start) || !std::isfinite(record.end)) {
            bad(QStringLiteral("start '%1' / end '%2' are not numbers")
                        .arg(fields[startCol], fields[endCol]));
            continue;
        }
        if (record.start < 0 || record.end <= record.start) {
            bad(QStringLiteral("need 0 <= start < end, found %1..%2")
                        .arg(fields[startCol], fields[endCol]));
            continue;
        }
        out->records.append(record);
    }
    return true;
}

bool ActivityCsv::write(const QString &path, const QList<ActivityRecord> &records, QString *error)
{
    QByteArray content = "clip,instrument,start,end\n";
    for (const ActivityRecord &record : records) {
        content += LabelsCsv::quoteField(record.clip).toUtf8() + ','
                + LabelsCsv::quoteField(record.instrument).toUtf8() + ','
                + formatSeconds(record.start).toUtf8() + ',' + formatSeconds(record.end).toUtf8()
                + '\n';
    }
    return LabelsCsv::saveFile(path, content, error);
}

} // namespace timbre::datasets
