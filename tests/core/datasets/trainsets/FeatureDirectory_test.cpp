// SPDX-License-Identifier: GPL-3.0-or-later
// A feature directory (per-clip .npy matrices + labels.csv / mask.csv / activity.csv) read as
// bags: variable bag lengths, unknown and hidden labels, per-instance activity, the hash
// split, and the errors for inconsistent matrices.
#include "core/datasets/trainsets/FeatureDirectory.h"
#include "core/datasets/trainsets/NpzDataset.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace timbre::datasets;

namespace {

void writeText(const QString &path, const QByteArray &text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

} // namespace

class FeatureDirectoryTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsBagsLabelsAndActivity()
    {
        QTemporaryDir corpus;
        const QString features = corpus.filePath(QStringLiteral("features"));
        // Eight clips of 1..8 instances x 4 dims, value = clip * 100 + instance * 10 + dim.
        QStringList clips;
        QByteArray labels = "clip,instrument,present\n";
        QByteArray mask = "clip,instrument,observed\n";
        for (int c = 0; c < 8; ++c) {
            const QString key = QStringLiteral("clip_%1").arg(c);
            clips << key;
            std::vector<float> m;
            for (int i = 0; i <= c; ++i)
                for (int d = 0; d < 4; ++d)
                    m.push_back(float(c * 100 + i * 10 + d));
            QVERIFY(FeatureDirectory::writeFeatures(features, key, m.data(), c + 1, 4).ok());
            labels += key.toUtf8() + ",piano," + (c % 2 ? "1" : "0") + "\n";
            labels += key.toUtf8() + ",voice,1\n";
            labels += key.toUtf8() + ",theremin," + (c == 3 ? "unknown" : "0") + "\n";
            mask += key.toUtf8() + ",voice," + (c == 5 ? "0" : "1") + "\n";
        }
        writeText(corpus.filePath(QStringLiteral("labels.csv")), labels);
        writeText(corpus.filePath(QStringLiteral("mask.csv")), mask);
        // clip_7 (8 instances of 0.96 s): piano from 1.0 to 2.5 s covers instances 1 and 2,
        // and a 0.05 s touch of instance 5 (5 * 0.96 = 4.8 .. 4.85) stays below 10 %.
        writeText(corpus.filePath(QStringLiteral("activity.csv")),
                  "clip,instrument,start,end\nclip_7,piano,1.0,2.5\nclip_7,piano,4.8,4.85\n");

        NpzDataset data;
        const NpzError e = NpzDataset::open(features, &data);
        QVERIFY2(e.ok(), qPrintable(e.message));
        QCOMPARE(data.layout, NpzDataset::Layout::FeatureDirectory);
        QCOMPARE(data.classNames.size(), 21); // the 20 OpenMIC classes + theremin
        QCOMPARE(data.classNames.last(), QStringLiteral("theremin"));
        QCOMPARE(data.train.numBags() + data.test.numBags(), 8);
        QVERIFY(data.test.numBags() > 0 && data.train.numBags() > 0);
        QVERIFY(data.train.validate().empty());
        QVERIFY(data.test.validate().empty());
        QCOMPARE(data.train.featureDim, 4);
        // The hash split is what isTestKey says.
        for (const std::string &k : data.test.keys)
            QVERIFY(FeatureDirectory::isTestKey(QString::fromStdString(k), 0.25));
        for (const std::string &k : data.train.keys)
            QVERIFY(!FeatureDirectory::isTestKey(QString::fromStdString(k), 0.25));

        // Find clip_7 and clip_5 and clip_3 wherever they landed.
        auto locate = [&data](const std::string &key, const timbre::models::BagSet **set,
                              const std::vector<uint8_t> **truth) {
            for (int s = 0; s < 2; ++s) {
                const timbre::models::BagSet &b = s ? data.test : data.train;
                for (int i = 0; i < b.numBags(); ++i) {
                    if (b.keys[size_t(i)] == key) {
                        *set = &b;
                        *truth = s ? &data.testInstanceTruth : &data.trainInstanceTruth;
                        return i;
                    }
                }
            }
            return -1;
        };
        const timbre::models::BagSet *set = nullptr;
        const std::vector<uint8_t> *truth = nullptr;
        const int piano = int(data.classNames.indexOf(QStringLiteral("piano")));
        const int voice = int(data.classNames.indexOf(QStringLiteral("voice")));
        const int bag7 = locate("clip_7", &set, &truth);
        QVERIFY(bag7 >= 0);
        QCOMPARE(set->bagSize(bag7), 8);
        const int64_t first = set->bagOffsets[size_t(bag7)];
        QCOMPARE(set->features[size_t(first * 4 + 3 * 4 + 2)], 732.0f); // instance 3, dim 2
        QCOMPARE(set->labels[size_t(bag7) * 21 + piano], 1.0f);
        QCOMPARE(set->observed[size_t(bag7) * 21 + piano], uint8_t(1));
        QCOMPARE(set->observed[size_t(bag7) * 21 + 0], uint8_t(0)); // accordion: no row
        for (int i = 0; i < 8; ++i)
            QCOMPARE((*truth)[size_t((first + i) * 21 + piano)], uint8_t(i == 1 || i == 2));
        const int bag5 = locate("clip_5", &set, &truth);
        QCOMPARE(set->observed[size_t(bag5) * 21 + voice], uint8_t(0)); // hidden by mask.csv
        const int bag3 = locate("clip_3", &set, &truth);
        QCOMPARE(set->observed[size_t(bag3) * 21 + 20], uint8_t(0)); // "unknown"
        QCOMPARE(set->observed[size_t(bag3) * 21 + voice], uint8_t(1));
        QCOMPARE(set->labels[size_t(bag3) * 21 + voice], 1.0f);
        QVERIFY(data.warnings.isEmpty());
        QVERIFY(data.extractorId.isEmpty()); // no extractor.json: unknown

