// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// --shard and --tracks of the batch commands (`timbre extract`, `timbre predict --library`):
// which part of a library this process does when many do it at once (docs/CLUSTER.md).
#include "core/jobs/Shard.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>
#include <QString>

namespace timbre::cli {

struct BatchPart
{
    jobs::Shard shard;
    QList<qint64> trackIds; // from --tracks; empty = every track
    bool fromManifest = false; // --tracks was given (an empty manifest means nothing to do)
    QString note; // where the shard came from, for the log ("" = the whole library)
};

// --shard I/N (or "all": ignore the scheduler's variables) and --tracks FILE.
QCommandLineOption shardOption();
QCommandLineOption tracksOption();

// The part the options (or, without --shard, a Slurm array / Kubernetes Indexed Job
// environment: jobs::Shard::fromEnvironment) name. False and *error when not; *usage tells a
// wrong option value (exit 2) from a manifest that cannot be read (exit 1).
bool readBatchPart(const QCommandLineParser &parser, const QCommandLineOption &shard,
                   const QCommandLineOption &tracks, BatchPart *part, QString *error,
                   bool *usage);

// Track ids of a manifest written by `timbre jobs LIB --missing`: the first tab-separated
// column of every line that is neither empty nor a '#' comment. False and *error naming the
// file and line when a line does not start with a track id.
bool readTrackManifest(const QString &path, QList<qint64> *trackIds, QString *error);

} // namespace timbre::cli
