// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audio/FfmpegDecoder.h"

#include "core/audio/FfmpegHandles.h"
#include "core/audio/FfmpegInput.h"
#include "core/audio/FfmpegLog.h"

#include <QFile>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstring>
#include <numeric>

extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
#include <libavutil/samplefmt.h>
}

namespace timbre::audio {

using namespace ffmpeg;

namespace {

// Decoding restarts this long before a region's start, so that codecs whose frames depend on
// earlier ones (MP3 bit reservoir, MDCT overlap, Opus pre-roll) are settled by the start.
constexpr double kPrerollSeconds = 0.25;
// 16 M frames (64 MB): a larger block is a mistake, not a request.
constexpr int kMaxBlockFrames = 1 << 24;
// Region bounds beyond this (about 31 years) are nonsense and would overflow sample indices.
constexpr double kMaxSeconds = 1e9;
constexpr int kResamplerFilterSize = 24;
constexpr double kResamplerCutoff = 0.95;
// The highest input rate taken (768 kHz PCM exists). A damaged header claiming hundreds of MHz
// made swr_init() build a resampling filter for more than 10 s and 1.7 GB (found by fuzzing).
constexpr int kMaxSourceRate = 768000;
// A seek aims this far before the pre-roll.
constexpr double kSeekMarginSeconds = 0.5;
// Below this a region is reached by decoding from the beginning: cheaper than a seek.
constexpr double kSeekThresholdSeconds = 2.0;
// A file is truncated when it decodes to less than its container declares by more than
// max(this, 0.5 %); MP3/AAC end padding (< 0.05 s) is far below it.
constexpr double kMissingToleranceSeconds = 0.1;

AudioError fail(AudioErrorCode code, const QString &path, const QString &what, int averror = 0)
{
    const QString detail = FfmpegLog::describe(averror);
    return AudioError::make(code, path,
                            detail.isEmpty() ? what : what + QStringLiteral(": ") + detail);
}

} // namespace

struct FfmpegDecoder::Private
{
    QString path;
    DecodeOptions options;
    AudioError error;
    StreamInfo info;

    InputFormatPtr format;
    CodecContextPtr codec;
    SwrPtr swr;
    FramePtr frame;
    PacketPtr packet;
    int streamIndex = -1;
    AVRational timeBase {1, 1};
    int srcRate = 0;
    int outRate = 0;

    // What the resampler was set up for; a stream that changes layout mid-way gets a new one.
    int swrChannels = 0;
    int swrFormat = AV_SAMPLE_FMT_NONE;
    int swrRate = 0;

    // Region in output samples, and the input sample from which resampling starts: a whole
    // number of resampler periods before the region, so output sample k always lies at input
    // time k / outRate, whatever the region.
    qint64 regionStart = 0;
    qint64 regionEnd = -1;
    qint64 feedFrom = 0;

    qint64 inputIndex = 0; // input-timeline index of the next decoded sample
    qint64 outIndex = 0; // output-timeline index of the next resampled sample
    bool synced = true; // inputIndex is known (false right after a seek)
    int framesBeforeSync = 0;
    int unsyncedFrames = 0;
    qint64 ptsOffset = 0; // input index = pts in samples - ptsOffset
    bool seeked = false;

    qint64 expectedInput = -1; // samples the container declares, when it does reliably
    bool trimToExpected = false;

    bool demuxEnded = false;
    bool finished = false;
    bool reachedRegionEnd = false;
    int decodeErrors = 0;
    int lastDecodeError = 0;
    QString lastDecodeMessage;
    int readError = 0;
    qint64 packets = 0;

    std::vector<float> pending;
    qint64 pendingPos = 0;
    qint64 pendingEnd = 0;
    qint64 delivered = 0;

