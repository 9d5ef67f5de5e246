// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audio/AudioEncoder.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <taglib/fileref.h>
#include <taglib/tag.h>

#include <cmath>

extern "C" {
#include <libavformat/avformat.h>
#include <libavutil/dict.h>
}

using namespace timbre::audio;

namespace {

std::vector<float> stereoSine(double freq, int rate, double seconds)
{
    const int frames = int(std::lround(seconds * rate));
    std::vector<float> out(size_t(frames) * 2);
    for (int i = 0; i < frames; ++i) {
        const float v = float(0.5 * std::sin(2.0 * M_PI * freq * i / rate));
        out[2 * i] = v;
        out[2 * i + 1] = v;
    }
    return out;
}

struct ContainerFacts
{
    bool opened = false;
    QString codec;
    int sampleRate = 0;
    int channels = 0;
    QMap<QString, QString> tags; // lower-case keys, format and stream metadata merged
};

ContainerFacts readContainer(const QString &path)
{
    ContainerFacts facts;
    AVFormatContext *ctx = nullptr;
    if (avformat_open_input(&ctx, QFile::encodeName(path).constData(), nullptr, nullptr) < 0)
        return facts;
    if (avformat_find_stream_info(ctx, nullptr) >= 0 && ctx->nb_streams > 0) {
        facts.opened = true;
        const AVCodecParameters *par = ctx->streams[0]->codecpar;
        facts.codec = QString::fromUtf8(avcodec_get_name(par->codec_id));
        facts.sampleRate = par->sample_rate;
        facts.channels = par->ch_layout.nb_channels;
        for (AVDictionary *dict : {ctx->metadata, ctx->streams[0]->metadata}) {
            const AVDictionaryEntry *e = nullptr;
            while ((e = av_dict_get(dict, "", e, AV_DICT_IGNORE_SUFFIX)))
                facts.tags.insert(QString::fromUtf8(e->key).toLower(), QString::fromUtf8(e->value));
        }
    }
    avformat_close_input(&ctx);
    return facts;
}

} // namespace

class AudioEncoderTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void extensionsRoundTrip();
    void writesEveryFormatWithTags_data();
    void writesEveryFormatWithTags();
    void overwritesExistingFile();
    void rejectsBadArguments();
    void missingFolderIsWriteFailedAndLeavesNothing();
};

void AudioEncoderTest::extensionsRoundTrip()
{
    QCOMPARE(AudioEncoder::allFormats().size(), 7);
    for (AudioFormat f : AudioEncoder::allFormats()) {
        const QString ext = AudioEncoder::extension(f);
        QVERIFY(!ext.isEmpty());
        QCOMPARE(AudioEncoder::formatFromExtension(ext), std::optional<AudioFormat>(f));
        QCOMPARE(AudioEncoder::formatFromExtension(QStringLiteral("/a/b/Song.") + ext.toUpper()),
                 std::optional<AudioFormat>(f));
    }
    QCOMPARE(AudioEncoder::formatFromExtension(QStringLiteral(".aif")),
             std::optional<AudioFormat>(AudioFormat::Aiff));
    QVERIFY(!AudioEncoder::formatFromExtension(QStringLiteral("txt")).has_value());
    QVERIFY(!AudioEncoder::formatFromExtension(QString()).has_value());
}

void AudioEncoderTest::writesEveryFormatWithTags_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("codec");
    QTest::addColumn<int>("rate");
    QTest::newRow("wav") << int(AudioFormat::Wav) << "pcm_s16le" << 44100;
    QTest::newRow("flac") << int(AudioFormat::Flac) << "flac" << 44100;
    QTest::newRow("ogg") << int(AudioFormat::Ogg) << "vorbis" << 44100;
    QTest::newRow("opus") << int(AudioFormat::Opus) << "opus" << 48000;
    QTest::newRow("mp3") << int(AudioFormat::Mp3) << "mp3" << 44100;
    QTest::newRow("m4a") << int(AudioFormat::M4a) << "aac" << 44100;
    QTest::newRow("aiff") << int(AudioFormat::Aiff) << "pcm_s16be" << 44100;
}

