// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/generators/SynthArrangement.h"

#include <algorithm>

namespace timbre::datasets {

QString pitchClassName(int pitchClass)
{
    static const char *const names[12]
            = {"C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"};
    return QString::fromLatin1(names[((pitchClass % 12) + 12) % 12]);
}

QString SynthArrangement::keyName() const
{
    return pitchClassName(tonic) + QLatin1Char(' ') + mode;
}

std::vector<ActivityRegion> activityRegions(const SynthPart &part, double clipSeconds,
                                            double mergeGap)
{
    std::vector<ActivityRegion> spans;
    spans.reserve(part.notes.size());
    for (const SynthNote &note : part.notes) {
        const double start = std::max(0.0, note.start);
        const double end = std::min(clipSeconds, note.end + part.releaseSeconds);
        if (start < clipSeconds && end > start)
            spans.push_back({start, end});
    }
    std::sort(spans.begin(), spans.end(),
              [](const ActivityRegion &a, const ActivityRegion &b) { return a.start < b.start; });
    std::vector<ActivityRegion> merged;
    for (const ActivityRegion &span : spans) {
        if (!merged.empty() && span.start <= merged.back().end + mergeGap)
            merged.back().end = std::max(merged.back().end, span.end);
        else
            merged.push_back(span);
    }
    return merged;
}

} // namespace timbre::datasets
