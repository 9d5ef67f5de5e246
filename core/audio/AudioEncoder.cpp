// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audio/AudioEncoder.h"

#include "core/audio/FfmpegHandles.h"
#include "core/audio/FfmpegLog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <taglib/id3v2tag.h>
#include <taglib/wavfile.h>

#include <algorithm>
#include <cstdio>

extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/dict.h>
#include <libavutil/opt.h>
#include <libavutil/samplefmt.h>
}

namespace timbre::audio {

using namespace ffmpeg;

namespace {

struct FormatSpec
{
    const char *muxer;
    const char *encoder;
    qint64 bitRate; // 0: codec default / lossless
};

FormatSpec specFor(AudioFormat format)
{
    switch (format) {
    case AudioFormat::Wav:
        return {"wav", "pcm_s16le", 0};
    case AudioFormat::Flac:
        return {"flac", "flac", 0};
    case AudioFormat::Ogg:
        return {"ogg", "libvorbis", 0}; // quality-based VBR, set below
    case AudioFormat::Opus:
        return {"opus", "libopus", 128000};
    case AudioFormat::Mp3:
        return {"mp3", "libmp3lame", 192000};
    case AudioFormat::M4a:
        return {"ipod", "aac", 192000};
    case AudioFormat::Aiff:
        return {"aiff", "pcm_s16be", 0};
    }
    return {"wav", "pcm_s16le", 0};
}

bool hasTags(const AudioTags &tags)
{
    return !tags.title.isEmpty() || !tags.artist.isEmpty() || !tags.album.isEmpty()
            || !tags.genre.isEmpty() || tags.year > 0 || tags.track > 0;
}

// FFmpeg's WAV muxer writes tags only as RIFF INFO, but TagLib 1.x's WAV::File::tag() (what
// FileRef shows) is the ID3v2 chunk; add one so both kinds of reader find the tags.
bool addWavId3Chunk(const QString &wavPath, const AudioTags &tags)
{
    TagLib::RIFF::WAV::File file(QFile::encodeName(wavPath).constData(), false);
    if (!file.isValid() || !file.ID3v2Tag())
        return false;
    auto text = [](const QString &s) {
        return TagLib::String(s.toStdString(), TagLib::String::UTF8);
    };
    TagLib::ID3v2::Tag *tag = file.ID3v2Tag();
    tag->setTitle(text(tags.title));
    tag->setArtist(text(tags.artist));
    tag->setAlbum(text(tags.album));
    tag->setGenre(text(tags.genre));
    tag->setYear(unsigned(std::max(0, tags.year)));
    tag->setTrack(unsigned(std::max(0, tags.track)));
    return file.save(TagLib::RIFF::WAV::File::ID3v2, TagLib::File::StripNone);
}

// Float when the encoder takes it (no extra quantisation), else its first format.
AVSampleFormat chooseSampleFormat(const AVCodec *codec)
{
    if (!codec->sample_fmts)
        return AV_SAMPLE_FMT_FLT;
    for (const AVSampleFormat *f = codec->sample_fmts; *f != AV_SAMPLE_FMT_NONE; ++f) {
        if (*f == AV_SAMPLE_FMT_FLT || *f == AV_SAMPLE_FMT_FLTP)
            return *f;
    }
    return codec->sample_fmts[0];
}

// The input rate when supported, else the smallest supported rate above it (Opus: 48 kHz).
int chooseSampleRate(const AVCodec *codec, int wanted)
{
    if (!codec->supported_samplerates)
        return wanted;
    int best = 0;
    int highest = 0;
    for (const int *r = codec->supported_samplerates; *r != 0; ++r) {
        if (*r == wanted)
            return wanted;
        highest = std::max(highest, *r);
        if (*r > wanted && (best == 0 || *r < best))
            best = *r;
    }
    return best != 0 ? best : highest;
}

bool supportsChannels(const AVCodec *codec, int channels)
{
    if (!codec->ch_layouts)
        return true;
    for (const AVChannelLayout *l = codec->ch_layouts; l->nb_channels != 0; ++l) {
        if (l->nb_channels == channels)
            return true;
    }
    return false;
}

class EncodeSession
{
public:
    EncodeSession(const QString &path, const QString &tempPath) : m_path(path), m_tempPath(tempPath)
    { }

    AudioError run(const std::vector<float> &interleaved, int channels, int sampleRate,
                   AudioFormat format, const AudioTags &tags);

private:
    AudioError fail(AudioErrorCode code, const QString &what, int averror = 0) const
    {
        const QString detail = FfmpegLog::describe(averror);
        return AudioError::make(code, m_path,
                                detail.isEmpty() ? what : what + QStringLiteral(": ") + detail);
    }
    int encodeFrame(AVFrame *frame);
    int drainFifo(bool final);

