// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal: the one checkpoint container every model kind writes (docs/ARCHITECTURE.md §3.1).
// Layout: magic "TIMBRECK", format version, a JSON metadata block (CheckpointInfo + the
// TrainConfig JSON), then named binary blobs (torch archives, OpenCV model text, ...), and a
// 64-bit FNV-1a checksum of everything before it, so truncation and bit flips are caught.
#include "models/api/Predictor.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

namespace timbre::models {

class CheckpointFile
{
public:
    static constexpr int kFormatVersion = 1;

    CheckpointInfo info;
    // Named payloads, e.g. "student", "teacher", "optimizer" (torch archives as bytes).
    std::map<std::string, std::string> blobs;

    // Writes to path + ".tmp" and renames, so a reader never sees half a file.
    bool save(const std::string &path, ModelError *error) const;
    // Validates magic, version, checksum and metadata; *error names the file on failure.
    bool load(const std::string &path, ModelError *error);
    // Reads and validates only as far as the metadata (still checks the checksum).
    bool loadInfo(const std::string &path, ModelError *error);

    bool hasBlob(const std::string &name) const { return blobs.count(name) != 0; }

    // The container's checksum (64-bit FNV-1a) over `size` bytes: what the last 8 bytes of a
    // file hold for everything before them (the fuzzer reseals mutated files with it).
    static uint64_t checksum(const char *data, size_t size);
};

} // namespace timbre::models
