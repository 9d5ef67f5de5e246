// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audio/AudioEncoder.h"
#include "core/audio/FfmpegDecoder.h"
#include "core/dsp/LogMelExtractor.h"
#include "core/dsp/MelStatEmbedding.h"
#include "core/features/TrackFeatureExtractor.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace timbre;
using namespace timbre::features;

namespace {

// Stereo 44.1 kHz: 1 kHz in both channels.
std::vector<float> stereoSine(double seconds)
{
    const int frames = int(seconds * 44100);
    std::vector<float> x(size_t(frames) * 2);
    for (int n = 0; n < frames; ++n) {
        const float v = 0.4f * float(std::sin(2.0 * M_PI * 1000.0 * n / 44100.0));
        x[size_t(n) * 2] = v;
        x[size_t(n) * 2 + 1] = v;
    }
    return x;
}

} // namespace

class TrackFeatureExtractorTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_wav;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_wav = m_dir.filePath(QStringLiteral("sine.wav"));
        const audio::AudioError error = audio::AudioEncoder::write(m_wav, stereoSine(10.5), 2,
                                                                   44100, audio::AudioFormat::Wav);
        QVERIFY2(!error.isError(), qPrintable(error.toString()));
    }

    void extractorInfo()
    {
        const ExtractorInfo melstat = ExtractorInfo::melstat();
        QCOMPARE(melstat.id, QStringLiteral("melstat"));
        QCOMPARE(melstat.version, 1);
        QCOMPARE(melstat.dimension, 128);
        QCOMPARE(melstat.key(), QStringLiteral("melstat-v1"));
        QVERIFY(melstat.frontEnd == dsp::LogMelConfig::vggish());
        QVERIFY(melstat.isValid());
        QVERIFY(ExtractorInfo::builtin(QStringLiteral("melstat")).has_value());
        QVERIFY(!ExtractorInfo::builtin(QStringLiteral("vggish")).has_value());
        QCOMPARE(TrackFeatureExtractor().extractorKey(), QStringLiteral("melstat-v1"));
    }

    void melstatRowsOfAWav()
    {
        // 10.5 s at 16 kHz: 1 + (168000 - 400) / 160 = 1048 frames -> 10 whole patches.
        TrackFeatureExtractor extractor;
        const FeatureMatrix m = extractor.extract(m_wav);
        QVERIFY2(m.ok(), qPrintable(m.error.toString()));
        QCOMPARE(m.rows, 10);
        QCOMPARE(m.cols, 128);
        QCOMPARE(m.values.size(), size_t(10 * 128));
        QVERIFY(std::abs(m.durationSeconds - 10.5) < 1.0 / 16000 + 1e-9);
        for (int r = 0; r < m.rows; ++r) {
            const float *means = m.row(r);
            QCOMPARE(int(std::max_element(means, means + 64) - means), 19); // 1 kHz band
            // A steady tone: the per-band spread within a patch is tiny next to the level.
            QVERIFY(m.row(r)[64 + 19] < 0.05f);
        }

        // The same as decoding the whole file and running the dsp parts on it.
        audio::DecodeOptions options;
        options.sampleRate = 16000;
        const audio::DecodedAudio decoded = audio::FfmpegDecoder::decodeFile(m_wav, options);
        QVERIFY(decoded.ok());
        const std::vector<float> logMel = dsp::LogMelExtractor::compute(
                dsp::LogMelConfig::vggish(), decoded.samples.data(), decoded.samples.size());
        QCOMPARE(logMel.size(), size_t(1048 * 64));
        const std::vector<float> reference
                = dsp::MelStatEmbedding::compute(logMel.data(), 1048, 64);
        QCOMPARE(reference.size(), m.values.size());
        for (size_t i = 0; i < reference.size(); ++i)
            QVERIFY(std::abs(reference[i] - m.values[i]) < 1e-4f);

        // Padding the last patch adds the 11th instance (88 real frames + 8 padding rows).
        TrackFeatureOptions padded;
        padded.lastPatch = dsp::InstancePatcher::LastPatch::PadRepeatEdge;
        const FeatureMatrix p
                = TrackFeatureExtractor(ExtractorInfo::melstat(), padded).extract(m_wav);
        QVERIFY(p.ok());
        QCOMPARE(p.rows, 11);
        QVERIFY(std::equal(m.values.begin(), m.values.end(), p.values.begin()));
    }

    void logMelAndRegion()
    {
        TrackFeatureExtractor extractor;
        const FeatureMatrix spec = extractor.logMel(m_wav);
        QVERIFY(spec.ok());
        QCOMPARE(spec.cols, 64);
        QCOMPARE(spec.rows, 1048);
        // A 2 s region: 1 + (32000 - 400) / 160 = 198 frames, 2 instances.
        TrackFeatureOptions region;
        region.startSeconds = 3.0;
        region.endSeconds = 5.0;
        const FeatureMatrix m
                = TrackFeatureExtractor(ExtractorInfo::melstat(), region).extract(m_wav);
        QVERIFY(m.ok());
        QCOMPARE(m.rows, 2);
        QVERIFY(std::abs(m.durationSeconds - 2.0) < 1e-3);
    }

    void errorsAreValues()
    {
        TrackFeatureExtractor extractor;
        const FeatureMatrix missing = extractor.extract(m_dir.filePath(QStringLiteral("no.mp3")));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error.code, audio::AudioErrorCode::FileNotFound);
        QCOMPARE(missing.rows, 0);
        QVERIFY(missing.values.empty());

        const QString text = m_dir.filePath(QStringLiteral("text.mp3"));
        QFile file(text);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("this is not audio at all, just some words in a file\n");
        file.close();
        const FeatureMatrix notAudio = extractor.extract(text);
        QVERIFY(!notAudio.ok());
        QCOMPARE(notAudio.rows, 0);

        ExtractorInfo unknown = ExtractorInfo::melstat();
        unknown.id = QStringLiteral("vggish");
        const FeatureMatrix wrong = TrackFeatureExtractor(unknown).extract(m_wav);
        QCOMPARE(wrong.error.code, audio::AudioErrorCode::InvalidArgument);
    }
};

QTEST_GUILESS_MAIN(TrackFeatureExtractorTest)
#include "TrackFeatureExtractor_test.moc"
