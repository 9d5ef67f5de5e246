// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/jobs/Shard.h"

namespace timbre::jobs {

namespace {

bool readInt(const QString &text, int *value)
{
    bool ok = false;
    *value = text.trimmed().toInt(&ok);
    return ok;
}

} // namespace

QString Shard::text() const
{
    return whole() ? QString() : QStringLiteral("%1/%2").arg(index).arg(count);
}

QSet<qint64> Shard::dealt(const QList<qint64> &manifest) const
{
    QSet<qint64> ids;
    for (qsizetype i = 0; i < manifest.size(); ++i) {
        if (whole() || i % count == index)
            ids.insert(manifest[i]);
    }
    return ids;
}

int Shard::bucketOf(qint64 trackId, int count)
{
    if (count <= 1)
        return 0;
    // Jump consistent hash: a key walks from bucket to bucket, each jump drawn from a linear
    // congruential stream seeded by the key; the last bucket below count is its bucket.
    uint64_t key = static_cast<uint64_t>(trackId) * 0x9e3779b97f4a7c15ULL + 0x632be59bd9b4e019ULL;
    int64_t bucket = -1;
    int64_t next = 0;
    while (next < count) {
        bucket = next;
        key = key * 2862933555777941757ULL + 1;
        next = static_cast<int64_t>(static_cast<double>(bucket + 1)
                                    * (static_cast<double>(1LL << 31)
                                       / static_cast<double>((key >> 33) + 1)));
    }
    return static_cast<int>(bucket);
}

std::optional<Shard> Shard::parse(const QString &text, QString *error)
{
    const QStringList parts = text.split(QLatin1Char('/'));
    Shard s;
    if (parts.size() != 2 || !readInt(parts[0], &s.index) || !readInt(parts[1], &s.count)
        || s.count < 1 || s.index < 0 || s.index >= s.count) {
        *error = QStringLiteral("'%1' is not a shard: give i/n with 0 <= i < n (e.g. 2/8)")
                         .arg(text);
        return std::nullopt;
    }
    return s;
}

std::optional<Shard> Shard::fromEnvironment(const QProcessEnvironment &environment,
                                            QString *source, QString *error)
{
    const auto value = [&](const char *name) { return environment.value(QLatin1String(name)); };
    Shard s;
    if (!value("SLURM_ARRAY_TASK_ID").isEmpty()) {
        int id = 0;
        int min = 0;
        const bool ok = readInt(value("SLURM_ARRAY_TASK_ID"), &id)
                && readInt(value("SLURM_ARRAY_TASK_COUNT"), &s.count)
                && (value("SLURM_ARRAY_TASK_MIN").isEmpty()
                    || readInt(value("SLURM_ARRAY_TASK_MIN"), &min));
        s.index = id - min;
        *source = QStringLiteral("SLURM_ARRAY_TASK_ID=%1, SLURM_ARRAY_TASK_MIN=%2, "
                                 "SLURM_ARRAY_TASK_COUNT=%3")
                          .arg(value("SLURM_ARRAY_TASK_ID"), value("SLURM_ARRAY_TASK_MIN"),
                               value("SLURM_ARRAY_TASK_COUNT"));
        if (!ok || s.count < 1 || s.index < 0 || s.index >= s.count) {
            // An array of ids with gaps (--array=1,5,9) has no index in 0..count-1.
            *error = QStringLiteral("%1 do not make a shard: use a contiguous --array=0-N, or "
                                    "give --shard i/n")
                             .arg(*source);
            return std::nullopt;
        }
        return s;
    }
    if (!value("JOB_COMPLETION_INDEX").isEmpty()) {
        *source = QStringLiteral("JOB_COMPLETION_INDEX=%1, TIMBRE_SHARD_COUNT=%2")
                          .arg(value("JOB_COMPLETION_INDEX"), value("TIMBRE_SHARD_COUNT"));
        if (!readInt(value("JOB_COMPLETION_INDEX"), &s.index)
            || !readInt(value("TIMBRE_SHARD_COUNT"), &s.count) || s.count < 1 || s.index < 0
            || s.index >= s.count) {
            *error = QStringLiteral("%1 do not make a shard: set TIMBRE_SHARD_COUNT to the "
                                    "Job's completions")
                             .arg(*source);
            return std::nullopt;
        }
        return s;
    }
    return std::nullopt;
}

} // namespace timbre::jobs
