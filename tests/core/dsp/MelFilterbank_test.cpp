// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/dsp/MelFilterbank.h"
#include "core/dsp/Stft.h"

#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace timbre::dsp;

// Reference values: librosa.filters.mel's definition (v0.10, librosa/filters.py): bands + 2
// edges evenly spaced in mel between fmin and fmax, triangles linear in Hz between them,
// w = max(0, min((f - e[b]) / (e[b+1] - e[b]), (e[b+2] - f) / (e[b+2] - e[b+1]))) at bin
// frequency f = k sr / n_fft, times 2 / (e[b+2] - e[b]) with norm="slaney"; and VGGish's
// mel_features.spectrogram_to_mel_matrix, which draws the same triangles linear in mel and
// zeroes the DC bin. Scales: HTK mel = 2595 log10(1 + f / 700); Slaney mel = 3 f / 200 below
// 1 kHz, 15 + ln(f / 1000) / (ln 6.4 / 27) above. The literals below were worked out by hand
// from those formulas (in double precision, with a calculator script, not with this code).
class MelFilterbankTest : public QObject
{
    Q_OBJECT

private:
    static void checkWeight(const MelFilterbank &bank, int band, int bin, double expected)
    {
        const double got = bank.weight(band, bin);
        QVERIFY2(std::abs(got - expected) <= 1e-6 + 1e-5 * std::abs(expected),
                 qPrintable(QStringLiteral("band %1 bin %2: %3, expected %4")
                                    .arg(band)
                                    .arg(bin)
                                    .arg(got, 0, 'g', 9)
                                    .arg(expected, 0, 'g', 9)));
    }

private Q_SLOTS:
    void melScales()
    {
        // HTK: 1000 Hz -> 2595 log10(1 + 1000/700) = 999.98554 mel.
        QVERIFY(std::abs(MelFilterbank::hzToMel(1000.0, MelScale::Htk) - 999.98553714) < 1e-6);
        // Slaney: linear part 1000 Hz = 15 mel; 2000 Hz = 15 + 27 ln 2 / ln 6.4 = 25.0818802.
        QVERIFY(std::abs(MelFilterbank::hzToMel(1000.0, MelScale::Slaney) - 15.0) < 1e-9);
        QVERIFY(std::abs(MelFilterbank::hzToMel(600.0, MelScale::Slaney) - 9.0) < 1e-9);
        QVERIFY(std::abs(MelFilterbank::hzToMel(2000.0, MelScale::Slaney) - 25.0818801573) < 1e-8);
        QVERIFY(std::abs(MelFilterbank::melToHz(30.0, MelScale::Slaney) - 2804.6441307389) < 1e-6);
        for (double hz : {0.0, 125.0, 999.0, 1000.0, 4321.0, 22050.0})
            for (MelScale s : {MelScale::Htk, MelScale::Slaney})
                QVERIFY(std::abs(MelFilterbank::melToHz(MelFilterbank::hzToMel(hz, s), s) - hz)
                        < 1e-7 * std::max(1.0, hz));
    }

    void htkHertzTrianglesMatchClosedForm()
    {
        // librosa.filters.mel(sr=16000, n_fft=512, n_mels=10, fmin=0, fmax=8000, htk=True,
        // norm=None)
        MelFilterbankConfig config;
        config.sampleRate = 16000;
        config.fftSize = 512;
        config.bands = 10;
        config.fMin = 0.0;
        config.fMax = 8000.0;
        config.scale = MelScale::Htk;
        config.triangles = MelTriangles::Hertz;
        config.norm = MelNorm::None;
        MelFilterbank bank(config);
        QVERIFY(bank.isValid());
        QCOMPARE(bank.bins(), 257);
        QVERIFY(std::abs(bank.edgesHz()[1] - 180.21928114659846) < 1e-7);
        QVERIFY(std::abs(bank.edgesHz()[4] - 1050.1262953404712) < 1e-7);
        checkWeight(bank, 3, 23, 0.07521309222589101);
        checkWeight(bank, 3, 30, 0.6856886721636081);
        checkWeight(bank, 3, 40, 0.5564086599607067);
        checkWeight(bank, 3, 48, 0.0015691166664538838);
        checkWeight(bank, 3, 22, 0.0);
        checkWeight(bank, 3, 49, 0.0);
        checkWeight(bank, 0, 3, 0.5201996112931975);
        checkWeight(bank, 9, 250, 0.10526200641499832);
        // The stored run holds bins 23..48 (padded to a multiple of 4 with zero weights).
        QVERIFY(bank.firstBin(3) <= 23 && bank.firstBin(3) + bank.binCount(3) - 1 >= 48);
        QCOMPARE(bank.binCount(3) % 4, 0);
        QVERIFY(bank.firstBin(3) + bank.binCount(3) <= bank.bins());
    }

