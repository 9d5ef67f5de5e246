// SPDX-License-Identifier: GPL-3.0-or-later
// Appendix A ramp functions, the EMA warm-up and the learning-rate schedules of Ch. 5.
#include "models/training/Ramps.h"

#include <QtTest>

#include <cmath>

using namespace timbre::models;

class RampsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rampUpMatchesEqA1()
    {
        for (double x : {0.0, 0.25, 0.5, 0.8, 1.0})
            QVERIFY(std::abs(sigmoidRampUp(x) - std::exp(-5.0 * (1 - x) * (1 - x))) < 1e-12);
        QVERIFY(std::abs(sigmoidRampUp(0.0) - 0.006737947) < 1e-8);
        QVERIFY(std::abs(sigmoidRampUp(0.5) - 0.286504797) < 1e-8);
        QCOMPARE(sigmoidRampUp(1.0), 1.0);
        QCOMPARE(sigmoidRampUp(2.0), 1.0); // clamped
    }

    void rampDownMatchesEqA2()
    {
        QCOMPARE(sigmoidRampDown(0.0), 0.0);
        QVERIFY(std::abs(sigmoidRampDown(0.2) - (1.0 - std::exp(-0.5))) < 1e-12);
        QVERIFY(std::abs(sigmoidRampDown(0.5) - 0.956063) < 1e-6);
        QVERIFY(std::abs(sigmoidRampDown(1.0) - (1.0 - std::exp(-12.5))) < 1e-12);
    }

    void rampsOverEpochs()
    {
        // Consistency weight over the first 100 epochs (Sec. 5.4.2).
        QVERIFY(std::abs(rampUpAt(50.0, 100) - std::exp(-1.25)) < 1e-12);
        QCOMPARE(rampUpAt(100.0, 100), 1.0);
        QCOMPARE(rampUpAt(3.0, 0), 1.0);
        // Ramp-down over the last 50 of 100 epochs: 1 before, falling to 0 at the end.
        QCOMPARE(rampDownAt(49.0, 100, 50), 1.0);
        QVERIFY(std::abs(rampDownAt(50.0, 100, 50) - (1.0 - std::exp(-12.5))) < 1e-12);
        QVERIFY(std::abs(rampDownAt(90.0, 100, 50) - (1.0 - std::exp(-0.5))) < 1e-12);
        QCOMPARE(rampDownAt(100.0, 100, 50), 0.0);
    }

    void emaDecayWarmsUp()
    {
        QCOMPARE(emaDecayAt(0, 0.999), 0.0);
        QCOMPARE(emaDecayAt(1, 0.999), 0.5);
        QVERIFY(std::abs(emaDecayAt(9, 0.999) - 0.9) < 1e-12);
        QCOMPARE(emaDecayAt(100000, 0.999), 0.999);
    }

    void learningRateSchedules()
    {
        // MT: 1e-3 halved every 30 epochs.
        QCOMPARE(learningRateAt(1e-3, 29.9, 200, 30, 0, 0), 1e-3);
        QCOMPARE(learningRateAt(1e-3, 30.0, 200, 30, 0, 0), 5e-4);
        QCOMPARE(learningRateAt(1e-3, 95.0, 200, 30, 0, 0), 1.25e-4);
        // Sec. 5.5: ramp-up over 10 epochs, ramp-down over the last 50 of 100.
        QVERIFY(std::abs(learningRateAt(1e-3, 5.0, 100, 0, 10, 50) - 1e-3 * std::exp(-1.25))
                < 1e-15);
        QCOMPARE(learningRateAt(1e-3, 20.0, 100, 0, 10, 50), 1e-3);
        QVERIFY(std::abs(learningRateAt(1e-3, 75.0, 100, 0, 10, 50)
                         - 1e-3 * (1.0 - std::exp(-3.125)))
                < 1e-15);
    }
};

QTEST_GUILESS_MAIN(RampsTest)
#include "Ramps_test.moc"
