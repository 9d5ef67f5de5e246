// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audio/AudioEncoder.h"
#include "core/audio/FfmpegDecoder.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace timbre::audio;

namespace {

constexpr int kSourceRate = 44100;
constexpr int kOutRate = 16000;
constexpr double kFreq = 1000.0;

// Stereo: a sine on both channels, or (antiphase) the sine and its negation.
std::vector<float> stereoSine(double seconds, double freq = kFreq, bool antiphase = false,
                              float rightGain = 1.0f)
{
    const int frames = int(std::lround(seconds * kSourceRate));
    std::vector<float> out(size_t(frames) * 2);
    for (int i = 0; i < frames; ++i) {
        const float v = float(0.5 * std::sin(2.0 * M_PI * freq * i / kSourceRate));
        out[2 * size_t(i)] = v;
        out[2 * size_t(i) + 1] = (antiphase ? -v : v) * rightGain;
    }
    return out;
}

QString writeFile(const QTemporaryDir &dir, AudioFormat format, double seconds,
                  const QString &stem = QStringLiteral("sine"))
{
    const QString path = dir.filePath(stem + QLatin1Char('.') + AudioEncoder::extension(format));
    const AudioError e = AudioEncoder::write(path, stereoSine(seconds), 2, kSourceRate, format);
    return e.isError() ? QString() : path;
}

// Frequency from upward zero crossings over [from, to) samples (linear interpolation).
double zeroCrossingFrequency(const std::vector<float> &x, int rate, size_t from, size_t to)
{
    double first = -1.0, last = -1.0;
    int crossings = 0;
    for (size_t i = from + 1; i < to && i < x.size(); ++i) {
        if (x[i - 1] < 0.0f && x[i] >= 0.0f) {
            const double t = double(i - 1) + x[i - 1] / double(x[i - 1] - x[i]);
            if (first < 0.0)
                first = t;
            last = t;
            ++crossings;
        }
    }
    return crossings > 1 ? (crossings - 1) * rate / (last - first) : 0.0;
}

double rms(const std::vector<float> &x, size_t from, size_t to)
{
    double sum = 0.0;
    for (size_t i = from; i < to; ++i)
        sum += double(x[i]) * x[i];
    return std::sqrt(sum / double(to - from));
}

double maxAbsDiff(const float *a, const float *b, size_t n)
{
    double m = 0.0;
    for (size_t i = 0; i < n; ++i)
        m = std::max(m, double(std::fabs(a[i] - b[i])));
    return m;
}

void addFormatRows()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("codec");
    QTest::addColumn<int>("nativeRate");
    QTest::addColumn<bool>("lossy");
    QTest::newRow("wav") << int(AudioFormat::Wav) << "pcm_s16le" << 44100 << false;
    QTest::newRow("flac") << int(AudioFormat::Flac) << "flac" << 44100 << false;
    QTest::newRow("ogg") << int(AudioFormat::Ogg) << "vorbis" << 44100 << true;
    QTest::newRow("opus") << int(AudioFormat::Opus) << "opus" << 48000 << true;
    QTest::newRow("mp3") << int(AudioFormat::Mp3) << "mp3" << 44100 << true;
    QTest::newRow("m4a") << int(AudioFormat::M4a) << "aac" << 44100 << true;
    QTest::newRow("aiff") << int(AudioFormat::Aiff) << "pcm_s16be" << 44100 << false;
}

void verifyTypedError(const AudioError &e, AudioErrorCode code, const QString &path)
{
    QVERIFY2(e.code == code,
             qPrintable(AudioError::codeName(e.code) + QStringLiteral(" != ")
                        + AudioError::codeName(code) + QStringLiteral(": ") + e.toString()));
    QCOMPARE(e.path, path);
    QVERIFY(e.toString().startsWith(path + QStringLiteral(": ")));
    QVERIFY(!e.message.isEmpty());
}

} // namespace

class FfmpegDecoderTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void decodesEveryFormat_data() { addFormatRows(); }
    void decodesEveryFormat();
    void regionMatchesFullDecode_data() { addFormatRows(); }
    void regionMatchesFullDecode();
    void streamingEqualsDecodeFile_data() { addFormatRows(); }
    void streamingEqualsDecodeFile();
    void tinyReadsUseOverflowBuffer();
    void monoIsTheChannelAverage();
    void regionPastTheEndIsEmpty();
    void missingFile();
    void zeroByteFile();
    void textFileNamedMp3();
    void truncatedFlac();
    void truncatedOthers_data();
    void truncatedOthers();
    void unsupportedCodec();
    void badOptions();

private:
    QTemporaryDir m_dir;
    QMap<int, QString> m_long; // 6 s files per format, for regions that need a seek
};

void FfmpegDecoderTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    for (AudioFormat f : AudioEncoder::allFormats()) {
        const QString path = writeFile(m_dir, f, 6.0, QStringLiteral("long"));
        QVERIFY(!path.isEmpty());
        m_long.insert(int(f), path);
    }
}

void FfmpegDecoderTest::decodesEveryFormat()
{
    QFETCH(int, format);
    QFETCH(QString, codec);
    QFETCH(int, nativeRate);
    QFETCH(bool, lossy);
    const QString path = writeFile(m_dir, AudioFormat(format), 3.0);
    QVERIFY(!path.isEmpty());

    AudioError probeError;
    const StreamInfo info = FfmpegDecoder::probe(path, &probeError);
    QVERIFY2(!probeError.isError(), qPrintable(probeError.toString()));
    QCOMPARE(info.sampleRate, nativeRate);
    QCOMPARE(info.channels, 2);
    QCOMPARE(info.codecName, codec);
    QVERIFY(!info.containerName.isEmpty());
    QVERIFY(!info.durationIsEstimate);
    // The container's length; MP3 alone still counts LAME's end padding (under 1152 samples).
    QVERIFY2(std::fabs(info.durationSeconds - 3.0)
                     < (format == int(AudioFormat::Mp3) ? 0.027 : 1e-6),
             qPrintable(QString::number(info.durationSeconds, 'f', 6)));
    QVERIFY(std::abs(info.sampleCount - qint64(3.0 * nativeRate)) <= nativeRate / 30);
    if (lossy)
        QVERIFY(info.bitRate > 32000);

    const DecodedAudio audio = FfmpegDecoder::decodeFile(path, DecodeOptions {});
    QVERIFY2(audio.ok(), qPrintable(audio.error.toString()));
    QCOMPARE(audio.sampleRate, kOutRate);
    // Every codec lands on the exact length: the decoders trim MP3 (LAME header), Opus
    // (pre-skip) and Vorbis delays, and the AAC tail padding is cut at the MP4 edit length.
    const qint64 expected = qint64(3.0 * kOutRate);
    QVERIFY2(std::abs(qint64(audio.samples.size()) - expected) <= 1,
             qPrintable(QString::number(audio.samples.size())));
    QCOMPARE(audio.durationSeconds(), double(audio.samples.size()) / kOutRate);

    const double freq = zeroCrossingFrequency(audio.samples, kOutRate, 8000, 40000);
    QVERIFY2(std::fabs(freq - kFreq) < 0.05, qPrintable(QString::number(freq)));
    // A 0.5-amplitude sine has RMS 0.354; lossy codecs stay within a few percent.
    const double level = rms(audio.samples, 8000, 40000);
    QVERIFY2(std::fabs(level - 0.5 / std::sqrt(2.0)) < 0.02, qPrintable(QString::number(level)));
    // No silent start: the sine is there from the first milliseconds (delay trimmed, not
    // zero-filled); the first 2 ms still hold the resampler's and codec's onset.
    QVERIFY(rms(audio.samples, 32, 160) > 0.3);
}

void FfmpegDecoderTest::regionMatchesFullDecode()
{
    QFETCH(int, format);
    QFETCH(bool, lossy);
    const QString path = m_long.value(format);
    const DecodedAudio full = FfmpegDecoder::decodeFile(path);
    QVERIFY2(full.ok(), qPrintable(full.error.toString()));
    QVERIFY(std::abs(qint64(full.samples.size()) - 6 * kOutRate) <= 1);

    // 0.5 s decodes from the beginning; 3.3 s seeks (and calibrates time stamps).
    for (double start : {0.5, 3.3}) {
        DecodeOptions options;
        options.startSeconds = start;
        options.endSeconds = start + 1.1;
        const DecodedAudio region = FfmpegDecoder::decodeFile(path, options);
        QVERIFY2(region.ok(), qPrintable(region.error.toString()));
        QCOMPARE(qint64(region.samples.size()), qint64(1.1 * kOutRate + 0.5));
        FfmpegDecoder decoder;
        QVERIFY(decoder.open(path, options));
        std::vector<float> block;
        QVERIFY(decoder.read(block) > 0);
        QCOMPARE(decoder.seekedToRegion(), start > 3.0);
        const size_t offset = size_t(std::lround(start * kOutRate));
        // Same sample grid as the full decode, and the pre-roll lets decoder and resampler
        // settle before the region, so the samples are identical (FFmpeg 5.1 gives exactly
        // 0 for every codec; lossy decoders get 1e-4 of slack for other FFmpeg versions).
        const double diff = maxAbsDiff(region.samples.data(), full.samples.data() + offset,
                                       region.samples.size());
        QVERIFY2(diff <= (lossy ? 1e-4 : 0.0),
                 qPrintable(QStringLiteral("start %1: max diff %2").arg(start).arg(diff)));
    }
    // Start only: to the end of the file.
    DecodeOptions tail;
    tail.startSeconds = 4.0;
    const DecodedAudio rest = FfmpegDecoder::decodeFile(path, tail);
    QVERIFY2(rest.ok(), qPrintable(rest.error.toString()));
    QVERIFY(std::abs(qint64(rest.samples.size()) - 2 * kOutRate) <= 1);
}

