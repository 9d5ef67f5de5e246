// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/interchange/LabelsCsv.h"

#include "core/datasets/interchange/LabelsCsvColumns.h"
#include "core/util/SaveFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSaveFile>

#include <optional>

namespace timbre::datasets {

using library::LabelState;

namespace {

std::optional<LabelState> parseValue(const QString &raw)
{
    const QString value = raw.trimmed().toLower();
    if (value.isEmpty() || value == QLatin1String("unknown") || value == QLatin1String("?")
        || value == QLatin1String("-1"))
        return LabelState::Unknown;
    if (value == QLatin1String("present") || value == QLatin1String("1")
        || value == QLatin1String("1.0") || value == QLatin1String("true")
        || value == QLatin1String("yes") || value == QLatin1String("+"))
        return LabelState::Present;
    if (value == QLatin1String("absent") || value == QLatin1String("0")
        || value == QLatin1String("0.0") || value == QLatin1String("false")
        || value == QLatin1String("no") || value == QLatin1String("-"))
        return LabelState::Absent;
    return std::nullopt;
}

// OpenMIC's relevance: the fraction of annotators who heard the instrument.
std::optional<LabelState> parseRelevance(const QString &raw)
{
    if (const auto state = parseValue(raw))
        return state;
    bool ok = false;
    const double relevance = raw.trimmed().toDouble(&ok);
    if (!ok || relevance < 0.0 || relevance > 1.0)
        return std::nullopt;
    if (relevance > 0.5)
        return LabelState::Present;
    return relevance < 0.5 ? LabelState::Absent : LabelState::Unknown;
}

std::optional<bool> parseBit(const QString &raw)
{
    const QString value = raw.trimmed().toLower();
    if (value == QLatin1String("1") || value == QLatin1String("true"))
        return true;
    if (value == QLatin1String("0") || value == QLatin1String("false"))
        return false;
    return std::nullopt;
}

QString keyOf(const QString &clip, const QString &instrument)
{
    return clip + QChar(0x1f) + instrument;
}

// mask.csv of the corpus generator: (clip, instrument) -> observed.
QHash<QString, bool> readMask(const QString &path, QList<DatasetIssue> *issues)
{
    QHash<QString, bool> mask;
    QStringList lines;
    QString error;
    if (!LabelsCsv::readLines(path, &lines, &error)) {
        issues->append({path, 0, error});
        return mask;
    }
    if (lines.isEmpty())
        return mask;
    const QStringList header = LabelsCsv::splitLine(lines.first());
    const int clipCol = int(header.indexOf(QStringLiteral("clip")));
    const int instCol = int(header.indexOf(QStringLiteral("instrument")));
    const int obsCol = int(header.indexOf(QStringLiteral("observed")));
    if (clipCol < 0 || instCol < 0 || obsCol < 0) {
        issues->append({path, 1, QStringLiteral("mask header needs clip,instrument,observed")});
        return mask;
    }
    for (int i = 1; i < lines.size(); ++i) {
        if (lines[i].trimmed().isEmpty())
            continue;
        const QStringList fields = LabelsCsv::splitLine(lines[i]);
        const auto bit = fields.size() > obsCol ? parseBit(fields[obsCol]) : std::nullopt;
        if (fields.size() <= qMax(clipCol, instCol) || !bit) {
            issues->append({path, i + 1, QStringLiteral("bad mask row '%1'").arg(lines[i])});
            continue;
        }
        mask.insert(keyOf(fields[clipCol].trimmed(), fields[instCol].trimmed()), *bit);
    }
    return mask;
}

} // namespace

QString DatasetIssue::toString() const
{
    if (line > 0)
        return QStringLiteral("%1:%2: %3").arg(file).arg(line).arg(message);
    return QStringLiteral("%1: %2").arg(file, message);
}

QStringList LabelsCsv::splitLine(const QString &line, bool *ok)
{
    QStringList fields;
    QString field;
    bool quoted = false;
    bool wasQuoted = false;
    for (int i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < line.size() && line.at(i + 1) == QLatin1Char('"')) {
                    field += c;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"') && field.trimmed().isEmpty()) {
            quoted = true;
            wasQuoted = true;
            field.clear();
        } else if (c == QLatin1Char(',')) {
            fields.append(wasQuoted ? field : field.trimmed());
            field.clear();
            wasQuoted = false;
        } else {
            field += c;
        }
    }
    fields.append(wasQuoted ? field : field.trimmed());
    if (ok)
        *ok = !quoted;
    return fields;
}

