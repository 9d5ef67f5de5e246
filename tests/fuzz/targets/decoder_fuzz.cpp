// SPDX-License-Identifier: GPL-3.0-or-later
// The FFmpeg decoder wrapper on the bytes as a file: probe(), open() and streaming reads (at
// most about 20 s of output), and a region [0.25 s, 0.75 s) with its seek. FFmpeg itself is
// the system's, not instrumented: what is exercised is our side (errors, resampling, regions).
#include "FuzzFiles.h"
#include "core/audio/FfmpegDecoder.h"

using namespace timbre::audio;

namespace {

void decode(const QString &path, const DecodeOptions &options)
{
    FfmpegDecoder decoder;
    if (!decoder.open(path, options))
        return;
    std::vector<float> block;
    qint64 total = 0;
    for (int i = 0; i < 40; ++i) {
        const qint64 n = decoder.read(block);
        if (n <= 0)
            break;
        TIMBRE_FUZZ_CHECK(qint64(block.size()) == n && n <= options.blockFrames,
                          "a block holds what read() says, at most blockFrames");
        total += n;
    }
    TIMBRE_FUZZ_CHECK(total == decoder.framesRead(), "framesRead() counts what was read");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString path = timbre::fuzz::writeFile(QStringLiteral("input.audio"),
                                                 timbre::fuzz::bytesOf(data, size));
    AudioError error;
    (void)FfmpegDecoder::probe(path, &error);
    DecodeOptions whole;
    whole.sampleRate = 8000;
    whole.blockFrames = 4096;
    decode(path, whole);
    DecodeOptions region = whole;
    region.sampleRate = 16000;
    region.startSeconds = 0.25;
    region.endSeconds = 0.75;
    decode(path, region);
    return 0;
}
