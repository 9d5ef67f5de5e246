// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/library/TagReader.h"

#include "core/audio/FfmpegDecoder.h"

#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QSet>

#include <taglib/aifffile.h>
#include <taglib/asffile.h>
#include <taglib/fileref.h>
#include <taglib/flacfile.h>
#include <taglib/mp4file.h>
#include <taglib/mp4properties.h>
#include <taglib/mpegfile.h>
#include <taglib/oggflacfile.h>
#include <taglib/opusfile.h>
#include <taglib/tag.h>
#include <taglib/tdebuglistener.h>
#include <taglib/vorbisfile.h>
#include <taglib/wavfile.h>

namespace timbre::library {

namespace {

// TagLib reports malformed frames on stderr; library code must stay silent, and the
// scanner records failures itself.
class SilentTagLibListener : public TagLib::DebugListener
{
public:
    void printMessage(const TagLib::String &) override { }
};

void silenceTagLib()
{
    static SilentTagLibListener listener;
    static const bool installed = [] {
        TagLib::setDebugListener(&listener);
        return true;
    }();
    Q_UNUSED(installed);
}

QString toQString(const TagLib::String &text)
{
    // TagLib stores UTF-16 internally; to8Bit(true) gives UTF-8 for any script.
    return QString::fromUtf8(text.to8Bit(true).c_str()).trimmed();
}

QString codecOf(TagLib::File *file, const QString &suffix)
{
    if (dynamic_cast<TagLib::MPEG::File *>(file))
        return QStringLiteral("mp3");
    if (dynamic_cast<TagLib::FLAC::File *>(file) || dynamic_cast<TagLib::Ogg::FLAC::File *>(file))
        return QStringLiteral("flac");
    if (dynamic_cast<TagLib::Ogg::Vorbis::File *>(file))
        return QStringLiteral("vorbis");
    if (dynamic_cast<TagLib::Ogg::Opus::File *>(file))
        return QStringLiteral("opus");
    if (auto *mp4 = dynamic_cast<TagLib::MP4::File *>(file)) {
        if (mp4->audioProperties()
            && mp4->audioProperties()->codec() == TagLib::MP4::Properties::ALAC)
            return QStringLiteral("alac");
        return QStringLiteral("aac");
    }
    if (dynamic_cast<TagLib::RIFF::WAV::File *>(file)
        || dynamic_cast<TagLib::RIFF::AIFF::File *>(file))
        return QStringLiteral("pcm");
    if (dynamic_cast<TagLib::ASF::File *>(file))
        return QStringLiteral("wma");
    return suffix;
}

// TagLib promises no thread safety (it keeps shared, lazily built state such as frame
// factories and string handlers; Strawberry reads tags in a separate process for that
// reason). Tag parsing is serialised; opening, hashing and the catalog work around it stay
// parallel.
QMutex &tagLibMutex()
{
    static QMutex mutex;
    return mutex;
}

bool readWithTagLib(const QString &path, const QString &suffix, AudioFileInfo *info)
{
    const QByteArray encoded = QFile::encodeName(path);
    QMutexLocker lock(&tagLibMutex());
    TagLib::FileRef ref(encoded.constData(), true, TagLib::AudioProperties::Average);
    if (ref.isNull() || !ref.audioProperties())
        return false;
    const TagLib::AudioProperties *props = ref.audioProperties();
    // TagLib accepts some garbage (an MPEG frame sync found by chance) with empty
    // properties: without a rate or channels there is no audio stream to speak of.
    if (props->sampleRate() <= 0 || props->channels() <= 0)
        return false;
    info->durationS = props->lengthInMilliseconds() / 1000.0;
    info->bitrateKbps = props->bitrate();
    info->sampleRate = props->sampleRate();
    info->channels = props->channels();
    info->codec = codecOf(ref.file(), suffix);
    if (const TagLib::Tag *tag = ref.tag()) {
        info->title = toQString(tag->title());
        info->artist = toQString(tag->artist());
        info->album = toQString(tag->album());
        info->genre = toQString(tag->genre());
        info->year = int(tag->year());
        info->trackNumber = int(tag->track());
    }
    return true;
}

} // namespace

const QStringList &TagReader::audioExtensions()
{
    static const QStringList extensions
            = {QStringLiteral("mp3"),  QStringLiteral("flac"), QStringLiteral("ogg"),
               QStringLiteral("oga"),  QStringLiteral("opus"), QStringLiteral("m4a"),
               QStringLiteral("mp4"),  QStringLiteral("aac"),  QStringLiteral("wav"),
               QStringLiteral("aiff"), QStringLiteral("aif"),  QStringLiteral("wma")};
    return extensions;
}

bool TagReader::hasAudioExtension(const QString &path)
{
    static const QSet<QString> set(audioExtensions().cbegin(), audioExtensions().cend());
    const int dot = path.lastIndexOf(QLatin1Char('.'));
    if (dot < 0 || dot < path.lastIndexOf(QLatin1Char('/')))
        return false;
    return set.contains(path.mid(dot + 1).toLower());
}

QString TagReader::codeName(TagReadResult::Code code)
{
    switch (code) {
    case TagReadResult::Code::Ok:
        return QStringLiteral("ok");
    case TagReadResult::Code::FileNotFound:
        return QStringLiteral("file not found");
    case TagReadResult::Code::NotAudioExtension:
        return QStringLiteral("not an audio file extension");
    case TagReadResult::Code::Unreadable:
        return QStringLiteral("unreadable");
    }
    return QStringLiteral("unknown");
}

TagReadResult TagReader::readBlocking(const QString &path)
{
    silenceTagLib();
    TagReadResult result;
    const QFileInfo fileInfo(path);
    if (!fileInfo.isFile()) {
        result.code = TagReadResult::Code::FileNotFound;
        result.message = QStringLiteral("%1: file not found").arg(path);
        return result;
    }
    if (!hasAudioExtension(path)) {
        result.code = TagReadResult::Code::NotAudioExtension;
        result.message = QStringLiteral("%1: not an audio file extension").arg(path);
        return result;
    }
    const QString suffix = fileInfo.suffix().toLower();
    if (fileInfo.size() == 0) {
        result.code = TagReadResult::Code::Unreadable;
        result.message = QStringLiteral("%1: empty file").arg(path);
        return result;
    }
    if (readWithTagLib(path, suffix, &result.info))
        return result;
    // TagLib does not know every container (e.g. AAC in ADTS, odd WAV flavours): FFmpeg's
    // probe confirms the stream; there are no tags then, but the file is playable.
    audio::AudioError probeError;
    const audio::StreamInfo stream = audio::FfmpegDecoder::probe(path, &probeError);
    if (stream.isValid()) {
        result.viaFfmpeg = true;
        result.info.durationS = stream.durationSeconds;
        result.info.sampleRate = stream.sampleRate;
        result.info.channels = stream.channels;
        result.info.bitrateKbps = int(stream.bitRate / 1000);
        result.info.codec = stream.codecName.startsWith(QLatin1String("pcm_"))
                ? QStringLiteral("pcm")
                : stream.codecName;
        return result;
    }
    result.code = TagReadResult::Code::Unreadable;
    result.message = probeError.isError() ? probeError.toString()
                                          : QStringLiteral("%1: no audio stream found").arg(path);
    if (!result.message.contains(path))
        result.message = QStringLiteral("%1: %2").arg(path, result.message);
    return result;
}

} // namespace timbre::library
