// SPDX-License-Identifier: GPL-3.0-or-later
// eval::aurocBySupport (docs/METHOD.md §10.8): the mean AUROC over instruments split by how many
// test clips back each, on a planted score table evaluated by MultiLabelEvaluator.
#include "core/eval/AurocBySupport.h"
#include "core/eval/MultiLabelEvaluator.h"

#include <QtTest>

#include <cmath>
#include <limits>

using namespace timbre::eval;

class AurocBySupportTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void oneClipClassLiftsTheMeanAndIsSplitOff()
    {
        // 20 clips, three instruments. "bass": 10 positives and 10 negatives, half of each
        // scored 0.6 and half 0.4 (AUROC 0.5). "drums": 15 positives, 5 negatives, all ranked
        // right (1.0). "violin": one positive clip, ranked first (1.0).
        ScoreTable t;
        t.rows = 20;
        t.classes = 3;
        t.classNames = {QStringLiteral("bass"), QStringLiteral("drums"), QStringLiteral("violin")};
        for (int r = 0; r < 20; ++r) {
            const bool bass = r % 2 == 0;
            const float bassScore = r % 4 < 2 ? 0.6f : 0.4f;
            const bool drums = r < 15;
            const bool violin = r == 7;
            t.scores.insert(t.scores.end(),
                            {bassScore, drums ? 0.8f : 0.2f, violin ? 0.95f : 0.05f});
            t.labels.insert(t.labels.end(),
                            {bass ? 1.0f : 0.0f, drums ? 1.0f : 0.0f, violin ? 1.0f : 0.0f});
        }
        const MetricsReport m = MultiLabelEvaluator::evaluate(t);
        QCOMPARE(m.instrumentsWithAuroc, 3);
        QVERIFY(std::abs(m.instruments[0].auroc - 0.5) < 1e-12);
        QVERIFY(std::abs(m.instruments[1].auroc - 1.0) < 1e-12);
        QVERIFY(std::abs(m.instruments[2].auroc - 1.0) < 1e-12);

        const AurocBySupport s = aurocBySupport(m.instruments);
        QCOMPARE(s.minSupport, 5);
        QCOMPARE(s.wellSupportedInstruments, 2); // bass (10 / 10) and drums (15 / 5)
        QCOMPARE(s.thinlySupportedInstruments, 1); // violin (1 / 19)
        QVERIFY(std::abs(s.wellSupported - 0.75) < 1e-12);
        QVERIFY(std::abs(s.thinlySupported - 1.0) < 1e-12);
        // The overall mean, 2.5 / 3, is lifted by the one-clip class above 0.75.
        QVERIFY(std::abs(m.auroc - 2.5 / 3) < 1e-12);

        // A higher bar moves drums (5 negatives) to the thin side.
        const AurocBySupport six = aurocBySupport(m.instruments, 6);
        QCOMPARE(six.wellSupportedInstruments, 1);
        QCOMPARE(six.thinlySupportedInstruments, 2);
        QVERIFY(std::abs(six.wellSupported - 0.5) < 1e-12);
        QVERIFY(std::abs(six.thinlySupported - 1.0) < 1e-12);
    }

    void instrumentsWithoutAurocAreInNeitherMean()
    {
        InstrumentMetrics absent; // never observed positive: AUROC undefined
        absent.observed = 20;
        absent.positives = 0;
        absent.auroc = std::numeric_limits<double>::quiet_NaN();
        const AurocBySupport s = aurocBySupport({absent});
        QCOMPARE(s.wellSupportedInstruments, 0);
        QCOMPARE(s.thinlySupportedInstruments, 0);
        QVERIFY(std::isnan(s.wellSupported));
        QVERIFY(std::isnan(s.thinlySupported));
    }
};

QTEST_APPLESS_MAIN(AurocBySupportTest)
#include "AurocBySupport_test.moc"
