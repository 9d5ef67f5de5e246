// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/trainsets/InstanceActivity.h"

#include <algorithm>

namespace timbre::datasets {

void InstanceActivity::add(const QString &clip, const QString &instrument, double start, double end)
{
    m_regions[clip][instrument].push_back({start, end});
}

void InstanceActivity::appendTruth(const QString &clip, int64_t instances, double hop,
                                   double overlap, const QStringList &classNames,
                                   std::vector<uint8_t> *truth) const
{
    const auto clipRegions = m_regions.find(clip);
    for (int64_t i = 0; i < instances; ++i) {
        const double start = double(i) * hop, end = start + hop;
        for (const QString &instrument : classNames) {
            double covered = 0.0;
            if (clipRegions != m_regions.end()) {
                const auto r = clipRegions->second.find(instrument);
                if (r != clipRegions->second.end())
                    for (const auto &[a0, a1] : r->second)
                        covered += std::max(0.0, std::min(end, a1) - std::max(start, a0));
            }
            truth->push_back(covered > overlap * hop ? 1 : 0);
        }
    }
}

} // namespace timbre::datasets
