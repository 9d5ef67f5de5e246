// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/CatalogError.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <vector>

namespace timbre::library {
class Library;
}

namespace timbre::overview {

// Which tag a group table is made of.
enum class GroupField { Genre, Artist, Album };
// Whether a count comes from the labels (present) or from the model (score >= threshold).
enum class CountBy { Labels, Predictions };

// The decision threshold when the model stores none (the thesis' 0.5; scores >= it count).
constexpr double kDefaultThreshold = 0.5;

// One group table: per value of a tag (one genre, artist or album) the clips that have it and,
// per instrument, how many of them are labelled present and how many the model scores at least
// the instrument's threshold. Groups are ordered by clip count (most first), then by name; the
// empty name is the clips without that tag.
struct GroupShares
{
    QStringList names;
    std::vector<int> clips; // per group
    std::vector<int> present; // groups x instruments
    std::vector<int> predicted; // groups x instruments
    int instruments = 0;

    int groupCount() const { return int(names.size()); }
    int count(int group, int instrument, CountBy by) const
    {
        const std::vector<int> &v = by == CountBy::Labels ? present : predicted;
        return v[size_t(group) * size_t(instruments) + size_t(instrument)];
    }
};

// The instrumentation of a library, counted over the clips the library browser lists (one
// whole-track clip per track, so every count here is a row count of the browser under the
// filter OverviewFilter writes for it; tests/core/overview check that cell by cell).
//
// Computed by loadBlocking() on any thread (the stores open a connection per thread): one
// query over the tracks with their whole-track clips, one over the present labels, one count
// of absent labels, and one index range scan per instrument for the scores at or above its
// threshold; everything else is counted in memory in one pass over the clips.
struct InstrumentationStats
{
    QStringList keys; // taxonomy order
    QStringList names; // display names (translated for built-in keys)
    QStringList colours;
    int clips = 0; // browser rows: every track
    qint64 modelId = 0; // whose scores were counted; 0 = none
    std::vector<double> thresholds; // per instrument, as the filter compares (float precision)
    std::vector<int> present; // per instrument
    std::vector<int> absent;
    std::vector<int> predicted; // score >= threshold
    std::vector<int> presentPairs; // instruments x instruments: both present; diagonal = present
    std::vector<int> predictedPairs; // both scored at or above their thresholds
    GroupShares genres;
    GroupShares artists;
    GroupShares albums;

    int instrumentCount() const { return int(keys.size()); }
    int unknown(int instrument) const
    {
        return clips - present[size_t(instrument)] - absent[size_t(instrument)];
    }
    int pairs(int a, int b, CountBy by) const
    {
        const std::vector<int> &v = by == CountBy::Labels ? presentPairs : predictedPairs;
        return v[size_t(a) * size_t(instrumentCount()) + size_t(b)];
    }
    const GroupShares &groups(GroupField field) const;

    // Counts the library. modelId 0 counts no scores (predicted stays 0); thresholds by
    // instrument key, kDefaultThreshold for the others.
    static library::CatalogResult<InstrumentationStats>
    loadBlocking(const library::Library &library, qint64 modelId,
                 const QHash<QString, double> &thresholds = {});
};

} // namespace timbre::overview
