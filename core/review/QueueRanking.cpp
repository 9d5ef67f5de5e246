// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/review/QueueRanking.h"

#include "core/review/Diversifier.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace timbre::review {

namespace {

struct Candidate
{
    int row = 0;
    int column = -1;
    double priority = 0;
};

// Best first; ties in library order (row, then taxonomy column).
void sortByPriority(std::vector<Candidate> *candidates)
{
    std::sort(candidates->begin(), candidates->end(), [](const Candidate &a, const Candidate &b) {
        if (a.priority != b.priority)
            return a.priority > b.priority;
        if (a.row != b.row)
            return a.row < b.row;
        return a.column < b.column;
    });
}

ReviewEntry entryOf(const ReviewSnapshot &s, const Candidate &c, const std::vector<float> *scores)
{
    const SnapshotClip &clip = s.clips.at(c.row);
    ReviewEntry e;
    e.clipId = clip.clipId;
    e.trackId = clip.trackId;
    e.clipKey = clip.key;
    e.priority = c.priority;
    if (c.column >= 0) {
        e.instrumentKey = s.instrumentKeys.at(c.column);
        e.currentLabel = library::LabelState(int(s.labels[s.at(c.row, c.column)]));
        if (scores && !scores->empty())
            e.score = (*scores)[s.at(c.row, c.column)];
    }
    return e;
}

size_t limitOf(const QueueOptions &o, size_t n)
{
    return o.limit > 0 ? std::min(n, size_t(o.limit)) : n;
}

bool eligible(const ReviewSnapshot &s, int row, const QueueOptions &o)
{
    return o.includeTestClips || !s.clips.at(row).isTest;
}

} // namespace

double QueueRanking::uncertainty(double p, double threshold)
{
    if (!(p > 0.0) || !(p < 1.0))
        return 0.0;
    const double t = std::clamp(threshold, 1e-6, 1.0 - 1e-6);
    const double q = p < t ? 0.5 * p / t : 0.5 + 0.5 * (p - t) / (1.0 - t);
    if (!(q > 0.0) || !(q < 1.0))
        return 0.0;
    return -(q * std::log2(q) + (1.0 - q) * std::log2(1.0 - q));
}

namespace {

// One candidate per eligible clip: its instrument is the one with the highest value, its
// priority the max or sum of the values (QueueOptions::aggregate); valueOf(cell) is NaN for a
// cell that does not count. Sorted best first. The uncertain and disagreement queues differ
// only in the value.
template <typename ValueOf>
std::vector<Candidate> clipCandidates(const ReviewSnapshot &s, const QueueOptions &o,
                                      ValueOf valueOf)
{
    const int columns = s.columns();
    std::vector<Candidate> candidates;
    candidates.reserve(size_t(s.rows()));
    for (int r = 0; r < s.rows(); ++r) {
        if (!eligible(s, r, o))
            continue;
        Candidate c {r, -1, 0.0};
        double best = -1.0;
        for (int k = 0; k < columns; ++k) {
            const double v = valueOf(s.at(r, k));
            if (std::isnan(v))
                continue;
            if (v > best) {
                best = v;
                c.column = k;
            }
            c.priority
                    = o.aggregate == ClipAggregate::Sum ? c.priority + v : std::max(c.priority, v);
        }
        if (c.column >= 0)
            candidates.push_back(c);
    }
    sortByPriority(&candidates);
    return candidates;
}

} // namespace

QList<ReviewEntry> QueueRanking::uncertain(const ReviewSnapshot &s, const QueueOptions &o)
{
    QList<ReviewEntry> out;
    if (s.scores.empty())
        return out;
    // Unknown labels only: an observed label is not uncertain, whatever its score.
    std::vector<Candidate> candidates = clipCandidates(s, o, [&s, &o](size_t i) {
        return s.labels[i] >= 0 || std::isnan(s.scores[i])
                ? NAN
                : uncertainty(s.scores[i], o.threshold);
    });
    std::vector<int> ranked(candidates.size());
    std::iota(ranked.begin(), ranked.end(), 0);
    std::vector<qint64> trackOf(candidates.size());
    std::vector<int> albumOf(candidates.size());
    for (size_t i = 0; i < candidates.size(); ++i) {
        trackOf[i] = s.clips.at(candidates[i].row).trackId;
        albumOf[i] = s.clips.at(candidates[i].row).album;
    }
    DiversityOptions diversity = o.diversity;
    diversity.depth = std::max(diversity.depth, o.limit);
    const std::vector<int> order = Diversifier::order(ranked, trackOf, albumOf, diversity);
    const size_t n = limitOf(o, order.size());
    out.reserve(qsizetype(n));
    for (size_t i = 0; i < n; ++i)
        out << entryOf(s, candidates[size_t(order[i])], &s.scores);
    return out;
}

