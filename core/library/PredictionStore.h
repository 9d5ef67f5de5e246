#pragma once
#include "core/library/CatalogError.h"

#include <QHash>
#include <QList>
#include <QString>

namespace timbre::library {

class CatalogDatabase;

// One bag-level score of a model for a clip and instrument.
struct PredictionScore
{
    qint64 clipId = 0;
    QString instrumentKey;
    float score = 0; // probability in [0, 1]
};

// The `prediction` table: bag-level scores per (model, clip, instrument), for filtering and
// sorting the library browser. Instance-level scores are recomputed on the fly, never stored.
// Threading as TrackStore.
class PredictionStore
{
public:
    explicit PredictionStore(const CatalogDatabase &db);

    // Inserts or replaces scores of one model, one transaction. NotFound for an unknown key.
    CatalogError write(qint64 modelId, const QList<PredictionScore> &scores) const;
    // Removes every score of a model.
    CatalogError clear(qint64 modelId) const;
    // Scores of a model for one clip, taxonomy order.
    CatalogResult<QList<PredictionScore>> scoresOfClip(qint64 modelId, qint64 clipId) const;
    // clip id -> score of one instrument under one model.
    CatalogResult<QHash<qint64, float>> scoresOfInstrument(qint64 modelId,
                                                           const QString &instrumentKey) const;
    CatalogResult<qint64> count(qint64 modelId) const;

private:
    const CatalogDatabase &m_db;
};

} // namespace timbre::library
