// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/library/filter/FilterParser.h"

#include "core/library/filter/FilterLexer.h"

#include <cmath>
#include <limits>
#include <utility>
#include <vector>

namespace timbre::library::filter {

namespace {

class Parser
{
public:
    Parser(const QString &text, const QStringList &keys) : m_text(text), m_keys(keys) { }

    std::unique_ptr<Node> run()
    {
        if (!tokenize(m_text, &m_tokens, &m_error))
            return nullptr;
        if (peek().type == Token::End)
            return nullptr;
        // The parser, the tree's evaluation and its destruction recurse: bound the depth (a
        // pasted text of thousands of '(' or 'not' overflowed the stack; found by fuzzing).
        if (m_tokens.size() > size_t(kMaxTokens))
            return fail(m_tokens[size_t(kMaxTokens)],
                        QStringLiteral("expression too long (more than %1 words and operators)")
                                .arg(kMaxTokens));
        auto root = parseExpr();
        if (root && peek().type != Token::End)
            return fail(peek(), QStringLiteral("unexpected '%1'").arg(peek().text));
        if (root)
            resolveBareStates(root.get());
        return root;
    }

    QString error() const { return m_error; }
    QList<int> instruments() const { return m_instruments; }

private:
    static constexpr int kMaxTokens = 10000;
    static constexpr int kMaxNesting = 200; // '(' and 'not' inside each other

    const Token &peek() const { return m_tokens[m_next]; }
    Token take() { return m_tokens[m_next < m_tokens.size() - 1 ? m_next++ : m_next]; }
    bool peekWord(const char *a, const char *b = nullptr) const
    {
        if (peek().type != Token::Word)
            return false;
        const QString w = peek().text.toLower();
        return w == QLatin1String(a) || (b && w == QLatin1String(b));
    }

    std::unique_ptr<Node> fail(const Token &at, const QString &what)
    {
        if (m_error.isEmpty())
            m_error = QStringLiteral("%1 at position %2").arg(what).arg(at.pos + 1);
        return nullptr;
    }

    static std::unique_ptr<Node> binary(Node::Kind kind, std::unique_ptr<Node> a,
                                        std::unique_ptr<Node> b)
    {
        auto n = std::make_unique<Node>();
        n->kind = kind;
        n->a = std::move(a);
        n->b = std::move(b);
        return n;
    }

    std::unique_ptr<Node> parseExpr()
    {
        auto left = parseTerm();
        while (left && peekWord("or", "||")) {
            take();
            auto right = parseTerm();
            if (!right)
                return nullptr;
            left = binary(Node::Or, std::move(left), std::move(right));
        }
        return left;
    }

    std::unique_ptr<Node> parseTerm()
    {
        auto left = parseFactor();
        while (left) {
            if (peek().type == Token::End || peek().type == Token::RParen || peekWord("or", "||"))
                break;
            if (peekWord("and", "&&"))
                take();
            auto right = parseFactor();
            if (!right)
                return nullptr;
            left = binary(Node::And, std::move(left), std::move(right));
        }
        return left;
    }

    std::unique_ptr<Node> parseFactor()
    {
        if (m_nesting >= kMaxNesting)
            return fail(peek(), QStringLiteral("nested more than %1 deep").arg(kMaxNesting));
        ++m_nesting;
        auto node = parseNested();
        --m_nesting;
        return node;
    }

    std::unique_ptr<Node> parseNested()
    {
        if (peekWord("not", "!")) {
            take();
            auto inner = parseFactor();
            if (!inner)
                return nullptr;
            auto n = std::make_unique<Node>();
            n->kind = Node::Not;
            n->a = std::move(inner);
            return n;
        }
        if (peek().type == Token::LParen) {
            const Token open = take();
            auto inner = parseExpr();
            if (!inner)
                return nullptr;
            if (peek().type != Token::RParen)
                return fail(open, QStringLiteral("unclosed '('"));
            take();
            return inner;
        }
        return parseAtom();
    }

    bool parseOp(Op *op)
    {
        if (peek().type != Token::Operator)
            return false;
        const QString o = take().text;
        if (o == QLatin1String(">"))
            *op = Op::Gt;
        else if (o == QLatin1String(">="))
            *op = Op::Ge;
        else if (o == QLatin1String("<"))
            *op = Op::Lt;
        else if (o == QLatin1String("<="))
            *op = Op::Le;
        else if (o == QLatin1String("!="))
            *op = Op::Ne;
        else
            *op = Op::Eq;
        return true;
    }

    bool parseNumber(double *number)
    {
        if (peek().type != Token::Word)
            return false;
        bool ok = false;
        const double v = peek().text.toDouble(&ok);
        if (!ok || !std::isfinite(v))
            return false;
        take();
        // Scores and durations are stored as float: compare at float precision so that
        // "violin = 0.9" matches a stored 0.9f.
        *number = double(float(v));
        return true;
    }

    std::unique_ptr<Node> textNode(const QString &text, int pos)
    {
        auto n = std::make_unique<Node>();
        n->kind = Node::Text;
        n->text = text.toLower();
        n->pos = pos;
        return n;
    }

    std::unique_ptr<Node> stateNode(int instrument, StateTest state, int pos, bool bare)
    {
        auto n = std::make_unique<Node>();
        n->kind = Node::State;
        n->instrument = instrument;
        n->state = state;
        n->pos = pos;
        n->bare = bare;
        if (!bare)
            noteInstrument(instrument, pos);
        return n;
    }

    void noteInstrument(int instrument, int pos)
    {
        m_mentions.push_back({pos, instrument});
        if (!m_instruments.contains(instrument))
            m_instruments << instrument;
    }