    bool openStream();
    bool setUpRegion();
    void computeRegion();
    void adoptFrameRate(const AVFrame *f);
    bool calibrateAndSeek();
    bool restartWithoutSeek();
    int nextFrame();
    bool configureSwr(const AVFrame *f);
    qint64 convert(float *dst, qint64 space, const uint8_t **in, int count);
    qint64 processFrame(float *dst, qint64 space);
    void finish();
    void setError(AudioErrorCode code, const QString &what, int averror = 0)
    {
        if (!error.isError())
            error = fail(code, path, what, averror);
    }
};

bool FfmpegDecoder::Private::openStream()
{
    format.reset();
    codec.reset();
    swr.reset();
    FfmpegInput input;
    if (!FfmpegInput::open(path, &input, &error))
        return false;
    format = std::move(input.format);
    streamIndex = input.streamIndex;
    AVStream *st = format->streams[streamIndex];
    // Only our stream's packets are needed; the demuxer can skip the rest (cover art...).
    for (unsigned i = 0; i < format->nb_streams; ++i) {
        if (int(i) != streamIndex)
            format->streams[i]->discard = AVDISCARD_ALL;
    }
    timeBase = st->time_base;
    const AVCodec *decoder = avcodec_find_decoder(st->codecpar->codec_id);
    codec.reset(avcodec_alloc_context3(decoder));
    if (!codec) {
        setError(AudioErrorCode::ReadFailed, QStringLiteral("out of memory"));
        return false;
    }
    int ret = avcodec_parameters_to_context(codec.get(), st->codecpar);
    if (ret >= 0) {
        codec->thread_count = 1;
        codec->pkt_timebase = st->time_base;
        ret = avcodec_open2(codec.get(), decoder, nullptr);
    }
    if (ret < 0) {
        setError(AudioErrorCode::UnsupportedCodec, QStringLiteral("cannot open the decoder"), ret);
        return false;
    }
    srcRate = codec->sample_rate > 0 ? codec->sample_rate : st->codecpar->sample_rate;
    if (srcRate <= 0) {
        setError(AudioErrorCode::TruncatedOrCorrupt, QStringLiteral("no sample rate"));
        return false;
    }
    if (srcRate > kMaxSourceRate) {
        setError(AudioErrorCode::TruncatedOrCorrupt,
                 QStringLiteral("implausible sample rate %1 Hz").arg(srcRate));
        return false;
    }
    if (!frame)
        frame.reset(av_frame_alloc());
    if (!packet)
        packet.reset(av_packet_alloc());
    if (!frame || !packet) {
        setError(AudioErrorCode::ReadFailed, QStringLiteral("out of memory"));
        return false;
    }
    demuxEnded = false;
    swrChannels = 0;
    swrFormat = AV_SAMPLE_FMT_NONE;
    swrRate = 0;

    info = FfmpegInput::describe(format.get(), streamIndex);
    expectedInput = -1;
    if (!info.durationIsEstimate && info.durationSeconds > 0.0)
        expectedInput = qint64(std::llround(info.durationSeconds * srcRate));
    // The MP4 demuxer declares the exact length (edit list) but lets the AAC decoder run on
    // through the last frame's padding, so the tail is cut at the declared length.
    trimToExpected = expectedInput > 0 && QByteArray(format->iformat->name).startsWith("mov,mp4");
    return true;
}

void FfmpegDecoder::Private::computeRegion()
{
    // Input samples per whole number of output samples (441 for 44.1 -> 16 kHz).
    const qint64 period = srcRate / std::gcd(srcRate, outRate);
    regionStart = qint64(std::llround(options.startSeconds * outRate));
    regionEnd = options.endSeconds >= 0.0 ? qint64(std::llround(options.endSeconds * outRate)) : -1;
    const qint64 startInput = regionStart * srcRate / outRate;
    const qint64 preroll
            = std::max<qint64>(qint64(kPrerollSeconds * srcRate),
                               av_rescale(format->streams[streamIndex]->codecpar->seek_preroll,
                                          srcRate, std::max(1, codec->sample_rate)));
    feedFrom = std::max<qint64>(0, startInput - preroll) / period * period;
    outIndex = feedFrom * outRate / srcRate;
    if (expectedInput > 0)
        expectedInput = qint64(std::llround(info.durationSeconds * srcRate));
}

// Some decoders report their real rate only with the first frame (HE-AAC: the container
// says 22.05 kHz, SBR makes 44.1 kHz); region arithmetic is redone before anything is fed.
void FfmpegDecoder::Private::adoptFrameRate(const AVFrame *f)
{
    if (f->sample_rate > 0 && f->sample_rate != srcRate) {
        srcRate = f->sample_rate;
        computeRegion();
    }
}

bool FfmpegDecoder::Private::setUpRegion()
{
    computeRegion();
    inputIndex = 0;
    synced = true;
    seeked = false;
    if (feedFrom >= qint64(kSeekThresholdSeconds * srcRate) && format->pb
        && (format->pb->seekable & AVIO_SEEKABLE_NORMAL))
        return calibrateAndSeek();
    return true;
}

// Frame timestamps are mapped to sample indices with the offset seen at the start of the file:
// the second decoded frame starts where the first (possibly trimmed) one ended.
bool FfmpegDecoder::Private::calibrateAndSeek()
{
    int r = nextFrame();
    if (r == 1)
        adoptFrameRate(frame.get());
    const int firstLength = r == 1 ? frame->nb_samples : 0;
    r = r == 1 ? nextFrame() : r;
    if (r != 1 || frame->best_effort_timestamp == AV_NOPTS_VALUE)
        return restartWithoutSeek();
    ptsOffset = av_rescale_q(frame->best_effort_timestamp, timeBase, AVRational {1, srcRate})
            - firstLength;
    // Aim early enough that the frame dropped after the seek (see below) and a demuxer's
    // packet granularity (FLAC 4608, WAV ~4096 samples) still leave the sync frame before
    // feedFrom; otherwise we would have to start over from the beginning.
    const qint64 margin = qint64(kSeekMarginSeconds * srcRate);
    const int64_t target = av_rescale_q(std::max<qint64>(0, feedFrom - margin) + ptsOffset,
                                        AVRational {1, srcRate}, timeBase);
    if (av_seek_frame(format.get(), streamIndex, target, AVSEEK_FLAG_BACKWARD) < 0)
        return restartWithoutSeek();
    avcodec_flush_buffers(codec.get());
    demuxEnded = false;
    synced = false;
    seeked = true;
    // The first frame after a seek may be one the decoder trims (and whose time stamp then
    // does not match its samples); it lies in the pre-roll anyway.
    framesBeforeSync = 1;
    unsyncedFrames = 0;
    return true;
}

bool FfmpegDecoder::Private::restartWithoutSeek()
{
    if (error.isError())
        return false;
    decodeErrors = 0;
    packets = 0;
    readError = 0;
    if (!openStream())
        return false;
    computeRegion();
    inputIndex = 0;
    synced = true;
    seeked = false;
    return true;
}

// 1: a frame is in `frame`; 0: the decoder has nothing more; < 0: give up.
int FfmpegDecoder::Private::nextFrame()
{
    for (;;) {
        int ret = avcodec_receive_frame(codec.get(), frame.get());
        if (ret == 0)
            return 1;
        if (ret == AVERROR_EOF)
            return 0;
        if (ret != AVERROR(EAGAIN)) {
            ++decodeErrors;
            lastDecodeError = ret;
            lastDecodeMessage = FfmpegLog::describe(ret);
            if (demuxEnded)
                return 0;
            continue;
        }
        if (demuxEnded)
            return 0;
        ret = av_read_frame(format.get(), packet.get());
        if (ret < 0) {
            if (ret != AVERROR_EOF)
                readError = ret;
            demuxEnded = true;
            avcodec_send_packet(codec.get(), nullptr);
            continue;
        }
        if (packet->stream_index != streamIndex) {
            av_packet_unref(packet.get());
            continue;
        }
        ++packets;
        ret = avcodec_send_packet(codec.get(), packet.get());
        av_packet_unref(packet.get());
        if (ret < 0 && ret != AVERROR(EAGAIN)) {
            ++decodeErrors;
            lastDecodeError = ret;
            lastDecodeMessage = FfmpegLog::describe(ret);
            // A stream of nothing but undecodable packets is not worth reading to the end.
            if (decodeErrors > 200 && decodeErrors * 2 > packets)
                return ret;
        }
    }
}

bool FfmpegDecoder::Private::configureSwr(const AVFrame *f)
{
    const int channels = f->ch_layout.nb_channels;
    const int rate = f->sample_rate > 0 ? f->sample_rate : srcRate;
    if (swr && channels == swrChannels && f->format == swrFormat && rate == swrRate)
        return true;
    // A change of layout mid-stream (rare: concatenated files) starts a fresh resampler; the
    // old one's few buffered samples are dropped.
    swr.reset();
    if (channels <= 0 || channels > 64) {
        setError(AudioErrorCode::TruncatedOrCorrupt,
                 QStringLiteral("bad channel count %1").arg(channels));
        return false;
    }
    if (rate > kMaxSourceRate) {
        setError(AudioErrorCode::TruncatedOrCorrupt,
                 QStringLiteral("implausible sample rate %1 Hz").arg(rate));
        return false;
    }
    // av_channel_layout_copy() uninitialises its destination first (and may free u.map), so
    // the destination must start zeroed, never as stack garbage (docs/ARCHITECTURE.md §1.7).
    AVChannelLayout inLayout {};
    if (f->ch_layout.order == AV_CHANNEL_ORDER_UNSPEC)
        av_channel_layout_default(&inLayout, channels);
    else
        av_channel_layout_copy(&inLayout, &f->ch_layout);
    AVChannelLayout mono = AV_CHANNEL_LAYOUT_MONO;
    SwrContext *raw = nullptr;
    int ret = swr_alloc_set_opts2(&raw, &mono, AV_SAMPLE_FMT_FLT, outRate, &inLayout,
                                  AVSampleFormat(f->format), rate, 0, nullptr);
    av_channel_layout_uninit(&inLayout);
    swr.reset(raw);
    if (ret >= 0 && swr) {
        // swr's polyphase sinc with 24 taps per side instead of 32, passband to 0.95 of the
        // output Nyquist. Measured for 44.1 -> 16 kHz: -1.3 dB at 7 kHz, 9 kHz aliases to
        // 7 kHz at about -50 dB, and decode + resample of an MP3 runs about 6 % faster than
        // with swr's defaults (the resampler is a quarter of the time).
        ret = av_opt_set_int(swr.get(), "filter_size", kResamplerFilterSize, 0);
        if (ret >= 0)
            ret = av_opt_set_double(swr.get(), "cutoff", kResamplerCutoff, 0);
    }
    if (ret >= 0 && swr && channels > 1) {
        // A plain average of all channels (swr's default mono downmix weights by position).
        std::vector<double> matrix(size_t(channels), 1.0 / channels);
        ret = swr_set_matrix(swr.get(), matrix.data(), channels);
    }
    if (ret >= 0 && swr)
        ret = swr_init(swr.get());
    if (ret < 0 || !swr) {
        swr.reset();
        setError(AudioErrorCode::UnsupportedCodec,
                 QStringLiteral("cannot resample %1 channels of %2 at %3 Hz")
                         .arg(channels)
                         .arg(QString::fromUtf8(av_get_sample_fmt_name(AVSampleFormat(f->format))))
                         .arg(rate),
                 ret);
        return false;
    }
    swrChannels = channels;
    swrFormat = f->format;
    swrRate = rate;
    return true;
}

// Resamples `count` input frames (in == nullptr: the resampler's tail) straight into `dst`
// when they fit, else into `pending`; keeps only the region. Returns frames put in `dst`.
qint64 FfmpegDecoder::Private::convert(float *dst, qint64 space, const uint8_t **in, int count)
{
    const int bound = swr_get_out_samples(swr.get(), count);
    if (bound < 0) {
        setError(AudioErrorCode::TruncatedOrCorrupt, QStringLiteral("resampling failed"), bound);
        return -1;
    }
    const bool direct = bound <= space;
    if (!direct && pending.size() < size_t(bound))
        pending.resize(size_t(bound));
    float *target = direct ? dst : pending.data();
    uint8_t *outPlane = reinterpret_cast<uint8_t *>(target);
    const int capacity = direct ? int(std::min<qint64>(space, INT_MAX)) : bound;
    const int got = swr_convert(swr.get(), &outPlane, capacity, in, count);
    if (got < 0) {
        setError(AudioErrorCode::TruncatedOrCorrupt, QStringLiteral("resampling failed"), got);
        return -1;
    }
    const qint64 begin = outIndex;
    const qint64 end = outIndex + got;
    outIndex = end;
    const qint64 keepFrom = std::max(begin, regionStart);
    qint64 keepTo = end;
    if (regionEnd >= 0 && end >= regionEnd) {
        keepTo = regionEnd;
        reachedRegionEnd = true;
    }
    const qint64 keep = std::max<qint64>(0, keepTo - keepFrom);
    const qint64 offset = keepFrom - begin;
    if (keep == 0)
        return 0;
    if (direct) {
        if (offset > 0)
            std::memmove(dst, dst + offset, size_t(keep) * sizeof(float));
        return keep;
    }
    const qint64 now = std::min(keep, space);
    std::memcpy(dst, target + offset, size_t(now) * sizeof(float));
    pendingPos = offset + now;
    pendingEnd = offset + keep;
    return now;
}

// Feeds the decoded frame in `frame` to the resampler, skipping what precedes feedFrom.
qint64 FfmpegDecoder::Private::processFrame(float *dst, qint64 space)
{
    const AVFrame *f = frame.get();
    if (!synced) {
        if (framesBeforeSync > 0) {
            --framesBeforeSync;
            return 0;
        }
        if (f->best_effort_timestamp == AV_NOPTS_VALUE) {
            if (++unsyncedFrames > 64)
                return restartWithoutSeek() ? 0 : -1;
            return 0;
        }
        const qint64 index
                = av_rescale_q(f->best_effort_timestamp, timeBase, AVRational {1, srcRate})
                - ptsOffset;
        // The seek went past the pre-roll: decode from the start instead.
        if (index > feedFrom)
            return restartWithoutSeek() ? 0 : -1;
        inputIndex = index;
        synced = true;
    }
    if (!swr && !seeked && inputIndex == 0)
        adoptFrameRate(f);
    const qint64 first = inputIndex;
    int count = f->nb_samples;
    inputIndex += count;
    if (inputIndex <= feedFrom)
        return 0;
    const int skip = first < feedFrom ? int(feedFrom - first) : 0;
    if (trimToExpected)
        count = int(std::min<qint64>(count, expectedInput - first));
    count -= skip;
    if (count <= 0)
        return 0;
    if (!configureSwr(f))
        return -1;
    const uint8_t *planes[AV_NUM_DATA_POINTERS];
    const uint8_t **in = planes;
    std::vector<const uint8_t *> manyPlanes;
    const int channels = f->ch_layout.nb_channels;
    const int bytes = av_get_bytes_per_sample(AVSampleFormat(f->format));
    if (av_sample_fmt_is_planar(AVSampleFormat(f->format))) {
        if (channels > AV_NUM_DATA_POINTERS) {
            manyPlanes.resize(size_t(channels));
            in = manyPlanes.data();
        }
        for (int c = 0; c < channels; ++c)
            in[c] = f->extended_data[c] + size_t(skip) * bytes;
    } else {
        in[0] = f->extended_data[0] + size_t(skip) * bytes * channels;
    }
    return convert(dst, space, in, count);
}

// The decoder is drained: flush the resampler, then judge whether the file was complete.
void FfmpegDecoder::Private::finish()
{
    finished = true;
    const bool wholeTail = !reachedRegionEnd;
    if (!wholeTail)
        return;
    if (readError != 0 && readError != AVERROR_EOF) {
        setError(readError == AVERROR_INVALIDDATA ? AudioErrorCode::TruncatedOrCorrupt
                                                  : AudioErrorCode::ReadFailed,
                 QStringLiteral("reading stopped after %1 s")
                         .arg(double(inputIndex) / srcRate, 0, 'f', 2),
                 readError);
        return;
    }
    // After a seek that yielded no frame the file ends before the seek target.
    const qint64 decoded = synced ? inputIndex : (seeked ? feedFrom : 0);
    if (expectedInput > 0) {
        const qint64 tolerance
                = std::max<qint64>(qint64(kMissingToleranceSeconds * srcRate), expectedInput / 200);
        if (expectedInput - decoded > tolerance) {
            QString what = QStringLiteral("decoded %1 s of the %2 s the container declares")
                                   .arg(double(decoded) / srcRate, 0, 'f', 2)
                                   .arg(double(expectedInput) / srcRate, 0, 'f', 2);
            if (decodeErrors > 0)
                what += QStringLiteral("; ") + lastDecodeMessage;
            setError(AudioErrorCode::TruncatedOrCorrupt, what, 0);
            return;
        }
    }
    // Lossless codecs check every frame (FLAC CRCs, PCM block sizes): one failure is damage.
    // Lossy streams often end in a cut or junk frame that players skip; a couple are
    // tolerated, more is corruption.
    const AVCodecDescriptor *codecInfo = avcodec_descriptor_get(codec->codec_id);
    const bool lossless = codecInfo && (codecInfo->props & AV_CODEC_PROP_LOSSLESS)
            && !(codecInfo->props & AV_CODEC_PROP_LOSSY);
    const qint64 tolerated = lossless ? 0 : std::max<qint64>(2, packets / 100);
    if (decodeErrors > tolerated || (decodeErrors > 0 && decoded == 0)) {
        setError(AudioErrorCode::TruncatedOrCorrupt,
                 QStringLiteral("%1 of %2 packets failed to decode; last: %3")
                         .arg(decodeErrors)
                         .arg(packets)
                         .arg(lastDecodeMessage));
    }
}

FfmpegDecoder::FfmpegDecoder() : d(std::make_unique<Private>()) { }

FfmpegDecoder::~FfmpegDecoder() = default;

StreamInfo FfmpegDecoder::probe(const QString &path, AudioError *error)
{
    FfmpegInput input;
    AudioError localError;
    if (!FfmpegInput::open(path, &input, &localError)) {
        if (error)
            *error = localError;
        return {};
    }
    if (error)
        *error = {};
    return FfmpegInput::describe(input.format.get(), input.streamIndex);
}

bool FfmpegDecoder::open(const QString &path, const DecodeOptions &options)
{
    close();
    d->path = path;
    d->options = options;
    d->outRate = options.sampleRate;
    if (options.sampleRate < 1000 || options.sampleRate > 384000 || options.blockFrames < 1
        || options.blockFrames > kMaxBlockFrames || !std::isfinite(options.startSeconds)
        || options.startSeconds < 0.0 || options.startSeconds > kMaxSeconds
        || options.endSeconds > kMaxSeconds || std::isnan(options.endSeconds)
        || (options.endSeconds >= 0.0 && options.endSeconds <= options.startSeconds)) {
        d->error = AudioError::make(
                AudioErrorCode::InvalidArgument, path,
                QStringLiteral("bad decode options: %1 Hz, region %2..%3 s, %4 frames per block")
                        .arg(options.sampleRate)
                        .arg(options.startSeconds)
                        .arg(options.endSeconds)
                        .arg(options.blockFrames));
        return false;
    }
    if (!d->openStream() || !d->setUpRegion()) {
        const AudioError error = d->error;
        close();
        d->error = error;
        return false;
    }
    return true;
}

void FfmpegDecoder::close()
{
    d = std::make_unique<Private>();
}

bool FfmpegDecoder::isOpen() const
{
    return bool(d->format);
}

qint64 FfmpegDecoder::read(std::vector<float> &block)
{
    block.resize(size_t(std::max(1, d->options.blockFrames)));
    const qint64 n = read(block.data(), qint64(block.size()));
    block.resize(size_t(std::max<qint64>(0, n)));
    return n;
}

qint64 FfmpegDecoder::read(float *out, qint64 maxFrames)
{
    if (!d->format)
        return d->error.isError() ? -1 : 0;
    if (maxFrames <= 0 || !out)
        return 0;
    qint64 n = 0;
    if (d->pendingEnd > d->pendingPos) {
        n = std::min(maxFrames, d->pendingEnd - d->pendingPos);
        std::memcpy(out, d->pending.data() + d->pendingPos, size_t(n) * sizeof(float));
        d->pendingPos += n;
    }
    while (n < maxFrames && !d->finished && !d->error.isError()) {
        if (d->reachedRegionEnd) {
            d->finished = true;
            break;
        }
        const int r = d->nextFrame();
        qint64 got = 0;
        if (r < 0) {
            d->setError(AudioErrorCode::TruncatedOrCorrupt, QStringLiteral("decoding failed"), r);
            break;
        }
        if (r == 0) {
            if (d->swr)
                got = d->convert(out + n, maxFrames - n, nullptr, 0);
            if (got >= 0) {
                n += got;
                d->finish();
            }
            d->finished = true;
            break;
        }
        got = d->processFrame(out + n, maxFrames - n);
        if (got < 0)
            break;
        n += got;
    }
    d->delivered += n;
    if (n == 0 && d->error.isError())
        return -1;
    return n;
}

const AudioError &FfmpegDecoder::error() const
{
    return d->error;
}

StreamInfo FfmpegDecoder::info() const
{
    return d->info;
}

const DecodeOptions &FfmpegDecoder::options() const
{
    return d->options;
}

qint64 FfmpegDecoder::framesRead() const
{
    return d->delivered;
}

bool FfmpegDecoder::seekedToRegion() const
{
    return d->seeked;
}

DecodedAudio FfmpegDecoder::decodeFile(const QString &path, const DecodeOptions &options)
{
    DecodedAudio result;
    result.sampleRate = options.sampleRate;
    FfmpegDecoder decoder;
    if (!decoder.open(path, options)) {
        result.error = decoder.error();
        return result;
    }
    result.info = decoder.info();
    double seconds = result.info.durationSeconds - options.startSeconds;
    if (options.endSeconds >= 0.0)
        seconds = std::min(seconds, options.endSeconds - options.startSeconds);
    // Reserve for what the container declares (capped: a bogus header must not allocate GBs).
    seconds = std::clamp(seconds, 0.0, 4.0 * 3600.0);
    const qint64 block = std::max(1, options.blockFrames);
    std::vector<float> &samples = result.samples;
    samples.reserve(size_t(seconds * options.sampleRate) + size_t(block));
    qint64 filled = 0;
    for (;;) {
        if (qint64(samples.size()) - filled < block)
            samples.resize(size_t(filled + block));
        const qint64 n = decoder.read(samples.data() + filled, qint64(samples.size()) - filled);
        if (n < 0) {
            result.error = decoder.error();
            samples.clear();
            samples.shrink_to_fit();
            return result;
        }
        if (n == 0)
            break;
        filled += n;
    }
    samples.resize(size_t(filled));
    if (decoder.error().isError()) {
        result.error = decoder.error();
        samples.clear();
    }
    return result;
}

} // namespace timbre::audio
