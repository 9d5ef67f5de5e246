// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/TrackTable.h"
#include "core/library/TrackTableModel.h"

#include <QList>
#include <QSet>
#include <QString>

#include <array>

namespace timbre::widgets {

enum class FacetKind { Folder, Artist, Album, Genre };
constexpr int kFacetKindCount = 4;

struct FacetValue
{
    QString value; // "" = the tag is empty
    int count = 0; // tracks with this value
};

// Which values the facets offer: per kind, every distinct value of the library's tracks with
// how many tracks have it. Counted once per load, on the loader thread (plain data).
class LibraryFacets
{
public:
    using Selection = std::array<QSet<QString>, kFacetKindCount>; // empty set = no restriction

    static LibraryFacets count(const library::TrackTable &table);
    const QList<FacetValue> &values(FacetKind kind) const { return m_values[size_t(kind)]; }

    // The folder of a track is the folder its file is in.
    static QString valueOf(FacetKind kind, const library::TrackTable::Row &row);
    // Rows whose value is among the selected ones in every kind with a selection; an empty
    // predicate when nothing is selected.
    static library::TrackTableModel::RowPredicate predicate(const Selection &selection);

private:
    std::array<QList<FacetValue>, kFacetKindCount> m_values;
};

} // namespace timbre::widgets
