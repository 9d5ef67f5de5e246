// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/audio/AudioError.h"

#include <QList>
#include <QString>

#include <optional>
#include <vector>

namespace timbre::audio {

// Tags written as container metadata (ID3v2, Vorbis comments, iTunes atoms, RIFF INFO), so
// TagLib and FFmpeg read them back. Empty strings and zero numbers are not written.
struct AudioTags
{
    QString title;
    QString artist;
    QString album;
    QString genre;
    int year = 0;
    int track = 0;
};

enum class AudioFormat {
    Wav, // pcm_s16le in RIFF
    Flac,
    Ogg, // Vorbis in Ogg
    Opus, // Opus in Ogg, always 48 kHz (resampled when needed)
    Mp3, // LAME, with a Xing/LAME header so decoders trim the priming delay
    M4a, // AAC in MP4 (iPod flavour)
    Aiff, // pcm_s16be, tags as an ID3v2 chunk
};

// Encodes float samples with FFmpeg's encoders. Writes to "<path>.part" and renames it over
// `path` only when everything succeeded, so a failure never leaves a half-written file.
class AudioEncoder
{
public:
    // `interleaved` holds frames of `channels` samples in [-1, 1] at `sampleRate` Hz.
    // Returns an error value (isError() == false on success).
    static AudioError write(const QString &path, const std::vector<float> &interleaved,
                            int channels, int sampleRate, AudioFormat format,
                            const AudioTags &tags = {});

    // File extension without the dot: "wav", "flac", "ogg", "opus", "mp3", "m4a", "aiff".
    static QString extension(AudioFormat format);
    // Accepts "mp3", ".mp3" or a file name/path ("song.MP3"); also oga, aif, mp4.
    static std::optional<AudioFormat> formatFromExtension(const QString &extensionOrPath);
    static QList<AudioFormat> allFormats();
};

} // namespace timbre::audio