        // extractor.json names the extractor when it describes these features, else a warning.
        QVERIFY(FeatureDirectory::writeExtractor(features, QStringLiteral("cnn"), 2, 4).ok());
        QVERIFY(NpzDataset::open(features, &data).ok());
        QCOMPARE(data.extractorId, QStringLiteral("cnn"));
        QCOMPARE(data.extractorVersion, 2);
        QVERIFY(FeatureDirectory::writeExtractor(features, QStringLiteral("cnn"), 2, 128).ok());
        QVERIFY(NpzDataset::open(features, &data).ok());
        QVERIFY(data.extractorId.isEmpty());
        QCOMPARE(data.warnings.size(), 1);
        QVERIFY2(data.warnings.first().contains(QStringLiteral("extractor.json")),
                 qPrintable(data.warnings.first()));
        // One folder, one extractor: another one's matrices are refused while these are here.
        QVERIFY(FeatureDirectory::checkExtractor(features, QStringLiteral("cnn"), 2, 128).ok());
        const NpzError mixed
                = FeatureDirectory::checkExtractor(features, QStringLiteral("melstat"), 1, 128);
        QVERIFY(!mixed.ok());
        QVERIFY2(mixed.message.contains(features)
                         && mixed.message.contains(QStringLiteral("'cnn' v2"))
                         && mixed.message.contains(QStringLiteral("'melstat' v1")),
                 qPrintable(mixed.message));
        QVERIFY(!FeatureDirectory::checkExtractor(features, QStringLiteral("cnn"), 1, 128).ok());
        QVERIFY(FeatureDirectory::checkExtractor(corpus.filePath(QStringLiteral("none")),
                                                 QStringLiteral("melstat"), 1, 128)
                        .ok());
        {
            QFile garbled(QDir(features).filePath(QStringLiteral("extractor.json")));
            QVERIFY(garbled.open(QIODevice::WriteOnly) && garbled.write("{not json") > 0);
        }
        QVERIFY(FeatureDirectory::checkExtractor(features, QStringLiteral("melstat"), 1, 128).ok());
        QVERIFY(QFile::remove(QDir(features).filePath(QStringLiteral("extractor.json"))));
        QVERIFY(FeatureDirectory::checkExtractor(features, QStringLiteral("melstat"), 1, 128).ok());

        // A labelled clip without features is skipped with a warning.
        QVERIFY(QFile::remove(QDir(features).filePath(QStringLiteral("clip_0.npy"))));
        QVERIFY(NpzDataset::open(features, &data).ok());
        QCOMPARE(data.train.numBags() + data.test.numBags(), 7);
        QCOMPARE(data.warnings.size(), 1);
        QVERIFY(data.warnings.first().contains(QStringLiteral("clip_0")));

        // A matrix of another width is refused, naming a file of the disagreeing pair.
        std::vector<float> wide(5, 1.0f);
        QVERIFY(FeatureDirectory::writeFeatures(features, QStringLiteral("clip_1"), wide.data(), 1,
                                                5)
                        .ok());
        const NpzError bad = NpzDataset::open(features, &data);
        QCOMPARE(bad.code, NpzErrorCode::ShapeMismatch);
        QVERIFY(bad.message.contains(QStringLiteral("features per instance, other clips have")));
        QVERIFY(bad.message.contains(QStringLiteral(".npy")));
    }

    void missingLabelsIsAnError()
    {
        QTemporaryDir dir;
        std::vector<float> m(4, 0.0f);
        QVERIFY(FeatureDirectory::writeFeatures(dir.filePath(QStringLiteral("f")),
                                                QStringLiteral("a"), m.data(), 1, 4)
                        .ok());
        NpzDataset data;
        QCOMPARE(FeatureDirectory::load(dir.filePath(QStringLiteral("f")), &data).code,
                 NpzErrorCode::FileNotFound);
    }
};

QTEST_GUILESS_MAIN(FeatureDirectoryTest)
#include "FeatureDirectory_test.moc"