    QString m_path;
    QString m_tempPath;
    OutputFormatPtr m_format;
    CodecContextPtr m_codec;
    FifoPtr m_fifo;
    FramePtr m_frame;
    PacketPtr m_packet;
    AVStream *m_stream = nullptr;
    int m_frameSize = 0;
    bool m_padLastFrame = false;
    qint64 m_samplesSent = 0;
};

int EncodeSession::encodeFrame(AVFrame *frame)
{
    int ret = avcodec_send_frame(m_codec.get(), frame);
    if (ret < 0)
        return ret;
    for (;;) {
        ret = avcodec_receive_packet(m_codec.get(), m_packet.get());
        if (ret == AVERROR(EAGAIN) || ret == AVERROR_EOF)
            return 0;
        if (ret < 0)
            return ret;
        av_packet_rescale_ts(m_packet.get(), m_codec->time_base, m_stream->time_base);
        m_packet->stream_index = m_stream->index;
        ret = av_interleaved_write_frame(m_format.get(), m_packet.get());
        if (ret < 0)
            return ret;
    }
}

// Sends whole encoder frames from the FIFO; with `final`, also the short remainder.
int EncodeSession::drainFifo(bool final)
{
    for (;;) {
        const int available = av_audio_fifo_size(m_fifo.get());
        if (available == 0 || (!final && available < m_frameSize))
            return 0;
        const int take = std::min(available, m_frameSize);
        int ret = av_frame_make_writable(m_frame.get());
        if (ret < 0)
            return ret;
        m_frame->nb_samples = take;
        if (av_audio_fifo_read(m_fifo.get(), reinterpret_cast<void **>(m_frame->data), take)
            != take)
            return AVERROR(EIO);
        if (take < m_frameSize && m_padLastFrame) {
            av_samples_set_silence(m_frame->data, take, m_frameSize - take,
                                   m_codec->ch_layout.nb_channels, m_codec->sample_fmt);
            m_frame->nb_samples = m_frameSize;
        }
        m_frame->pts = m_samplesSent;
        m_samplesSent += m_frame->nb_samples;
        ret = encodeFrame(m_frame.get());
        if (ret < 0)
            return ret;
    }
}

AudioError EncodeSession::run(const std::vector<float> &interleaved, int channels, int sampleRate,
                              AudioFormat format, const AudioTags &tags)
{
    const FormatSpec spec = specFor(format);
    const AVCodec *codec = avcodec_find_encoder_by_name(spec.encoder);
    if (!codec) {
        return fail(AudioErrorCode::UnsupportedCodec,
                    QStringLiteral("FFmpeg has no encoder %1").arg(QLatin1String(spec.encoder)));
    }
    if (!supportsChannels(codec, channels)) {
        return fail(AudioErrorCode::InvalidArgument,
                    QStringLiteral("%1 cannot encode %2 channels")
                            .arg(QLatin1String(spec.encoder))
                            .arg(channels));
    }

    AVFormatContext *rawFormat = nullptr;
    const QByteArray tempName = QFile::encodeName(m_tempPath);
    int ret = avformat_alloc_output_context2(&rawFormat, nullptr, spec.muxer, tempName.constData());
    if (ret < 0 || !rawFormat)
        return fail(AudioErrorCode::WriteFailed, QStringLiteral("cannot create muxer"), ret);
    m_format.reset(rawFormat);

    m_codec.reset(avcodec_alloc_context3(codec));
    if (!m_codec)
        return fail(AudioErrorCode::WriteFailed, QStringLiteral("out of memory"));
    AVCodecContext *enc = m_codec.get();
    enc->sample_fmt = chooseSampleFormat(codec);
    enc->sample_rate = chooseSampleRate(codec, sampleRate);
    av_channel_layout_default(&enc->ch_layout, channels);
    enc->time_base = AVRational {1, enc->sample_rate};
    enc->thread_count = 1;
    if (spec.bitRate > 0)
        enc->bit_rate = spec.bitRate;
    if (format == AudioFormat::Ogg) {
        enc->flags |= AV_CODEC_FLAG_QSCALE;
        enc->global_quality = 5 * FF_QP2LAMBDA; // Vorbis q5, about 160 kbit/s
    }
    if (m_format->oformat->flags & AVFMT_GLOBALHEADER)
        enc->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    ret = avcodec_open2(enc, codec, nullptr);
    if (ret < 0)
        return fail(AudioErrorCode::WriteFailed, QStringLiteral("cannot open encoder"), ret);

    m_stream = avformat_new_stream(m_format.get(), nullptr);
    if (!m_stream)
        return fail(AudioErrorCode::WriteFailed, QStringLiteral("cannot create stream"));
    ret = avcodec_parameters_from_context(m_stream->codecpar, enc);
    if (ret < 0)
        return fail(AudioErrorCode::WriteFailed, QStringLiteral("bad codec parameters"), ret);
    m_stream->time_base = enc->time_base;

    AVDictionary **meta = &m_format->metadata;
    auto setTag = [meta](const char *key, const QString &value) {
        if (!value.isEmpty())
            av_dict_set(meta, key, value.toUtf8().constData(), 0);
    };
    setTag("title", tags.title);
    setTag("artist", tags.artist);
    setTag("album", tags.album);
    setTag("genre", tags.genre);
    if (tags.year > 0)
        setTag("date", QString::number(tags.year));
    if (tags.track > 0)
        setTag("track", QString::number(tags.track));

    ret = avio_open(&m_format->pb, tempName.constData(), AVIO_FLAG_WRITE);
    if (ret < 0)
        return fail(AudioErrorCode::WriteFailed, QStringLiteral("cannot open for writing"), ret);

    AVDictionary *muxerOptions = nullptr;
    if (format == AudioFormat::Aiff)
        av_dict_set(&muxerOptions, "write_id3v2", "1", 0); // TagLib reads AIFF tags from ID3v2
    ret = avformat_write_header(m_format.get(), &muxerOptions);
    av_dict_free(&muxerOptions);
    if (ret < 0)
        return fail(AudioErrorCode::WriteFailed, QStringLiteral("cannot write header"), ret);

    SwrContext *rawSwr = nullptr;
    AVChannelLayout inLayout {}; // zeroed: FFmpeg's layout calls may read or free its fields
    av_channel_layout_default(&inLayout, channels);
    ret = swr_alloc_set_opts2(&rawSwr, &enc->ch_layout, enc->sample_fmt, enc->sample_rate,
                              &inLayout, AV_SAMPLE_FMT_FLT, sampleRate, 0, nullptr);
    av_channel_layout_uninit(&inLayout);
    SwrPtr swr(rawSwr);
    if (ret < 0 || !swr || (ret = swr_init(swr.get())) < 0)
        return fail(AudioErrorCode::WriteFailed, QStringLiteral("cannot set up resampler"), ret);

    const bool variable = codec->capabilities & AV_CODEC_CAP_VARIABLE_FRAME_SIZE;
    m_frameSize = (enc->frame_size > 0 && !variable) ? enc->frame_size : 4096;
    m_padLastFrame = !variable && !(codec->capabilities & AV_CODEC_CAP_SMALL_LAST_FRAME);

    constexpr int kChunk = 8192;
    const int chunkOut = swr_get_out_samples(swr.get(), kChunk) + 64;
    m_fifo.reset(av_audio_fifo_alloc(enc->sample_fmt, channels, chunkOut + m_frameSize));
    m_frame.reset(av_frame_alloc());
    FramePtr converted(av_frame_alloc());
    m_packet.reset(av_packet_alloc());
    if (!m_fifo || !m_frame || !converted || !m_packet)
        return fail(AudioErrorCode::WriteFailed, QStringLiteral("out of memory"));
    m_frame->format = enc->sample_fmt;
    m_frame->sample_rate = enc->sample_rate;
    m_frame->nb_samples = m_frameSize;
    av_channel_layout_copy(&m_frame->ch_layout, &enc->ch_layout);
    converted->format = enc->sample_fmt;
    converted->nb_samples = chunkOut;
    av_channel_layout_copy(&converted->ch_layout, &enc->ch_layout);
    if ((ret = av_frame_get_buffer(m_frame.get(), 0)) < 0
        || (ret = av_frame_get_buffer(converted.get(), 0)) < 0)
        return fail(AudioErrorCode::WriteFailed, QStringLiteral("out of memory"), ret);

    const qint64 totalFrames = qint64(interleaved.size()) / channels;
    for (qint64 done = 0;;) {
        const int n = int(std::min<qint64>(kChunk, totalFrames - done));
        const uint8_t *in = reinterpret_cast<const uint8_t *>(interleaved.data() + done * channels);
        // n == 0 flushes the resampler's tail (input pointer null).
        const int got = swr_convert(swr.get(), converted->data, chunkOut, n > 0 ? &in : nullptr, n);
        if (got < 0)
            return fail(AudioErrorCode::WriteFailed, QStringLiteral("resampling failed"), got);
        if (got > 0
            && av_audio_fifo_write(m_fifo.get(), reinterpret_cast<void **>(converted->data), got)
                    != got)
            return fail(AudioErrorCode::WriteFailed, QStringLiteral("out of memory"));
        if ((ret = drainFifo(false)) < 0)
            return fail(AudioErrorCode::WriteFailed, QStringLiteral("encoding failed"), ret);
        done += n;
        if (n == 0 && got == 0)
            break;
    }
    if ((ret = drainFifo(true)) < 0 || (ret = encodeFrame(nullptr)) < 0)
        return fail(AudioErrorCode::WriteFailed, QStringLiteral("encoding failed"), ret);
    if ((ret = av_write_trailer(m_format.get())) < 0)
        return fail(AudioErrorCode::WriteFailed, QStringLiteral("cannot finish file"), ret);
    if ((ret = avio_closep(&m_format->pb)) < 0)
        return fail(AudioErrorCode::WriteFailed, QStringLiteral("cannot close file"), ret);
    return {};
}

} // namespace

AudioError AudioEncoder::write(const QString &path, const std::vector<float> &interleaved,
                               int channels, int sampleRate, AudioFormat format,
                               const AudioTags &tags)
{
    FfmpegLog::install();
    FfmpegLog::clear();
    if (path.isEmpty())
        return AudioError::make(AudioErrorCode::InvalidArgument, path,
                                QStringLiteral("empty path"));
    if (channels < 1 || channels > 8 || sampleRate < 1000 || sampleRate > 384000) {
        return AudioError::make(
                AudioErrorCode::InvalidArgument, path,
                QStringLiteral("bad layout: %1 channels at %2 Hz").arg(channels).arg(sampleRate));
    }
    if (interleaved.empty() || interleaved.size() % size_t(channels) != 0) {
        return AudioError::make(AudioErrorCode::InvalidArgument, path,
                                QStringLiteral("%1 samples is not a positive whole number of "
                                               "%2-channel frames")
                                        .arg(interleaved.size())
                                        .arg(channels));
    }
    const QFileInfo target(path);
    if (!target.absoluteDir().exists()) {
        return AudioError::make(AudioErrorCode::WriteFailed, path,
                                QStringLiteral("folder does not exist"));
    }
    const QString tempPath = target.absoluteFilePath() + QStringLiteral(".part");
    QFile::remove(tempPath);

    AudioError error;
    {
        EncodeSession session(path, tempPath);
        error = session.run(interleaved, channels, sampleRate, format, tags);
    } // closes the temp file before it is renamed or removed
    if (!error.isError() && format == AudioFormat::Wav && hasTags(tags)
        && !addWavId3Chunk(tempPath, tags)) {
        error = AudioError::make(AudioErrorCode::WriteFailed, path,
                                 QStringLiteral("cannot add the ID3v2 tag chunk"));
    }
    if (error.isError()) {
        QFile::remove(tempPath);
        return error;
    }
    // rename(2) replaces an existing file atomically, unlike QFile::rename.
    if (std::rename(QFile::encodeName(tempPath).constData(),
                    QFile::encodeName(target.absoluteFilePath()).constData())
        != 0) {
        QFile::remove(tempPath);
        return AudioError::make(AudioErrorCode::WriteFailed, path,
                                QStringLiteral("cannot rename temporary file"));
    }
    return {};
}

QString AudioEncoder::extension(AudioFormat format)
{
    switch (format) {
    case AudioFormat::Wav:
        return QStringLiteral("wav");
    case AudioFormat::Flac:
        return QStringLiteral("flac");
    case AudioFormat::Ogg:
        return QStringLiteral("ogg");
    case AudioFormat::Opus:
        return QStringLiteral("opus");
    case AudioFormat::Mp3:
        return QStringLiteral("mp3");
    case AudioFormat::M4a:
        return QStringLiteral("m4a");
    case AudioFormat::Aiff:
        return QStringLiteral("aiff");
    }
    return {};
}

std::optional<AudioFormat> AudioEncoder::formatFromExtension(const QString &extensionOrPath)
{
    QString ext = extensionOrPath.trimmed().toLower();
    const int dot = ext.lastIndexOf(QLatin1Char('.'));
    if (dot >= 0)
        ext = ext.mid(dot + 1);
    if (ext == QLatin1String("wav") || ext == QLatin1String("wave"))
        return AudioFormat::Wav;
    if (ext == QLatin1String("flac"))
        return AudioFormat::Flac;
    if (ext == QLatin1String("ogg") || ext == QLatin1String("oga"))
        return AudioFormat::Ogg;
    if (ext == QLatin1String("opus"))
        return AudioFormat::Opus;
    if (ext == QLatin1String("mp3"))
        return AudioFormat::Mp3;
    if (ext == QLatin1String("m4a") || ext == QLatin1String("mp4"))
        return AudioFormat::M4a;
    if (ext == QLatin1String("aiff") || ext == QLatin1String("aif"))
        return AudioFormat::Aiff;
    return std::nullopt;
}

QList<AudioFormat> AudioEncoder::allFormats()
{
    return {AudioFormat::Wav, AudioFormat::Flac, AudioFormat::Ogg, AudioFormat::Opus,
            AudioFormat::Mp3, AudioFormat::M4a,  AudioFormat::Aiff};
}

} // namespace timbre::audio