void FfmpegDecoderTest::streamingEqualsDecodeFile()
{
    QFETCH(int, format);
    const QString path = m_long.value(format);
    for (double start : {0.0, 2.7}) {
        DecodeOptions options;
        options.startSeconds = start;
        options.blockFrames = 777;
        const DecodedAudio whole = FfmpegDecoder::decodeFile(path, options);
        QVERIFY2(whole.ok(), qPrintable(whole.error.toString()));

        FfmpegDecoder decoder;
        QVERIFY2(decoder.open(path, options), qPrintable(decoder.error().toString()));
        QCOMPARE(decoder.info().channels, 2);
        std::vector<float> block, joined;
        qint64 n = 0;
        int blocks = 0;
        while ((n = decoder.read(block)) > 0) {
            QCOMPARE(qint64(block.size()), n);
            QVERIFY(n <= options.blockFrames);
            joined.insert(joined.end(), block.begin(), block.end());
            ++blocks;
        }
        QCOMPARE(n, qint64(0));
        QVERIFY(!decoder.error().isError());
        QCOMPARE(decoder.read(block), qint64(0)); // stays at the end
        QCOMPARE(decoder.framesRead(), qint64(joined.size()));
        QVERIFY(blocks > 10);
        QCOMPARE(joined.size(), whole.samples.size());
        QVERIFY(joined == whole.samples); // bit-identical
    }
}

void FfmpegDecoderTest::tinyReadsUseOverflowBuffer()
{
    const QString path = m_long.value(int(AudioFormat::Flac));
    const DecodedAudio whole = FfmpegDecoder::decodeFile(path);
    FfmpegDecoder decoder;
    QVERIFY(decoder.open(path));
    std::vector<float> got;
    float buffer[7];
    qint64 n;
    while ((n = decoder.read(buffer, 7)) > 0)
        got.insert(got.end(), buffer, buffer + n);
    QCOMPARE(n, qint64(0));
    QVERIFY(got == whole.samples);
}

void FfmpegDecoderTest::monoIsTheChannelAverage()
{
    QTemporaryDir dir;
    const QString antiphase = dir.filePath(QStringLiteral("anti.wav"));
    QVERIFY(!AudioEncoder::write(antiphase, stereoSine(1.0, kFreq, true), 2, kSourceRate,
                                 AudioFormat::Wav)
                     .isError());
    const DecodedAudio a = FfmpegDecoder::decodeFile(antiphase);
    QVERIFY(a.ok());
    QVERIFY(rms(a.samples, 0, a.samples.size()) < 1e-4); // (x + -x) / 2

    const QString leftOnly = dir.filePath(QStringLiteral("left.wav"));
    QVERIFY(!AudioEncoder::write(leftOnly, stereoSine(1.0, kFreq, false, 0.0f), 2, kSourceRate,
                                 AudioFormat::Wav)
                     .isError());
    const DecodedAudio l = FfmpegDecoder::decodeFile(leftOnly);
    QVERIFY(l.ok());
    const double level = rms(l.samples, 1000, 15000);
    QVERIFY2(std::fabs(level - 0.25 / std::sqrt(2.0)) < 1e-3, qPrintable(QString::number(level)));
}

void FfmpegDecoderTest::regionPastTheEndIsEmpty()
{
    DecodeOptions options;
    options.startSeconds = 10.0;
    const DecodedAudio past
            = FfmpegDecoder::decodeFile(m_long.value(int(AudioFormat::Mp3)), options);
    QVERIFY2(past.ok(), qPrintable(past.error.toString()));
    QVERIFY(past.samples.empty());
}

void FfmpegDecoderTest::missingFile()
{
    const QString path = m_dir.filePath(QStringLiteral("nope.flac"));
    const DecodedAudio a = FfmpegDecoder::decodeFile(path);
    verifyTypedError(a.error, AudioErrorCode::FileNotFound, path);
    QVERIFY(a.samples.empty());
    AudioError e;
    QVERIFY(!FfmpegDecoder::probe(path, &e).isValid());
    verifyTypedError(e, AudioErrorCode::FileNotFound, path);
    FfmpegDecoder decoder;
    QVERIFY(!decoder.open(path));
    verifyTypedError(decoder.error(), AudioErrorCode::FileNotFound, path);
    std::vector<float> block;
    QCOMPARE(decoder.read(block), qint64(-1));
}

