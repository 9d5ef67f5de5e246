// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <limits>
#include <optional>
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
    // Within-track only (Localisation::withinTrack), else empty / NaN: what each class's
    // figure rests on -- the (sounding, silent) pairs of seconds within its tracks, and the
    // tracks where it both sounds and rests -- and the AUROC over all pairs of all classes,
    // each pair weighing the same. The class mean lets a class of one track move the figure
    // as much as one of fifty (docs/RESULTS.md, "Overlapping instances, prototyped"); these
    // say how much to trust it, as a classification report's support column does.
    std::vector<double> perClassPairs;
    std::vector<int> perClassTracks;
    double pairWeightedMean = std::numeric_limits<double>::quiet_NaN();
};

// How a model's outputs become a per-second localisation score (docs/METHOD.md §10.5; the
// dev-set comparison behind the default: docs/RESULTS.md, "Which per-second score"). Every form
// is a function of one track's instance scores s_i, normalised attention a_i (each column sums
// to 1; a model without attention counts as uniform, a_i = 1/N), clip score y and length N:
//   Evidence      s_i * a_i * N       the instance's share of the attention-pooled clip score
//   Instance      s_i                 what the instance scorer alone says about that second
//   ClipAttention y * a_i * N         where attention looks, scaled by how sure the clip is
//   ClipEvidence  sqrt(y * s_i a_i N) geometric mix of the clip score and the evidence
//   ClipInstance  sqrt(y * s_i)       the clip score and the instance score: ranks a track's
//                                     seconds as s_i does, and tracks by y as well
//   Clip          y                   no localisation at all: the floor a per-second score
//                                     must beat (every second of a clip gets its clip score)
// With `overlap` ("+overlap" after the score's name), s_i is first the mean over overlapping
// instances (inference::InstanceOverlap: each instance with the two of a grid shifted by half
// an instance, weights 2, 1, 1; docs/METHOD.md §10.6), which needs the shifted grid's instance
// scores; attention and clip scores stay the plain grid's. With `level` ("+level", after
// "+overlap" when both), s_i is then moved by the level of its audio relative to the track's
// (inference::InstanceLevel, docs/METHOD.md §10.7), which needs each instance's level in dB.
// Then optionally smoothed over a
// centred window of neighbouring seconds (mean or median,
// truncated at the track's ends): an instrument sounds for several seconds, and one 0.96 s
// patch scored on its own (the MIL instance independence of thesis Sec. 6.1.1 / 6.2.2) is a
// noisy observation of it.
struct LocalisationScoring
{
    enum class Score { Evidence, Instance, ClipAttention, ClipEvidence, Clip, ClipInstance };
    enum class Smoothing { None, Mean, Median };
    // A default-constructed scoring is the attention evidence unsmoothed (the workbench's
    // earlier measure); defaults() is the one the workbench reports.
    Score score = Score::Evidence;
    Smoothing smoothing = Smoothing::None;
    int window = 1; // seconds, odd; 1 = no smoothing
    bool overlap = false; // instance scores averaged with the shifted grid's (see above)
    bool level = false; // instance scores moved by the instance's relative level (see above)
    // With `level`: 0 = relative to the track's mean level ("+level"), n = to the mean of the
    // n instances centred on each ("+level21"; odd, >= 3).
    int levelWindow = 0;

    // "evidence", "instance", "clip-attention", "clip-evidence", "clip", then "+overlap" when
    // the instance scores are overlap means, "+level" when they follow the level, then
    // "+mean5" / "+median3" when smoothed.
    QString name() const;
    // The inverse of name(); nullopt for anything else (an even or < 3 window included).
    static std::optional<LocalisationScoring> parse(const QString &text);
    // The workbench's default, chosen on a development set before the test set was scored
    // (docs/RESULTS.md, "Which per-second score"): clip-evidence+mean5, the best mean 1 s AUROC
    // of 20 candidates over the six cnn heads (melstat's heads agree), and better than the
    // plain evidence within tracks too.
    static LocalisationScoring defaults() { return {Score::ClipEvidence, Smoothing::Mean, 5}; }
    bool operator==(const LocalisationScoring &o) const
    {
        return score == o.score && smoothing == o.smoothing && window == o.window
                && overlap == o.overlap && level == o.level && levelWindow == o.levelWindow;
    }
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

    // Within-track AUROC at 1 s: per class, the pairs (active second, silent second) of the
    // SAME track, pooled over the tracks (Mann-Whitney U summed, divided by the pairs summed;
    // ties count half), mean over the classes with any such pair. auroc() pools all seconds of
    // all tracks, so a score that only knows WHICH TRACKS hold an instrument (the clip score
    // on every second) already ranks well there; here such a score gets exactly 0.5, and only
    // telling the seconds of one track apart counts. Not in the thesis; a check on the
    // per-second scores of weakly trained models. Fills perClassPairs, perClassTracks and
    // pairWeightedMean besides.
    static ResolutionAuroc withinTrack(const std::vector<TrackActivity> &tracks, int classes);

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

    // One track's per-second score [frames x classes] under `scoring` (see LocalisationScoring).
    // `attention` may be empty (no attention: uniform); `clipScores` is [classes]. Empty when
    // an array does not match.
    static std::vector<float> perSecond(const std::vector<float> &instanceScores,
                                        const std::vector<float> &attention,
                                        const std::vector<float> &clipScores, int frames,
                                        int classes, const LocalisationScoring &scoring);

    // Centred moving mean or median of each class column over `window` frames (odd), the
    // window cut at the track's ends (a median of an even count is the mean of the middle two).
    static std::vector<float> smooth(const std::vector<float> &scores, int frames, int classes,
                                     LocalisationScoring::Smoothing smoothing, int window);

    static QJsonObject toJson(const std::vector<ResolutionAuroc> &rows,
                              const QStringList &classNames);
};

} // namespace timbre::eval
