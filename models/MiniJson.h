#pragma once
// Internal: the small JSON subset the models layer writes and reads back (TrainConfig,
// checkpoint metadata). Numbers are doubles; object keys keep sorted order.
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace timbre::models {

class MiniJson
{
public:
    enum class Type { Null, Bool, Number, String, Array, Object };

    MiniJson() = default;
    MiniJson(bool value) : m_type(Type::Bool), m_bool(value) {}
    MiniJson(double value) : m_type(Type::Number), m_number(value) {}
    MiniJson(int value) : m_type(Type::Number), m_number(value) {}
    MiniJson(std::string value) : m_type(Type::String), m_string(std::move(value)) {}
    MiniJson(const char *value) : m_type(Type::String), m_string(value) {}
    static MiniJson array();
    static MiniJson object();

    Type type() const { return m_type; }
    bool isNumber() const { return m_type == Type::Number; }
    bool isString() const { return m_type == Type::String; }
    bool isObject() const { return m_type == Type::Object; }
    bool isArray() const { return m_type == Type::Array; }
    bool isBool() const { return m_type == Type::Bool; }
    double number() const { return m_number; }
    bool boolean() const { return m_bool; }
    const std::string &string() const { return m_string; }
    const std::vector<MiniJson> &items() const { return m_items; }
    const std::map<std::string, MiniJson> &members() const { return m_members; }

    void push(MiniJson value) { m_items.push_back(std::move(value)); }
    MiniJson &operator[](const std::string &key) { return m_members[key]; }
    // nullptr when absent or not an object.
    const MiniJson *find(const std::string &key) const;

    std::string dump() const;
    // Parses a whole document; on failure returns Null and sets *error.
    static MiniJson parse(const std::string &text, std::string *error);

private:
    Type m_type = Type::Null;
    bool m_bool = false;
    double m_number = 0.0;
    std::string m_string;
    std::vector<MiniJson> m_items;
    std::map<std::string, MiniJson> m_members;

    void dumpTo(std::string &out) const;
};

} // namespace timbre::models
