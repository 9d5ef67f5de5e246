// SPDX-License-Identifier: GPL-3.0-or-later
// The thesis' metrics (Sec. 2.3.2) against values worked out by hand on small tables.
#include "core/eval/BinaryMetrics.h"
#include "core/eval/Localisation.h"
#include "core/eval/MultiLabelEvaluator.h"
#include "core/eval/SeedSummary.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

#include <cmath>

using namespace timbre::eval;

class MultiLabelEvaluatorTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void twoClassScoresByHand()
    {
        // preds at 0.5: 1 1 1 1 0 0 0 -> TP 3, FP 1, FN 0, TN 3.
        const std::vector<float> s {0.9f, 0.8f, 0.7f, 0.6f, 0.4f, 0.3f, 0.2f};
        const std::vector<uint8_t> y {1, 1, 0, 1, 0, 0, 0};
        const BinaryCounts c = countAtThreshold(s, y, 0.5);
        QCOMPARE(c.truePositives, 3);
        QCOMPARE(c.falsePositives, 1);
        QCOMPARE(c.falseNegatives, 0);
        QCOMPARE(c.trueNegatives, 3);
        const TwoClassScores t = twoClassScores(c);
        QVERIFY(std::abs(t.precisionPositive - 0.75) < 1e-12);
        QVERIFY(std::abs(t.recallPositive - 1.0) < 1e-12);
        QVERIFY(std::abs(t.f1Positive - 6.0 / 7.0) < 1e-12);
        QVERIFY(std::abs(t.precisionNegative - 1.0) < 1e-12); // NPV 3/3
        QVERIFY(std::abs(t.recallNegative - 0.75) < 1e-12); // specificity 3/4
        QVERIFY(std::abs(t.f1Negative - 6.0 / 7.0) < 1e-12);
        QVERIFY(std::abs(t.precision - 0.875) < 1e-12);
        QVERIFY(std::abs(t.recall - 0.875) < 1e-12);
        QVERIFY(std::abs(t.f1 - 6.0 / 7.0) < 1e-12);
        QCOMPARE(t.classesAveraged, 2);
        // A score equal to the threshold is a "present" call.
        QCOMPARE(countAtThreshold({0.5f}, {1}, 0.5).truePositives, 1);
    }

    void aurocByHandWithTies()
    {
        // Positives 0.9 0.8 0.6 against negatives 0.7 0.4 0.3 0.2: 11 of 12 pairs won.
        QVERIFY(std::abs(auroc({0.9f, 0.8f, 0.7f, 0.6f, 0.4f, 0.3f, 0.2f}, {1, 1, 0, 1, 0, 0, 0})
                         - 11.0 / 12.0)
                < 1e-12);
        // Ties count one half: positives {0.5, 0.5}, negatives {0.5, 0.2} -> (0.5+1)*2/4.
        QVERIFY(std::abs(auroc({0.5f, 0.5f, 0.5f, 0.2f}, {1, 0, 1, 0}) - 0.75) < 1e-12);
        // All scores equal: chance.
        QVERIFY(std::abs(auroc({0.3f, 0.3f, 0.3f}, {1, 0, 0}) - 0.5) < 1e-12);
        // Perfectly wrong ranking.
        QVERIFY(std::abs(auroc({0.1f, 0.9f}, {1, 0})) < 1e-12);
        QVERIFY(std::isnan(auroc({0.1f, 0.9f}, {0, 0})));
        QVERIFY(std::isnan(auroc({0.1f, 0.9f}, {1, 1})));
        QVERIFY(std::isnan(auroc({}, {})));
    }

    void averagePrecisionByHand()
    {
        // R/P at each cut: (0.5, 1), (0.5, 0.5), (1, 2/3), (1, 0.5) -> 0.5 + 0.5 * 2/3.
        QVERIFY(std::abs(averagePrecision({0.9f, 0.8f, 0.7f, 0.6f}, {1, 0, 1, 0}) - 5.0 / 6.0)
                < 1e-12);
        // A tie is one cut: (0.5, 1) then (1, 2/3).
        QVERIFY(std::abs(averagePrecision({0.9f, 0.5f, 0.5f}, {1, 1, 0}) - 5.0 / 6.0) < 1e-12);
        QVERIFY(std::abs(averagePrecision({0.2f, 0.1f}, {1, 0}) - 1.0) < 1e-12);
        QVERIFY(std::isnan(averagePrecision({0.2f, 0.1f}, {0, 0})));
    }

    void singleClassEdgeCases()
    {
        // No positives, none predicted: only the negative class takes part.
        TwoClassScores t = twoClassScores(countAtThreshold({0.1f, 0.2f, 0.3f}, {0, 0, 0}, 0.5));
        QCOMPARE(t.classesAveraged, 1);
        QCOMPARE(t.f1, 1.0);
        // No positives, one false alarm: positive class joins with zeros.
        t = twoClassScores(countAtThreshold({0.1f, 0.2f, 0.7f}, {0, 0, 0}, 0.5));
        QCOMPARE(t.classesAveraged, 2);
        QCOMPARE(t.precisionPositive, 0.0);
        QCOMPARE(t.recallPositive, 0.0);
        QVERIFY(std::abs(t.precision - 0.5) < 1e-12);
        QVERIFY(std::abs(t.recall - 1.0 / 3.0) < 1e-12);
        QVERIFY(std::abs(t.f1 - 0.4) < 1e-12); // (0 + 0.8) / 2
        // Only positives, all found.
        t = twoClassScores(countAtThreshold({0.6f, 0.9f}, {1, 1}, 0.5));
        QCOMPARE(t.classesAveraged, 1);
        QCOMPARE(t.f1, 1.0);
        // Nothing at all.
        t = twoClassScores(BinaryCounts {});
        QVERIFY(std::isnan(t.f1));
        QVERIFY(std::isnan(t.precision));
    }

    void evaluatorUsesObservedLabelsOnly()
    {
        // 5 bags x 3 instruments. Instrument 0 as in twoClassScoresByHand but with two extra
        // unknown rows whose (wrong) scores must not count; instrument 1 has no positive;
        // instrument 2 has no observed label at all.
        ScoreTable t;
        t.rows = 9;
        t.classes = 3;
        t.classNames = {QStringLiteral("piano"), QStringLiteral("organ"), QStringLiteral("voice")};
        const float s0[9] = {0.9f, 0.8f, 0.7f, 0.6f, 0.4f, 0.3f, 0.2f, 0.95f, 0.05f};
        const float y0[9] = {1, 1, 0, 1, 0, 0, 0, 0, 1};
        const uint8_t m0[9] = {1, 1, 1, 1, 1, 1, 1, 0, 0};
        const float s1[9] = {0.1f, 0.2f, 0.3f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f};
        for (int r = 0; r < 9; ++r) {
            t.scores.insert(t.scores.end(), {s0[r], s1[r], 0.9f});
            t.labels.insert(t.labels.end(), {y0[r], 0.0f, 1.0f});
            t.observed.insert(t.observed.end(), {m0[r], uint8_t(r < 3 ? 1 : 0), 0});
        }
        QVERIFY2(t.validate().isEmpty(), qPrintable(t.validate()));
        const MetricsReport rep = MultiLabelEvaluator::evaluate(t);
        QCOMPARE(int(rep.instruments.size()), 3);
        const InstrumentMetrics &piano = rep.instruments[0];
        QCOMPARE(piano.name, QStringLiteral("piano"));
        QCOMPARE(piano.observed, 7);
        QCOMPARE(piano.positives, 3);
        QVERIFY(std::abs(piano.f1 - 6.0 / 7.0) < 1e-12);
        QVERIFY(std::abs(piano.auroc - 11.0 / 12.0) < 1e-12);
        const InstrumentMetrics &organ = rep.instruments[1];
        QCOMPARE(organ.observed, 3);
        QCOMPARE(organ.f1, 1.0);
        QVERIFY(std::isnan(organ.auroc));
        QVERIFY(std::isnan(organ.averagePrecision));
        const InstrumentMetrics &voice = rep.instruments[2];
        QCOMPARE(voice.observed, 0);
        QVERIFY(std::isnan(voice.f1));
        // Overall: mean over instruments with labels (piano, organ); AUROC over piano only.
        QCOMPARE(rep.instrumentsWithLabels, 2);
        QCOMPARE(rep.instrumentsWithAuroc, 1);
        QCOMPARE(rep.instrumentsWithPositives, 1);
        QVERIFY(std::abs(rep.f1 - (6.0 / 7.0 + 1.0) / 2.0) < 1e-12);
        QVERIFY(std::abs(rep.precision - (0.875 + 1.0) / 2.0) < 1e-12);
        QVERIFY(std::abs(rep.auroc - 11.0 / 12.0) < 1e-12);
        QVERIFY(std::abs(rep.meanAveragePrecision - piano.averagePrecision) < 1e-12);
        QCOMPARE(rep.observedLabels, 10);

        // JSON: NaN becomes null, and the report reads back.
        const QJsonObject json = rep.toJson();
        const QJsonArray list = json.value(QStringLiteral("instruments")).toArray();
        QVERIFY(list.at(2).toObject().value(QStringLiteral("f1")).isNull());
        const QByteArray text = QJsonDocument(json).toJson();
        const MetricsReport back = MetricsReport::fromJson(QJsonDocument::fromJson(text).object());
        QVERIFY(std::abs(back.f1 - rep.f1) < 1e-12);
        QCOMPARE(back.instruments[0].truePositives, 3);
        QVERIFY(std::isnan(back.instruments[2].f1));

        // Per-instrument thresholds change the decisions: at 0.75 piano has TP 2, FN 1, FP 0.
        EvaluationOptions options;
        options.thresholds = {0.75, 0.5, 0.5};
        const MetricsReport tuned = MultiLabelEvaluator::evaluate(t, options);
        QCOMPARE(tuned.instruments[0].truePositives, 2);
        QCOMPARE(tuned.instruments[0].falseNegatives, 1);
        QCOMPARE(tuned.instruments[0].falsePositives, 0);
        QCOMPARE(tuned.instruments[0].threshold, 0.75);
    }

    void invalidTableGivesNaN()
    {
        ScoreTable t;
        t.rows = 2;
        t.classes = 2;
        t.scores = {0.1f, 0.2f, 0.3f};
        t.labels = {0, 0, 0, 0};
        QVERIFY(t.validate().contains(QStringLiteral("3 scores")));
        const MetricsReport rep = MultiLabelEvaluator::evaluate(t);
        QVERIFY(rep.instruments.empty());
        QVERIFY(std::isnan(rep.f1));
    }

    void thresholdTuning()
    {
        ScoreTable t;
        t.rows = 5;
        t.classes = 2;
        // Instrument 0 separable between 0.35 and 0.3; instrument 1 has a single class.
        const float s0[5] = {0.9f, 0.8f, 0.35f, 0.3f, 0.2f};
        const float y0[5] = {1, 1, 1, 0, 0};
        for (int r = 0; r < 5; ++r) {
            t.scores.insert(t.scores.end(), {s0[r], 0.7f});
            t.labels.insert(t.labels.end(), {y0[r], 0.0f});
        }
        const std::vector<double> th = MultiLabelEvaluator::tuneThresholds(t);
        QCOMPARE(int(th.size()), 2);
        QVERIFY(std::abs(th[0] - 0.325) < 1e-6);
        QCOMPARE(th[1], 0.5);
        EvaluationOptions o;
        o.thresholds = th;
        QCOMPARE(MultiLabelEvaluator::evaluate(t, o).instruments[0].f1, 1.0);
        QVERIFY(MultiLabelEvaluator::evaluate(t).instruments[0].f1 < 1.0);
    }

    void meanStdOverSeeds()
    {
        const MeanStd m = SeedSummary::meanStd({0.8, 0.9, 1.0, std::nan("")});
        QCOMPARE(m.count, 3);
        QVERIFY(std::abs(m.mean - 0.9) < 1e-12);
        QVERIFY(std::abs(m.std - 0.1) < 1e-12); // sample std of 0.8, 0.9, 1.0
        QCOMPARE(SeedSummary::meanStd({0.5}).std, 0.0);
        QVERIFY(std::isnan(SeedSummary::meanStd({}).mean));
        MetricsReport a, b;
        a.f1 = 0.7;
        b.f1 = 0.9;
        const SeedSummary::Overall o = SeedSummary::summarise({a, b});
        QVERIFY(std::abs(o.f1.mean - 0.8) < 1e-12);
        QVERIFY(std::abs(o.f1.std - std::sqrt(0.02)) < 1e-12);
    }

    void localisationResolutions()
    {
        // One class. A: 4 s, B: 4 s, C: 2 s.
        std::vector<TrackActivity> tracks(3);
        tracks[0] = {QStringLiteral("A"), 4, {0.9f, 0.1f, 0.2f, 0.8f}, {1, 0, 0, 1}};
        tracks[1] = {QStringLiteral("B"), 4, {0.3f, 0.4f, 0.35f, 0.1f}, {0, 0, 1, 0}};
        tracks[2] = {QStringLiteral("C"), 2, {0.05f, 0.2f}, {0, 0}};
        QVERIFY(Localisation::validate(tracks, 1).isEmpty());
        // 1 s: positives 0.9 0.8 0.35 vs 7 negatives: 7 + 7 + 6 of 21.
        QVERIFY(std::abs(Localisation::auroc(tracks, 1, 1).mean - 20.0 / 21.0) < 1e-12);
        // 2 s windows: pos 0.9 0.8 0.35 (B's second window), neg 0.4 (B) and 0.2 (C).
        QVERIFY(std::abs(Localisation::auroc(tracks, 1, 2).mean - 5.0 / 6.0) < 1e-12);
        // Whole track: A 0.9 active, B 0.4 active, C 0.2 silent.
        QVERIFY(std::abs(Localisation::auroc(tracks, 1, 0).mean - 1.0) < 1e-12);
        const std::vector<ResolutionAuroc> table = Localisation::table(tracks, 1);
        QCOMPARE(int(table.size()), 4);
        QCOMPARE(table[3].seconds, 0);
        const QJsonObject json = Localisation::toJson(table, {QStringLiteral("piano")});
        QCOMPARE(json.value(QStringLiteral("resolutions")).toArray().size(), 4);
        // Mismatched arrays are refused.
        tracks[2].scores.pop_back();
        QVERIFY(Localisation::validate(tracks, 1).contains(QStringLiteral("'C'")));
        QVERIFY(std::isnan(Localisation::auroc(tracks, 1, 1).mean));
        // Evidence = score * weight * frames.
        const std::vector<float> e
                = Localisation::instanceEvidence({0.5f, 1.0f}, {0.25f, 0.75f}, 2, 1);
        QCOMPARE(e[0], 0.25f);
        QCOMPARE(e[1], 1.5f);
    }
};

QTEST_GUILESS_MAIN(MultiLabelEvaluatorTest)
#include "MultiLabelEvaluator_test.moc"
