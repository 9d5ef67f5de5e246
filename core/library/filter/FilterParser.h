// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The filter language's recursive-descent parser (core/library/TrackFilter.h has the grammar):
// text in (tokenized by FilterLexer), a Node tree out.
#include "core/library/filter/FilterExpression.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace timbre::library::filter {

struct ParseResult
{
    std::unique_ptr<Node> root; // null for the empty expression or on error
    QString error; // non-empty = the text does not parse; names the 1-based position
    QList<int> instruments; // instruments mentioned (indices into the keys), first mention first
};

// `instrumentKeys` lower case, in the table's column order.
ParseResult parse(const QString &text, const QStringList &instrumentKeys);

} // namespace timbre::library::filter
