// SPDX-License-Identifier: GPL-3.0-or-later
// The OpenMIC-2018 importer on a small OpenMIC-shaped folder written by the test: shapes,
// scaling, unknown labels and splits, and the errors for damaged or inconsistent files.
#include "core/datasets/interchange/NpzArchive.h"
#include "core/datasets/trainsets/NpzDataset.h"
#include "core/datasets/trainsets/OpenMicDataset.h"
#include "core/util/OpenMicClasses.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace timbre::datasets;

namespace {

constexpr int kN = 6, kT = 10, kD = 128, kC = 20;

struct Fixture
{
    std::vector<uint8_t> x;
    std::vector<double> y;
    std::vector<uint8_t> mask;
    QStringList keys;

    Fixture()
    {
        x.resize(size_t(kN) * kT * kD);
        for (size_t i = 0; i < x.size(); ++i)
            x[i] = uint8_t((i * 7 + i / 128) % 256);
        y.assign(size_t(kN) * kC, 0.5); // OpenMIC keeps 0.5 where nobody answered
        mask.assign(size_t(kN) * kC, 0);
        for (int b = 0; b < kN; ++b) {
            keys << QStringLiteral("%1_%2").arg(100 + b, 6, 10, QLatin1Char('0')).arg(b * 960);
            // Observed: instrument b present with confidence 0.8, instrument b+1 absent (0.1),
            // and instrument b+2 a borderline 0.5 (counts as present).
            y[size_t(b) * kC + b] = 0.8;
            mask[size_t(b) * kC + b] = 1;
            y[size_t(b) * kC + b + 1] = 0.1;
            mask[size_t(b) * kC + b + 1] = 1;
            mask[size_t(b) * kC + b + 2] = 1;
        }
    }

    std::vector<NpyArray> arrays() const
    {
        return {NpyArray::fromUint8(QStringLiteral("X"), {kN, kT, kD}, x),
                NpyArray::fromFloat64(QStringLiteral("Y_true"), {kN, kC}, y),
                NpyArray::fromBool(QStringLiteral("Y_mask"), {kN, kC}, mask),
                NpyArray::fromStrings(QStringLiteral("sample_key"), keys)};
    }

    void writeFolder(const QString &dir, const std::vector<NpyArray> &arrays) const
    {
        QDir().mkpath(dir + QStringLiteral("/partitions"));
        QVERIFY(NpzArchive::write(dir + QStringLiteral("/openmic-2018.npz"), arrays, false).ok());
        QFile train(dir + QStringLiteral("/partitions/split01_train.csv"));
        QVERIFY(train.open(QIODevice::WriteOnly));
        train.write((keys.mid(0, 4).join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8());
        train.close();
        QFile test(dir + QStringLiteral("/partitions/split01_test.csv"));
        QVERIFY(test.open(QIODevice::WriteOnly));
        test.write((keys.at(5) + QLatin1Char('\n') + keys.at(4) + QLatin1Char('\n')).toUtf8());
        test.close();
        QJsonObject map;
        const QStringList names = timbre::openMicClasses();
        for (int c = 0; c < names.size(); ++c)
            map[names.at(c)] = c;
        QFile json(dir + QStringLiteral("/class-map.json"));
        QVERIFY(json.open(QIODevice::WriteOnly));
        json.write(QJsonDocument(map).toJson());
    }
};

} // namespace

class OpenMicDatasetTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsShapesUnknownsAndSplits()
    {
        QTemporaryDir dir;
        Fixture fx;
        fx.writeFolder(dir.path(), fx.arrays());
        NpzDataset data;
        const NpzError e = NpzDataset::open(dir.path(), &data);
        QVERIFY2(e.ok(), qPrintable(e.message));
        QCOMPARE(data.layout, NpzDataset::Layout::OpenMic);
        QCOMPARE(data.classNames, timbre::openMicClasses());
        QVERIFY(data.train.validate().empty());
        QVERIFY(data.test.validate().empty());
        QCOMPARE(data.train.numBags(), 4);
        QCOMPARE(data.test.numBags(), 2);
        QCOMPARE(data.train.featureDim, kD);
        QCOMPARE(data.train.numClasses, kC);
        QCOMPARE(data.train.numInstances(), int64_t(4 * kT));
        QCOMPARE(data.test.keys[0], fx.keys.at(5).toStdString()); // partition order kept
        QCOMPARE(data.test.keys[1], fx.keys.at(4).toStdString());
        // X / 255: test bag 0 is sample 5.
        const size_t first = size_t(5) * kT * kD;
        QCOMPARE(data.test.features[0], float(fx.x[first]) / 255.0f);
        QCOMPARE(data.test.features[size_t(kT * kD - 1)],
                 float(fx.x[first + kT * kD - 1]) / 255.0f);
        // Labels and observed flags of train bag 2 (sample 2).
        const size_t row = size_t(2) * kC;
        QCOMPARE(data.train.labels[row + 2], 1.0f);
        QCOMPARE(data.train.observed[row + 2], uint8_t(1));
        QCOMPARE(data.train.labels[row + 3], 0.0f);
        QCOMPARE(data.train.observed[row + 3], uint8_t(1));
        QCOMPARE(data.train.labels[row + 4], 1.0f); // 0.5 counts as present
        QCOMPARE(data.train.observed[row + 4], uint8_t(1));
        QCOMPARE(data.train.observed[row + 5], uint8_t(0)); // unknown
        int observed = 0;
        for (uint8_t m : data.train.observed)
            observed += m;
        QCOMPARE(observed, 4 * 3);
        QVERIFY(!data.hasInstanceTruth());
    }

