// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/library/LibraryFacets.h"

#include <QHash>

#include <algorithm>

namespace timbre::widgets {

QString LibraryFacets::valueOf(FacetKind kind, const library::TrackTable::Row &row)
{
    switch (kind) {
    case FacetKind::Folder: {
        const qsizetype slash = row.path.lastIndexOf(QLatin1Char('/'));
        return slash > 0 ? row.path.left(slash) : QStringLiteral("/");
    }
    case FacetKind::Artist:
        return row.artist;
    case FacetKind::Album:
        return row.album;
    case FacetKind::Genre:
        return row.genre;
    }
    return QString();
}

LibraryFacets LibraryFacets::count(const library::TrackTable &table)
{
    LibraryFacets out;
    for (int k = 0; k < kFacetKindCount; ++k) {
        QHash<QString, int> counts;
        for (int r = 0; r < table.rowCount(); ++r)
            ++counts[valueOf(FacetKind(k), table.row(r))];
        QList<FacetValue> &values = out.m_values[size_t(k)];
        values.reserve(counts.size());
        for (auto it = counts.cbegin(); it != counts.cend(); ++it)
            values.append({it.key(), it.value()});
        // Alphabetical, the empty tag last: that is where a user looks for "untagged".
        std::sort(values.begin(), values.end(), [](const FacetValue &a, const FacetValue &b) {
            if (a.value.isEmpty() != b.value.isEmpty())
                return b.value.isEmpty();
            const int c = QString::compare(a.value, b.value, Qt::CaseInsensitive);
            return c != 0 ? c < 0 : a.value < b.value;
        });
    }
    return out;
}

library::TrackTableModel::RowPredicate LibraryFacets::predicate(const Selection &selection)
{
    const bool any = std::any_of(selection.begin(), selection.end(),
                                 [](const QSet<QString> &s) { return !s.isEmpty(); });
    if (!any)
        return {};
    return [selection](const library::TrackTable &table, int r) {
        const library::TrackTable::Row &row = table.row(r);
        for (int k = 0; k < kFacetKindCount; ++k) {
            const QSet<QString> &chosen = selection[size_t(k)];
            if (!chosen.isEmpty() && !chosen.contains(valueOf(FacetKind(k), row)))
                return false;
        }
        return true;
    };
}

} // namespace timbre::widgets
