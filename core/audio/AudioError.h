#pragma once
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
// (av_strerror text plus the last message FFmpeg logged), so a user can act on it.
struct AudioError
{
    AudioErrorCode code = AudioErrorCode::None;
    QString path;
    QString message;

    bool isError() const { return code != AudioErrorCode::None; }
    // "<path>: <what> (<ffmpeg msg>)"; empty when there is no error.
    QString toString() const;

    static QString codeName(AudioErrorCode code);
    // A short human phrase for the code ("file not found", "not an audio file", ...).
    static QString describe(AudioErrorCode code);
    static AudioError make(AudioErrorCode code, const QString &path, const QString &message = {});
};

} // namespace timbre::audio
