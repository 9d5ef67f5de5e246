// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QString>
#include <QtGlobal>

namespace timbre::audio {

// Facts about a file's audio stream as its container declares them (FfmpegDecoder::probe).
struct StreamInfo
{
    // Playable duration; codec delay the decoder trims (MP3 LAME header, Opus pre-skip) is
    // already taken out. 0 when the container does not say.
    double durationSeconds = 0.0;
    // True when FFmpeg guessed the duration from the bit rate (e.g. a VBR MP3 without a Xing
    // header), so it may be far off.
    bool durationIsEstimate = false;
    int sampleRate = 0; // the decoder's output rate (Opus: always 48000)
    int channels = 0;
    QString codecName; // FFmpeg's short name: "mp3", "flac", "vorbis", "aac", "pcm_s16le"...
    QString containerName; // FFmpeg's demuxer name: "mp3", "ogg", "mov,mp4,m4a,3gp,3g2,mj2"...
    qint64 bitRate = 0; // bits per second, 0 when unknown
    qint64 sampleCount = 0; // durationSeconds * sampleRate, rounded (an estimate)

    bool isValid() const { return sampleRate > 0 && channels > 0; }
};

} // namespace timbre::audio