    void rejectsInconsistentFiles()
    {
        Fixture fx;
        auto expect
                = [&fx](std::vector<NpyArray> arrays, NpzErrorCode code, const QString &needle) {
                      QTemporaryDir dir;
                      fx.writeFolder(dir.path(), arrays);
                      NpzDataset data;
                      const NpzError e = OpenMicDataset::load(dir.path(), &data);
                      QCOMPARE(e.code, code);
                      QVERIFY2(e.message.contains(needle), qPrintable(e.message));
                      QVERIFY(e.message.contains(dir.path()));
                  };
        // Y_true with one row too few.
        std::vector<NpyArray> a = fx.arrays();
        a[1] = NpyArray::fromFloat64(QStringLiteral("Y_true"), {kN - 1, kC},
                                     std::vector<double>(fx.y.begin(), fx.y.end() - kC));
        expect(a, NpzErrorCode::ShapeMismatch, QStringLiteral("Y_true 5"));
        // Y_mask with 19 classes.
        a = fx.arrays();
        a[2] = NpyArray::fromBool(QStringLiteral("Y_mask"), {kN, kC - 1},
                                  std::vector<uint8_t>(size_t(kN) * (kC - 1), 1));
        expect(a, NpzErrorCode::ShapeMismatch, QStringLiteral("Y_mask 19"));
        // X as 2-d.
        a = fx.arrays();
        a[0].shape = {kN, kT * kD};
        expect(a, NpzErrorCode::ShapeMismatch, QStringLiteral("'X'"));
        // Wrong dtype: Y_mask stored as float.
        a = fx.arrays();
        a[2] = NpyArray::fromFloat32(QStringLiteral("Y_mask"), {kN, kC},
                                     std::vector<float>(size_t(kN) * kC, 1.0f));
        expect(a, NpzErrorCode::WrongDtype, QStringLiteral("Y_mask"));
        // sample_key as numbers.
        a = fx.arrays();
        a[3] = NpyArray::fromInt64(QStringLiteral("sample_key"), {kN}, std::vector<int64_t>(kN, 1));
        expect(a, NpzErrorCode::WrongDtype, QStringLiteral("sample_key"));
        // Missing Y_mask.
        a = fx.arrays();
        a.erase(a.begin() + 2);
        expect(a, NpzErrorCode::MissingArray, QStringLiteral("Y_mask"));
        // A partition naming a key the npz lacks.
        a = fx.arrays();
        a[3] = NpyArray::fromStrings(QStringLiteral("sample_key"),
                                     QStringList(fx.keys.mid(0, 5)) << QStringLiteral("other"));
        expect(a, NpzErrorCode::BadContents, fx.keys.at(5));
    }

    void rejectsTruncatedNpz()
    {
        QTemporaryDir dir;
        Fixture fx;
        fx.writeFolder(dir.path(), fx.arrays());
        QFile f(dir.filePath(QStringLiteral("openmic-2018.npz")));
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.resize(f.size() * 2 / 3));
        f.close();
        NpzDataset data;
        const NpzError e = OpenMicDataset::load(dir.path(), &data);
        QCOMPARE(e.code, NpzErrorCode::Truncated);
        QVERIFY(e.message.contains(QStringLiteral("openmic-2018.npz")));
        QCOMPARE(data.train.numBags(), 0); // untouched
    }

    void rejectsBadClassMapAndMissingPartition()
    {
        QTemporaryDir dir;
        Fixture fx;
        fx.writeFolder(dir.path(), fx.arrays());
        QFile json(dir.filePath(QStringLiteral("class-map.json")));
        QVERIFY(json.open(QIODevice::WriteOnly | QIODevice::Truncate));
        json.write("{\"piano\": 0, \"organ\": 0}");
        json.close();
        NpzDataset data;
        QCOMPARE(OpenMicDataset::load(dir.path(), &data).code, NpzErrorCode::BadContents);
        fx.writeFolder(dir.path(), fx.arrays());
        QVERIFY(QFile::remove(dir.filePath(QStringLiteral("partitions/split01_test.csv"))));
        const NpzError e = OpenMicDataset::load(dir.path(), &data);
        QCOMPARE(e.code, NpzErrorCode::FileNotFound);
        QVERIFY(e.message.contains(QStringLiteral("split01_test.csv")));
    }
};

QTEST_GUILESS_MAIN(OpenMicDatasetTest)
#include "OpenMicDataset_test.moc"
