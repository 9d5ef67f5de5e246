// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/inference/TrackAttention.h"

#include "core/features/FeatureFileReader.h"
#include "core/features/FeatureStore.h"
#include "core/library/FeatureSetStore.h"
#include "core/library/Library.h"
#include "core/library/ModelStore.h"

#include "models/api/Predictor.h"

#include <QDir>
#include <QFileInfo>

namespace timbre::inference {

struct TrackAttention::Cache
{
    qint64 modelId = 0;
    QString checkpoint;
    QString extractorId;
    int extractorVersion = 0;
    QStringList classKeys;
    std::unique_ptr<models::Predictor> predictor;
};

TrackAttention::TrackAttention(const library::Library &library)
    : m_library(library), m_cache(std::make_unique<Cache>())
{ }

TrackAttention::~TrackAttention() = default;

bool TrackAttention::ensureModel(qint64 modelId, TrackAttentionResult *result)
{
    // The record is read every call (one indexed query) so that a model whose checkpoint was
    // replaced is reloaded rather than served from the cache.
    auto found = m_library.models().findById(modelId);
    if (!found) {
        result->error = found.error().message;
        return false;
    }
    if (!*found) {
        result->error = QStringLiteral("%1: no model with id %2")
                                .arg(m_library.databasePath())
                                .arg(modelId);
        return false;
    }
    const library::ModelRecord &model = **found;
    const QString checkpoint = QDir(m_library.modelsPath()).filePath(model.checkpointFile);
    if (m_cache->predictor && m_cache->modelId == modelId && m_cache->checkpoint == checkpoint)
        return true;
    m_cache = std::make_unique<Cache>();
    if (model.checkpointFile.isEmpty() || !QFileInfo(checkpoint).isFile()) {
        result->error = QStringLiteral("model %1 ('%2'): checkpoint %3 does not exist")
                                .arg(modelId)
                                .arg(model.name, checkpoint);
        return false;
    }
    models::ModelError error;
    std::unique_ptr<models::Predictor> predictor
            = models::Predictor::load(checkpoint.toStdString(), &error);
    if (!predictor) {
        result->error = QStringLiteral("model %1 ('%2'): %3")
                                .arg(modelId)
                                .arg(model.name, QString::fromStdString(error.message));
        return false;
    }
    m_cache->modelId = modelId;
    m_cache->checkpoint = checkpoint;
    m_cache->extractorId = model.extractorId.isEmpty()
            ? QString::fromStdString(predictor->info().extractorId)
            : model.extractorId;
    m_cache->extractorVersion = model.extractorId.isEmpty() ? predictor->info().extractorVersion
                                                            : model.extractorVersion;
    for (const std::string &name : predictor->info().classNames)
        m_cache->classKeys << QString::fromStdString(name);
    m_cache->predictor = std::move(predictor);
    return true;
}

TrackAttentionResult TrackAttention::computeFromFeatures(qint64 modelId, const float *features,
                                                         int instances, int dim, double hopS)
{
    TrackAttentionResult r;
    r.modelId = modelId;
    r.hopS = hopS;
    if (!ensureModel(modelId, &r))
        return r;
    const models::Predictor &predictor = *m_cache->predictor;
    if (instances < 1 || dim != predictor.info().featureDim) {
        r.error = QStringLiteral("model %1 expects %2-d instances, got %3 x %4")
                          .arg(modelId)
                          .arg(predictor.info().featureDim)
                          .arg(instances)
                          .arg(dim);
        return r;
    }
    const int classes = int(m_cache->classKeys.size());
    models::BagSet bag;
    bag.featureDim = dim;
    bag.numClasses = classes;
    bag.bagOffsets = {0};
    const std::vector<float> labels(size_t(classes), 0.0f);
    const std::vector<uint8_t> observed(size_t(classes), 0);
    bag.appendBag(features, instances, labels.data(), observed.data());
    models::ModelError error;
    std::vector<models::BagPrediction> predictions = predictor.predict(bag, 1, &error);
    if (predictions.size() != 1) {
        r.error = QString::fromStdString(error.message);
        return r;
    }
    models::BagPrediction &p = predictions.front();
    r.instances = p.instances;
    r.classes = p.numClasses;
    r.classKeys = m_cache->classKeys;
    r.clipScores = std::move(p.clipScores);
    r.instanceScores = std::move(p.instanceScores);
    r.attention = std::move(p.attention);
    return r;
}

TrackAttentionResult TrackAttention::compute(qint64 trackId, qint64 modelId)
{
    TrackAttentionResult failed;
    failed.trackId = trackId;
    failed.modelId = modelId;
    if (!ensureModel(modelId, &failed))
        return failed;
    auto sets = m_library.featureSets().ofTrack(trackId);
    if (!sets) {
        failed.error = sets.error().message;
        return failed;
    }
    const library::FeatureSetRecord *set = nullptr;
    for (const library::FeatureSetRecord &s : *sets)
        if (s.extractorId == m_cache->extractorId
            && s.extractorVersion == m_cache->extractorVersion)
            set = &s;
    if (!set) {
        failed.error = QStringLiteral("track %1 has no %2-v%3 features (extract them first)")
                               .arg(trackId)
                               .arg(m_cache->extractorId)
                               .arg(m_cache->extractorVersion);
        return failed;
    }
    const features::FeatureStore store(m_library.featuresPath());
    features::FeatureFileReader reader;
    const features::FeatureFileError e = reader.open(store.absolutePath(set->file));
    if (e.isError()) {
        failed.error = e.message;
        return failed;
    }
    const std::vector<float> values = reader.decodeRows(0, reader.rows());
    if (values.empty()) {
        failed.error = QStringLiteral("%1: no instances").arg(reader.path());
        return failed;
    }
    TrackAttentionResult r = computeFromFeatures(modelId, values.data(), reader.rows(),
                                                 reader.cols(), set->instanceHopS);
    r.trackId = trackId;
    if (!r.ok() && !r.error.contains(reader.path()))
        r.error = reader.path() + QStringLiteral(": ") + r.error;
    return r;
}

} // namespace timbre::inference