QList<ReviewEntry> QueueRanking::labelErrors(const ReviewSnapshot &s, const QueueOptions &o)
{
    QList<ReviewEntry> out;
    if (s.heldout.empty())
        return out;
    const int columns = s.columns();
    // Per instrument, the held-out scores of the observed present and absent labels, sorted:
    // their means are the thresholds, their order the tail fractions.
    const size_t n = size_t(columns);
    std::vector<std::vector<float>> present(n), absent(n);
    for (int r = 0; r < s.rows(); ++r) {
        if (s.clips.at(r).isTest)
            continue;
        for (int k = 0; k < columns; ++k) {
            const size_t i = s.at(r, k);
            if (s.labels[i] < 0 || std::isnan(s.heldout[i]))
                continue;
            (s.labels[i] == 1 ? present : absent)[size_t(k)].push_back(s.heldout[i]);
        }
    }
    auto mean = [](const std::vector<float> &v) {
        return v.empty() ? double(NAN)
                         : std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
    };
    std::vector<double> tPos(n), tNeg(n);
    for (int k = 0; k < columns; ++k) {
        tPos[size_t(k)] = mean(present[size_t(k)]);
        tNeg[size_t(k)] = mean(absent[size_t(k)]);
        std::sort(present[size_t(k)].begin(), present[size_t(k)].end());
        std::sort(absent[size_t(k)].begin(), absent[size_t(k)].end());
    }
    std::vector<Candidate> candidates;
    std::vector<float> thresholds; // per candidate
    std::vector<double> selfConfidence; // per candidate: the tie-break
    for (int r = 0; r < s.rows(); ++r) {
        if (s.clips.at(r).isTest)
            continue;
        for (int k = 0; k < columns; ++k) {
            const size_t i = s.at(r, k);
            if (s.labels[i] < 0 || std::isnan(s.heldout[i]))
                continue;
            const float score = s.heldout[i];
            const std::vector<float> &pos = present[size_t(k)], &neg = absent[size_t(k)];
            const double tp = tPos[size_t(k)], tn = tNeg[size_t(k)];
            if (s.labels[i] == 1) {
                if (!neg.empty() && score <= tn && (pos.empty() || score < tp)) {
                    // Share of k's present labels scored this low or lower (itself included).
                    const double tail
                            = double(std::upper_bound(pos.begin(), pos.end(), score) - pos.begin())
                            / double(pos.size());
                    candidates.push_back({r, k, 1.0 - tail});
                    thresholds.push_back(float(tn));
                    selfConfidence.push_back(1.0 - score);
                }
            } else if (!pos.empty() && score >= tp && (neg.empty() || score > tn)) {
                // Share of k's absent labels scored this high or higher (itself included).
                const double tail
                        = double(neg.end() - std::lower_bound(neg.begin(), neg.end(), score))
                        / double(neg.size());
                candidates.push_back({r, k, 1.0 - tail});
                thresholds.push_back(float(tp));
                selfConfidence.push_back(score);
            }
        }
    }
    std::vector<size_t> order(candidates.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        const Candidate &x = candidates[a], &y = candidates[b];
        if (x.priority != y.priority)
            return x.priority > y.priority;
        if (selfConfidence[a] != selfConfidence[b])
            return selfConfidence[a] > selfConfidence[b];
        return x.row != y.row ? x.row < y.row : x.column < y.column;
    });
    const size_t shown = limitOf(o, order.size());
    for (size_t i = 0; i < shown; ++i) {
        ReviewEntry e = entryOf(s, candidates[order[i]], &s.heldout);
        e.threshold = thresholds[order[i]];
        out << e;
    }
    return out;
}

QList<ReviewEntry> QueueRanking::disagreement(const ReviewSnapshot &s, const QueueOptions &o)
{
    QList<ReviewEntry> out;
    if (s.scores.empty() || s.otherScores.empty())
        return out;
    const std::vector<Candidate> candidates = clipCandidates(s, o, [&s](size_t i) {
        return std::fabs(double(s.scores[i]) - double(s.otherScores[i])); // NaN when unscored
    });
    const size_t n = limitOf(o, candidates.size());
    for (size_t i = 0; i < n; ++i) {
        ReviewEntry e = entryOf(s, candidates[i], &s.scores);
        e.otherScore = s.otherScores[s.at(candidates[i].row, candidates[i].column)];
        out << e;
    }
    return out;
}

QList<ReviewEntry> QueueRanking::unlabelled(const ReviewSnapshot &s, const QueueOptions &o)
{
    QList<ReviewEntry> out;
    const int columns = s.columns();
    const bool scored = !s.scores.empty();
    std::vector<Candidate> candidates;
    for (int r = 0; r < s.rows(); ++r) {
        if (!eligible(s, r, o))
            continue;
        bool labelled = false;
        for (int k = 0; k < columns && !labelled; ++k)
            labelled = s.labels[s.at(r, k)] >= 0;
        if (labelled)
            continue;
        Candidate c {r, -1, 0.0};
        if (scored) {
            double best = -1.0;
            for (int k = 0; k < columns; ++k) {
                const float p = s.scores[s.at(r, k)];
                if (std::isnan(p))
                    continue;
                const double v = o.unlabelledOrder == UnlabelledOrder::Uncertainty
                        ? uncertainty(p, o.threshold)
                        : double(p);
                if (v > best) {
                    best = v;
                    c.column = k;
                }
            }
            if (c.column >= 0)
                c.priority = best;
        }
        candidates.push_back(c);
    }
    if (o.unlabelledOrder != UnlabelledOrder::Library)
        sortByPriority(&candidates); // stable enough: ties fall back to row order
    const size_t n = limitOf(o, candidates.size());
    for (size_t i = 0; i < n; ++i)
        out << entryOf(s, candidates[i], &s.scores);
    return out;
}

} // namespace timbre::review
