// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/dsp/HannWindow.h"
#include "core/dsp/Stft.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <random>
#include <thread>

using namespace timbre::dsp;

namespace {

std::vector<float> sine(double hz, int sampleRate, int count, float amplitude = 0.5f)
{
    std::vector<float> x(static_cast<size_t>(count));
    for (int n = 0; n < count; ++n)
        x[static_cast<size_t>(n)]
                = amplitude * static_cast<float>(std::sin(2.0 * M_PI * hz * n / sampleRate));
    return x;
}

std::vector<float> noise(int count, unsigned seed)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
    std::vector<float> x(static_cast<size_t>(count));
    for (float &v : x)
        v = dist(rng);
    return x;
}

std::vector<float> oneShot(const StftConfig &config, const std::vector<float> &x)
{
    Stft stft(config);
    std::vector<float> out;
    stft.process(x.data(), x.size(), out);
    stft.finish(out);
    return out;
}

} // namespace

class StftTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hannWindowValues()
    {
        // Periodic Hann of 8: 0.5 - 0.5 cos(2 pi n / 8).
        const std::vector<float> periodic = hannWindow(8);
        const float expected[8]
                = {0.0f, 0.14644661f, 0.5f, 0.85355339f, 1.0f, 0.85355339f, 0.5f, 0.14644661f};
        QCOMPARE(periodic.size(), size_t(8));
        for (int n = 0; n < 8; ++n)
            QVERIFY(std::abs(periodic[size_t(n)] - expected[n]) < 1e-6f);
        // Symmetric of 5 (numpy.hanning(5)): 0, 0.5, 1, 0.5, 0.
        const std::vector<float> symmetric = hannWindow(5, false);
        const float sym[5] = {0.0f, 0.5f, 1.0f, 0.5f, 0.0f};
        for (int n = 0; n < 5; ++n)
            QVERIFY(std::abs(symmetric[size_t(n)] - sym[n]) < 1e-6f);
        // A periodic Hann of length N sums to N / 2.
        const std::vector<float> w400 = hannWindow(400);
        double sum = 0;
        for (float v : w400)
            sum += v;
        QVERIFY(std::abs(sum - 200.0) < 1e-3);
        QVERIFY(hannWindow(0).empty());
        QCOMPARE(hannWindow(1), std::vector<float> {1.0f});
    }

    void sinePeaksInItsBin()
    {
        // 1 kHz at 16 kHz with a 512-point FFT: bin 1000 * 512 / 16000 = 32 exactly. A sine of
        // amplitude A under a window summing to S has a peak magnitude of about A * S / 2.
        StftConfig config; // VGGish: 400 / 160 / 512
        const std::vector<float> x = sine(1000.0, 16000, 16000, 0.5f);
        const std::vector<float> spec = oneShot(config, x);
        const int bins = 257;
        const int frames = int(spec.size()) / bins;
        QCOMPARE(frames, 1 + (16000 - 400) / 160);
        for (int f = 0; f < frames; f += 17) {
            const float *row = spec.data() + size_t(f) * bins;
            const int peak = int(std::max_element(row, row + bins) - row);
            QCOMPARE(peak, 32);
            QVERIFY(std::abs(row[peak] - 0.5f * 200.0f / 2.0f) < 0.5f);
        }
        // 1 kHz at 44.1 kHz, FFT 2048: 46.44 bins, so the peak is bin 46.
        StftConfig wide;
        wide.windowLength = 2048;
        wide.hopLength = 512;
        wide.fftSize = 2048;
        wide.kind = SpectrumKind::Power;
        const std::vector<float> y = sine(1000.0, 44100, 44100);
        const std::vector<float> wideSpec = oneShot(wide, y);
        const float *row = wideSpec.data() + 10 * 1025;
        QCOMPARE(int(std::max_element(row, row + 1025) - row), 46);
    }

    void parsevalEnergy()
    {
        // sum_n (w[n] x[n])^2 = (1/M) (P[0] + P[M/2] + 2 sum_{0<k<M/2} P[k]) for an M-point
        // real FFT of the zero-padded windowed frame.
        StftConfig config;
        config.kind = SpectrumKind::Power;
        Stft stft(config);
        const std::vector<float> frame = noise(400, 7);
        std::vector<float> power(size_t(stft.bins()));
        stft.transformFrame(frame.data(), power.data());
        double timeEnergy = 0;
        for (int n = 0; n < 400; ++n) {
            const double v = double(frame[size_t(n)]) * stft.window()[size_t(n)];
            timeEnergy += v * v;
        }
        double freqEnergy = power[0] + power[256];
        for (int k = 1; k < 256; ++k)
            freqEnergy += 2.0 * power[size_t(k)];
        freqEnergy /= 512.0;
        QVERIFY2(std::abs(timeEnergy - freqEnergy) < 1e-4 * timeEnergy,
                 qPrintable(QStringLiteral("%1 vs %2").arg(timeEnergy).arg(freqEnergy)));
        // Magnitude is the square root of power.
        config.kind = SpectrumKind::Magnitude;
        Stft magnitude(config);
        std::vector<float> mag(size_t(magnitude.bins()));
        magnitude.transformFrame(frame.data(), mag.data());
        for (int k = 0; k < 257; k += 5)
            QVERIFY(std::abs(mag[size_t(k)] * mag[size_t(k)] - power[size_t(k)])
                    <= 1e-4f * std::max(1.0f, power[size_t(k)]));
    }

    void streamingEqualsOneShot_data()
    {
        QTest::addColumn<int>("window");
        QTest::addColumn<int>("hop");
        QTest::addColumn<int>("fft");
        QTest::addColumn<bool>("center");
        QTest::newRow("vggish") << 400 << 160 << 512 << false;
        QTest::newRow("centred") << 2048 << 512 << 2048 << true;
        QTest::newRow("hop beyond window") << 100 << 250 << 128 << false;
        QTest::newRow("hop beyond window, centred") << 100 << 250 << 128 << true;
    }

    void streamingEqualsOneShot()
    {
        QFETCH(int, window);
        QFETCH(int, hop);
        QFETCH(int, fft);
        QFETCH(bool, center);
        StftConfig config;
        config.windowLength = window;
        config.hopLength = hop;
        config.fftSize = fft;
        config.center = center;
        const int count = 20011;
        const std::vector<float> x = noise(count, 3);
        const std::vector<float> whole = oneShot(config, x);
        const int bins = fft / 2 + 1;
        const int expectedFrames = center ? 1 + count / hop : 1 + (count - window) / hop;
        QCOMPARE(int(whole.size()) / bins, expectedFrames);

        // Frame t against a direct transform of the samples it covers.
        Stft reference(config);
        std::vector<float> padded(size_t(window / 2), 0.0f);
        if (center) {
            padded.insert(padded.end(), x.begin(), x.end());
            padded.insert(padded.end(), size_t(window / 2), 0.0f);
        }
        const std::vector<float> &source = center ? padded : x;
        std::vector<float> spectrum(static_cast<size_t>(bins));
        for (int t : {0, 1, expectedFrames / 2, expectedFrames - 1}) {
            reference.transformFrame(source.data() + size_t(t) * size_t(hop), spectrum.data());
            QVERIFY(std::equal(spectrum.begin(), spectrum.end(),
                               whole.begin() + std::ptrdiff_t(t) * bins));
        }

        // Odd block sizes, frames drained one at a time.
        Stft stft(config);
        std::vector<float> streamed;
        const size_t blocks[] = {1, 7, 333, 2, 4095, 1000, 17};
        size_t pos = 0;
        for (int i = 0; pos < x.size(); ++i) {
            const size_t n = std::min(blocks[i % 7], x.size() - pos);
            stft.push(x.data() + pos, n);
            pos += n;
            while (const float *s = stft.nextFrame())
                streamed.insert(streamed.end(), s, s + bins);
        }
        stft.finish(streamed);
        QCOMPARE(stft.framesProduced(), (long long)expectedFrames);
        QVERIFY(streamed == whole);

        // reset() starts a new stream.
        stft.reset();
        std::vector<float> again;
        stft.process(x.data(), x.size(), again);
        stft.finish(again);
        QVERIFY(again == whole);
    }

    void shortStreams()
    {
        StftConfig config; // no centring: a stream shorter than the window has no frame
        std::vector<float> x = noise(399, 1);
        QVERIFY(oneShot(config, x).empty());
        x.push_back(0.1f);
        QCOMPARE(oneShot(config, x).size(), size_t(257));
        config.center = true; // centred: 1 + N / hop frames
        QCOMPARE(oneShot(config, std::vector<float>(10, 0.2f)).size(), size_t(257));
        QVERIFY(oneShot(config, {}).size() == size_t(257));
    }

    void threadsComputeIdenticalSpectrograms()
    {
        // Sizes no other test planned yet, so the four threads also race on the planner.
        StftConfig config;
        config.windowLength = 1500;
        config.hopLength = 375;
        config.fftSize = 1536;
        const std::vector<float> x = noise(200000, 11);
        std::vector<std::vector<float>> results(4);
        std::vector<std::thread> threads;
        for (int i = 0; i < 4; ++i) {
            threads.emplace_back([&, i] {
                StftConfig own = config;
                own.fftSize = 1536 + 64 * (i % 2); // two threads share each new size
                for (int repeat = 0; repeat < 3; ++repeat)
                    results[size_t(i)] = oneShot(own, x);
            });
        }
        for (std::thread &t : threads)
            t.join();
        QVERIFY(!results[0].empty());
        QVERIFY(results[0] == results[2]);
        QVERIFY(results[1] == results[3]);
        QVERIFY(results[0] == oneShot(config, x));
    }

    void invalidConfigIsAnError()
    {
        StftConfig config;
        config.fftSize = 256; // shorter than the 400-sample window
        Stft stft(config);
        QVERIFY(!stft.isValid());
        QVERIFY(stft.errorString().contains(QStringLiteral("256")));
        const std::vector<float> x = noise(4000, 2);
        stft.push(x.data(), x.size());
        QVERIFY(stft.nextFrame() == nullptr);
        config = StftConfig {};
        config.hopLength = 0;
        QVERIFY(!config.validate().isEmpty());
    }
};

QTEST_GUILESS_MAIN(StftTest)
#include "Stft_test.moc"