void AudioEncoderTest::writesEveryFormatWithTags()
{
    QFETCH(int, format);
    QFETCH(QString, codec);
    QFETCH(int, rate);
    const auto f = AudioFormat(format);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("tone.") + AudioEncoder::extension(f));

    AudioTags tags;
    tags.title = QStringLiteral("Tone Ünïcode");
    tags.artist = QStringLiteral("Timbre Synth");
    tags.album = QStringLiteral("Demo Corpus");
    tags.genre = QStringLiteral("Jazz");
    tags.year = 2024;
    tags.track = 7;
    const AudioError error
            = AudioEncoder::write(path, stereoSine(440.0, 44100, 1.0), 2, 44100, f, tags);
    QVERIFY2(!error.isError(), qPrintable(error.toString()));
    QVERIFY(QFileInfo(path).size() > 1000);
    QVERIFY(!QFile::exists(path + QStringLiteral(".part")));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);

    const ContainerFacts facts = readContainer(path);
    QVERIFY(facts.opened);
    QCOMPARE(facts.codec, codec);
    QCOMPARE(facts.sampleRate, rate);
    QCOMPARE(facts.channels, 2);
    QCOMPARE(facts.tags.value(QStringLiteral("title")), tags.title);
    QCOMPARE(facts.tags.value(QStringLiteral("artist")), tags.artist);
    QCOMPARE(facts.tags.value(QStringLiteral("album")), tags.album);
    QCOMPARE(facts.tags.value(QStringLiteral("genre")), tags.genre);
    QVERIFY2(facts.tags.value(QStringLiteral("date")).startsWith(QStringLiteral("2024")),
             qPrintable(facts.tags.value(QStringLiteral("date"))));
    QVERIFY(facts.tags.value(QStringLiteral("track")).startsWith(QLatin1Char('7')));

    // The library browser reads tags with TagLib, so they must be where TagLib looks.
    TagLib::FileRef ref(QFile::encodeName(path).constData());
    QVERIFY(!ref.isNull() && ref.tag());
    QCOMPARE(QString::fromStdWString(ref.tag()->title().toWString()), tags.title);
    QCOMPARE(QString::fromStdWString(ref.tag()->artist().toWString()), tags.artist);
    QCOMPARE(QString::fromStdWString(ref.tag()->album().toWString()), tags.album);
    QCOMPARE(QString::fromStdWString(ref.tag()->genre().toWString()), tags.genre);
    QCOMPARE(int(ref.tag()->year()), 2024);
    QCOMPARE(int(ref.tag()->track()), 7);
}

void AudioEncoderTest::overwritesExistingFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.wav"));
    QVERIFY(!AudioEncoder::write(path, stereoSine(440, 8000, 0.5), 2, 8000, AudioFormat::Wav)
                     .isError());
    const qint64 first = QFileInfo(path).size();
    QVERIFY(!AudioEncoder::write(path, stereoSine(440, 8000, 1.0), 2, 8000, AudioFormat::Wav)
                     .isError());
    QVERIFY(QFileInfo(path).size() > first + 15000); // 0.5 s more of 16-bit stereo at 8 kHz
}

void AudioEncoderTest::rejectsBadArguments()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bad.flac"));
    const std::vector<float> three(3, 0.0f);
    AudioError e = AudioEncoder::write(path, three, 2, 44100, AudioFormat::Flac);
    QCOMPARE(e.code, AudioErrorCode::InvalidArgument);
    QCOMPARE(e.path, path);
    QVERIFY(e.toString().contains(path));
    e = AudioEncoder::write(path, {}, 1, 44100, AudioFormat::Flac);
    QCOMPARE(e.code, AudioErrorCode::InvalidArgument);
    e = AudioEncoder::write(path, three, 0, 44100, AudioFormat::Flac);
    QCOMPARE(e.code, AudioErrorCode::InvalidArgument);
    e = AudioEncoder::write(path, three, 1, 0, AudioFormat::Flac);
    QCOMPARE(e.code, AudioErrorCode::InvalidArgument);
    // MP3 has no 3-channel mode.
    e = AudioEncoder::write(path, std::vector<float>(300, 0.0f), 3, 44100, AudioFormat::Mp3);
    QCOMPARE(e.code, AudioErrorCode::InvalidArgument);
    QVERIFY(QDir(dir.path()).entryList(QDir::Files).isEmpty());
}

void AudioEncoderTest::missingFolderIsWriteFailedAndLeavesNothing()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("no/such/folder/x.mp3"));
    const AudioError e
            = AudioEncoder::write(path, stereoSine(440, 44100, 0.1), 2, 44100, AudioFormat::Mp3);
    QCOMPARE(e.code, AudioErrorCode::WriteFailed);
    QVERIFY(e.toString().startsWith(path));
    QVERIFY(QDir(dir.path()).entryList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot).isEmpty());
}

QTEST_GUILESS_MAIN(AudioEncoderTest)
#include "AudioEncoder_test.moc"
