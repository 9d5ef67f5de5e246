// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/CatalogError.h"

#include <QString>
#include <QStringList>

#include <memory>

namespace timbre::library {

class TrackTable;

namespace filter {
struct Node;
}

// A compiled filter expression for the library browser, evaluated in C++ per row of a
// TrackTable (no SQL). Grammar (keywords and keys case-insensitive):
//
//   expr    := term ("or" | "||") term ...
//   term    := factor [("and" | "&&")] factor ...        juxtaposition means "and"
//   factor  := ("not" | "!") factor | "(" expr ")" | atom
//   atom    := KEY op NUMBER            violin > 0.7      model score (no score: false)
//            | KEY ["is"] STATE         violin unlabelled / piano is present
//            | KEY ":" STATE            violin:absent
//            | KEY ("="|"!=") STATE     violin = present, violin != unknown
//            | STATE                    bare: see below
//            | FIELD op NUMBER          duration > 60, year >= 1990   (duration in seconds)
//            | FIELD ":" TEXT           artist:"Miles Davis", genre:jazz, title:, album:, path:
//                                       (substring, case-insensitive)
//            | FIELD ("="|"!=") TEXT    genre = "Rock", album = "" (the whole value, exactly as
//                                       stored: what the overview's groups are made of)
//            | TEXT                     word or "quoted phrase": substring of title, artist,
//                                       album, genre or path
//   Inside quotes a doubled quote stands for one: title = "The ""Blue"" Album".
//   op      := > >= < <= = == !=
//   STATE   := labelled | labeled | unlabelled | unlabeled | present | absent | unknown
//
// A bare STATE applies to the instrument of the nearest instrument atom to its left, else to
// its right ("violin > 0.7 and unlabelled" = violin unlabelled). With no instrument in the
// expression it means: labelled = some instrument labelled, unlabelled = none labelled,
// present / absent = some instrument present / absent, unknown = same as unlabelled.
// A KEY alone (no operator or state after it) is text search, like any other word.
// The empty expression matches everything.
// The language is built in core/library/filter/: FilterLexer (tokens), FilterParser (the tree),
// FilterExpression (the nodes and their evaluation).
class TrackFilter
{
public:
    TrackFilter();
    ~TrackFilter();
    TrackFilter(TrackFilter &&) noexcept;
    TrackFilter &operator=(TrackFilter &&) noexcept;
    TrackFilter(const TrackFilter &) = delete;
    TrackFilter &operator=(const TrackFilter &) = delete;

    // Compiles `text` against the instrument keys of the table it will run on (their order is
    // the table's column order). CatalogError::ParseError names the offending position.
    static CatalogResult<TrackFilter> parse(const QString &text, const QStringList &instrumentKeys);

    bool isEmpty() const { return !m_root; }
    QString text() const { return m_text; }
    bool matches(const TrackTable &table, int row) const;
    // Instruments the expression mentions (column indices), e.g. to show their columns.
    const QList<int> &instruments() const { return m_instruments; }

private:
    std::unique_ptr<filter::Node> m_root;
    QString m_text;
    QList<int> m_instruments;
};

} // namespace timbre::library
