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
    // [instances x classes]: instanceScores blended with the scores of a second grid of
    // instances shifted by half an instance (InstanceOverlap::mean); empty when overlap was not
    // asked for or could not be computed.
    std::vector<float> overlapScores;
    // Why overlapScores is empty although overlap was asked for ("<audio file>: file not
    // found", ...); empty otherwise. The result stays ok(): the plain scores are still good.
    QString overlapNote;
    // [instances]: each instance's audio level in dB (FeatureMatrix::levelsDb), for the level
    // cue of InstanceLevel::blend; empty when the level was not asked for or could not be
    // read, and then levelNote says why (as overlapNote does).
    std::vector<float> levelsDb;
    QString levelNote;

    bool ok() const { return error.isEmpty(); }
    bool hasAttention() const { return !attention.empty(); }
};

// Instance scores and attention of one track for one model of a library. The loaded model is
// kept across calls for the same model id and checkpoint, so scrolling through tracks costs
// one feature read and one forward pass each. Not thread-safe: one per thread (the GUI keeps
// one on the thread that computes lanes).
//
// With setOverlap(true), compute() also scores the track's instances shifted by half an
// instance (docs/RESULTS.md, "Overlapping instances, prototyped"): there are no cached features
// for that grid, so the track's audio is decoded and embedded again with the model's extractor
// (about 0.5 s for a 4-minute mp3 with the cnn on a 2-core machine; the extractor stays
// loaded between calls). That is work for a worker thread, never the GUI thread.
class TrackAttention
{
public:
    // `library` must outlive this object.
    explicit TrackAttention(const library::Library &library);
    ~TrackAttention();
    TrackAttention(const TrackAttention &) = delete;
    TrackAttention &operator=(const TrackAttention &) = delete;

    // Whether compute() also fills overlapScores (see above). Off by default.
    void setOverlap(bool on) { m_overlap = on; }
    bool overlap() const { return m_overlap; }
    // Whether compute() also fills levelsDb from the track's audio (decoding and the front end
    // only, no model: about 0.3 s for a 4-minute mp3, docs/BENCHMARKS.md). Off by default.
    void setLevel(bool on) { m_level = on; }
    bool level() const { return m_level; }

    // The whole track's cached features of the model's extractor; with overlap(), the shifted
    // grid from the track's audio too. A failure of the shifted grid alone leaves the result
    // ok() and says why in overlapNote.
    TrackAttentionResult compute(qint64 trackId, qint64 modelId);
    // Given features [instances x dim] (row-major) instead of the cached file; for callers that
    // already hold them, and to time the model alone.
    TrackAttentionResult computeFromFeatures(qint64 modelId, const float *features, int instances,
                                             int dim, double hopS);

private:
    struct Cache;
    struct ShiftedExtractor;
    bool ensureModel(qint64 modelId, TrackAttentionResult *result);
    // Fills result->overlapScores, or result->overlapNote with why not.
    void addOverlap(TrackAttentionResult *result, const QString &audio);
    // Fills result->levelsDb, or result->levelNote with why not.
    void addLevels(TrackAttentionResult *result, const QString &audio);
    // The track's audio file when it is still the one the cached features (featureFile) were
    // computed from; empty and *why otherwise.
    QString trackAudio(const TrackAttentionResult &result, const QString &featureFile,
                       qint64 featureSourceSize, QString *why) const;
    // The model's extractor reading from hopS * InstanceOverlap::kShiftInstances on; nullptr
    // and *why when it cannot be built.
    ShiftedExtractor *shiftedExtractor(double hopS, QString *why);

    const library::Library &m_library;
    std::unique_ptr<Cache> m_cache;
    // Kept apart from m_cache, which a change of model resets: the next model of the same
    // extractor reuses it (loading the cnn's weights takes a while).
    std::unique_ptr<ShiftedExtractor> m_shifted;
    // The front end alone of the model's extractor, for the levels (no module loaded).
    std::unique_ptr<ShiftedExtractor> m_levels;
    bool m_overlap = false;
    bool m_level = false;
};

} // namespace timbre::inference
