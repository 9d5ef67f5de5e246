// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What a batch job has not done yet, found the way AcousticBrainz and Freesound find work: an
// anti-join of the library's items against the results stamped with what made them. It is
// the manifest a retry array runs on (`timbre jobs LIB --missing`, docs/CLUSTER.md) and how a
// sharded predict knows that the last shard finished the whole library.
#include "core/library/CatalogError.h"

#include <QList>
#include <QString>

namespace timbre::library {

class CatalogDatabase;

struct MissingTrack
{
    qint64 trackId = 0;
    QString path;
    int clips = 0; // predict: the track's clips without current scores (extract: 0)
};

// Tracks whose scan is ok and that have no feature_set row of the extractor at that version, or
// one recorded from other audio (its content hash differs from the track's). Track id order.
CatalogResult<QList<MissingTrack>> tracksMissingFeatures(const CatalogDatabase &db,
                                                        const QString &extractorId,
                                                        int extractorVersion);

// Tracks with clips a predict of `modelId` has to score: the track has features of the model's
// extractor, and the clip has fewer than `classes` scores of the model, or scores written by a
// run that began before those features were recorded. Track id order. classes <= 0: as many as
// the model has scores for anywhere (a predict writes all of a clip's in one transaction).
CatalogResult<QList<MissingTrack>> tracksMissingPredictions(const CatalogDatabase &db,
                                                           qint64 modelId, int classes,
                                                           const QString &extractorId,
                                                           int extractorVersion);

} // namespace timbre::library
