// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/inference/InstanceLevel.h"

#include <QTest>

#include <cmath>

using timbre::inference::InstanceLevel;

namespace {

float sigmoid(double z)
{
    return float(1.0 / (1.0 + std::exp(-z)));
}

double logit(double s)
{
    return std::log(s / (1.0 - s));
}

} // namespace

class InstanceLevelTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Two instances, two classes: levels -6 and -16 dB are +5 and -5 dB about their mean, so
    // each score moves by +-2 logits at 0.4 per dB.
    void blendByHand()
    {
        const std::vector<float> scores {0.2f, 0.9f, 0.2f, 0.9f};
        const std::vector<float> out = InstanceLevel::blend(scores, 2, 2, {-6.0f, -16.0f});
        QCOMPARE(out.size(), size_t(4));
        QVERIFY(std::abs(out[0] - sigmoid(logit(0.2) + 2.0)) < 1e-6f);
        QVERIFY(std::abs(out[1] - sigmoid(logit(0.9) + 2.0)) < 1e-6f);
        QVERIFY(std::abs(out[2] - sigmoid(logit(0.2) - 2.0)) < 1e-6f);
        QVERIFY(std::abs(out[3] - sigmoid(logit(0.9) - 2.0)) < 1e-6f);
        // Weight 0 leaves the scores as they were.
        const std::vector<float> none = InstanceLevel::blend(scores, 2, 2, {-6.0f, -16.0f}, 0.0f);
        for (size_t i = 0; i < scores.size(); ++i)
            QVERIFY(std::abs(none[i] - scores[i]) < 1e-6f);
    }

    // A file mastered 12 dB louder gives the same scores: only levels relative to the track's
    // mean count.
    void offsetDoesNotMatter()
    {
        const std::vector<float> scores {0.3f, 0.6f, 0.4f};
        const std::vector<float> a = InstanceLevel::blend(scores, 3, 1, {-20.0f, -25.0f, -18.0f});
        const std::vector<float> b = InstanceLevel::blend(scores, 3, 1, {-8.0f, -13.0f, -6.0f});
        for (size_t i = 0; i < a.size(); ++i)
            QVERIFY(std::abs(a[i] - b[i]) < 1e-6f);
    }

    // Digital silence (-100 dB) counts as 60 dB below the loudest instance, so that one
    // silent second does not drag the mean down and lift every other second.
    void silenceIsFloored()
    {
        const std::vector<float> rel = InstanceLevel::relative({-10.0f, -100.0f, -10.0f, -10.0f});
        QCOMPARE(rel.size(), size_t(4));
        // Floored to -70: mean -25, so +15 and -45.
        QVERIFY(std::abs(rel[0] - 15.0f) < 1e-5f);
        QVERIFY(std::abs(rel[1] + 45.0f) < 1e-5f);
        // A certain score stays inside (0, 1): clamped before the logit.
        const std::vector<float> out = InstanceLevel::blend({1.0f, 0.0f}, 2, 1, {0.0f, -10.0f});
        QVERIFY(out[0] < 1.0f && out[0] > 0.99f);
        QVERIFY(out[1] > 0.0f && out[1] < 0.01f);
    }

    // A centred window of 3 instances, cut at the ends: each level against the mean of its
    // neighbourhood, not of the track.
    void windowedReference()
    {
        const std::vector<float> rel = InstanceLevel::relative({-10.0f, -20.0f, -30.0f, -30.0f}, 3);
        QCOMPARE(rel.size(), size_t(4));
        QVERIFY(std::abs(rel[0] - 5.0f) < 1e-5f); // mean of -10, -20
        QVERIFY(std::abs(rel[1] - 0.0f) < 1e-5f); // mean of -10, -20, -30
        QVERIFY(std::abs(rel[2] + 3.3333333f) < 1e-5f); // mean of -20, -30, -30
        QVERIFY(std::abs(rel[3] - 0.0f) < 1e-5f); // mean of -30, -30
        // A window as long as the track is the whole track's mean.
        const std::vector<float> whole = InstanceLevel::relative({-10.0f, -20.0f, -30.0f}, 0);
        QCOMPARE(InstanceLevel::relative({-10.0f, -20.0f, -30.0f}, 5), whole);
        const std::vector<float> out
                = InstanceLevel::blend({0.5f, 0.5f, 0.5f, 0.5f}, 4, 1, {-10, -20, -30, -30},
                                       InstanceLevel::kWeightPerDb, 3);
        QVERIFY(std::abs(out[0] - sigmoid(2.0)) < 1e-6f);
        QVERIFY(std::abs(out[1] - 0.5f) < 1e-6f);
    }

    void sizeMismatchIsEmpty()
    {
        QVERIFY(InstanceLevel::blend({0.5f, 0.5f}, 2, 1, {-10.0f}).empty());
        QVERIFY(InstanceLevel::blend({0.5f}, 2, 1, {-10.0f, -20.0f}).empty());
        QVERIFY(InstanceLevel::blend({}, 0, 0, {}).empty());
        QVERIFY(InstanceLevel::relative({}).empty());
    }
};

QTEST_GUILESS_MAIN(InstanceLevelTest)
#include "InstanceLevel_test.moc"
