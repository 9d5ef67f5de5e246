// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audio/AudioError.h"

namespace timbre::audio {

QString AudioErrorCodes::codeName(AudioErrorCode code)
{
    switch (code) {
    case AudioErrorCode::None:
        return QStringLiteral("None");
    case AudioErrorCode::FileNotFound:
        return QStringLiteral("FileNotFound");
    case AudioErrorCode::EmptyFile:
        return QStringLiteral("EmptyFile");
    case AudioErrorCode::NotAudio:
        return QStringLiteral("NotAudio");
    case AudioErrorCode::TruncatedOrCorrupt:
        return QStringLiteral("TruncatedOrCorrupt");
    case AudioErrorCode::UnsupportedCodec:
        return QStringLiteral("UnsupportedCodec");
    case AudioErrorCode::ReadFailed:
        return QStringLiteral("ReadFailed");
    case AudioErrorCode::WriteFailed:
        return QStringLiteral("WriteFailed");
    case AudioErrorCode::InvalidArgument:
        return QStringLiteral("InvalidArgument");
    }
    return QStringLiteral("Unknown");
}

QString AudioErrorCodes::describe(AudioErrorCode code)
{
    switch (code) {
    case AudioErrorCode::None:
        return QStringLiteral("no error");
    case AudioErrorCode::FileNotFound:
        return QStringLiteral("file not found");
    case AudioErrorCode::EmptyFile:
        return QStringLiteral("file is empty");
    case AudioErrorCode::NotAudio:
        return QStringLiteral("not an audio file");
    case AudioErrorCode::TruncatedOrCorrupt:
        return QStringLiteral("audio is truncated or corrupt");
    case AudioErrorCode::UnsupportedCodec:
        return QStringLiteral("unsupported codec");
    case AudioErrorCode::ReadFailed:
        return QStringLiteral("cannot read file");
    case AudioErrorCode::WriteFailed:
        return QStringLiteral("cannot write file");
    case AudioErrorCode::InvalidArgument:
        return QStringLiteral("invalid argument");
    }
    return QStringLiteral("unknown error");
}

} // namespace timbre::audio
