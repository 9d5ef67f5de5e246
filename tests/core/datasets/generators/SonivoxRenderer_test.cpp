// SPDX-License-Identifier: GPL-3.0-or-later
// Sonivox EAS as a third synthesiser (SonivoxRenderer, through SynthRenderer given `sonivox`):
// the 2x upsampler keeps a tone's samples and shape, which presets the built-in set has, and a
// rendered note that starts when it should, at the pitch it should (a rate mistake would move
// it by an octave), with silence before it.
#include "core/datasets/generators/SonivoxRenderer.h"
#include "core/datasets/generators/SynthRenderer.h"

#include <QTest>

#include <cmath>

using namespace timbre::datasets;

namespace {

SynthPart fluteA4(double start, double end)
{
    SynthPart part;
    part.instrument = QStringLiteral("flute");
    part.sound.name = QStringLiteral("Flute");
    part.sound.bank = 0;
    part.sound.program = 73;
    part.volume = 100;
    part.notes.push_back({start, end, 69, 100}); // A4, 440 Hz
    return part;
}

double energy(const std::vector<float> &mono, int rate, double from, double to)
{
    double sum = 0.0;
    const size_t a = size_t(from * rate);
    const size_t b = std::min(mono.size(), size_t(to * rate));
    for (size_t i = a; i < b; ++i)
        sum += double(mono[i]) * mono[i];
    return sum;
}

// Power at one frequency over [from, to) seconds (Goertzel).
double powerAt(const std::vector<float> &mono, int rate, double hz, double from, double to)
{
    const double w = 2.0 * M_PI * hz / rate;
    double s1 = 0.0, s2 = 0.0;
    for (size_t i = size_t(from * rate); i < std::min(mono.size(), size_t(to * rate)); ++i) {
        const double s0 = mono[i] + 2.0 * std::cos(w) * s1 - s2;
        s2 = s1;
        s1 = s0;
    }
    return s1 * s1 + s2 * s2 - 2.0 * std::cos(w) * s1 * s2;
}

} // namespace

class SonivoxRendererTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void upsamplingKeepsTheTone()
    {
        constexpr int kIn = 22050;
        std::vector<float> sine(4410);
        for (size_t i = 0; i < sine.size(); ++i)
            sine[i] = float(0.5 * std::sin(2 * M_PI * 1000.0 * double(i) / kIn));
        const std::vector<float> up = SonivoxRenderer::upsample2x(sine);
        QCOMPARE(up.size(), 2 * sine.size());
        double worst = 0.0;
        for (size_t i = 100; i < up.size() - 100; ++i) { // away from the zero-padded ends
            QCOMPARE(up[2 * (i / 2)], sine[i / 2]); // input samples are kept as they are
            const double want = 0.5 * std::sin(2 * M_PI * 1000.0 * double(i) / (2 * kIn));
            worst = std::max(worst, std::abs(double(up[i]) - want));
        }
        QVERIFY2(worst < 5e-4, qPrintable(QString::number(worst)));
        // A tone at 0.4 of the input rate still comes through within 0.1 %.
        std::vector<float> high(4410);
        for (size_t i = 0; i < high.size(); ++i)
            high[i] = float(std::sin(2 * M_PI * 0.4 * double(i)));
        const std::vector<float> upHigh = SonivoxRenderer::upsample2x(high);
        worst = 0.0;
        for (size_t i = 200; i < upHigh.size() - 200; ++i)
            worst = std::max(worst, std::abs(double(upHigh[i]) - std::sin(M_PI * 0.4 * double(i))));
        QVERIFY2(worst < 1e-3, qPrintable(QString::number(worst)));
        // A 5 kHz tone's mirror image at 17.05 kHz stays more than 80 dB below it.
        std::vector<float> five(22050);
        for (size_t i = 0; i < five.size(); ++i)
            five[i] = float(std::sin(2 * M_PI * 5000.0 * double(i) / kIn));
        const std::vector<float> upFive = SonivoxRenderer::upsample2x(five);
        const double ratio = powerAt(upFive, 2 * kIn, 22050.0 - 5000.0, 0.1, 0.9)
                / powerAt(upFive, 2 * kIn, 5000.0, 0.1, 0.9);
        QVERIFY2(10.0 * std::log10(ratio) < -80.0, qPrintable(QString::number(ratio)));
        QVERIFY(SonivoxRenderer::upsample2x({}).empty());
    }

    void presetsOfTheBuiltInSet()
    {
        QVERIFY(SonivoxRenderer::hasPreset(0, 0));
        QVERIFY(SonivoxRenderer::hasPreset(0, 127));
        QVERIFY(SonivoxRenderer::hasPreset(128, 0));
        QVERIFY(!SonivoxRenderer::hasPreset(128, 25)); // one kit only
        QVERIFY(!SonivoxRenderer::hasPreset(8, 4)); // no variation banks
        QVERIFY(SonivoxRenderer::isSonivox(QStringLiteral("Sonivox")));
        QVERIFY(!SonivoxRenderer::isSonivox(QStringLiteral("/usr/share/sounds/sf2/sonivox.sf2")));
    }

    void aNoteSoundsWhenAndWhereItShould()
    {
        if (!SonivoxRenderer::available())
            QSKIP("built without libsonivox (apt install libsonivox-dev)");
        SonivoxRenderer sonivox;
        QVERIFY(!sonivox.open().isError());
        SynthArrangement arrangement;
        arrangement.seconds = 3.0;
        arrangement.parts.push_back(fluteA4(1.0, 2.0));
        std::vector<std::vector<float>> planar;
        const qint64 frames = 3 * SynthRenderer::kSampleRate;
        const SynthError error = sonivox.renderParts(arrangement, {64}, frames, planar);
        QVERIFY2(!error.isError(), qPrintable(error.toString()));
        QCOMPARE(planar.size(), size_t(2));
        QCOMPARE(qint64(planar[0].size()), frames);
        const std::vector<float> &left = planar[0];
        const int rate = SynthRenderer::kSampleRate;
        // EAS itself is silent before the note (its mix buffer is 5.8 ms) and sounds in it.
        QVERIFY(energy(left, rate, 0.0, 0.98) < 1e-9);
        QVERIFY(energy(left, rate, 1.05, 1.9) > 1.0);
        // The fundamental is A4, not a semitone or an octave off.
        const double a4 = powerAt(left, rate, 440.0, 1.1, 1.9);
        for (double other : {220.0, 415.3, 466.2, 880.0})
            QVERIFY2(a4 > 4.0 * powerAt(left, rate, other, 1.1, 1.9),
                     qPrintable(QString::number(other)));
    }

    void synthRendererTakesTheName()
    {
        if (!SonivoxRenderer::available())
            QSKIP("built without libsonivox (apt install libsonivox-dev)");
        SynthRenderer renderer;
        QVERIFY(!renderer.open(QStringLiteral("sonivox")).isError());
        QVERIFY(renderer.isOpen());
        QCOMPARE(renderer.soundFontPath(), QStringLiteral("sonivox"));
        QVERIFY(renderer.hasPreset(0, 40));
        QVERIFY(!renderer.hasPreset(128, 8));
        SynthArrangement arrangement;
        arrangement.seconds = 2.0;
        arrangement.parts.push_back(fluteA4(0.5, 1.5));
        RenderedClip clip;
        const SynthError error = renderer.render(arrangement, clip);
        QVERIFY2(!error.isError(), qPrintable(error.toString()));
        QCOMPARE(clip.frames, 2 * SynthRenderer::kSampleRate);
        QCOMPARE(clip.stems.size(), size_t(1));
        float peak = 0.0f;
        for (float v : clip.mix)
            peak = std::max(peak, std::abs(v));
        QVERIFY(std::abs(peak - SynthRenderer::kMixPeak) < 1e-4f);
    }
};

QTEST_GUILESS_MAIN(SonivoxRendererTest)
#include "SonivoxRenderer_test.moc"
