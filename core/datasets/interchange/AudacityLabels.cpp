// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/interchange/AudacityLabels.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <cmath>

namespace timbre::datasets {

QByteArray AudacityLabels::format(const QList<AudacityLabel> &labels)
{
    QByteArray out;
    for (const AudacityLabel &label : labels) {
        QString text = label.text;
        text.replace(QLatin1Char('\t'), QLatin1Char(' '))
                .replace(QLatin1Char('\n'), QLatin1Char(' '));
        out += QByteArray::number(label.start, 'f', 6) + '\t'
                + QByteArray::number(label.end, 'f', 6) + '\t' + text.toUtf8() + '\n';
    }
    return out;
}

bool AudacityLabels::read(const QString &path, QList<AudacityLabel> *out,
                          QList<DatasetIssue> *issues, QString *error)
{
    QStringList lines;
    if (!LabelsCsv::readLines(path, &lines, error))
        return false;
    for (int i = 0; i < lines.size(); ++i) {
        const QString &line = lines[i];
        if (line.trimmed().isEmpty())
            continue;
        // Audacity writes spectral-selection lines ("\\\tlow\thigh") under a label: skip them.
        if (line.startsWith(QLatin1Char('\\')))
            continue;
        const QStringList fields = line.split(QLatin1Char('\t'));
        bool okStart = false;
        bool okEnd = false;
        AudacityLabel label;
        if (fields.size() >= 2) {
            label.start = fields[0].toDouble(&okStart);
            label.end = fields[1].toDouble(&okEnd);
        }
        if (!okStart || !okEnd || !std::isfinite(label.start) || !std::isfinite(label.end)
            || label.end < label.start) {
            if (issues)
                issues->append(
                        {path, i + 1, QStringLiteral("not a label line 'start<TAB>end<TAB>text'")});
            continue;
        }
        label.text = fields.mid(2).join(QLatin1Char('\t'));
        out->append(label);
    }
    return true;
}

bool AudacityLabels::write(const QString &folder, const LabelSnapshot &snapshot,
                           QStringList *written, QString *error)
{
    if (!QDir().mkpath(folder)) {
        *error = QStringLiteral("%1: cannot create the folder").arg(folder);
        return false;
    }
    QHash<QString, qint64> trackByWholeKey;
    for (const ExportedClip &clip : snapshot.clips) {
        if (!clip.endS)
            trackByWholeKey.insert(clip.key, clip.trackId);
    }
    QHash<qint64, QList<AudacityLabel>> byTrack;
    for (const ActivityRecord &record : snapshot.activity())
        byTrack[trackByWholeKey.value(record.clip)].append(
                {record.start, record.end, record.instrument});
    QHash<QString, int> nameCount;
    for (const library::TrackRecord &track : snapshot.tracks)
        ++nameCount[QFileInfo(track.path).completeBaseName()];
    for (const library::TrackRecord &track : snapshot.tracks) {
        auto labels = byTrack.value(track.id);
        if (labels.isEmpty())
            continue;
        std::stable_sort(labels.begin(), labels.end(),
                         [](const AudacityLabel &a, const AudacityLabel &b) {
                             return a.start != b.start ? a.start < b.start : a.text < b.text;
                         });
        QString name = QFileInfo(track.path).completeBaseName();
        if (nameCount.value(name) > 1)
            name += QStringLiteral("-%1").arg(track.id);
        const QString path = QDir(folder).filePath(name + QStringLiteral(".txt"));
        if (!LabelsCsv::saveFile(path, format(labels), error))
            return false;
        if (written)
            written->append(path);
    }
    return true;
}

} // namespace timbre::datasets
