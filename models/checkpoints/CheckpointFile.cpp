// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/checkpoints/CheckpointFile.h"

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace timbre::models {

uint64_t CheckpointFile::checksum(const char *data, size_t size)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < size; ++i) {
        h ^= static_cast<unsigned char>(data[i]);
        h *= 1099511628211ULL;
    }
    return h;
}

namespace {

constexpr char kMagic[8] = {'T', 'I', 'M', 'B', 'R', 'E', 'C', 'K'};

template<typename T> void put(std::string &out, T value)
{
    char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T)); // little-endian hosts only (x86-64, arm64)
    out.append(bytes, sizeof(T));
}

struct Cursor
{
    const std::string &data;
    size_t pos = 0;
    size_t end = 0;
    bool ok = true;

    template<typename T> T get()
    {
        T value {};
        if (pos + sizeof(T) > end) {
            ok = false;
            return value;
        }
        std::memcpy(&value, data.data() + pos, sizeof(T));
        pos += sizeof(T);
        return value;
    }
    std::string bytes(uint64_t n)
    {
        if (n > end - pos) {
            ok = false;
            return {};
        }
        std::string out = data.substr(pos, n);
        pos += n;
        return out;
    }
};

std::string metadataJson(const CheckpointInfo &info)
{
    nlohmann::json j = nlohmann::json::object();
    j["kind"] = info.kind;
    j["hyperParameters"] = info.hyperParametersJson;
    j["extractorId"] = info.extractorId;
    j["extractorVersion"] = info.extractorVersion;
    j["featureDim"] = info.featureDim;
    j["classNames"] = info.classNames;
    j["labelSnapshot"] = info.labelSnapshot;
    j["metrics"] = info.metricsJson;
    j["parentModel"] = info.parentModel;
    j["created"] = info.created;
    // Names and paths may hold bytes that are not UTF-8: replaced rather than throwing.
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string parseMetadata(const std::string &text, CheckpointInfo &info)
{
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception &e) {
        // Not only parse_error: a number too large for a double ("1e400") is out_of_range,
        // which escaped and terminated the program (found by fuzzing).
        return std::string("metadata is not valid JSON (") + e.what() + ")";
    }
    if (!j.is_object())
        return "metadata is not a JSON object";
    auto str = [&](const char *key, std::string &out) {
        const auto v = j.find(key);
        if (v == j.end() || !v->is_string())
            return false;
        out = v->get<std::string>();
        return true;
    };
    auto num = [&](const char *key, int &out) {
        const auto v = j.find(key);
        if (v == j.end() || !v->is_number())
            return false;
        const double d = v->get<double>();
        if (!(d >= INT_MIN && d <= INT_MAX)) // the cast of one outside is undefined
            return false;
        out = static_cast<int>(d);
        return true;
    };
    if (!str("kind", info.kind) || !str("hyperParameters", info.hyperParametersJson)
        || !str("extractorId", info.extractorId) || !num("extractorVersion", info.extractorVersion)
        || !num("featureDim", info.featureDim) || !str("labelSnapshot", info.labelSnapshot)
        || !str("metrics", info.metricsJson) || !str("parentModel", info.parentModel)
        || !str("created", info.created))
        return "metadata lacks a required field (or has a number out of range)";
    const auto names = j.find("classNames");
    if (names == j.end() || !names->is_array())
        return "metadata lacks the class names";
    info.classNames.clear();
    for (const auto &n : *names) {
        if (!n.is_string())
            return "metadata has a class name that is not a string";
        info.classNames.push_back(n.get<std::string>());
    }
    if (info.kind.empty())
        return "metadata names no model kind";
    if (info.featureDim <= 0)
        return "metadata has a non-positive feature dimension";
    if (info.classNames.empty())
        return "metadata has no classes";
    return {};
}

} // namespace