    void slaneyNormalisedMatchesClosedForm()
    {
        // librosa.filters.mel(sr=22050, n_fft=2048, n_mels=40) (librosa's defaults: Slaney
        // scale, norm="slaney", fmin 0, fmax sr/2).
        MelFilterbankConfig config;
        config.sampleRate = 22050;
        config.fftSize = 2048;
        config.bands = 40;
        config.fMin = 0.0;
        config.fMax = 11025.0;
        config.scale = MelScale::Slaney;
        config.triangles = MelTriangles::Hertz;
        config.norm = MelNorm::Slaney;
        MelFilterbank bank(config);
        QVERIFY(bank.isValid());
        checkWeight(bank, 0, 1, 0.0016347200434479725);
        checkWeight(bank, 0, 2, 0.003269440086895945);
        checkWeight(bank, 10, 76, 0.001018391746091246);
        checkWeight(bank, 10, 81, 0.009191991963331097);
        checkWeight(bank, 10, 86, 0.007278474130619967);
        checkWeight(bank, 30, 408, 1.2206252408751264e-05);
        checkWeight(bank, 30, 433, 0.0017675830838411336);
        checkWeight(bank, 30, 458, 0.0015587157731913957);
        checkWeight(bank, 30, 407, 0.0);
        // Slaney normalisation: each triangle has area 1 in Hz (height 2 / width, width / 2):
        // the sum of its weights times the bin spacing comes close to 1 for wide bands.
        double area = 0;
        for (int k = 0; k < bank.bins(); ++k)
            area += bank.weight(30, k) * 22050.0 / 2048.0;
        QVERIFY(std::abs(area - 1.0) < 0.01);
    }

    void vggishMelTrianglesMatchClosedForm()
    {
        // VGGish's mel matrix: 64 bands, 125..7500 Hz, HTK, triangles linear in mel, at 16 kHz
        // with a 512-point FFT (the defaults of MelFilterbankConfig).
        MelFilterbank bank(MelFilterbankConfig {});
        QVERIFY(bank.isValid());
        checkWeight(bank, 0, 5, 0.947690464844372);
        checkWeight(bank, 0, 6, 0.0);
        checkWeight(bank, 20, 32, 0.4636993680908125);
        checkWeight(bank, 20, 33, 0.9792667425056645);
        checkWeight(bank, 20, 34, 0.514389409473074);
        checkWeight(bank, 20, 35, 0.016944861076916052);
        checkWeight(bank, 63, 235, 0.5445313439049779);
        checkWeight(bank, 19, 32, 0.5363006319091875);
        for (int b = 0; b < 64; ++b)
            QCOMPARE(bank.weight(b, 0), 0.0f); // no weight on DC
    }

    void denseEqualsSparse()
    {
        MelFilterbankConfig config;
        config.sampleRate = 44100;
        config.fftSize = 2048;
        config.bands = 96;
        config.fMin = 0.0;
        config.fMax = 22050.0;
        config.scale = MelScale::Slaney;
        config.triangles = MelTriangles::Hertz;
        config.norm = MelNorm::Slaney;
        MelFilterbank bank(config);
        const std::vector<float> dense = bank.denseWeights();
        QCOMPARE(dense.size(), size_t(96 * 1025));
        std::vector<float> spectrum(1025);
        for (int k = 0; k < 1025; ++k)
            spectrum[size_t(k)] = float(1.0 + std::sin(k * 0.37));
        std::vector<float> mel(96);
        bank.apply(spectrum.data(), mel.data());
        for (int b = 0; b < 96; ++b) {
            double expected = 0;
            for (int k = 0; k < 1025; ++k) {
                QCOMPARE(dense[size_t(b) * 1025 + size_t(k)], bank.weight(b, k));
                expected += double(dense[size_t(b) * 1025 + size_t(k)]) * spectrum[size_t(k)];
            }
            QVERIFY(std::abs(mel[size_t(b)] - expected) < 1e-5 * std::max(1.0, expected));
        }
    }

    void sineLandsInItsMelBand()
    {
        // A 1 kHz sine (bin 32) through the VGGish STFT and filterbank: by the hand values
        // above, bin 32 belongs to band 19 (0.536) and band 20 (0.464), so band 19 peaks.
        StftConfig stftConfig;
        Stft stft(stftConfig);
        std::vector<float> x(4000);
        for (size_t n = 0; n < x.size(); ++n)
            x[n] = 0.5f * float(std::sin(2.0 * M_PI * 1000.0 * double(n) / 16000.0));
        std::vector<float> spectrum;
        stft.process(x.data(), x.size(), spectrum);
        MelFilterbank bank(MelFilterbankConfig {});
        std::vector<float> mel(64);
        bank.apply(spectrum.data() + 5 * 257, mel.data());
        const int peak = int(std::max_element(mel.begin(), mel.end()) - mel.begin());
        QCOMPARE(peak, 19);
        QVERIFY(bank.edgesHz()[19] < 1000.0 && 1000.0 < bank.edgesHz()[21]);
        // Bands far from 1 kHz see only leakage.
        QVERIFY(mel[40] < 1e-3f * mel[19]);
    }

    void invalidConfigIsAnError()
    {
        MelFilterbankConfig config;
        config.fMax = 9000.0; // above Nyquist at 16 kHz
        MelFilterbank bank(config);
        QVERIFY(!bank.isValid());
        QVERIFY(bank.errorString().contains(QStringLiteral("9000")));
        QCOMPARE(bank.bands(), 0);
        config = MelFilterbankConfig {};
        config.bands = 0;
        QVERIFY(!config.validate().isEmpty());
    }
};

QTEST_GUILESS_MAIN(MelFilterbankTest)
#include "MelFilterbank_test.moc"
