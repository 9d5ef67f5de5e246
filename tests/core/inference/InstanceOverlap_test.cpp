// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/inference/InstanceOverlap.h"

#include <QTest>

using timbre::inference::InstanceOverlap;

class InstanceOverlapTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Four plain instances, three shifted ones (a 4-instance track read from half an
    // instance on has three whole ones), two classes.
    void weightsTwoOneOne()
    {
        const std::vector<float> plain = {0.0f, 1.0f, 0.4f, 1.0f, 0.8f, 1.0f, 0.2f, 1.0f};
        const std::vector<float> shifted = {1.0f, 0.0f, 0.6f, 0.0f, 0.0f, 0.0f};
        const std::vector<float> out = InstanceOverlap::mean(plain, 4, shifted, 3, 2);
        QCOMPARE(out.size(), size_t(8));
        // Plain 0 has one shifted neighbour (j = 0): (2 * 0 + 1) / 3.
        QCOMPARE(out[0], 1.0f / 3.0f);
        // Plain 1 is overlapped by shifted 0 and 1: (2 * 0.4 + 1 + 0.6) / 4.
        QCOMPARE(out[2], 0.6f);
        // Plain 2: (2 * 0.8 + 0.6 + 0) / 4.
        QCOMPARE(out[4], 0.55f);
        // Plain 3: shifted 2 only, (2 * 0.2 + 0) / 3.
        QCOMPARE(out[6], float(0.4 / 3.0));
        // The second class: every shifted score 0 pulls a plain 1 down by the weights.
        QCOMPARE(out[1], float(2.0 / 3.0));
        QCOMPARE(out[3], 0.5f);
        QCOMPARE(out[7], float(2.0 / 3.0));
    }

    // A shifted grid as long as the plain one: its last instance reaches past the track's end
    // and overlaps no plain instance on both sides, so only frames - 1 count.
    void extraShiftedRowIgnored()
    {
        const std::vector<float> plain = {0.5f, 0.5f};
        const std::vector<float> withExtra = {0.1f, 0.9f};
        const std::vector<float> out = InstanceOverlap::mean(plain, 2, withExtra, 2, 1);
        QCOMPARE(out, (std::vector<float> {float(1.1 / 3.0), float(1.1 / 3.0)}));
    }

    // No shifted instances (a track shorter than 1.5 instances): the plain scores unchanged.
    void noShiftedKeepsPlain()
    {
        const std::vector<float> plain = {0.3f, 0.7f};
        QCOMPARE(InstanceOverlap::mean(plain, 1, {}, 0, 2), plain);
    }

    void sizeMismatchIsEmpty()
    {
        QVERIFY(InstanceOverlap::mean({0.1f, 0.2f}, 2, {0.1f}, 2, 1).empty());
        QVERIFY(InstanceOverlap::mean({0.1f}, 1, {}, 0, 0).empty());
    }
};

QTEST_GUILESS_MAIN(InstanceOverlapTest)
#include "InstanceOverlap_test.moc"
