// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/dsp/InstanceLevelMeter.h"

#include <QTest>

#include <cmath>
#include <vector>

using timbre::dsp::InstanceLevelMeter;

class InstanceLevelMeterTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Windows of 100 samples fed in blocks that straddle them: a full-scale square wave
    // (mean square 1: 0 dB), a quiet one at 0.1 (-20 dB), then 30 samples of silence.
    void windowsAcrossBlocks()
    {
        std::vector<float> samples;
        for (int i = 0; i < 100; ++i)
            samples.push_back(i % 2 ? 1.0f : -1.0f);
        for (int i = 0; i < 100; ++i)
            samples.push_back(i % 2 ? 0.1f : -0.1f);
        samples.insert(samples.end(), 30, 0.0f);
        InstanceLevelMeter meter(100);
        for (size_t first = 0; first < samples.size(); first += 37)
            meter.push(samples.data() + first, std::min<size_t>(37, samples.size() - first));
        QCOMPARE(meter.wholeWindows(), size_t(2));
        const std::vector<float> levels = meter.levelsDb();
        QCOMPARE(levels.size(), size_t(3));
        QVERIFY(std::abs(levels[0] - 0.0f) < 1e-4f);
        QVERIFY(std::abs(levels[1] + 20.0f) < 1e-4f);
        // The partial last window is silence: the floor of 1e-10, -100 dB.
        QVERIFY(std::abs(levels[2] + 100.0f) < 1e-3f);
    }

    // A sine of amplitude a has mean square a^2 / 2 over whole periods.
    void sineLevel()
    {
        const int rate = 16000;
        std::vector<float> sine(static_cast<size_t>(rate));
        for (int i = 0; i < rate; ++i)
            sine[size_t(i)] = 0.5f * float(std::sin(2.0 * M_PI * 1000.0 * i / rate));
        InstanceLevelMeter meter(1600);
        meter.push(sine.data(), sine.size());
        const std::vector<float> levels = meter.levelsDb();
        QCOMPARE(levels.size(), size_t(10));
        for (float l : levels)
            QVERIFY2(std::abs(l - float(10.0 * std::log10(0.125))) < 1e-3f,
                     qPrintable(QString::number(l)));
    }

    void nothingPushedGivesNoLevels()
    {
        InstanceLevelMeter meter(100);
        QVERIFY(meter.levelsDb().empty());
        InstanceLevelMeter zero(0);
        const float x = 1.0f;
        zero.push(&x, 1);
        QVERIFY(zero.levelsDb().empty());
    }
};

QTEST_GUILESS_MAIN(InstanceLevelMeterTest)
#include "InstanceLevelMeter_test.moc"
