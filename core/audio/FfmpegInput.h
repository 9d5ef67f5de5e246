// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal to core/audio: opening a file with libavformat and reading its stream facts,
// shared by FfmpegDecoder::probe() and FfmpegDecoder::open().

#include "core/audio/AudioError.h"
#include "core/audio/FfmpegHandles.h"
#include "core/audio/StreamInfo.h"

#include <QString>

namespace timbre::audio {

struct FfmpegInput
{
    ffmpeg::InputFormatPtr format;
    int streamIndex = -1;

    // Checks the file, opens the container, finds its best audio stream and checks that a
    // decoder exists. On failure fills `error` with its typed code and returns false.
    static bool open(const QString &path, FfmpegInput *input, AudioError *error);
    static StreamInfo describe(const AVFormatContext *format, int streamIndex);
    // Samples the decoder trims at the start (MP3 encoder delay, via the stream start time;
    // Opus pre-skip, via initial padding) that the container's duration still counts.
    static qint64 leadingTrim(const AVStream *stream, int rate);
    // Whether the file's first bytes match a container FFmpeg knows by content (not merely by
    // extension): an open failure is then a damaged file rather than one that is not audio.
    static bool recognisedByContent(const QString &path);
};

} // namespace timbre::audio
