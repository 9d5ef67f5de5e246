// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/library/TrackFilter.h"

#include "core/library/filter/FilterParser.h"

#include <utility>

namespace timbre::library {

TrackFilter::TrackFilter() = default;
TrackFilter::~TrackFilter() = default;
TrackFilter::TrackFilter(TrackFilter &&) noexcept = default;
TrackFilter &TrackFilter::operator=(TrackFilter &&) noexcept = default;

CatalogResult<TrackFilter> TrackFilter::parse(const QString &text,
                                              const QStringList &instrumentKeys)
{
    QStringList keys;
    for (const QString &k : instrumentKeys)
        keys << k.toLower();
    filter::ParseResult parsed = filter::parse(text, keys);
    if (!parsed.error.isEmpty()) {
        return CatalogError::make(CatalogError::ParseError, QString(),
                                  QStringLiteral("filter \"%1\": %2").arg(text, parsed.error));
    }
    TrackFilter f;
    f.m_root = std::move(parsed.root);
    f.m_text = text;
    f.m_instruments = parsed.instruments;
    return f;
}

bool TrackFilter::matches(const TrackTable &table, int row) const
{
    return !m_root || m_root->eval(table, row);
}

} // namespace timbre::library
