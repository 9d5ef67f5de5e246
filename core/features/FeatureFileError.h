// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/util/ErrorValue.h"

#include <QString>

namespace timbre::features {

// A feature file failure as a value: a code a caller can branch on (a Truncated or
// ChecksumMismatch file is simply recomputed) and a one-line English message that starts with
// the file's path, so a log line or a dialog says which file and what is wrong with it.
struct FeatureFileErrorCodes
{
    enum Code {
        None = 0,
        NotFound, // no file at the path
        OpenFailed, // exists but cannot be opened or mapped
        Truncated, // shorter than its header says (or than a header)
        BadMagic, // not a feature file
        UnknownVersion, // a feature file of a format this build does not read
        BadHeader, // header fields inconsistent (sizes, encoding, lengths)
        ChecksumMismatch, // the stored checksum does not match the bytes
        WriteFailed, // the temporary file could not be written or renamed into place
        InvalidArgument, // the caller passed something a feature file cannot hold
    };
    static constexpr bool kMessageNamesPath = true; // message: "<path>: <what>"
};
using FeatureFileError = util::ErrorValue<FeatureFileErrorCodes>;

} // namespace timbre::features
