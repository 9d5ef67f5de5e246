// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/dsp/MelStatEmbedding.h"

#include <QtTest>

#include <cmath>
#include <random>

using namespace timbre::dsp;

class MelStatEmbeddingTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchesHandComputation()
    {
        // 5 frames x 2 bands, patches of 2 frames:
        //   band 0: 1 3 | 2 6 | 4      band 1: 0 0 | -1 1 | 5
        // patch 0: means (2, 0),   population stds (1, 0)
        // patch 1: means (4, 0),   stds (2, 1)
        // padded patch 2 (repeat edge: frames 4, 4 / 5, 5): means (4, 5), stds (0, 0)
        const std::vector<float> frames = {1, 0, 3, 0, 2, -1, 6, 1, 4, 5};
        MelStatEmbedding dropping(2, InstancePatcher(2, InstancePatcher::LastPatch::Drop));
        QCOMPARE(dropping.dimension(), 4);
        std::vector<float> out;
        QCOMPARE(dropping.pushFrames(frames.data(), 5, out), 2);
        QCOMPARE(dropping.finish(out), 0);
        const std::vector<float> expected = {2, 0, 1, 0, 4, 0, 2, 1};
        QCOMPARE(out, expected);

        const std::vector<float> padded = MelStatEmbedding::compute(
                frames.data(), 5, 2, InstancePatcher(2, InstancePatcher::LastPatch::PadRepeatEdge));
        std::vector<float> expectedPadded = expected;
        expectedPadded.insert(expectedPadded.end(), {4, 5, 0, 0});
        QCOMPARE(padded, expectedPadded);

        // Constant padding with 0: last patch (4, 0) / (5, 0): means (2, 2.5), stds (2, 2.5).
        const std::vector<float> zero = MelStatEmbedding::compute(
                frames.data(), 5, 2, InstancePatcher(2, InstancePatcher::LastPatch::PadConstant));
        QCOMPARE(zero.size(), size_t(12));
        QCOMPARE(zero[8], 2.0f);
        QCOMPARE(zero[9], 2.5f);
        QCOMPARE(zero[10], 2.0f);
        QCOMPARE(zero[11], 2.5f);
    }

    void threeFrameStd()
    {
        // Values 1, 2, 4: mean 7/3, population variance ((4/3)^2 + (1/3)^2 + (5/3)^2) / 3
        // = 14/9, std = sqrt(14)/3 = 1.2472191.
        const std::vector<float> frames = {1, 2, 4};
        const std::vector<float> out
                = MelStatEmbedding::compute(frames.data(), 3, 1, InstancePatcher(3));
        QCOMPARE(out.size(), size_t(2));
        QVERIFY(std::abs(out[0] - 7.0f / 3.0f) < 1e-6f);
        QVERIFY(std::abs(out[1] - std::sqrt(14.0f) / 3.0f) < 1e-6f);
    }

    void defaultShapeAndStreaming()
    {
        // 64 bands, 96-frame patches: 998 frames (10 s of VGGish frames) -> 10 x 128.
        std::mt19937 rng(9);
        std::normal_distribution<float> dist(-3.0f, 1.5f);
        std::vector<float> logMel(998 * 64);
        for (float &v : logMel)
            v = dist(rng);
        const std::vector<float> whole = MelStatEmbedding::compute(logMel.data(), 998, 64);
        QCOMPARE(whole.size(), size_t(10 * 128));
        MelStatEmbedding embedding;
        QCOMPARE(MelStatEmbedding::id(), QStringLiteral("melstat"));
        QCOMPARE(MelStatEmbedding::kVersion, 1);
        QCOMPARE(embedding.dimension(), 128);
        std::vector<float> streamed;
        int pos = 0;
        for (int step : {1, 50, 95, 2, 300, 7, 543}) {
            const int n = std::min(step, 998 - pos);
            embedding.pushFrames(logMel.data() + size_t(pos) * 64, n, streamed);
            pos += n;
        }
        embedding.finish(streamed);
        QCOMPARE(streamed, whole);
        QCOMPARE(embedding.instancesProduced(), 10LL);
        // Instance 3, band 17 against a direct sum.
        double sum = 0, sq = 0;
        for (int f = 3 * 96; f < 4 * 96; ++f)
            sum += logMel[size_t(f) * 64 + 17];
        const double mean = sum / 96;
        for (int f = 3 * 96; f < 4 * 96; ++f)
            sq += std::pow(logMel[size_t(f) * 64 + 17] - mean, 2);
        QVERIFY(std::abs(whole[3 * 128 + 17] - mean) < 1e-5);
        QVERIFY(std::abs(whole[3 * 128 + 64 + 17] - std::sqrt(sq / 96)) < 1e-5);
    }
};

QTEST_GUILESS_MAIN(MelStatEmbeddingTest)
#include "MelStatEmbedding_test.moc"
