#include "models/MiniJson.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace timbre::models {

namespace {

void escapeTo(const std::string &s, std::string &out)
{
    out += '"';
    for (unsigned char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    out += '"';
}

class Parser
{
public:
    explicit Parser(const std::string &text) : s(text) {}

    MiniJson document(std::string *error)
    {
        MiniJson v = value();
        skipSpace();
        if (failed.empty() && pos != s.size())
            fail("trailing characters");
        if (!failed.empty()) {
            if (error)
                *error = failed + " at offset " + std::to_string(pos);
            return {};
        }
        return v;
    }

private:
    const std::string &s;
    size_t pos = 0;
    std::string failed;
    int depth = 0;

    void fail(const char *why)
    {
        if (failed.empty())
            failed = why;
    }
    void skipSpace()
    {
        while (pos < s.size() && std::strchr(" \t\r\n", s[pos]) && s[pos] != '\0')
            ++pos;
    }
    bool literal(const char *word)
    {
        const size_t n = std::strlen(word);
        if (s.compare(pos, n, word) != 0)
            return false;
        pos += n;
        return true;
    }
    MiniJson value()
    {
        skipSpace();
        if (pos >= s.size()) {
            fail("unexpected end");
            return {};
        }
        if (++depth > 64) {
            fail("nesting too deep");
            return {};
        }
        MiniJson out;
        const char c = s[pos];
        if (c == '{')
            out = objectValue();
        else if (c == '[')
            out = arrayValue();
        else if (c == '"')
            out = MiniJson(stringValue());
        else if (literal("true"))
            out = MiniJson(true);
        else if (literal("false"))
            out = MiniJson(false);
        else if (literal("null"))
            out = MiniJson();
        else
            out = numberValue();
        --depth;
        return out;
    }
    MiniJson numberValue()
    {
        const char *begin = s.c_str() + pos;
        char *end = nullptr;
        const double v = std::strtod(begin, &end);
        if (end == begin) {
            fail("invalid value");
            return {};
        }
        pos += static_cast<size_t>(end - begin);
        return MiniJson(v);
    }
    std::string stringValue()
    {
        std::string out;
        ++pos; // opening quote
        while (pos < s.size() && s[pos] != '"') {
            char c = s[pos++];
            if (c != '\\') {
                out += c;
                continue;
            }
            if (pos >= s.size())
                break;
            c = s[pos++];
            switch (c) {
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'u': {
                if (pos + 4 > s.size()) {
                    fail("bad escape");
                    return out;
                }
                const unsigned code = std::strtoul(s.substr(pos, 4).c_str(), nullptr, 16);
                pos += 4;
                // UTF-8 encode the BMP code point (surrogate pairs are not produced by dump()).
                if (code < 0x80) {
                    out += static_cast<char>(code);
                } else if (code < 0x800) {
                    out += static_cast<char>(0xC0 | (code >> 6));
                    out += static_cast<char>(0x80 | (code & 0x3F));
                } else {
                    out += static_cast<char>(0xE0 | (code >> 12));
                    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
                    out += static_cast<char>(0x80 | (code & 0x3F));
                }
                break;
            }
            default: out += c;
            }
        }
        if (pos >= s.size()) {
            fail("unterminated string");
            return out;
        }
        ++pos; // closing quote
        return out;
    }
    MiniJson arrayValue()
    {
        MiniJson out = MiniJson::array();
        ++pos;
        skipSpace();
        if (pos < s.size() && s[pos] == ']') {
            ++pos;
            return out;
        }
        while (failed.empty()) {
            out.push(value());
            skipSpace();
            if (pos < s.size() && s[pos] == ',') {
                ++pos;
            } else if (pos < s.size() && s[pos] == ']') {
                ++pos;
                break;
            } else {
                fail("expected ',' or ']'");
            }
        }
        return out;
    }
    MiniJson objectValue()
    {
        MiniJson out = MiniJson::object();
        ++pos;
        skipSpace();
        if (pos < s.size() && s[pos] == '}') {
            ++pos;
            return out;
        }
        while (failed.empty()) {
            skipSpace();
            if (pos >= s.size() || s[pos] != '"') {
                fail("expected a key");
                break;
            }
            const std::string key = stringValue();
            skipSpace();
            if (pos >= s.size() || s[pos] != ':') {
                fail("expected ':'");
                break;
            }
            ++pos;
            out[key] = value();
            skipSpace();
            if (pos < s.size() && s[pos] == ',') {
                ++pos;
            } else if (pos < s.size() && s[pos] == '}') {
                ++pos;
                break;
            } else {
                fail("expected ',' or '}'");
            }
        }
        return out;
    }
};

} // namespace

MiniJson MiniJson::array()
{
    MiniJson v;
    v.m_type = Type::Array;
    return v;
}

MiniJson MiniJson::object()
{
    MiniJson v;
    v.m_type = Type::Object;
    return v;
}

const MiniJson *MiniJson::find(const std::string &key) const
{
    if (m_type != Type::Object)
        return nullptr;
    auto it = m_members.find(key);
    return it == m_members.end() ? nullptr : &it->second;
}

std::string MiniJson::dump() const
{
    std::string out;
    dumpTo(out);
    return out;
}

void MiniJson::dumpTo(std::string &out) const
{
    switch (m_type) {
    case Type::Null: out += "null"; break;
    case Type::Bool: out += m_bool ? "true" : "false"; break;
    case Type::Number: {
        if (!std::isfinite(m_number)) {
            out += "null";
            break;
        }
        char buf[32];
        // Shortest of 15 or 17 significant digits that reads back as the same double.
        std::snprintf(buf, sizeof buf, "%.15g", m_number);
        if (std::strtod(buf, nullptr) != m_number)
            std::snprintf(buf, sizeof buf, "%.17g", m_number);
        out += buf;
        break;
    }
    case Type::String: escapeTo(m_string, out); break;
    case Type::Array: {
        out += '[';
        for (size_t i = 0; i < m_items.size(); ++i) {
            if (i)
                out += ',';
            m_items[i].dumpTo(out);
        }
        out += ']';
        break;
    }
    case Type::Object: {
        out += '{';
        bool first = true;
        for (const auto &[key, value] : m_members) {
            if (!first)
                out += ',';
            first = false;
            escapeTo(key, out);
            out += ':';
            value.dumpTo(out);
        }
        out += '}';
        break;
    }
    }
}

MiniJson MiniJson::parse(const std::string &text, std::string *error)
{
    Parser parser(text);
    return parser.document(error);
}

} // namespace timbre::models
