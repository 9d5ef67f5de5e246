// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/review/ReviewSnapshot.h"
#include "core/review/ReviewTypes.h"

namespace timbre::review {

// The four rankings over a snapshot already in memory (no catalog access; ReviewQueue loads the
// snapshot). Each returns entries best first, cut to options.limit. Ties go to the lower clip id
// (library order), so a ranking is reproducible.
class QueueRanking
{
public:
    // Uncertain: per clip, the unknown labels (no row in `label`) that have a score; each one's
    // uncertainty is the binary entropy (bits) of its score after mapping options.threshold to
    // 0.5, so it is 1 at the threshold and 0 at a certain 0 or 1; the clip's priority is the max
    // (or sum) of them, and its entry names the most uncertain instrument. Diversified
    // (Diversifier). Reads snapshot.scores.
    static QList<ReviewEntry> uncertain(const ReviewSnapshot &snapshot,
                                        const QueueOptions &options);

    // Likely label errors: confident learning (Northcutt, Jiang & Chuang 2021, JAIR 70) applied
    // per instrument to the held-out scores s (snapshot.heldout: every score from a model that
    // was not trained on that clip). Per instrument k:
    //   t+_k = mean s over k's observed present labels (self-confidence of the "present" class),
    //   t-_k = mean s over k's observed absent labels, so 1 - t-_k is the self-confidence
    //          threshold of the "absent" class;
    // a present label is a likely error when its held-out confidence in "absent" reaches that
    // class's threshold (1 - s >= 1 - t-_k, i.e. s <= t-_k) and s < t+_k; an absent label when
    // s >= t+_k and s > t-_k. These are the off-diagonal cells of CL's confident joint.
    // Ranked by how unusual s is among the labels of the same instrument and the same given
    // value: priority = 1 - tail, tail = the share of k's present labels scored <= s (for a
    // present label) or of k's absent labels scored >= s (for an absent one), itself included.
    // Self-confidence (present 1 - s, absent s, cleanlab's order) favours present labels, whose
    // t-_k is near 0 on an imbalanced instrument, and so lists the model's own misses of rare
    // positives before the absent labels it confidently hears (docs/REVIEW_QUEUES.md has the
    // measurement); it breaks ties here.
    // Unknown labels are never errors; labels without a held-out score (test clips, labels
    // newer than the cross-fit) are not judged; an instrument without observed positives
    // (negatives) has no t+ (t-) and cannot flag absent (present) labels. One entry per label.
    static QList<ReviewEntry> labelErrors(const ReviewSnapshot &snapshot,
                                          const QueueOptions &options);

    // Disagreement: per clip and instrument |scores - otherScores| where both exist; clip
    // priority = max (or sum) over instruments, entry = the instrument of the largest one.
    static QList<ReviewEntry> disagreement(const ReviewSnapshot &snapshot,
                                           const QueueOptions &options);

    // Unlabelled: clips without any observed label, in options.unlabelledOrder. The entry names
    // the clip's highest-scoring (or, by uncertainty, most uncertain) instrument when scores
    // were loaded.
    static QList<ReviewEntry> unlabelled(const ReviewSnapshot &snapshot,
                                         const QueueOptions &options);

    // Binary entropy in bits of score p once `threshold` is mapped to 0.5 (piecewise linear).
    static double uncertainty(double p, double threshold);
};

} // namespace timbre::review
