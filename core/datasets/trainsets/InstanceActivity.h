// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QString>
#include <QStringList>

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

namespace timbre::datasets {

// Strong labels per instance from a corpus' activity regions (activity.csv): instance i of a
// clip covers [i * hop, (i + 1) * hop) seconds, and carries an instrument when the
// instrument's regions cover more than `overlap` x hop of it. Feature folders
// (FeatureDirectory) and patch corpora (CorpusPatches) both use it, so that a head trained on
// either sees the same truth for the same clip.
class InstanceActivity
{
public:
    // The share of an instance a region must cover for it to count as active (both readers).
    static constexpr double kDefaultOverlap = 0.1;

    void add(const QString &clip, const QString &instrument, double start, double end);
    bool isEmpty() const { return m_regions.empty(); }

    // Appends instances x classNames.size() values (0/1), instance-major, to *truth. A clip
    // or an instrument without regions is silent throughout.
    void appendTruth(const QString &clip, int64_t instances, double hop, double overlap,
                     const QStringList &classNames, std::vector<uint8_t> *truth) const;

private:
    std::map<QString, std::map<QString, std::vector<std::pair<double, double>>>> m_regions;
};

} // namespace timbre::datasets
