// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/dsp/InstancePatcher.h"

#include <QtTest>

using namespace timbre::dsp;

class InstancePatcherTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void patchCountsForKnownDurations()
    {
        // VGGish framing: 1 + (N - 400) / 160 frames at 16 kHz; 96-frame patches.
        auto frames = [](double seconds) { return 1 + (int(seconds * 16000) - 400) / 160; };
        QCOMPARE(frames(10.0), 998);
        QCOMPARE(InstancePatcher::patchCount(frames(10.0), 96, false), 10); // OpenMIC: 10 x 128
        QCOMPARE(InstancePatcher::patchCount(frames(10.0), 96, true), 11); // 38 frames left
        QCOMPARE(InstancePatcher::patchCount(frames(10.5), 96, false), 10); // 1048 frames
        QCOMPARE(InstancePatcher::patchCount(frames(10.5), 96, true), 11);
        QCOMPARE(InstancePatcher::patchCount(frames(180.0), 96, false), 187); // 17998 frames
        QCOMPARE(InstancePatcher::patchCount(frames(180.0), 96, true), 188);
        // Exactly whole patches: nothing to pad.
        QCOMPARE(InstancePatcher::patchCount(960, 96, false), 10);
        QCOMPARE(InstancePatcher::patchCount(960, 96, true), 10);
        // Shorter than one patch.
        QCOMPARE(InstancePatcher::patchCount(95, 96, false), 0);
        QCOMPARE(InstancePatcher::patchCount(95, 96, true), 1);
        QCOMPARE(InstancePatcher::patchCount(0, 96, true), 0);
        QCOMPARE(InstancePatcher::patchCount(10, 0, true), 0);
        // Strong-label front end: 86 frames per 1 s instance.
        QCOMPARE(InstancePatcher::patchCount(1 + 30 * 44100 / 512, 86, false), 30);
        InstancePatcher padded(96, InstancePatcher::LastPatch::PadConstant);
        QCOMPARE(padded.patchCount(998), 11);
        QVERIFY(padded.padsLast());
    }

    void patchContents()
    {
        // 7 frames x 2 bands, value = 10 * frame + band; patches of 3 frames.
        std::vector<float> m;
        for (int f = 0; f < 7; ++f)
            for (int b = 0; b < 2; ++b)
                m.push_back(float(10 * f + b));

        InstancePatcher drop(3, InstancePatcher::LastPatch::Drop);
        std::vector<float> p = drop.patches(m.data(), 7, 2);
        QCOMPARE(p.size(), size_t(2 * 3 * 2));
        QVERIFY(std::equal(p.begin(), p.end(), m.begin())); // first 6 frames, in order

        InstancePatcher edge(3, InstancePatcher::LastPatch::PadRepeatEdge);
        p = edge.patches(m.data(), 7, 2);
        QCOMPARE(p.size(), size_t(3 * 3 * 2));
        const std::vector<float> lastEdge = {60, 61, 60, 61, 60, 61};
        QVERIFY(std::equal(lastEdge.begin(), lastEdge.end(), p.begin() + 12));

        InstancePatcher constant(3, InstancePatcher::LastPatch::PadConstant, -4.5f);
        p = constant.patches(m.data(), 7, 2);
        const std::vector<float> lastConstant = {60, 61, -4.5f, -4.5f, -4.5f, -4.5f};
        QVERIFY(std::equal(lastConstant.begin(), lastConstant.end(), p.begin() + 12));

        std::vector<float> one(6);
        QVERIFY(!drop.patch(m.data(), 7, 2, 2, one.data())); // dropped
        QVERIFY(edge.patch(m.data(), 7, 2, 1, one.data()));
        QCOMPARE(one[0], 30.0f);
        QVERIFY(!edge.patch(m.data(), 7, 2, -1, one.data()));
    }
};

QTEST_GUILESS_MAIN(InstancePatcherTest)
#include "InstancePatcher_test.moc"