void FfmpegDecoderTest::zeroByteFile()
{
    const QString path = m_dir.filePath(QStringLiteral("empty.wav"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    verifyTypedError(FfmpegDecoder::decodeFile(path).error, AudioErrorCode::EmptyFile, path);
}

void FfmpegDecoderTest::textFileNamedMp3()
{
    const QString path = m_dir.filePath(QStringLiteral("notes.mp3"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    for (int i = 0; i < 200; ++i)
        file.write("This is a shopping list, not a song. Eggs, milk, bread.\n");
    file.close();
    const DecodedAudio a = FfmpegDecoder::decodeFile(path);
    verifyTypedError(a.error, AudioErrorCode::NotAudio, path);
    QVERIFY(a.samples.empty());
}

void FfmpegDecoderTest::truncatedFlac()
{
    const QString source = m_long.value(int(AudioFormat::Flac));
    const QString path = m_dir.filePath(QStringLiteral("cut.flac"));
    QFile in(source);
    QVERIFY(in.open(QIODevice::ReadOnly));
    const QByteArray bytes = in.readAll();
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(bytes.left(bytes.size() * 4 / 10));
    out.close();

    const DecodedAudio a = FfmpegDecoder::decodeFile(path);
    verifyTypedError(a.error, AudioErrorCode::TruncatedOrCorrupt, path);
    QVERIFY(a.samples.empty()); // never a silent or partial success

    // Streaming hands out what decodes, then reports the error instead of a clean end.
    FfmpegDecoder decoder;
    QVERIFY(decoder.open(path));
    std::vector<float> block;
    qint64 n, total = 0;
    while ((n = decoder.read(block)) > 0)
        total += n;
    QCOMPARE(n, qint64(-1));
    verifyTypedError(decoder.error(), AudioErrorCode::TruncatedOrCorrupt, path);
    QVERIFY(total > 1 * kOutRate && total < 4 * kOutRate);
}

void FfmpegDecoderTest::truncatedOthers_data()
{
    QTest::addColumn<int>("format");
    // MP3: decodes short of its Xing frame count. M4A: cut before its moov atom, so FFmpeg
    // cannot open it, but its bytes are an MP4's (not "not audio"). AIFF: short of its COMM
    // frame count, and a partial PCM block.
    QTest::newRow("mp3") << int(AudioFormat::Mp3);
    QTest::newRow("m4a") << int(AudioFormat::M4a);
    QTest::newRow("aiff") << int(AudioFormat::Aiff);
}

void FfmpegDecoderTest::truncatedOthers()
{
    QFETCH(int, format);
    const QString source = m_long.value(format);
    const QString path
            = m_dir.filePath(QStringLiteral("cut.") + AudioEncoder::extension(AudioFormat(format)));
    QFile in(source);
    QVERIFY(in.open(QIODevice::ReadOnly));
    const QByteArray bytes = in.readAll();
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(bytes.left(bytes.size() * 4 / 10 + 1));
    out.close();
    const DecodedAudio a = FfmpegDecoder::decodeFile(path);
    verifyTypedError(a.error, AudioErrorCode::TruncatedOrCorrupt, path);
    QVERIFY(a.samples.empty());
}

void FfmpegDecoderTest::unsupportedCodec()
{
    // A RIFF/WAVE header whose format tag (0x7A7A) names no codec FFmpeg knows.
    QByteArray wav;
    auto u32 = [&wav](quint32 v) {
        for (int i = 0; i < 4; ++i)
            wav.append(char((v >> (8 * i)) & 0xFF));
    };
    auto u16 = [&wav](quint16 v) {
        wav.append(char(v & 0xFF));
        wav.append(char(v >> 8));
    };
    const QByteArray payload(8000, '\x11');
    wav.append("RIFF");
    u32(36 + quint32(payload.size()));
    wav.append("WAVEfmt ");
    u32(16);
    u16(0x7A7A);
    u16(1);
    u32(8000);
    u32(8000);
    u16(1);
    u16(8);
    wav.append("data");
    u32(quint32(payload.size()));
    wav.append(payload);
    const QString path = m_dir.filePath(QStringLiteral("odd.wav"));
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(wav);
    out.close();
    verifyTypedError(FfmpegDecoder::decodeFile(path).error, AudioErrorCode::UnsupportedCodec, path);
}

void FfmpegDecoderTest::badOptions()
{
    const QString path = m_long.value(int(AudioFormat::Wav));
    DecodeOptions options;
    options.startSeconds = 2.0;
    options.endSeconds = 1.0;
    verifyTypedError(FfmpegDecoder::decodeFile(path, options).error,
                     AudioErrorCode::InvalidArgument, path);
    options = {};
    options.sampleRate = 0;
    verifyTypedError(FfmpegDecoder::decodeFile(path, options).error,
                     AudioErrorCode::InvalidArgument, path);
}

QTEST_GUILESS_MAIN(FfmpegDecoderTest)
#include "FfmpegDecoder_test.moc"
