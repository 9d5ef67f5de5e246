// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/dsp/LogMelExtractor.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <random>

using namespace timbre::dsp;

namespace {

std::vector<float> sine(double hz, int sampleRate, int count, float amplitude)
{
    std::vector<float> x(static_cast<size_t>(count));
    for (int n = 0; n < count; ++n)
        x[static_cast<size_t>(n)]
                = amplitude * static_cast<float>(std::sin(2.0 * M_PI * hz * n / sampleRate));
    return x;
}

} // namespace

class LogMelExtractorTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void presets()
    {
        const LogMelConfig v = LogMelConfig::vggish();
        QCOMPARE(v.sampleRate, 16000);
        QCOMPARE(v.windowLength, 400);
        QCOMPARE(v.hopLength, 160);
        QCOMPARE(v.fftSize, 512);
        QCOMPARE(v.melBands, 64);
        QCOMPARE(v.fMin, 125.0);
        QCOMPARE(v.fMax, 7500.0);
        QVERIFY(v.scale == MelScale::Htk);
        QVERIFY(!v.power);
        QVERIFY(v.compression == LogMelConfig::LogOffset);
        QCOMPARE(v.logOffset, 0.01f);
        QCOMPARE(v.framesPerSecond(), 100.0);
        QVERIFY(v.validate().isEmpty());

        const LogMelConfig s = LogMelConfig::strongLabel();
        QCOMPARE(s.sampleRate, 44100);
        QCOMPARE(s.windowLength, 2048);
        QCOMPARE(s.hopLength, 512);
        QCOMPARE(s.melBands, 96);
        QVERIFY(s.power);
        QVERIFY(s.compression == LogMelConfig::Decibel);
        QVERIFY(s.validate().isEmpty());
        QVERIFY(s != v);
        QVERIFY(s == LogMelConfig::strongLabel());
        QVERIFY(s.toString() != v.toString());
    }

    void silenceIsLogOfOffset()
    {
        const std::vector<float> silence(16000, 0.0f);
        const std::vector<float> out
                = LogMelExtractor::compute(LogMelConfig::vggish(), silence.data(), silence.size());
        QCOMPARE(out.size(), size_t((1 + (16000 - 400) / 160) * 64)); // 98 frames
        for (float v : out)
            QCOMPARE(v, std::log(0.01f));
    }

    void sineMatchesStftThenFilterbank()
    {
        const LogMelConfig config = LogMelConfig::vggish();
        const std::vector<float> x = sine(1000.0, 16000, 8000, 0.3f);
        const std::vector<float> out = LogMelExtractor::compute(config, x.data(), x.size());
        const int frames = int(out.size()) / 64;
        QCOMPARE(frames, 1 + (8000 - 400) / 160);

        // The same frame through the parts by hand: |STFT| -> mel weights -> ln(. + 0.01).
        Stft stft(config.stftConfig());
        MelFilterbank bank(config.melConfig());
        std::vector<float> spectrum(257);
        stft.transformFrame(x.data() + 7 * 160, spectrum.data());
        for (int b = 0; b < 64; ++b) {
            double mel = 0;
            for (int k = 0; k < 257; ++k)
                mel += double(bank.weight(b, k)) * spectrum[size_t(k)];
            QVERIFY(std::abs(out[7 * 64 + size_t(b)] - std::log(mel + 0.01)) < 1e-4);
        }
        for (int f = 0; f < frames; ++f) {
            const float *row = out.data() + size_t(f) * 64;
            QCOMPARE(int(std::max_element(row, row + 64) - row), 19); // 1 kHz band
        }
    }

    void streamingEqualsOneShot()
    {
        for (const LogMelConfig &config : {LogMelConfig::vggish(), LogMelConfig::strongLabel()}) {
            std::mt19937 rng(5);
            std::normal_distribution<float> dist(0.0f, 0.2f);
            std::vector<float> x(size_t(config.sampleRate) * 3 + 123);
            for (float &v : x)
                v = dist(rng);
            const std::vector<float> whole = LogMelExtractor::compute(config, x.data(), x.size());
            LogMelExtractor extractor(config);
            QVERIFY(extractor.isValid());
            std::vector<float> streamed;
            size_t pos = 0;
            const size_t blocks[] = {1, 999, 4097, 3, 160, 12345};
            int rows = 0;
            for (int i = 0; pos < x.size(); ++i) {
                const size_t n = std::min(blocks[i % 6], x.size() - pos);
                rows += extractor.push(x.data() + pos, n, streamed);
                pos += n;
            }
            rows += extractor.finish(streamed);
            QCOMPARE(size_t(rows) * size_t(config.melBands), streamed.size());
            QCOMPARE(extractor.framesProduced(), (long long)rows);
            QVERIFY(streamed == whole);
            const int expectedFrames = config.center
                    ? 1 + int(x.size()) / config.hopLength
                    : 1 + (int(x.size()) - config.windowLength) / config.hopLength;
            QCOMPARE(rows, expectedFrames);
        }
    }

    void decibelWithTopDb()
    {
        // One second at 44.1 kHz, centred frames: 1 + 44100 / 512 = 87 frames of 96 bands.
        const LogMelConfig config = LogMelConfig::strongLabel();
        const std::vector<float> x = sine(1000.0, 44100, 44100, 0.5f);
        const std::vector<float> out = LogMelExtractor::compute(config, x.data(), x.size());
        QCOMPARE(out.size(), size_t(87 * 96));
        const float top = *std::max_element(out.begin(), out.end());
        const float bottom = *std::min_element(out.begin(), out.end());
        QVERIFY(std::abs(bottom - (top - 80.0f)) < 1e-3f); // the floor is reached ...
        QVERIFY(top > 0.0f); // ... under a loud 1 kHz peak
        // Without top_db, digital silence sits at 10 log10(1e-10) = -100 dB.
        LogMelConfig noFloor = config;
        noFloor.topDb = 0.0f;
        const std::vector<float> silence(44100, 0.0f);
        for (float v : LogMelExtractor::compute(noFloor, silence.data(), silence.size()))
            QVERIFY(std::abs(v + 100.0f) < 1e-3f);
        // dB of power is 10 log10 of the mel energy: compare a frame with the parts.
        const std::vector<float> plain = LogMelExtractor::compute(noFloor, x.data(), x.size());
        Stft stft(noFloor.stftConfig());
        MelFilterbank bank(noFloor.melConfig());
        std::vector<float> power(1025);
        stft.transformFrame(x.data() + 20 * 512 - 1024, power.data()); // frame 20, centred
        for (int b = 0; b < 96; b += 7) {
            double mel = 0;
            for (int k = 0; k < 1025; ++k)
                mel += double(bank.weight(b, k)) * power[size_t(k)];
            const double db = 10.0 * std::log10(std::max(mel, 1e-10));
            QVERIFY2(std::abs(plain[20 * 96 + size_t(b)] - db) < 1e-3 * std::max(1.0, std::abs(db)),
                     qPrintable(QStringLiteral("band %1: %2 vs %3")
                                        .arg(b)
                                        .arg(plain[20 * 96 + size_t(b)])
                                        .arg(db)));
        }
    }

    void invalidConfigIsAnError()
    {
        LogMelConfig config = LogMelConfig::vggish();
        config.fMax = 12000.0;
        LogMelExtractor extractor(config);
        QVERIFY(!extractor.isValid());
        QVERIFY(!extractor.errorString().isEmpty());
        std::vector<float> out;
        const std::vector<float> x(16000, 0.1f);
        QCOMPARE(extractor.push(x.data(), x.size(), out), 0);
        QCOMPARE(extractor.finish(out), 0);
        QVERIFY(out.empty());
        config = LogMelConfig::vggish();
        config.logOffset = 0.0f;
        QVERIFY(!config.validate().isEmpty());
    }
};

QTEST_GUILESS_MAIN(LogMelExtractorTest)
#include "LogMelExtractor_test.moc"
