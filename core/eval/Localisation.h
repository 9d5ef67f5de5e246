#pragma once
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace timbre::eval {

// Per-second (per-instance) predictions of one track next to its strong labels, row-major
// [frames x classes].
struct TrackActivity
{
    QString key;
    int frames = 0;
    std::vector<float> scores; // any per-instance score, e.g. instanceEvidence()
    std::vector<uint8_t> active; // non-zero = the instrument sounds in that second
};

// Mean AUROC at one time resolution: per-class AUROC over all windows of all tracks, their
// mean over the classes where both states occur (NaN classes skipped).
struct ResolutionAuroc
{
    int seconds = 1; // window length in frames; 0 = whole track
    std::vector<double> perClass;
    double mean = 0.0;
    int classesUsed = 0;
};

// Localisation of instruments in time (thesis Sec. 2.4, Table 2.3; Ch. 6.2): coarser
// resolutions max-pool the 1 s predictions and the 1 s activity over non-overlapping windows
// (a last, shorter window included), as the thesis does for 5 s, 10 s and whole tracks.
class Localisation
{
public:
    // Empty when every track's arrays match its frame count, otherwise what is wrong.
    static QString validate(const std::vector<TrackActivity> &tracks, int classes);

    // windowFrames: 1 = per instance, k > 1 = max-pool over k frames, 0 = whole track.
    // Invalid input gives NaN everywhere.
    static ResolutionAuroc auroc(const std::vector<TrackActivity> &tracks, int classes,
                                 int windowFrames);

    // Table 2.3's resolutions: 1 s, 5 s, 10 s and the whole track.
    static std::vector<ResolutionAuroc> table(const std::vector<TrackActivity> &tracks,
                                              int classes);

    // An instance's evidence for an instrument from an attention MIL model: its instance score
    // times its normalised attention, rescaled by the bag length so that a bag of 5 and a bag
    // of 50 instances put their evidence on the same scale (the weights of a bag sum to 1).
    // All three arrays are [frames x classes].
    static std::vector<float> instanceEvidence(const std::vector<float> &instanceScores,
                                               const std::vector<float> &attention, int frames,
                                               int classes);

    static QJsonObject toJson(const std::vector<ResolutionAuroc> &rows,
                              const QStringList &classNames);
};

} // namespace timbre::eval
