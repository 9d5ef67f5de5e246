// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/review/ReviewTypes.h"

#include <vector>

namespace timbre::review {

// Spreads near-duplicates apart in a ranked list (docs/REVIEW_QUEUES.md, "Uncertain": one
// track's regions or one album's tracks teach little more than one of them). Greedy: each
// position of the head takes the highest-priority candidate that keeps the last `window`
// positions within `perTrack` clips per track and `perAlbum` per album; candidates passed over
// wait (in priority order) and are taken as soon as they fit. When none fits (a library of one album), the best
// waiting candidate of a track outside the window is taken (the album cap bends first), else
// the best waiting one: diversity is a preference, never a reason to drop a clip.
// Cost: O(depth x waiting) checks for the head, then a merge; no sort.
class Diversifier
{
public:
    // `ranked`: candidate indices in priority order (best first); trackOf / albumOf indexed by
    // candidate (albumOf < 0 = no album). Returns a permutation of `ranked`.
    static std::vector<int> order(const std::vector<int> &ranked,
                                  const std::vector<qint64> &trackOf,
                                  const std::vector<int> &albumOf, const DiversityOptions &options);
};

} // namespace timbre::review
