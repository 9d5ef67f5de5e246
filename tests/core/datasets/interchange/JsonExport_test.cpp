// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/interchange/JsonExport.h"
#include "core/datasets/interchange/LabelsCsvImport.h"
#include "core/library/ClipStore.h"
#include "core/library/LabelStore.h"
#include "core/library/Library.h"
#include "core/library/LibraryScanner.h"
#include "core/library/ModelStore.h"
#include "core/library/PredictionStore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace timbre;
using namespace timbre::datasets;
using library::LabelSource;
using library::LabelState;

namespace {

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
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(data);
}

} // namespace

class JsonExportTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void exportsLabelsAndPredictionsAndReadsThemBack()
    {
        QTemporaryDir audio;
        QTemporaryDir libDir;
        writeTinyWav(audio.filePath(QStringLiteral("a.wav")), 1);
        writeTinyWav(audio.filePath(QStringLiteral("b.wav")), 2);
        auto opened = library::Library::open(libDir.path());
        QVERIFY(opened);
        const library::Library &lib = **opened;
        library::LibraryScanner scanner(lib.database(),
                                        library::ScanOptions {{audio.path()}, 1, 10});
        QVERIFY(scanner.runBlocking());

        LabelsCsvImport importer(lib);
        auto imported = importer.importBoth(
                {{QStringLiteral("a"), QStringLiteral("piano"), LabelState::Present},
                 {QStringLiteral("a"), QStringLiteral("violin"), LabelState::Absent}},
                {{QStringLiteral("a"), QStringLiteral("drums"), 0.5, 1.0}}, QStringLiteral("x.csv"),
                QStringLiteral("importer"));
        QVERIFY(imported);
        QString why;
        const qint64 clipA = **importer.resolve(QStringLiteral("a"), false, &why);
        const qint64 clipB = **importer.resolve(QStringLiteral("b"), false, &why);
        QVERIFY(lib.labels().set(clipB, QStringLiteral("cello"), LabelState::Present,
                                 LabelSource::User, QStringLiteral("ann"), 1700000000000));
        library::ModelRecord model;
        model.name = QStringLiteral("m1");
        model.kind = QStringLiteral("att");
        auto modelId = lib.models().add(model);
        QVERIFY(modelId);
        QVERIFY(!lib.predictions()
                         .write(*modelId,
                                {{clipA, QStringLiteral("piano"), 0.875f},
                                 {clipA, QStringLiteral("violin"), 0.25f},
                                 {clipB, QStringLiteral("cello"), 0.75f}})
                         .isError());

        auto snapshot = JsonExport::collect(lib);
        QVERIFY2(snapshot, qPrintable(snapshot.error().message));
        QCOMPARE(snapshot->clips.size(), 3);
        QCOMPARE(snapshot->labels.size(), 4);
        QCOMPARE(snapshot->predictions.size(), 3);
        QCOMPARE(snapshot->instruments.size(), 20);
        // The labels-only formats ask for no scores: the same labels, none of the scores.
        auto labelsOnly = JsonExport::collect(lib, false);
        QVERIFY(labelsOnly);
        QCOMPARE(labelsOnly->predictions.size(), 0);
        QCOMPARE(labelsOnly->weakLabels(), snapshot->weakLabels());
        QCOMPARE(labelsOnly->activity(), snapshot->activity());

        const QString path = libDir.filePath(QStringLiteral("export.json"));
        QString error;
        QVERIFY(JsonExport::write(path, *snapshot, &error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(root.value(QStringLiteral("format")).toString(), QStringLiteral("timbre-labels"));
        const QJsonArray clips = root.value(QStringLiteral("clips")).toArray();
        QCOMPARE(clips.size(), 3);
        QJsonObject a;
        QJsonObject region;
        for (const QJsonValue &value : clips) {
            const QJsonObject clip = value.toObject();
            if (clip.value(QStringLiteral("key")).toString() == QStringLiteral("a"))
                a = clip;
            if (clip.value(QStringLiteral("key")).toString() == QStringLiteral("a#0.5-1"))
                region = clip;
        }
        QVERIFY(!a.isEmpty() && !region.isEmpty());
        QVERIFY(a.value(QStringLiteral("end")).isNull());
        QVERIFY(a.value(QStringLiteral("track")).toString().endsWith(QStringLiteral("/a.wav")));
        const QJsonObject piano = a.value(QStringLiteral("labels"))
                                          .toObject()
                                          .value(QStringLiteral("piano"))
                                          .toObject();
        QCOMPARE(piano.value(QStringLiteral("value")).toString(), QStringLiteral("present"));
        QCOMPARE(piano.value(QStringLiteral("source")).toString(), QStringLiteral("import"));
        QCOMPARE(piano.value(QStringLiteral("author")).toString(), QStringLiteral("importer"));
        QCOMPARE(a.value(QStringLiteral("predictions"))
                         .toObject()
                         .value(QStringLiteral("m1"))
                         .toObject()
                         .value(QStringLiteral("piano"))
                         .toDouble(),
                 0.875);
        QCOMPARE(region.value(QStringLiteral("start")).toDouble(), 0.5);
        QCOMPARE(region.value(QStringLiteral("end")).toDouble(), 1.0);

        LabelSnapshot back;
        QVERIFY2(JsonExport::read(path, &back, &error), qPrintable(error));
        QCOMPARE(back.instruments, snapshot->instruments);
        auto labelKey = [](const ExportedLabel &l) {
            return QStringLiteral("%1|%2|%3|%4|%5|%6")
                    .arg(l.clip, l.instrument, library::labelStateName(l.state),
                         library::labelSourceName(l.source), l.author)
                    .arg(l.timeMs);
        };
        QStringList expected;
        QStringList actual;
        for (const ExportedLabel &l : snapshot->labels)
            expected << labelKey(l);
        for (const ExportedLabel &l : back.labels)
            actual << labelKey(l);
        expected.sort();
        actual.sort();
        QCOMPARE(actual, expected);
        QVERIFY(actual.contains(QStringLiteral("b|cello|present|user|ann|1700000000000")));
        QCOMPARE(back.predictions.size(), 3);
        QCOMPARE(back.activity(), snapshot->activity());
        QCOMPARE(back.activity().size(), 1);
        QCOMPARE(back.activity().first(),
                 (ActivityRecord {QStringLiteral("a"), QStringLiteral("drums"), 0.5, 1.0}));

        QFile bad(libDir.filePath(QStringLiteral("bad.json")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{\"format\": \"other\"}");
        bad.close();
        QVERIFY(!JsonExport::read(bad.fileName(), &back, &error));
        QVERIFY(error.contains(QStringLiteral("bad.json")));
    }
};

QTEST_GUILESS_MAIN(JsonExportTest)
#include "JsonExport_test.moc"
