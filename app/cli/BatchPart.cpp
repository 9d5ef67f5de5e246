// SPDX-License-Identifier: GPL-3.0-or-later
#include "BatchPart.h"

#include <QFile>
#include <QProcessEnvironment>
#include <QTextStream>

namespace timbre::cli {

QCommandLineOption shardOption()
{
    return QCommandLineOption(
            QStringLiteral("shard"),
            QStringLiteral("Do shard I of N of the tracks (I/N, 0 <= I < N), e.g. one task of a "
                           "Slurm array; default: from SLURM_ARRAY_TASK_ID / "
                           "SLURM_ARRAY_TASK_COUNT or JOB_COMPLETION_INDEX / TIMBRE_SHARD_COUNT "
                           "when set; 'all' = the whole library."),
            QStringLiteral("I/N"));
}

QCommandLineOption tracksOption()
{
    return QCommandLineOption(QStringLiteral("tracks"),
                              QStringLiteral("Only the tracks of this manifest (`timbre jobs LIB "
                                             "--missing ... --out FILE`)."),
                              QStringLiteral("FILE"));
}

bool readTrackManifest(const QString &path, QList<qint64> *trackIds, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = QStringLiteral("%1: cannot read the manifest (%2)").arg(path, file.errorString());
        return false;
    }
    QTextStream in(&file);
    int lineNumber = 0;
    while (!in.atEnd()) {
        const QString line = in.readLine();
        ++lineNumber;
        if (line.trimmed().isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        bool ok = false;
        const qint64 id = line.section(QLatin1Char('\t'), 0, 0).trimmed().toLongLong(&ok);
        if (!ok || id <= 0) {
            *error = QStringLiteral("%1:%2: '%3' does not start with a track id")
                             .arg(path)
                             .arg(lineNumber)
                             .arg(line.left(60));
            return false;
        }
        trackIds->append(id);
    }
    return true;
}

bool readBatchPart(const QCommandLineParser &parser, const QCommandLineOption &shard,
                   const QCommandLineOption &tracks, BatchPart *part, QString *error,
                   bool *usage)
{
    *usage = true;
    if (parser.isSet(shard)) {
        const QString value = parser.value(shard);
        if (value != QLatin1String("all")) {
            const std::optional<jobs::Shard> parsed = jobs::Shard::parse(value, error);
            if (!parsed) {
                *error = QStringLiteral("--shard: %1").arg(*error);
                return false;
            }
            part->shard = *parsed;
            part->note = QStringLiteral("--shard %1").arg(value);
        }
    } else {
        QString source;
        const std::optional<jobs::Shard> scheduled = jobs::Shard::fromEnvironment(
                QProcessEnvironment::systemEnvironment(), &source, error);
        if (!scheduled && !error->isEmpty())
            return false;
        if (scheduled) {
            part->shard = *scheduled;
            part->note = source;
        }
    }
    if (parser.isSet(tracks)) {
        *usage = false;
        part->fromManifest = true;
        if (!readTrackManifest(parser.value(tracks), &part->trackIds, error))
            return false;
    }
    return true;
}

} // namespace timbre::cli
