// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/interchange/LabelsCsvImport.h"
#include "core/datasets/interchange/OpenMicImport.h"
#include "core/datasets/generators/PlantedBagGenerator.h"
#include "core/library/ClipStore.h"
#include "core/library/LabelStore.h"
#include "core/library/Library.h"
#include "core/library/TrackStore.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace timbre;
using namespace timbre::datasets;
using library::LabelState;

class OpenMicImportTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void importsKeysLabelsMaskAndSplit()
    {
        QTemporaryDir data;
        QTemporaryDir libDir;
        PlantedBagOptions options;
        options.bags = 60;
        options.bagsPerArtist = 5;
        options.observedFraction = 0.3;
        options.seed = 7;
        PlantedBagData planted;
        QVERIFY(PlantedBagGenerator::generate(options, &planted).ok());
        QVERIFY(PlantedBagGenerator::write(data.path(), planted, options).ok());
        // One key has its audio file in the release layout (not decodable: an error track).
        const QString withAudio = OpenMicImport::audioPath(data.path(), planted.keys.first());
        QDir().mkpath(QFileInfo(withAudio).absolutePath());
        QFile fake(withAudio);
        QVERIFY(fake.open(QIODevice::WriteOnly));
        fake.write("not ogg");
        fake.close();

        auto opened = library::Library::open(libDir.path());
        QVERIFY(opened);
        const library::Library &lib = **opened;
        OpenMicImportOptions importOptions;
        importOptions.author = QStringLiteral("openmic");
        auto report = OpenMicImport::importInto(lib, data.path(), importOptions);
        QVERIFY2(report, qPrintable(report.error().message));
        const int bags = int(planted.trainKeys.size() + planted.testKeys.size());
        QCOMPARE(report->tracksCreated, bags);
        QCOMPARE(*lib.tracks().count(), qint64(bags));
        QCOMPARE(*lib.tracks().count(library::ScanState::Error), qint64(1));
        QCOMPARE(*lib.tracks().count(library::ScanState::Missing), qint64(bags - 1));
        QCOMPARE(int((*lib.clips().testClipIds()).size()), int(planted.testKeys.size()));

        int observed = 0;
        LabelsCsvImport names(lib);
        QVERIFY(!names.load().isError());
        for (int b = 0; b < planted.bags; ++b) {
            const QString key = planted.keys[b];
            const bool inSplit = planted.trainKeys.contains(key) || planted.testKeys.contains(key);
            QString why;
            auto clip = names.resolve(key, false, &why);
            QVERIFY(clip);
            QCOMPARE(clip->has_value(), inSplit);
            if (!inSplit)
                continue;
            auto record = lib.clips().findById(**clip);
            QCOMPARE((*record)->key, key);
            QCOMPARE((*record)->isTest, planted.testKeys.contains(key));
            auto labels = lib.labels().labelsOfClip(**clip);
            QVERIFY(labels);
            int seen = 0;
            for (int c = 0; c < planted.classes; ++c) {
                const size_t at = size_t(b) * size_t(planted.classes) + size_t(c);
                const LabelState expected = !planted.yMask[at]
                        ? LabelState::Unknown
                        : (planted.yTrue[at] >= 0.5f ? LabelState::Present : LabelState::Absent);
                QCOMPARE(*lib.labels().state(**clip, planted.classNames[c]), expected);
                seen += planted.yMask[at] ? 1 : 0;
            }
            QCOMPARE(int(labels->size()), seen);
            observed += seen;
        }
        QVERIFY(observed > 0);
        QCOMPARE(report->labelsChanged, observed);
        auto all = lib.labels().allLabels();
        QVERIFY(all);
        for (const library::Label &label : *all) {
            QCOMPARE(label.source, library::LabelSource::Import);
            QCOMPARE(label.author, QStringLiteral("openmic"));
        }

        auto again = OpenMicImport::importInto(lib, data.path(), importOptions);
        QVERIFY(again);
        QCOMPARE(again->tracksCreated, 0);
        QCOMPARE(again->labelsChanged, 0);
    }

    void rejectsABrokenDataset()
    {
        QTemporaryDir data;
        QTemporaryDir libDir;
        auto opened = library::Library::open(libDir.path());
        QVERIFY(opened);
        auto missing = OpenMicImport::importInto(**opened, data.path());
        QVERIFY(!missing);
        QVERIFY(missing.error().message.contains(data.path()));
        QFile npz(data.filePath(QStringLiteral("openmic-2018.npz")));
        QVERIFY(npz.open(QIODevice::WriteOnly));
        npz.write("PK\x03\x04 truncated");
        npz.close();
        auto broken = OpenMicImport::importInto(**opened, data.path());
        QVERIFY(!broken);
        QCOMPARE(*(*opened)->tracks().count(), qint64(0));
    }
};

QTEST_GUILESS_MAIN(OpenMicImportTest)
#include "OpenMicImport_test.moc"
