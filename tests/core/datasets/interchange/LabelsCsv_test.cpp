// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/interchange/ActivityCsv.h"
#include "core/datasets/interchange/JsonExport.h"
#include "core/datasets/interchange/LabelsCsv.h"
#include "core/datasets/interchange/LabelsCsvImport.h"
#include "core/library/ClipStore.h"
#include "core/library/LabelStore.h"
#include "core/library/Library.h"
#include "core/library/LibraryScanner.h"
#include "core/library/TrackStore.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace timbre;
using namespace timbre::datasets;
using library::LabelState;

namespace {

void writeText(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
}

QByteArray readText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A tiny mono WAV (2 s at 8 kHz) whose samples depend on `seed`.
void writeTinyWav(const QString &path, int seed)
{
    const int frames = 16000;
    QByteArray data;
    auto u32 = [&](quint32 v) {
        for (int i = 0; i < 4; ++i)
            data.append(char((v >> (8 * i)) & 0xff));
    };
    auto u16 = [&](quint16 v) {
        data.append(char(v & 0xff));
        data.append(char(v >> 8));
    };
    data.append("RIFF");
    u32(36 + frames * 2);
    data.append("WAVEfmt ");
    u32(16);
    u16(1);
    u16(1);
    u32(8000);
    u32(16000);
    u16(2);
    u16(16);
    data.append("data");
    u32(frames * 2);
    for (int i = 0; i < frames; ++i)
        u16(quint16(qint16((i * (seed + 3)) % 2000 - 1000)));
    writeText(path, data);
}

// A library whose tracks are mixes/clip_000N.wav, scanned.
std::unique_ptr<library::Library> scannedLibrary(const QString &libFolder, const QString &corpus)
{
    auto lib = library::Library::open(libFolder);
    if (!lib)
        return nullptr;
    library::LibraryScanner scanner((*lib)->database(), library::ScanOptions {{corpus}, 1, 100});
    if (!scanner.runBlocking())
        return nullptr;
    return lib.take();
}

} // namespace

class LabelsCsvTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void corpusFormatWithMask()
    {
        QTemporaryDir dir;
        const QString labels = dir.filePath(QStringLiteral("labels.csv"));
        writeText(labels,
                  "clip,instrument,present\n"
                  "clip_0000,piano,1\n"
                  "clip_0000,violin,0\n"
                  "clip_0001,piano,0\n"
                  "clip_0001,violin,1\n");
        writeText(dir.filePath(QStringLiteral("mask.csv")),
                  "clip,instrument,observed\n"
                  "clip_0000,piano,1\n"
                  "clip_0000,violin,0\n"
                  "clip_0001,piano,1\n"
                  "clip_0001,violin,1\n");
        LabelsCsvData data;
        QString error;
        QVERIFY2(LabelsCsv::read(labels, &data, &error), qPrintable(error));
        QVERIFY(data.issues.isEmpty());
        QCOMPARE(data.records.size(), 4);
        QCOMPARE(data.records[0],
                 (LabelRecord {QStringLiteral("clip_0000"), QStringLiteral("piano"),
                               LabelState::Present}));
        QCOMPARE(data.records[1].state, LabelState::Unknown); // hidden by the mask
        QCOMPARE(data.records[2].state, LabelState::Absent);
        QCOMPARE(data.records[3].state, LabelState::Present);

        LabelsCsvData unmasked;
        QVERIFY(LabelsCsv::read(labels, &unmasked, &error, false));
        QCOMPARE(unmasked.records[1].state, LabelState::Absent);

        // An observed column in the file itself does the same.
        const QString inline_ = dir.filePath(QStringLiteral("sub/inline.csv"));
        writeText(inline_, "clip,instrument,present,observed\na,piano,1,0\na,cello,0,1\n");
        LabelsCsvData withObserved;
        QVERIFY(LabelsCsv::read(inline_, &withObserved, &error));
        QCOMPARE(withObserved.records[0].state, LabelState::Unknown);
        QCOMPARE(withObserved.records[1].state, LabelState::Absent);
    }

    void genericRowsAndBadRows()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("mine.csv"));
        writeText(path,
                  "\xEF\xBB\xBFinstrument,clip,value\r\n"
                  "piano,a,present\r\n"
                  "violin,a,absent\n"
                  "cello,a,unknown\n"
                  "flute,a,\n"
                  "organ,\"b, with comma\",1\n"
                  "drums,b,maybe\n"
                  "bass\n"
                  "\n"
                  "guitar,\"unterminated,0\n"
                  "voice,c,0\n");
        LabelsCsvData data;
        QString error;
        QVERIFY(LabelsCsv::read(path, &data, &error));
        QCOMPARE(data.records.size(), 6);
        QCOMPARE(data.records[2].state, LabelState::Unknown);
        QCOMPARE(data.records[3].state, LabelState::Unknown);
        QCOMPARE(data.records[4].clip, QStringLiteral("b, with comma"));
        QCOMPARE(data.records[4].state, LabelState::Present);
        QCOMPARE(data.records[5],
                 (LabelRecord {QStringLiteral("c"), QStringLiteral("voice"), LabelState::Absent}));
        QCOMPARE(data.issues.size(), 3);
        QCOMPARE(data.issues[0].line, 7);
        QVERIFY(data.issues[0].message.contains(QStringLiteral("maybe")));
        QCOMPARE(data.issues[1].line, 8);
        QCOMPARE(data.issues[2].line, 10);
        QVERIFY(data.issues[2].toString().startsWith(path + QStringLiteral(":10: ")));

        writeText(dir.filePath(QStringLiteral("noheader.csv")), "a,piano,1\n");
        LabelsCsvData none;
        QVERIFY(!LabelsCsv::read(dir.filePath(QStringLiteral("noheader.csv")), &none, &error));
        QVERIFY(error.contains(QStringLiteral("noheader.csv:1:")));
        QVERIFY(!LabelsCsv::read(dir.filePath(QStringLiteral("absent.csv")), &none, &error));
        QVERIFY(error.contains(QStringLiteral("file not found")));
    }

    void writeThenReadIsIdentity()
    {
        QTemporaryDir dir;
        const QList<LabelRecord> records = {
                {QStringLiteral("plain"), QStringLiteral("piano"), LabelState::Present},
                {QStringLiteral("with, comma"), QStringLiteral("violin"), LabelState::Absent},
                {QStringLiteral("with \"quote\""), QStringLiteral("voice"), LabelState::Unknown},
                {QStringLiteral("Ständchen 夜曲"), QStringLiteral("cello"), LabelState::Present}};
        QString error;
        const QString path = dir.filePath(QStringLiteral("out.csv"));
        QVERIFY(LabelsCsv::write(path, records, &error));
        LabelsCsvData back;
        QVERIFY(LabelsCsv::read(path, &back, &error));
        QCOMPARE(back.records, records);
        QVERIFY(back.issues.isEmpty());
    }

    void activityRowsAndBadRows()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("activity.csv"));
        writeText(path,
                  "clip,instrument,start,end\n"
                  "clip_0000,piano,0,2.5\n"
                  "clip_0000,piano,3.25,4\n"
                  "clip_0000,bass,x,1\n"
                  "clip_0000,bass,3,2\n"
                  "clip_0001,drums,0.125,9.875\n");
        ActivityCsvData data;
        QString error;
        QVERIFY(ActivityCsv::read(path, &data, &error));
        QCOMPARE(data.records.size(), 3);
        QCOMPARE(data.records[1].start, 3.25);
        QCOMPARE(data.issues.size(), 2);
        QCOMPARE(data.issues[0].line, 4);
        QCOMPARE(data.issues[1].line, 5);
        const QString out = dir.filePath(QStringLiteral("again.csv"));
        QVERIFY(ActivityCsv::write(out, data.records, &error));
        QCOMPARE(readText(out),
                 QByteArray("clip,instrument,start,end\n"
                            "clip_0000,piano,0,2.5\n"
                            "clip_0000,piano,3.25,4\n"
                            "clip_0001,drums,0.125,9.875\n"));
    }

    void importExportImportIsLossless()
    {
        QTemporaryDir corpus;
        for (int i = 0; i < 4; ++i)
            writeTinyWav(
                    corpus.filePath(
                            QStringLiteral("mixes/clip_%1.wav").arg(i, 4, 10, QLatin1Char('0'))),
                    i);
        writeText(corpus.filePath(QStringLiteral("labels.csv")),
                  "clip,instrument,present\n"
                  "clip_0000,piano,1\nclip_0000,violin,0\nclip_0000,drums,1\n"
                  "clip_0001,piano,0\nclip_0001,violin,1\n"
                  "clip_0002,cello,1\nclip_0002,bass,0\n"
                  "clip_0003,piano,1\n"
                  "clip_9999,piano,1\n" // no such clip: reported
                  "clip_0003,theremin,1\n"); // not in the taxonomy: reported
        writeText(corpus.filePath(QStringLiteral("mask.csv")),
                  "clip,instrument,observed\nclip_0003,piano,0\n");
        writeText(corpus.filePath(QStringLiteral("activity.csv")),
                  "clip,instrument,start,end\n"
                  "clip_0000,piano,0,1.5\nclip_0000,drums,0,1.5\nclip_0000,piano,1.75,2\n"
                  "clip_0001,violin,0.5,1.25\n");

        QTemporaryDir libA;
        QTemporaryDir libB;
        auto first = scannedLibrary(libA.path(), corpus.path());
        QVERIFY(first);
        LabelsCsvData labels;
        ActivityCsvData activity;
        QString error;
        QVERIFY(LabelsCsv::read(corpus.filePath(QStringLiteral("labels.csv")), &labels, &error));
        QVERIFY(ActivityCsv::read(corpus.filePath(QStringLiteral("activity.csv")), &activity,
                                  &error));
        LabelsCsvImport importer(*first);
        auto report = importer.importBoth(labels.records, activity.records,
                                          corpus.filePath(QStringLiteral("labels.csv")),
                                          QStringLiteral("tester"));
        QVERIFY2(report, qPrintable(report.error().message));
        QCOMPARE(report->regionsCreated, 3); // [0,1.5) shared by piano and drums
        QCOMPARE(report->issues.size(), 2);
        QVERIFY(report->issues[0].message.contains(QStringLiteral("theremin"))
                || report->issues[1].message.contains(QStringLiteral("theremin")));
        // 7 weak labels (clip_0003 piano is masked) + 4 strong ones.
        QCOMPARE(report->labelsChanged, 11);

        auto clip0 = importer.resolve(QStringLiteral("clip_0000"), false, &error);
        QVERIFY(clip0 && clip0->has_value());
        QCOMPARE(*first->labels().state(**clip0, QStringLiteral("piano")), LabelState::Present);
        QCOMPARE(*first->labels().state(**clip0, QStringLiteral("violin")), LabelState::Absent);
        QCOMPARE(*first->labels().state(**clip0, QStringLiteral("cello")), LabelState::Unknown);
        auto region = importer.resolve(QStringLiteral("clip_0000#0-1.5"), false, &error);
        QVERIFY(region && region->has_value());
        QCOMPARE(*first->labels().state(**region, QStringLiteral("drums")), LabelState::Present);
        QCOMPARE(*first->labels().state(**region, QStringLiteral("violin")), LabelState::Unknown);

        // Export, import into a second library over the same files, export again.
        auto snapshotA = JsonExport::collect(*first);
        QVERIFY(snapshotA);
        QCOMPARE(snapshotA->activity().size(), 4);
        const QString labelsA = libA.filePath(QStringLiteral("labels-out.csv"));
        const QString activityA = libA.filePath(QStringLiteral("activity-out.csv"));
        QVERIFY(LabelsCsv::write(labelsA, snapshotA->weakLabels(), &error));
        QVERIFY(ActivityCsv::write(activityA, snapshotA->activity(), &error));

        auto second = scannedLibrary(libB.path(), corpus.path());
        QVERIFY(second);
        LabelsCsvData labelsBack;
        ActivityCsvData activityBack;
        QVERIFY(LabelsCsv::read(labelsA, &labelsBack, &error));
        QVERIFY(ActivityCsv::read(activityA, &activityBack, &error));
        QVERIFY(labelsBack.issues.isEmpty() && activityBack.issues.isEmpty());
        LabelsCsvImport importerB(*second);
        auto reportB = importerB.importBoth(labelsBack.records, activityBack.records, labelsA,
                                            QStringLiteral("tester"));
        QVERIFY(reportB);
        QVERIFY(reportB->issues.isEmpty());
        auto snapshotB = JsonExport::collect(*second);
        QVERIFY(snapshotB);
        QCOMPARE(snapshotB->weakLabels(), snapshotA->weakLabels());
        QCOMPARE(snapshotB->activity(), snapshotA->activity());
        const QString labelsB = libB.filePath(QStringLiteral("labels-out.csv"));
        const QString activityB = libB.filePath(QStringLiteral("activity-out.csv"));
        QVERIFY(LabelsCsv::write(labelsB, snapshotB->weakLabels(), &error));
        QVERIFY(ActivityCsv::write(activityB, snapshotB->activity(), &error));
        QCOMPARE(readText(labelsB), readText(labelsA));
        QCOMPARE(readText(activityB), readText(activityA));

        // Importing the same again changes nothing.
        auto again = importerB.importBoth(labelsBack.records, activityBack.records, labelsA,
                                          QStringLiteral("tester"));
        QVERIFY(again);
        QCOMPARE(again->labelsChanged, 0);
        QCOMPARE(again->regionsCreated, 0);
    }

    // `labels set --track` on a big library: the clip and its export key straight from the
    // path, the same as the full name index gives (unique base name, shared base name, key).
    void wholeTrackClipAtAgreesWithTheIndex()
    {
        QTemporaryDir corpus;
        writeTinyWav(corpus.filePath(QStringLiteral("mixes/clip_0000.wav")), 0);
        writeTinyWav(corpus.filePath(QStringLiteral("mixes/twin.wav")), 1);
        writeTinyWav(corpus.filePath(QStringLiteral("other/twin.wav")), 2);
        writeTinyWav(corpus.filePath(QStringLiteral("mixes/keyed.wav")), 3);
        QTemporaryDir libDir;
        auto lib = scannedLibrary(libDir.path(), corpus.path());
        QVERIFY(lib);
        const QString keyed = corpus.filePath(QStringLiteral("mixes/keyed.wav"));
        auto keyedTrack = lib->tracks().findByPath(keyed);
        QVERIFY(keyedTrack && keyedTrack->has_value());
        auto keyedClip = lib->clips().wholeTrackClip((*keyedTrack)->id);
        QVERIFY(keyedClip && keyedClip->has_value());
        QVERIFY(!lib->clips().setKey(**keyedClip, QStringLiteral("sample-17")).isError());

        LabelsCsvImport index(*lib);
        QVERIFY(!index.load().isError());
        const QStringList files {QStringLiteral("mixes/clip_0000.wav"),
                                 QStringLiteral("mixes/twin.wav"), QStringLiteral("other/twin.wav"),
                                 QStringLiteral("mixes/keyed.wav")};
        const QStringList expected {
                QStringLiteral("clip_0000"), corpus.filePath(QStringLiteral("mixes/twin.wav")),
                corpus.filePath(QStringLiteral("other/twin.wav")), QStringLiteral("sample-17")};
        for (int i = 0; i < files.size(); ++i) {
            const QString path = corpus.filePath(files[i]);
            auto direct = LabelsCsvImport::wholeTrackClipAt(*lib, path);
            QVERIFY(direct && direct->has_value());
            QString why;
            auto resolved = index.resolve(path, false, &why);
            QVERIFY2(resolved && resolved->has_value(), qPrintable(why));
            QCOMPARE((*direct)->clipId, **resolved);
            QCOMPARE((*direct)->key, index.keyOfClip(**resolved));
            QCOMPARE((*direct)->key, expected[i]);
        }
        auto none
                = LabelsCsvImport::wholeTrackClipAt(*lib, corpus.filePath(QStringLiteral("x.wav")));
        QVERIFY(none && !none->has_value());
    }
};

QTEST_GUILESS_MAIN(LabelsCsvTest)
#include "LabelsCsv_test.moc"
