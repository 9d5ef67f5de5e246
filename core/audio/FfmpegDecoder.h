// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/audio/AudioError.h"
#include "core/audio/StreamInfo.h"

#include <QString>

#include <memory>
#include <vector>

namespace timbre::audio {

struct DecodeOptions
{
    int sampleRate = 16000; // output rate in Hz
    double startSeconds = 0.0; // region start
    double endSeconds = -1.0; // region end; negative: to the end of the file
    int blockFrames = 65536; // frames per read(std::vector<float>&), 1 .. 2^24
};

struct DecodedAudio
{
    std::vector<float> samples; // mono; empty when error is set
    int sampleRate = 0;
    StreamInfo info;
    AudioError error;

    bool ok() const { return !error.isError(); }
    double durationSeconds() const
    {
        return sampleRate > 0 ? double(samples.size()) / sampleRate : 0.0;
    }
};

// Decodes any audio FFmpeg reads to mono float (channels averaged) at a requested rate,
// streaming: memory is proportional to the block size, never to the file's length.
//
//   FfmpegDecoder decoder;
//   if (!decoder.open(path, options)) { report(decoder.error()); return; }
//   std::vector<float> block;
//   qint64 n;
//   while ((n = decoder.read(block)) > 0) consume(block);
//   if (n < 0) report(decoder.error());
//
// A region [startSeconds, endSeconds) is sample-accurate: the decoder seeks before the start
// (with pre-roll for codecs that need it), discards what precedes it, and lands on the same
// output sample grid as decoding from the beginning. Not thread-safe; use one per thread.
class FfmpegDecoder
{
public:
    FfmpegDecoder();
    ~FfmpegDecoder();
    FfmpegDecoder(const FfmpegDecoder &) = delete;
    FfmpegDecoder &operator=(const FfmpegDecoder &) = delete;

    // Container facts without decoding. On failure returns an invalid StreamInfo and, when
    // `error` is given, sets it.
    static StreamInfo probe(const QString &path, AudioError *error = nullptr);

    // The whole file (or region) in memory; `error` set and samples empty on failure.
    static DecodedAudio decodeFile(const QString &path, const DecodeOptions &options = {});

    // Opens `path` for reading; false (and error() set) on failure. Closes what was open.
    bool open(const QString &path, const DecodeOptions &options = {});
    void close();
    bool isOpen() const;

    // Sets `block` to the next up to options.blockFrames frames (its capacity is reused, so
    // a loop does not allocate). Returns the frame count, 0 at the end, -1 on error.
    qint64 read(std::vector<float> &block);
    // The same into caller memory: up to `maxFrames` (> 0) frames.
    qint64 read(float *out, qint64 maxFrames);

    const AudioError &error() const;
    StreamInfo info() const;
    const DecodeOptions &options() const;
    int sampleRate() const { return options().sampleRate; }
    // Output frames returned so far.
    qint64 framesRead() const;
    // Whether the region start was reached by a seek (true) or by decoding from the
    // beginning (short offsets, unseekable input, or a seek that landed too late).
    bool seekedToRegion() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace timbre::audio