QString LabelsCsv::quoteField(const QString &field)
{
    if (!field.contains(QLatin1Char(',')) && !field.contains(QLatin1Char('"'))
        && !field.contains(QLatin1Char('\n')) && field.trimmed() == field)
        return field;
    QString quoted = field;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

bool LabelsCsv::readLines(const QString &path, QStringList *lines, QString *error)
{
    QFile file(path);
    if (!file.exists()) {
        *error = QStringLiteral("%1: file not found").arg(path);
        return false;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot open (%2)").arg(path, file.errorString());
        return false;
    }
    QString text = QString::fromUtf8(file.readAll());
    if (text.startsWith(QChar(0xfeff)))
        text.remove(0, 1);
    text.remove(QLatin1Char('\r'));
    *lines = text.split(QLatin1Char('\n'));
    while (!lines->isEmpty() && lines->last().isEmpty())
        lines->removeLast();
    return true;
}

bool LabelsCsv::saveFile(const QString &path, const QByteArray &content, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size()
        || !util::commitSaveFile(file)) {
        *error = QStringLiteral("%1: cannot write (%2)").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool LabelsCsv::read(const QString &path, LabelsCsvData *out, QString *error, bool applySiblingMask)
{
    QStringList lines;
    if (!readLines(path, &lines, error))
        return false;
    if (lines.isEmpty()) {
        *error = QStringLiteral("%1: empty file (expected a header clip,instrument,value)")
                         .arg(path);
        return false;
    }
    const LabelsCsvColumns columns = LabelsCsvColumns::find(splitLine(lines.first()));
    if (!columns.complete()) {
        *error = QStringLiteral("%1:1: the header '%2' has %3").arg(path, lines.first(),
                                                                  columns.missingText());
        return false;
    }
    const int clipCol = columns.clip;
    const int instCol = columns.instrument;
    const int valueCol = columns.value;
    const int obsCol = columns.observed;
    const bool corpusForm = columns.valueKind == LabelsCsvColumns::ValueKind::Present;
    const bool relevance = columns.valueKind == LabelsCsvColumns::ValueKind::Relevance;
    QHash<QString, bool> mask;
    const QString maskPath = QFileInfo(path).dir().filePath(QStringLiteral("mask.csv"));
    if (corpusForm && applySiblingMask && QFileInfo(maskPath).isFile()
        && QFileInfo(maskPath) != QFileInfo(path))
        mask = readMask(maskPath, &out->issues);

    const int needed = qMax(clipCol, qMax(instCol, valueCol));
    for (int i = 1; i < lines.size(); ++i) {
        const QString &line = lines[i];
        if (line.trimmed().isEmpty())
            continue;
        bool closed = true;
        const QStringList fields = splitLine(line, &closed);
        auto bad = [&](const QString &why) { out->issues.append({path, i + 1, why}); };
        if (!closed) {
            bad(QStringLiteral("unterminated quote"));
            continue;
        }
        if (fields.size() <= needed) {
            bad(QStringLiteral("expected %1 fields, found %2").arg(needed + 1).arg(fields.size()));
            continue;
        }
        LabelRecord record;
        record.clip = fields[clipCol];
        record.instrument = fields[instCol].trimmed();
        if (record.clip.isEmpty() || record.instrument.isEmpty()) {
            bad(QStringLiteral("empty clip or instrument"));
            continue;
        }
        const auto state = relevance ? parseRelevance(fields[valueCol]) : parseValue(fields[valueCol]);
        if (!state) {
            bad(relevance ? QStringLiteral("relevance '%1' is not a number in [0, 1]")
                                    .arg(fields[valueCol])
                          : QStringLiteral("value '%1' is not present/absent/unknown or 1/0/empty")
                                    .arg(fields[valueCol]));
            continue;
        }
        record.state = *state;
        record.line = i + 1;
        if (obsCol >= 0 && obsCol < fields.size()) {
            const auto observed = parseBit(fields[obsCol]);
            if (!observed && !fields[obsCol].trimmed().isEmpty()) {
                bad(QStringLiteral("observed '%1' is not 1/0").arg(fields[obsCol]));
                continue;
            }
            if (observed && !*observed)
                record.state = LabelState::Unknown;
        }
        const auto masked = mask.constFind(keyOf(record.clip, record.instrument));
        if (masked != mask.cend() && !*masked)
            record.state = LabelState::Unknown;
        out->records.append(record);
    }
    return true;
}

bool LabelsCsv::write(const QString &path, const QList<LabelRecord> &records, QString *error)
{
    QByteArray content = "clip,instrument,value\n";
    for (const LabelRecord &record : records) {
        content += quoteField(record.clip).toUtf8() + ',' + quoteField(record.instrument).toUtf8()
                + ',' + library::labelStateName(record.state).toUtf8() + '\n';
    }
    return saveFile(path, content, error);
}

} // namespace timbre::datasets
