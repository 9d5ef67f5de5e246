// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// How models/ reports a failure: a value with a code a caller can branch on, the file
// concerned and one English line that names it, the same shape as core's util::ErrorValue
// (docs/ARCHITECTURE.md §8), in plain C++ because models/ sits below Qt's types. Functions take
// a `ModelError *error` (may be null) and leave it untouched on success; core shows
// toString(), which is the message.
#include <string>

namespace timbre::models {

struct ModelError
{
    enum class Code {
        None = 0,
        NotFound, // no such file
        Unreadable, // the file exists but cannot be opened or read
        Corrupt, // read, but not a valid file of its kind (bad header, JSON, archive, checksum)
        WrongKind, // a valid file of another model kind or extractor than the call needs
        Mismatch, // the data do not fit the model (dimensions, classes, shapes)
        WriteFailed, // a file could not be written or renamed into place
        EngineUnavailable, // the LibTorch model engine plugin cannot be loaded
        BadConfiguration, // a training configuration that cannot be read or used
        Failed, // LibTorch or OpenCV failed while computing
    };

    Code code = Code::None;
    std::string path; // the file concerned; empty when there is none
    std::string message; // one line, naming the file when there is one

    bool ok() const { return code == Code::None; }
    bool isError() const { return code != Code::None; }
    const std::string &toString() const { return message; }

    static ModelError make(Code code, std::string path, std::string message)
    {
        ModelError e;
        e.code = code;
        e.path = std::move(path);
        e.message = std::move(message);
        return e;
    }
};

// Sets *error when `error` is given; for the many functions whose error is optional.
inline void setModelError(ModelError *error, ModelError::Code code, const std::string &path,
                          const std::string &message)
{
    if (error)
        *error = ModelError::make(code, path, message);
}

} // namespace timbre::models
