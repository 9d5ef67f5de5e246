// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The filter language's tokens (core/library/TrackFilter.h has the grammar).
#include <QString>

#include <vector>

namespace timbre::library::filter {

struct Token
{
    enum Type { Word, String, Operator, LParen, RParen, Colon, End };
    Type type = End;
    QString text;
    int pos = 0;
};

// Splits `text` into tokens ending with one Token::End; false and *error (with the 1-based
// position) on an unterminated quote or a lone '&' / '|'.
bool tokenize(const QString &text, std::vector<Token> *tokens, QString *error);

} // namespace timbre::library::filter
