// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/library/filter/FilterLexer.h"

#include <QStringList>

namespace timbre::library::filter {

bool tokenize(const QString &text, std::vector<Token> *tokens, QString *error)
{
    const int n = text.size();
    int i = 0;
    while (i < n) {
        const QChar c = text.at(i);
        if (c.isSpace()) {
            ++i;
            continue;
        }
        Token t;
        t.pos = i;
        if (c == QLatin1Char('(') || c == QLatin1Char(')') || c == QLatin1Char(':')) {
            t.type = c == QLatin1Char('(')  ? Token::LParen
                    : c == QLatin1Char(')') ? Token::RParen
                                            : Token::Colon;
            t.text = c;
            ++i;
        } else if (c == QLatin1Char('"')) {
            // A doubled quote inside quotes is one quote (album = "The ""Blue"" Album").
            t.type = Token::String;
            int from = i + 1;
            for (;;) {
                const int end = text.indexOf(QLatin1Char('"'), from);
                if (end < 0) {
                    *error = QStringLiteral("unterminated quote at position %1").arg(i + 1);
                    return false;
                }
                t.text += QStringView(text).mid(from, end - from);
                if (end + 1 < n && text.at(end + 1) == QLatin1Char('"')) {
                    t.text += QLatin1Char('"');
                    from = end + 2;
                    continue;
                }
                i = end + 1;
                break;
            }
        } else if (QStringLiteral("<>=!&|").contains(c)) {
            const QString two = text.mid(i, 2);
            static const QStringList twoCharOps
                    = {QStringLiteral(">="), QStringLiteral("<="), QStringLiteral("=="),
                       QStringLiteral("!="), QStringLiteral("&&"), QStringLiteral("||")};
            if (twoCharOps.contains(two)) {
                t.text = two;
                i += 2;
            } else if (c == QLatin1Char('&') || c == QLatin1Char('|')) {
                *error = QStringLiteral("'%1' at position %2: use && / || or and / or")
                                 .arg(c)
                                 .arg(i + 1);
                return false;
            } else {
                t.text = c;
                ++i;
            }
            // the logical spellings behave like the words
            t.type = (t.text == QLatin1String("&&") || t.text == QLatin1String("||")
                      || t.text == QLatin1String("!"))
                    ? Token::Word
                    : Token::Operator;
        } else {
            int j = i;
            while (j < n && !text.at(j).isSpace()
                   && !QStringLiteral("()\":<>=!&|").contains(text.at(j)))
                ++j;
            t.type = Token::Word;
            t.text = text.mid(i, j - i);
            i = j;
        }
        tokens->push_back(t);
    }
    Token end;
    end.pos = n;
    tokens->push_back(end);
    return true;
}

} // namespace timbre::library::filter