bool CheckpointFile::save(const std::string &path, ModelError *error) const
{
    std::string out;
    out.append(kMagic, sizeof kMagic);
    put<uint32_t>(out, kFormatVersion);
    const std::string meta = metadataJson(info);
    put<uint64_t>(out, meta.size());
    out += meta;
    put<uint32_t>(out, static_cast<uint32_t>(blobs.size()));
    for (const auto &[name, data] : blobs) {
        put<uint32_t>(out, static_cast<uint32_t>(name.size()));
        out += name;
        put<uint64_t>(out, data.size());
        out += data;
    }
    put<uint64_t>(out, CheckpointFile::checksum(out.data(), out.size()));

    const std::string tmp = path + ".tmp";
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        if (!f) {
            setModelError(error, ModelError::Code::WriteFailed, path,
                          "cannot write checkpoint " + tmp);
            return false;
        }
        errno = 0;
        f.write(out.data(), static_cast<std::streamsize>(out.size()));
        f.flush();
        if (!f) {
            // The system's reason ("No space left on device") is what the user can act on.
            const std::string why = errno ? std::strerror(errno) : "write failed";
            setModelError(error, ModelError::Code::WriteFailed, path,
                          "error writing checkpoint " + tmp + ": " + why);
            std::remove(tmp.c_str());
            return false;
        }
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        setModelError(error, ModelError::Code::WriteFailed, path,
                      "cannot rename " + tmp + " to " + path);
        std::remove(tmp.c_str());
        return false;
    }
    return true;
}

namespace {

bool readAll(const std::string &path, std::string &data, ModelError *error)
{
    std::ifstream f(path, std::ios::binary);
    if (!f) {
        std::error_code ec;
        const bool missing = !std::filesystem::exists(path, ec);
        setModelError(error, missing ? ModelError::Code::NotFound : ModelError::Code::Unreadable,
                      path, "cannot open checkpoint " + path + (missing ? ": no such file" : ""));
        return false;
    }
    std::ostringstream buffer;
    buffer << f.rdbuf();
    data = buffer.str();
    return true;
}

} // namespace

bool CheckpointFile::load(const std::string &path, ModelError *error)
{
    std::string data;
    if (!readAll(path, data, error))
        return false;
    auto fail = [&](const std::string &why) {
        setModelError(error, ModelError::Code::Corrupt, path, "checkpoint " + path + ": " + why);
        return false;
    };
    if (data.size() < sizeof kMagic + 4 + 8 + 4 + 8
        || std::memcmp(data.data(), kMagic, sizeof kMagic) != 0)
        return fail("not a Timbre Workbench checkpoint (bad magic)");
    Cursor c {data, sizeof kMagic, data.size() - 8};
    const uint32_t version = c.get<uint32_t>();
    if (version == 0 || version > static_cast<uint32_t>(kFormatVersion))
        return fail("format version " + std::to_string(version)
                    + " is not supported (this build reads up to " + std::to_string(kFormatVersion)
                    + ")");
    uint64_t stored = 0;
    std::memcpy(&stored, data.data() + data.size() - 8, 8);
    if (stored != CheckpointFile::checksum(data.data(), data.size() - 8))
        return fail("checksum mismatch: the file is truncated or corrupt");
    const uint64_t metaSize = c.get<uint64_t>();
    const std::string meta = c.bytes(metaSize);
    if (!c.ok)
        return fail("truncated metadata");
    CheckpointInfo parsed;
    const std::string metaError = parseMetadata(meta, parsed);
    if (!metaError.empty())
        return fail(metaError);
    const uint32_t count = c.get<uint32_t>();
    std::map<std::string, std::string> parsedBlobs;
    for (uint32_t i = 0; i < count && c.ok; ++i) {
        const std::string name = c.bytes(c.get<uint32_t>());
        const std::string payload = c.bytes(c.get<uint64_t>());
        parsedBlobs[name] = payload;
    }
    if (!c.ok || c.pos != c.end)
        return fail("malformed payload section");
    info = std::move(parsed);
    blobs = std::move(parsedBlobs);
    return true;
}

bool CheckpointFile::loadInfo(const std::string &path, ModelError *error)
{
    // Checkpoints are small (megabytes); validating the checksum needs every byte anyway.
    CheckpointFile full;
    if (!full.load(path, error))
        return false;
    info = std::move(full.info);
    blobs.clear();
    return true;
}

} // namespace timbre::models
