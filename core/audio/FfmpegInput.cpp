// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audio/FfmpegInput.h"

#include "core/audio/FfmpegLog.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cmath>

namespace timbre::audio {

namespace {

AudioError fail(AudioErrorCode code, const QString &path, const QString &what, int averror = 0)
{
    const QString detail = FfmpegLog::describe(averror);
    return AudioError::make(code, path,
                            detail.isEmpty() ? what : what + QStringLiteral(": ") + detail);
}

} // namespace

bool FfmpegInput::recognisedByContent(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    constexpr int kProbeBytes = 64 * 1024;
    QByteArray bytes = file.read(kProbeBytes);
    const int size = int(bytes.size());
    bytes.append(QByteArray(AVPROBE_PADDING_SIZE, '\0'));
    const QByteArray name = QFile::encodeName(path);
    AVProbeData probe {};
    probe.filename = name.constData();
    probe.buf = reinterpret_cast<unsigned char *>(bytes.data());
    probe.buf_size = size;
    int score = 0;
    const AVInputFormat *format = av_probe_input_format3(&probe, 1, &score);
    // A file extension alone scores at most AVPROBE_SCORE_EXTENSION.
    return format && score > AVPROBE_SCORE_EXTENSION;
}

bool FfmpegInput::open(const QString &path, FfmpegInput *input, AudioError *error)
{
    FfmpegLog::install();
    FfmpegLog::clear();
    const QFileInfo file(path);
    if (path.isEmpty() || !file.exists()) {
        *error = fail(AudioErrorCode::FileNotFound, path, QStringLiteral("no such file"));
        return false;
    }
    if (file.isDir()) {
        *error = fail(AudioErrorCode::NotAudio, path, QStringLiteral("is a folder"));
        return false;
    }
    if (file.size() == 0) {
        *error = fail(AudioErrorCode::EmptyFile, path, QStringLiteral("0 bytes"));
        return false;
    }
    AVFormatContext *raw = nullptr;
    int ret = avformat_open_input(&raw, QFile::encodeName(path).constData(), nullptr, nullptr);
    if (ret < 0) {
        // The file exists and is not empty. Short of an I/O failure, either its bytes match no
        // container (a text file named .mp3: the MP3 demuxer, picked by extension, says
        // EINVAL) or they start like one that is damaged (an MP4 cut before its moov atom).
        const QString detail = FfmpegLog::describe(ret);
        const bool io = ret == AVERROR(EACCES) || ret == AVERROR(EPERM) || ret == AVERROR(EIO)
                || ret == AVERROR(ENOMEM);
        AudioErrorCode code = AudioErrorCode::NotAudio;
        if (ret == AVERROR(ENOENT))
            code = AudioErrorCode::FileNotFound;
        else if (io)
            code = AudioErrorCode::ReadFailed;
        else if (recognisedByContent(path))
            code = AudioErrorCode::TruncatedOrCorrupt;
        *error = AudioError::make(code, path, QStringLiteral("FFmpeg cannot open it: ") + detail);
        return false;
    }
    input->format.reset(raw);
    ret = avformat_find_stream_info(raw, nullptr);
    if (ret < 0) {
        *error = fail(AudioErrorCode::TruncatedOrCorrupt, path,
                      QStringLiteral("cannot read the stream parameters"), ret);
        return false;
    }
    ret = av_find_best_stream(raw, AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
    if (ret < 0) {
        *error = fail(AudioErrorCode::NotAudio, path,
                      QStringLiteral("no audio stream in %1 data")
                              .arg(QString::fromUtf8(raw->iformat->name)),
                      ret == AVERROR_STREAM_NOT_FOUND ? 0 : ret);
        return false;
    }
    input->streamIndex = ret;
    const AVCodecParameters *par = raw->streams[ret]->codecpar;
    if (par->codec_id == AV_CODEC_ID_NONE || !avcodec_find_decoder(par->codec_id)) {
        *error = fail(AudioErrorCode::UnsupportedCodec, path,
                      QStringLiteral("FFmpeg has no decoder for codec '%1'")
                              .arg(QString::fromUtf8(avcodec_get_name(par->codec_id))));
        return false;
    }
    return true;
}

qint64 FfmpegInput::leadingTrim(const AVStream *stream, int rate)
{
    qint64 start = 0;
    if (stream->start_time != AV_NOPTS_VALUE && stream->start_time > 0)
        start = av_rescale_q(stream->start_time, stream->time_base, AVRational {1, rate});
    return std::max<qint64>(start, stream->codecpar->initial_padding);
}

StreamInfo FfmpegInput::describe(const AVFormatContext *format, int streamIndex)
{
    const AVStream *st = format->streams[streamIndex];
    const AVCodecParameters *par = st->codecpar;
    StreamInfo info;
    info.sampleRate = par->sample_rate;
    info.channels = par->ch_layout.nb_channels;
    info.codecName = QString::fromUtf8(avcodec_get_name(par->codec_id));
    info.containerName = QString::fromUtf8(format->iformat->name);
    info.bitRate = par->bit_rate > 0 ? par->bit_rate : std::max<int64_t>(0, format->bit_rate);
    info.durationIsEstimate = format->duration_estimation_method == AVFMT_DURATION_FROM_BITRATE;
    double seconds = 0.0;
    if (st->duration != AV_NOPTS_VALUE && st->duration > 0)
        seconds = st->duration * av_q2d(st->time_base);
    else if (format->duration != AV_NOPTS_VALUE && format->duration > 0)
        seconds = double(format->duration) / AV_TIME_BASE;
    if (seconds > 0.0 && info.sampleRate > 0)
        seconds = std::max(0.0,
                           seconds - double(leadingTrim(st, info.sampleRate)) / info.sampleRate);
    info.durationSeconds = seconds;
    info.sampleCount = qint64(std::llround(seconds * info.sampleRate));
    return info;
}

} // namespace timbre::audio
