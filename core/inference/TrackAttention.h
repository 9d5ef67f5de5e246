// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace timbre::library {
class Library;
}

namespace timbre::inference {

// One track's instance-level view under one model, for the track view's lanes: computed on
// demand from the cached features, never stored. Plain types only (the GUI draws from it and
// never sees LibTorch).
struct TrackAttentionResult
{
    QString error; // non-empty = nothing computed; names the file or record concerned
    qint64 trackId = 0;
    qint64 modelId = 0;
    int instances = 0;
    int classes = 0;
    double hopS = 0.0; // seconds between instance starts
    QStringList classKeys; // the checkpoint's classes (instrument keys), column order
    std::vector<float> clipScores; // [classes]
    std::vector<float> instanceScores; // [instances x classes]
    // [instances x classes], each column sums to 1 over the instances; empty for models
    // without attention.
    std::vector<float> attention;

    bool ok() const { return error.isEmpty(); }
    bool hasAttention() const { return !attention.empty(); }
};

// Instance scores and attention of one track for one model of a library. The loaded model is
// kept across calls for the same model id and checkpoint, so scrolling through tracks costs
// one feature read and one forward pass each. Not thread-safe: one per thread (the GUI keeps
// one on the thread that computes lanes).
class TrackAttention
{
public:
    // `library` must outlive this object.
    explicit TrackAttention(const library::Library &library);
    ~TrackAttention();
    TrackAttention(const TrackAttention &) = delete;
    TrackAttention &operator=(const TrackAttention &) = delete;

    // The whole track's cached features of the model's extractor.
    TrackAttentionResult compute(qint64 trackId, qint64 modelId);
    // Given features [instances x dim] (row-major) instead of the cached file; for callers that
    // already hold them, and to time the model alone.
    TrackAttentionResult computeFromFeatures(qint64 modelId, const float *features, int instances,
                                             int dim, double hopS);

private:
    struct Cache;
    bool ensureModel(qint64 modelId, TrackAttentionResult *result);

    const library::Library &m_library;
    std::unique_ptr<Cache> m_cache;
};

} // namespace timbre::inference
