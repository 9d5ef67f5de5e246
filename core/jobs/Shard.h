// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One shard of a batch job split across processes (a Slurm array task, a Kubernetes Indexed Job
// pod): shard i of n takes the tracks whose bucket is i. The bucket is a jump consistent hash
// (Lamping & Veach 2014) of the track id, so it needs no coordination, and when n grows to n + 1
// only about 1/(n + 1) of the tracks move to another shard: a rerun with another n finds most of
// its tracks already done by the shard that held them before (docs/CLUSTER.md).
#include <QList>
#include <QProcessEnvironment>
#include <QSet>
#include <QString>

#include <optional>

namespace timbre::jobs {

struct Shard
{
    int index = 0;
    int count = 1; // 1 = the whole library

    bool whole() const { return count <= 1; }
    // "i/n", or "" for the whole library (what the catalog's prediction_run.shard holds).
    QString text() const;
    bool holds(qint64 trackId) const { return whole() || bucketOf(trackId, count) == index; }
    // This shard's part of a manifest (`timbre jobs --missing`): the ids at positions i with
    // i mod count == index. A manifest is a fixed list of unfinished work, so dealing it out
    // by position balances a retry array; the hash would not (a retry with fewer tasks than the
    // array that left the work would give all of one task's rest to one shard).
    QSet<qint64> dealt(const QList<qint64> &manifest) const;

    // The bucket in [0, count) of a track id; stable across processes, machines and releases.
    static int bucketOf(qint64 trackId, int count);

    // "i/n" with 0 <= i < n; nothing and *error when the text is not one.
    static std::optional<Shard> parse(const QString &text, QString *error);
    // The shard a cluster scheduler gave this process: SLURM_ARRAY_TASK_ID (minus
    // SLURM_ARRAY_TASK_MIN) of SLURM_ARRAY_TASK_COUNT, else JOB_COMPLETION_INDEX (Kubernetes
    // Indexed Jobs) of TIMBRE_SHARD_COUNT (the Job's completions, which Kubernetes does not put
    // in the environment). Nothing when none is set; nothing and *error when they are set but
    // do not make a shard. *source names the variables used.
    static std::optional<Shard> fromEnvironment(const QProcessEnvironment &environment,
                                                QString *source, QString *error);
};

} // namespace timbre::jobs
