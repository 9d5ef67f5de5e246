// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/util/ErrorValue.h"

#include <QString>

namespace timbre::audio {

enum class AudioErrorCode {
    None,
    FileNotFound,
    EmptyFile,
    NotAudio,
    TruncatedOrCorrupt,
    UnsupportedCodec,
    ReadFailed,
    WriteFailed,
    InvalidArgument,
};

// An audio failure as a value: what went wrong, on which file, and FFmpeg's own words for it
// (av_strerror text plus the last message FFmpeg logged) in the message, so a user can act on
// it. toString() reads "<path>: <what> (<ffmpeg msg>)".
struct AudioErrorCodes
{
    using Code = AudioErrorCode;
    static QString codeName(AudioErrorCode code);
    // A short human phrase for the code ("file not found", "not an audio file", ...).
    static QString describe(AudioErrorCode code);
};
using AudioError = util::ErrorValue<AudioErrorCodes>;

} // namespace timbre::audio
