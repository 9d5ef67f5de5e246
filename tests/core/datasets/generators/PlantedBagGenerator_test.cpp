// SPDX-License-Identifier: GPL-3.0-or-later
// The planted OpenMIC-shaped generator: deterministic for a seed, exactly the requested share
// of observed labels, the requested positive rates, consistent per-instance truth, evidence
// that is really there, and files the OpenMIC importer reads back.
#include "core/datasets/trainsets/NpzDataset.h"
#include "core/datasets/generators/PlantedBagGenerator.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace timbre::datasets;

class PlantedBagGeneratorTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void deterministicForASeed()
    {
        PlantedBagOptions o;
        o.bags = 300;
        o.seed = 7;
        PlantedBagData a, b, c;
        QVERIFY(PlantedBagGenerator::generate(o, &a).ok());
        QVERIFY(PlantedBagGenerator::generate(o, &b).ok());
        QCOMPARE(a.x, b.x);
        QCOMPARE(a.yMask, b.yMask);
        QCOMPARE(a.yTrue, b.yTrue);
        QCOMPARE(a.keys, b.keys);
        QCOMPARE(a.testKeys, b.testKeys);
        o.seed = 8;
        QVERIFY(PlantedBagGenerator::generate(o, &c).ok());
        QVERIFY(a.x != c.x);
        QVERIFY(a.yMask != c.yMask);
    }

    void observedFractionRatesAndTruth()
    {
        PlantedBagOptions o;
        o.bags = 4000;
        o.observedFraction = 0.15;
        o.testObservedFraction = 0.4;
        o.seed = 3;
        PlantedBagData d;
        QVERIFY(PlantedBagGenerator::generate(o, &d).ok());
        QCOMPARE(d.x.size(), size_t(4000) * 10 * 128);
        QCOMPARE(d.trainKeys.size() + d.testKeys.size(), 4000);
        // Split by hidden artist, about 25 % of the bags in test.
        const double testShare = double(d.testKeys.size()) / 4000.0;
        QVERIFY2(std::abs(testShare - 0.25) < 0.06, qPrintable(QString::number(testShare)));
        // Observed: exactly round(f * cells) per split.
        QSet<QString> test(d.testKeys.begin(), d.testKeys.end());
        int64_t trainObserved = 0, testObserved = 0, observedPositive = 0, positives = 0;
        for (int b = 0; b < d.bags; ++b) {
            const bool isTest = test.contains(d.keys.at(b));
            for (int c = 0; c < d.classes; ++c) {
                const bool m = d.yMask[size_t(b) * 20 + c];
                (isTest ? testObserved : trainObserved) += m ? 1 : 0;
                const bool pos = d.yTrue[size_t(b) * 20 + c] >= 0.5f;
                positives += pos;
                observedPositive += (pos && m);
            }
        }
        QCOMPARE(trainObserved, int64_t(std::lround(0.15 * d.trainKeys.size() * 20)));
        QCOMPARE(testObserved, int64_t(std::lround(0.4 * d.testKeys.size() * 20)));
        // Positives and negatives are observed alike: the observed share of positives is close
        // to the overall observed share.
        const double overall = double(trainObserved + testObserved) / (4000.0 * 20);
        QVERIFY(std::abs(double(observedPositive) / positives - overall) < 0.03);
        // Positive rates as requested (marginals kept through the genres).
        const std::vector<double> rates = PlantedBagGenerator::defaultPositiveRates();
        for (int c = 0; c < 20; ++c) {
            int n = 0;
            for (int b = 0; b < d.bags; ++b)
                n += d.yTrue[size_t(b) * 20 + c] >= 0.5f;
            QVERIFY2(std::abs(double(n) / d.bags - rates[size_t(c)]) < 0.035,
                     qPrintable(QStringLiteral("class %1: %2 vs %3")
                                        .arg(c)
                                        .arg(double(n) / d.bags)
                                        .arg(rates[size_t(c)])));
        }
        // Instance truth: a positive bag carries its class in 1..5 instances, a negative in none.
        for (int b = 0; b < d.bags; ++b) {
            for (int c = 0; c < d.classes; ++c) {
                int carriers = 0;
                for (int t = 0; t < 10; ++t)
                    carriers += d.instanceTruth[(size_t(b) * 10 + t) * 20 + c];
                if (d.yTrue[size_t(b) * 20 + c] >= 0.5f)
                    QVERIFY(carriers >= 1 && carriers <= 5);
                else
                    QCOMPARE(carriers, 0);
            }
        }
        // The evidence is there: instances carrying drums (class 6) differ from the others by
        // about signal * quantScale along the prototype, i.e. a mean difference of norm
        // ~ 1.5 * 24 = 36 grey levels, far above the noise of the means.
        std::vector<double> with(128, 0.0), without(128, 0.0);
        int nWith = 0, nWithout = 0;
        for (int i = 0; i < d.bags * 10; ++i) {
            const bool carries = d.instanceTruth[size_t(i) * 20 + 6];
            for (int k = 0; k < 128; ++k)
                (carries ? with : without)[size_t(k)] += d.x[size_t(i) * 128 + k];
            (carries ? nWith : nWithout) += 1;
        }
        double norm = 0.0;
        for (int k = 0; k < 128; ++k) {
            const double diff = with[size_t(k)] / nWith - without[size_t(k)] / nWithout;
            norm += diff * diff;
        }
        norm = std::sqrt(norm);
        QVERIFY2(norm > 25.0 && norm < 50.0, qPrintable(QString::number(norm)));
    }

    void writesAnOpenMicFolder()
    {
        QTemporaryDir dir;
        PlantedBagOptions o;
        o.bags = 200;
        o.seed = 1;
        PlantedBagData d;
        QVERIFY(PlantedBagGenerator::generate(o, &d).ok());
        const NpzError w = PlantedBagGenerator::write(dir.path(), d, o);
        QVERIFY2(w.ok(), qPrintable(w.message));
        for (const char *f : {"openmic-2018.npz", "class-map.json", "partitions/split01_train.csv",
                              "partitions/split01_test.csv", "planted.json"})
            QVERIFY(QFileInfo::exists(dir.filePath(QString::fromLatin1(f))));
        NpzDataset data;
        const NpzError e = NpzDataset::open(dir.path(), &data);
        QVERIFY2(e.ok(), qPrintable(e.message));
        QCOMPARE(data.train.numBags(), int(d.trainKeys.size()));
        QCOMPARE(data.test.numBags(), int(d.testKeys.size()));
        QVERIFY(data.hasInstanceTruth());
        QCOMPARE(data.testInstanceTruth.size(), size_t(data.test.numInstances()) * 20);
        // First train bag, first value: uint8 / 255.
        const int row = d.keys.indexOf(d.trainKeys.first());
        QCOMPARE(data.train.features[0], float(d.x[size_t(row) * 1280]) / 255.0f);
        QCOMPARE(data.train.observed[3], d.yMask[size_t(row) * 20 + 3]);
    }

    void rejectsBadOptions()
    {
        PlantedBagOptions o;
        o.observedFraction = 1.5;
        PlantedBagData d;
        QCOMPARE(PlantedBagGenerator::generate(o, &d).code, NpzErrorCode::BadContents);
        o = PlantedBagOptions();
        o.positiveRates = {0.1, 0.2};
        QVERIFY(PlantedBagGenerator::generate(o, &d).message.contains(
                QStringLiteral("2 positive rates")));
    }
};

QTEST_GUILESS_MAIN(PlantedBagGeneratorTest)
#include "PlantedBagGenerator_test.moc"
