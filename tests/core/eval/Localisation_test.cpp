// SPDX-License-Identifier: GPL-3.0-or-later
// The per-second localisation scores (LocalisationScoring, docs/METHOD.md §10.5): each form and
// each smoothing against values worked out by hand, the names round-tripping, and on planted
// data that smoothing raises the 1 s AUROC exactly when its premise holds (an instrument sounds
// for several seconds) and lowers it when activity flips every second. The within-track AUROC
// gives a score that only knows the clip exactly 0.5.
#include "core/eval/BagScoring.h"
#include "core/eval/Localisation.h"

#include <QtTest>

#include <cmath>
#include <random>

using namespace timbre::eval;
using Scoring = LocalisationScoring;

namespace {

// Tracks of `frames` seconds, one class, whose score is the truth plus Gaussian noise (sigma);
// activity in runs of `run` seconds (on, off, on, ...) starting at a per-track offset.
std::vector<TrackActivity> plantedNoise(int tracks, int frames, int run, float sigma, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> noise(0.0f, sigma);
    std::vector<TrackActivity> out;
    for (int t = 0; t < tracks; ++t) {
        TrackActivity a;
        a.key = QString::number(t);
        a.frames = frames;
        const int offset = t % (2 * run);
        for (int f = 0; f < frames; ++f) {
            const uint8_t on = ((f + offset) / run) % 2 == 0 ? 1 : 0;
            a.active.push_back(on);
            a.scores.push_back(float(on) + noise(rng));
        }
        out.push_back(std::move(a));
    }
    return out;
}

std::vector<TrackActivity> smoothed(std::vector<TrackActivity> tracks, Scoring::Smoothing s,
                                    int window)
{
    for (TrackActivity &t : tracks)
        t.scores = Localisation::smooth(t.scores, t.frames, 1, s, window);
    return tracks;
}

bool near(float a, float b)
{
    return std::abs(a - b) < 1e-6f;
}

// One bag of 3 instances and one class, and a prediction for it with clip score 0.8 and
// attention 0.5, 0.25, 0.25: what the '+overlap' and '+level' tests score by hand.
struct OneBag
{
    timbre::models::BagSet bags;
    timbre::models::BagPrediction prediction;
};

OneBag oneBag(const std::vector<float> &instanceScores)
{
    OneBag b;
    b.bags.featureDim = 1;
    b.bags.numClasses = 1;
    const float features[3] = {0.0f, 0.0f, 0.0f};
    const float label = 1.0f;
    const uint8_t observed = 1;
    b.bags.appendBag(features, 3, &label, &observed);
    b.prediction.instances = 3;
    b.prediction.numClasses = 1;
    b.prediction.clipScores = {0.8f};
    b.prediction.instanceScores = instanceScores;
    b.prediction.attention = {0.5f, 0.25f, 0.25f};
    return b;
}

// The prediction of oneBag() on the grid shifted by half an instance: 2 instances.
timbre::models::BagPrediction shiftedOf(const timbre::models::BagPrediction &p,
                                        const std::vector<float> &instanceScores)
{
    timbre::models::BagPrediction q = p;
    q.instances = 2;
    q.instanceScores = instanceScores;
    q.attention = {0.5f, 0.5f};
    return q;
}

} // namespace

class LocalisationTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void namesRoundTrip()
    {
        for (const QString &n :
             {QStringLiteral("evidence"), QStringLiteral("instance"),
              QStringLiteral("clip-attention"), QStringLiteral("clip-evidence"),
              QStringLiteral("clip"), QStringLiteral("instance+mean3"),
              QStringLiteral("clip-evidence+mean5"), QStringLiteral("evidence+median7"),
              QStringLiteral("instance+overlap"), QStringLiteral("evidence+overlap+mean3"),
              QStringLiteral("instance+level"), QStringLiteral("instance+overlap+level"),
              QStringLiteral("evidence+overlap+level+mean3"),
              QStringLiteral("instance+overlap+level21"), QStringLiteral("clip-instance"),
              QStringLiteral("clip-instance+overlap+level")}) {
            const auto s = Scoring::parse(n);
            QVERIFY2(s.has_value(), qPrintable(n));
            QCOMPARE(s->name(), n);
        }
        for (const QString &bad :
             {QStringLiteral(""), QStringLiteral("attention"), QStringLiteral("evidence+mean4"),
              QStringLiteral("evidence+mean1"), QStringLiteral("evidence+mean"),
              QStringLiteral("evidence+max3"), QStringLiteral("evidence+mean3+mean3"),
              QStringLiteral("overlap"), QStringLiteral("instance+mean3+overlap"),
              QStringLiteral("instance+overlap+overlap"), QStringLiteral("instance+level+overlap"),
              QStringLiteral("instance+level+level"), QStringLiteral("level"),
              QStringLiteral("instance+mean3+level"), QStringLiteral("instance+level4"),
              QStringLiteral("instance+level1"), QStringLiteral("instance+levels")})
            QVERIFY2(!Scoring::parse(bad).has_value(), qPrintable(bad));
        // A default-constructed scoring is the old measure; the default is the dev choice.
        QCOMPARE(Scoring().name(), QStringLiteral("evidence"));
        QCOMPARE(Scoring::defaults().name(), QStringLiteral("clip-evidence+mean5"));
        QVERIFY(Scoring::parse(QStringLiteral("instance+overlap"))->overlap);
        QVERIFY(!Scoring::parse(QStringLiteral("instance+mean3"))->overlap);
        QVERIFY(Scoring::parse(QStringLiteral("instance+overlap+level"))->level);
        QVERIFY(Scoring::parse(QStringLiteral("instance+overlap+level"))->overlap);
        QVERIFY(!Scoring::parse(QStringLiteral("instance+overlap"))->level);
        QCOMPARE(Scoring::parse(QStringLiteral("instance+level"))->levelWindow, 0);
        QCOMPARE(Scoring::parse(QStringLiteral("instance+level21"))->levelWindow, 21);
    }

    // A '+level' scoring moves each instance score by its level relative to the bag's mean
    // (weight 0.4 per dB on the logit scale) before forming the score, after the overlap;
    // without the levels nothing is scored. One bag of 3 instances, one class, scores 0.5
    // 0.5 0.5 at -10, -20 and -30 dB: relative +10, 0, -10, so sigmoid(4), 0.5, sigmoid(-4).
    void levelScoresByHand()
    {
        const OneBag one = oneBag({0.5f, 0.5f, 0.5f});
        const timbre::models::BagSet &bags = one.bags;
        const std::vector<uint8_t> truth {1, 0, 0};
        const std::vector<timbre::models::BagPrediction> plain {one.prediction};
        const std::vector<std::vector<float>> levels {{-10.0f, -20.0f, -30.0f}};
        const auto sigmoid = [](double z) { return float(1.0 / (1.0 + std::exp(-z))); };
        const auto instance = BagScoring::trackActivity(
                bags, plain, truth, *Scoring::parse(QStringLiteral("instance+level")), nullptr,
                &levels);
        QCOMPARE(instance.size(), size_t(1));
        QVERIFY(near(instance[0].scores[0], sigmoid(4.0)));
        QVERIFY(near(instance[0].scores[1], 0.5f));
        QVERIFY(near(instance[0].scores[2], sigmoid(-4.0)));
        // The evidence multiplies the moved score by a_i N.
        const auto evidence = BagScoring::trackActivity(
                bags, plain, truth, *Scoring::parse(QStringLiteral("evidence+level")), nullptr,
                &levels);
        QVERIFY(near(evidence[0].scores[0], sigmoid(4.0) * 1.5f));
        // Overlap first, then the level: plain 0.9 0.1 0.9 with shifted 0.5 0.3 are the overlap
        // means of overlapScoresByHand, then moved by +10, 0, -10 dB.
        const timbre::models::BagPrediction o = oneBag({0.9f, 0.1f, 0.9f}).prediction;
        const std::vector<timbre::models::BagPrediction> op {o},
                shifted {shiftedOf(o, {0.5f, 0.3f})};
        const auto both = BagScoring::trackActivity(
                bags, op, truth, *Scoring::parse(QStringLiteral("instance+overlap+level")),
                &shifted, &levels);
        const auto logit = [](double s) { return std::log(s / (1.0 - s)); };
        QVERIFY(near(both[0].scores[0], sigmoid(logit(2.3 / 3.0) + 4.0)));
        QVERIFY(near(both[0].scores[1], 0.25f));
        QVERIFY(near(both[0].scores[2], sigmoid(logit(0.7) - 4.0)));
        // Without levels, or with levels of another length, no track is scored.
        QVERIFY(BagScoring::trackActivity(bags, plain, truth,
                                          *Scoring::parse(QStringLiteral("instance+level")))
                        .empty());
        const std::vector<std::vector<float>> shortLevels {{-10.0f, -20.0f}};
        QVERIFY(BagScoring::trackActivity(bags, plain, truth,
                                          *Scoring::parse(QStringLiteral("instance+level")),
                                          nullptr, &shortLevels)
                        .empty());
    }

    // A '+overlap' scoring replaces each instance score by its overlap mean with the shifted
    // grid's (weights 2, 1, 1) before forming the score; without the shifted predictions
    // nothing is scored. One bag of 3 instances, one class: plain 0.9 0.1 0.9 and shifted
    // 0.5 0.3 give (1.8 + 0.5) / 3, (0.2 + 0.5 + 0.3) / 4 and (1.8 + 0.3) / 3; the evidence
    // also multiplies by a_i N.
    void overlapScoresByHand()
    {
        const OneBag one = oneBag({0.9f, 0.1f, 0.9f});
        const timbre::models::BagSet &bags = one.bags;
        const timbre::models::BagPrediction &p = one.prediction;
        const std::vector<uint8_t> truth {1, 0, 1};
        const std::vector<timbre::models::BagPrediction> plain {p},
                shifted {shiftedOf(p, {0.5f, 0.3f})};

        const auto instance = BagScoring::trackActivity(
                bags, plain, truth, *Scoring::parse(QStringLiteral("instance+overlap")), &shifted);
        QCOMPARE(instance.size(), size_t(1));
        QVERIFY(near(instance[0].scores[0], 2.3f / 3.0f));
        QVERIFY(near(instance[0].scores[1], 0.25f));
        QVERIFY(near(instance[0].scores[2], 0.7f));
        const auto evidence = BagScoring::trackActivity(
                bags, plain, truth, *Scoring::parse(QStringLiteral("evidence+overlap")), &shifted);
        QVERIFY(near(evidence[0].scores[0], 2.3f / 3.0f * 1.5f));
        QVERIFY(near(evidence[0].scores[1], 0.25f * 0.75f));
        // Without overlap the shifted grid is ignored; without the shifted grid, no tracks.
        const auto plainOnly = BagScoring::trackActivity(
                bags, plain, truth, *Scoring::parse(QStringLiteral("instance")), &shifted);
        QCOMPARE(plainOnly[0].scores, p.instanceScores);
        QVERIFY(BagScoring::trackActivity(bags, plain, truth,
                                          *Scoring::parse(QStringLiteral("instance+overlap")))
                        .empty());
    }

    void scoresByHand()
    {
        // 2 frames x 2 classes, row-major. Attention columns sum to 1, clip scores per class.
        const std::vector<float> s {0.5f, 0.2f, 1.0f, 0.8f};
        const std::vector<float> a {0.25f, 0.5f, 0.75f, 0.5f};
        const std::vector<float> y {0.64f, 0.5f};
        const auto form = [&](Scoring::Score score, const std::vector<float> &att) {
            Scoring sc;
            sc.score = score;
            return Localisation::perSecond(s, att, y, 2, 2, sc);
        };
        // Evidence s * a * N: 0.25 0.2 / 1.5 0.8 (the same as instanceEvidence).
        const std::vector<float> e = form(Scoring::Score::Evidence, a);
        QVERIFY(near(e[0], 0.25f) && near(e[1], 0.2f) && near(e[2], 1.5f) && near(e[3], 0.8f));
        QCOMPARE(e, Localisation::instanceEvidence(s, a, 2, 2));
        QCOMPARE(form(Scoring::Score::Instance, a), s);
        // y * a * N: 0.32 0.5 / 0.96 0.5.
        const std::vector<float> ca = form(Scoring::Score::ClipAttention, a);
        QVERIFY(near(ca[0], 0.32f) && near(ca[1], 0.5f) && near(ca[2], 0.96f) && near(ca[3], 0.5f));
        // sqrt(y * evidence): sqrt(0.16) = 0.4, sqrt(0.1), sqrt(0.96), sqrt(0.4).
        const std::vector<float> ce = form(Scoring::Score::ClipEvidence, a);
        QVERIFY(near(ce[0], 0.4f) && near(ce[1], std::sqrt(0.1f)) && near(ce[2], std::sqrt(0.96f))
                && near(ce[3], std::sqrt(0.4f)));
        const std::vector<float> c = form(Scoring::Score::Clip, a);
        QCOMPARE(c, (std::vector<float> {0.64f, 0.5f, 0.64f, 0.5f}));
        // sqrt(y * s), attention ignored: sqrt(0.32), sqrt(0.1), 0.8, sqrt(0.4).
        const std::vector<float> ci = form(Scoring::Score::ClipInstance, a);
        QVERIFY(near(ci[0], std::sqrt(0.32f)) && near(ci[1], std::sqrt(0.1f)) && near(ci[2], 0.8f)
                && near(ci[3], std::sqrt(0.4f)));
        QCOMPARE(form(Scoring::Score::ClipInstance, {}), ci);
        // No attention counts as uniform: evidence is the instance score, clip-attention the
        // clip score.
        QCOMPARE(form(Scoring::Score::Evidence, {}), s);
        QCOMPARE(form(Scoring::Score::ClipAttention, {}), c);
        // Mismatched arrays give nothing.
        Scoring sc;
        sc.score = Scoring::Score::ClipEvidence;
        QVERIFY(Localisation::perSecond(s, a, {0.5f}, 2, 2, sc).empty());
        QVERIFY(Localisation::perSecond(s, {0.5f}, y, 2, 2, sc).empty());
    }

    void smoothingByHand()
    {
        // Two classes interleaved: class 0 is 1 2 3 4 10, class 1 is constant 7 (must stay 7).
        const std::vector<float> x {1, 7, 2, 7, 3, 7, 4, 7, 10, 7};
        const auto column = [](const std::vector<float> &v, int c) {
            std::vector<float> out;
            for (size_t i = size_t(c); i < v.size(); i += 2)
                out.push_back(v[i]);
            return out;
        };
        const auto check = [&](Scoring::Smoothing s, int w, std::vector<float> expected) {
            const std::vector<float> y = Localisation::smooth(x, 5, 2, s, w);
            const std::vector<float> c0 = column(y, 0);
            QCOMPARE(c0.size(), expected.size());
            for (size_t i = 0; i < expected.size(); ++i)
                QVERIFY2(near(c0[i], expected[i]),
                         qPrintable(QStringLiteral("window %1, frame %2: %3 != %4")
                                            .arg(w)
                                            .arg(i)
                                            .arg(c0[i])
                                            .arg(expected[i])));
            QCOMPARE(column(y, 1), std::vector<float>(5, 7.0f));
        };
        // Centred windows cut at the ends.
        check(Scoring::Smoothing::Mean, 3, {1.5f, 2.0f, 3.0f, 17.0f / 3.0f, 7.0f});
        check(Scoring::Smoothing::Median, 3, {1.5f, 2.0f, 3.0f, 4.0f, 7.0f});
        check(Scoring::Smoothing::Mean, 5, {2.0f, 2.5f, 4.0f, 4.75f, 17.0f / 3.0f});
        check(Scoring::Smoothing::Median, 5, {2.0f, 2.5f, 3.0f, 3.5f, 4.0f});
        // None (or window 1) leaves the scores alone; a wrong size gives nothing.
        QCOMPARE(Localisation::smooth(x, 5, 2, Scoring::Smoothing::None, 5), x);
        QCOMPARE(Localisation::smooth(x, 5, 2, Scoring::Smoothing::Mean, 1), x);
        QVERIFY(Localisation::smooth(x, 4, 2, Scoring::Smoothing::Mean, 3).empty());
        // perSecond applies the smoothing after forming the score.
        const std::vector<float> s {1, 2, 3, 4, 10};
        const std::vector<float> viaScoring
                = Localisation::perSecond(s, {}, {}, 5, 1, *Scoring::parse("instance+mean3"));
        QCOMPARE(viaScoring, Localisation::smooth(s, 5, 1, Scoring::Smoothing::Mean, 3));
    }

    void smoothingHelpsOnlyLongActivity()
    {
        // Activity in 10 s runs, scores = truth + strong noise: averaging 5 neighbours cuts the
        // noise's variance five-fold away from the runs' edges, and the 1 s AUROC rises clearly.
        const std::vector<TrackActivity> runs = plantedNoise(40, 40, 10, 1.0f, 7);
        const double raw = Localisation::auroc(runs, 1, 1).mean;
        const double mean5
                = Localisation::auroc(smoothed(runs, Scoring::Smoothing::Mean, 5), 1, 1).mean;
        const double median5
                = Localisation::auroc(smoothed(runs, Scoring::Smoothing::Median, 5), 1, 1).mean;
        QVERIFY2(raw > 0.70 && raw < 0.85, qPrintable(QString::number(raw)));
        QVERIFY2(mean5 > raw + 0.08, qPrintable(QStringLiteral("%1 %2").arg(raw).arg(mean5)));
        QVERIFY2(median5 > raw + 0.05, qPrintable(QStringLiteral("%1 %2").arg(raw).arg(median5)));
        // Activity that flips every second: the same smoothing averages on and off seconds
        // together and loses most of what the raw scores knew.
        const std::vector<TrackActivity> flips = plantedNoise(40, 40, 1, 1.0f, 7);
        const double flipRaw = Localisation::auroc(flips, 1, 1).mean;
        const double flipMean5
                = Localisation::auroc(smoothed(flips, Scoring::Smoothing::Mean, 5), 1, 1).mean;
        QVERIFY2(flipMean5 < flipRaw - 0.1,
                 qPrintable(QStringLiteral("%1 %2").arg(flipRaw).arg(flipMean5)));
    }

    void withinTrack()
    {
        // One class. A: 4 s, active 1 0 0 1; B: 4 s, active 0 0 1 0; C: always active.
        std::vector<TrackActivity> tracks(3);
        tracks[0] = {QStringLiteral("A"), 4, {0.9f, 0.1f, 0.95f, 0.8f}, {1, 0, 0, 1}};
        tracks[1] = {QStringLiteral("B"), 4, {0.3f, 0.4f, 0.35f, 0.35f}, {0, 0, 1, 0}};
        tracks[2] = {QStringLiteral("C"), 2, {0.05f, 0.2f}, {1, 1}};
        // A: pairs (0.9|0.8) x (0.1|0.95): 2 of 4 win. B: 0.35 against 0.3, 0.4, 0.35: 1 + 0
        // + 0.5 of 3. C has no silent second. (2 + 1.5) / (4 + 3) = 0.5.
        ResolutionAuroc w = Localisation::withinTrack(tracks, 1);
        QCOMPARE(w.classesUsed, 1);
        QVERIFY(std::abs(w.mean - 3.5 / 7.0) < 1e-12);
        tracks[1].scores[3] = 0.1f; // B now 2 of 3 (0.35 beats 0.3 and 0.1, not 0.4)
        w = Localisation::withinTrack(tracks, 1);
        QVERIFY(std::abs(w.mean - 4.0 / 7.0) < 1e-12);
        // The clip score on every second: exactly chance within tracks, however well it ranks
        // the tracks against each other (pooled: 17.5 of 25 pairs).
        for (TrackActivity &t : tracks)
            std::fill(t.scores.begin(), t.scores.end(), t.key == QLatin1String("B") ? 0.2f : 0.9f);
        QCOMPARE(Localisation::withinTrack(tracks, 1).mean, 0.5);
        QVERIFY(std::abs(Localisation::auroc(tracks, 1, 1).mean - 0.7) < 1e-12);
        // No track with both states: NaN, no class used.
        tracks.resize(1);
        tracks[0].active = {1, 1, 1, 1};
        QVERIFY(std::isnan(Localisation::withinTrack(tracks, 1).mean));
    }

    void withinTrackSupport()
    {
        // Two classes, [frames x classes] row-major. Class 0 rests and sounds only in T1, one
        // pair, ranked right; class 1 only in T2 (3 pairs) and T3 (4 pairs), every pair wrong.
        std::vector<TrackActivity> tracks(3);
        tracks[0] = {QStringLiteral("T1"), 2, {0.9f, 0.5f, 0.1f, 0.5f}, {1, 0, 0, 0}};
        tracks[1] = {QStringLiteral("T2"),
                     4,
                     {0.f, 0.1f, 0.f, 0.5f, 0.f, 0.6f, 0.f, 0.7f},
                     {0, 1, 0, 0, 0, 0, 0, 0}};
        tracks[2] = {QStringLiteral("T3"),
                     4,
                     {0.f, 0.1f, 0.f, 0.2f, 0.f, 0.8f, 0.f, 0.9f},
                     {1, 1, 1, 1, 1, 0, 1, 0}};
        const ResolutionAuroc w = Localisation::withinTrack(tracks, 2);
        QCOMPARE(w.perClass, (std::vector<double> {1.0, 0.0}));
        QCOMPARE(w.perClassPairs, (std::vector<double> {1.0, 7.0}));
        QCOMPARE(w.perClassTracks, (std::vector<int> {1, 2}));
        QCOMPARE(w.mean, 0.5); // one right pair weighs as much as seven wrong ones
        QCOMPARE(w.pairWeightedMean, 1.0 / 8.0);
        // Pooled AUROC fills none of it.
        const ResolutionAuroc pooled = Localisation::auroc(tracks, 2, 1);
        QVERIFY(pooled.perClassPairs.empty());
        QVERIFY(std::isnan(pooled.pairWeightedMean));
    }
};

QTEST_GUILESS_MAIN(LocalisationTest)
#include "Localisation_test.moc"