    std::unique_ptr<Node> parseAtom()
    {
        const Token tok = take();
        if (tok.type == Token::String)
            return textNode(tok.text, tok.pos);
        if (tok.type != Token::Word) {
            return fail(tok,
                        tok.type == Token::End ? QStringLiteral("expression ends early")
                                               : QStringLiteral("unexpected '%1'").arg(tok.text));
        }
        const QString word = tok.text.toLower();
        StateTest state;
        if (isStateWord(word, &state))
            return stateNode(-1, state, tok.pos, true);
        if (word == QLatin1String("and") || word == QLatin1String("or")
            || word == QLatin1String("&&") || word == QLatin1String("||"))
            return fail(tok, QStringLiteral("'%1' needs something on both sides").arg(tok.text));

        const int instrument = int(m_keys.indexOf(word));
        if (instrument >= 0) {
            Op op;
            if (parseOp(&op)) {
                // "violin = present", "violin != unknown": a label state, not a score.
                if ((op == Op::Eq || op == Op::Ne) && peek().type == Token::Word
                    && isStateWord(peek().text.toLower(), &state)) {
                    take();
                    auto n = stateNode(instrument, state, tok.pos, false);
                    if (op == Op::Eq)
                        return n;
                    auto negated = std::make_unique<Node>();
                    negated->kind = Node::Not;
                    negated->a = std::move(n);
                    return negated;
                }
                auto n = std::make_unique<Node>();
                n->kind = Node::Score;
                n->instrument = instrument;
                n->op = op;
                n->pos = tok.pos;
                if (!parseNumber(&n->number))
                    return fail(peek(),
                                QStringLiteral("a number must follow '%1 %2'")
                                        .arg(tok.text, m_tokens[m_next - 1].text));
                noteInstrument(instrument, tok.pos);
                return n;
            }
            if (peek().type == Token::Colon || peekWord("is")) {
                take();
                const Token s = take();
                if (s.type != Token::Word || !isStateWord(s.text.toLower(), &state))
                    return fail(s,
                                QStringLiteral("expected labelled, unlabelled, present or "
                                               "absent after '%1'")
                                        .arg(tok.text));
                return stateNode(instrument, state, tok.pos, false);
            }
            if (peek().type == Token::Word && isStateWord(peek().text.toLower(), &state)) {
                take();
                return stateNode(instrument, state, tok.pos, false);
            }
            return textNode(tok.text, tok.pos);
        }

        const Field field = fieldOf(word);
        if (field != Field::None) {
            Op op = Op::Eq;
            if (peek().type == Token::Operator || peek().type == Token::Colon) {
                const bool colon = peek().type == Token::Colon;
                if (colon)
                    take();
                else
                    parseOp(&op);
                if (isNumericField(field)) {
                    auto n = std::make_unique<Node>();
                    n->kind = Node::FieldNumber;
                    n->field = field;
                    n->op = colon ? Op::Eq : op;
                    if (!parseNumber(&n->number))
                        return fail(peek(),
                                    QStringLiteral("a number must follow '%1'").arg(tok.text));
                    return n;
                }
                if (!colon && op != Op::Eq && op != Op::Ne)
                    return fail(tok,
                                QStringLiteral("'%1' takes ':' or '=' and text, e.g. "
                                               "%1:\"...\"")
                                        .arg(tok.text));
                const Token value = take();
                if (value.type != Token::Word && value.type != Token::String)
                    return fail(value,
                                QStringLiteral("text must follow '%1%2'")
                                        .arg(tok.text,
                                             colon ? QStringLiteral(":") : QStringLiteral(" =")));
                auto n = std::make_unique<Node>();
                n->kind = colon ? Node::FieldText : Node::FieldEquals;
                n->field = field;
                n->op = colon ? Op::Eq : op;
                n->text = value.text;
                return n;
            }
            return textNode(tok.text, tok.pos);
        }
        if (peek().type == Token::Operator)
            return fail(tok, QStringLiteral("unknown instrument or field '%1'").arg(tok.text));
        if (peek().type == Token::Colon)
            return fail(tok, QStringLiteral("unknown instrument or field '%1'").arg(tok.text));
        return textNode(tok.text, tok.pos);
    }

    void resolveBareStates(Node *n)
    {
        if (!n)
            return;
        if (n->kind == Node::State && n->bare) {
            int best = -1;
            int bestPos = -1;
            for (const auto &m : m_mentions) { // nearest instrument to the left
                if (m.first < n->pos && m.first > bestPos) {
                    bestPos = m.first;
                    best = m.second;
                }
            }
            if (best < 0) {
                int rightPos = std::numeric_limits<int>::max();
                for (const auto &m : m_mentions) {
                    if (m.first > n->pos && m.first < rightPos) {
                        rightPos = m.first;
                        best = m.second;
                    }
                }
            }
            n->instrument = best; // -1: any instrument
        }
        resolveBareStates(n->a.get());
        resolveBareStates(n->b.get());
    }

    QString m_text;
    QStringList m_keys;
    std::vector<Token> m_tokens;
    size_t m_next = 0;
    int m_nesting = 0; // parseFactor() calls under way
    QString m_error;
    std::vector<std::pair<int, int>> m_mentions; // (text position, instrument)
    QList<int> m_instruments;
};

} // namespace

ParseResult parse(const QString &text, const QStringList &instrumentKeys)
{
    Parser parser(text, instrumentKeys);
    ParseResult result;
    result.root = parser.run();
    result.error = parser.error();
    result.instruments = parser.instruments();
    return result;
}

} // namespace timbre::library::filter
