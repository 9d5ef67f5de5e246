// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/inference/TrackAttention.h"

#include "core/features/ExtractorRegistry.h"
#include "core/features/FeatureFileReader.h"
#include "core/features/FeatureStore.h"
#include "core/features/TrackFeatureExtractor.h"
#include "core/inference/InstanceOverlap.h"
#include "core/library/FeatureSetStore.h"
#include "core/library/Library.h"
#include "core/library/ModelStore.h"
#include "core/library/TrackStore.h"

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

struct TrackAttention::ShiftedExtractor
{
    QString extractorId;
    int extractorVersion = 0;
    double startSeconds = 0.0;
    features::TrackFeatureExtractor extractor;
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
    if (!r.ok() || (!m_overlap && !m_level))
        return r;
    QString why;
    const QString audio = trackAudio(r, reader.path(), reader.header().meta.source.size, &why);
    if (m_overlap) {
        if (audio.isEmpty())
            r.overlapNote = why;
        else
            addOverlap(&r, audio);
    }
    if (m_level) {
        if (audio.isEmpty())
            r.levelNote = why;
        else
            addLevels(&r, audio);
    }
    return r;
}

TrackAttention::ShiftedExtractor *TrackAttention::shiftedExtractor(double hopS, QString *why)
{
    const double start = hopS * InstanceOverlap::kShiftInstances;
    if (m_shifted && m_shifted->extractorId == m_cache->extractorId
        && m_shifted->extractorVersion == m_cache->extractorVersion
        && m_shifted->startSeconds == start)
        return m_shifted.get();
    m_shifted.reset();
    // Built as the extract job builds its extractors, so the shifted grid's features are the
    // cached ones' but for where they start.
    const features::ExtractorRegistry registry(m_library.folder());
    const std::optional<features::ExtractorSpec> spec = registry.find(m_cache->extractorId);
    if (!spec) {
        *why = QStringLiteral("%1: no extractor '%2' in the library")
                       .arg(m_library.folder(), m_cache->extractorId);
        return nullptr;
    }
    if (spec->info.version != m_cache->extractorVersion) {
        // Another version's features would not be the ones the model was trained on.
        *why = QStringLiteral("%1: extractor '%2' is version %3 now, the model's features are "
                              "version %4")
                       .arg(m_library.folder(), spec->info.id)
                       .arg(spec->info.version)
                       .arg(m_cache->extractorVersion);
        return nullptr;
    }
    features::TrackFeatureOptions options;
    options.startSeconds = start;
    auto shifted = std::make_unique<ShiftedExtractor>(
            ShiftedExtractor {m_cache->extractorId, m_cache->extractorVersion, start,
                              features::TrackFeatureExtractor(*spec, options)});
    if (!shifted->extractor.error().isEmpty()) {
        *why = shifted->extractor.error();
        return nullptr;
    }
    m_shifted = std::move(shifted);
    return m_shifted.get();
}

QString TrackAttention::trackAudio(const TrackAttentionResult &result, const QString &featureFile,
                                   qint64 featureSourceSize, QString *why) const
{
    if (result.instanceScores.size() != size_t(result.instances) * size_t(result.classes)) {
        *why = QStringLiteral("model %1 scores whole clips only").arg(result.modelId);
        return {};
    }
    auto track = m_library.tracks().findById(result.trackId);
    if (!track) {
        *why = track.error().message;
        return {};
    }
    if (!*track) {
        *why = QStringLiteral("%1: no track %2").arg(m_library.databasePath()).arg(result.trackId);
        return {};
    }
    const QString audio = (*track)->path;
    const QFileInfo info(audio);
    if (!info.isFile()) {
        *why = QStringLiteral("%1: cannot be read (file not found)").arg(audio);
        return {};
    }
    // Shifted features or levels of other audio than the cached features' would mix two
    // different tracks.
    if (featureSourceSize > 0 && info.size() != featureSourceSize) {
        *why = QStringLiteral("%1: changed since %2 was extracted (extract the features again)")
                       .arg(audio, featureFile);
        return {};
    }
    return audio;
}

void TrackAttention::addLevels(TrackAttentionResult *result, const QString &audio)
{
    const auto note = [result](const QString &why) {
        result->levelsDb.clear();
        result->levelNote = why;
    };
    if (!m_levels || m_levels->extractorId != m_cache->extractorId
        || m_levels->extractorVersion != m_cache->extractorVersion) {
        m_levels.reset();
        const features::ExtractorRegistry registry(m_library.folder());
        const std::optional<features::ExtractorSpec> spec = registry.find(m_cache->extractorId);
        if (!spec) {
            note(QStringLiteral("%1: no extractor '%2' in the library")
                         .arg(m_library.folder(), m_cache->extractorId));
            return;
        }
        features::TrackFeatureOptions options;
        options.loadEmbedding = false;
        m_levels = std::make_unique<ShiftedExtractor>(
                ShiftedExtractor {m_cache->extractorId, m_cache->extractorVersion, 0.0,
                                  features::TrackFeatureExtractor(*spec, options)});
    }
    const features::FeatureMatrix m = m_levels->extractor.levels(audio);
    if (!m.ok()) {
        note(m.error.toString());
        return;
    }
    // The same grid as the cached features: as many levels as instances, or the audio is
    // not what they were computed from.
    if (m.levelsDb.size() != size_t(result->instances)) {
        note(QStringLiteral("%1: %2 instance levels for %3 cached instances (extract the "
                            "features again)")
                     .arg(audio)
                     .arg(m.levelsDb.size())
                     .arg(result->instances));
        return;
    }
    result->levelsDb = m.levelsDb;
    result->levelNote.clear();
}

void TrackAttention::addOverlap(TrackAttentionResult *result, const QString &audio)
{
    const auto note = [result](const QString &why) {
        result->overlapScores.clear();
        result->overlapNote = why;
    };
    QString why;
    ShiftedExtractor *shifted = shiftedExtractor(result->hopS, &why);
    if (!shifted) {
        note(why);
        return;
    }
    const features::FeatureMatrix m = shifted->extractor.extract(audio);
    if (!m.ok()) {
        note(m.error.toString());
        return;
    }
    if (m.rows == 0) {
        note(QStringLiteral("%1: too short for a shifted instance").arg(audio));
        return;
    }
    // Half an instance later, the grid has as many instances or one fewer; anything else
    // means the audio is not what the cached features were computed from.
    if (m.rows > result->instances || m.rows < result->instances - 1) {
        note(QStringLiteral("%1: %2 shifted instances for %3 cached ones (extract the "
                            "features again)")
                     .arg(audio)
                     .arg(m.rows)
                     .arg(result->instances));
        return;
    }
    const TrackAttentionResult s
            = computeFromFeatures(result->modelId, m.values.data(), m.rows, m.cols, result->hopS);
    if (!s.ok()) {
        note(audio + QStringLiteral(": ") + s.error);
        return;
    }
    std::vector<float> blended
            = InstanceOverlap::mean(result->instanceScores, result->instances, s.instanceScores,
                                    s.instances, result->classes);
    if (blended.empty()) {
        note(QStringLiteral("%1: the shifted instances' scores do not match the cached ones' "
                            "(%2 x %3)")
                     .arg(audio)
                     .arg(s.instances)
                     .arg(s.classes));
        return;
    }
    result->overlapScores = std::move(blended);
    result->overlapNote.clear();
}

} // namespace timbre::inference
