// SPDX-License-Identifier: GPL-3.0-or-later
// Labels files written the way people write them (README.md, "Labels from your own files"):
// file names with their extension, paths relative to a folder of the library or to the file,
// the usual header names; ambiguous names reported, never guessed; an import that matched
// nothing refused and nothing written; bad rows named by line; a preview that writes nothing.
#include "support/ToneWav.h"
#include "core/datasets/interchange/LabelsFileImport.h"
#include "core/library/ClipStore.h"
#include "core/library/LabelStore.h"
#include "core/library/Library.h"
#include "core/library/LibraryScanner.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace timbre;
using namespace timbre::datasets;
using library::LabelSource;
using library::LabelState;

namespace {

bool writeText(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
}

// Four tracks: audio/clip_000.wav, audio/clip_001.wav, audio/clip_002.wav and
// other/clip_002.wav (the same file name in another folder).
struct Fixture
{
    QTemporaryDir dir;
    std::unique_ptr<library::Library> lib;

    QString corpus() const { return dir.filePath(QStringLiteral("corpus")); }
    QString track(const QString &relative) const { return QDir(corpus()).filePath(relative); }
    QString csv(const QByteArray &text, const QString &name = QStringLiteral("mine.csv")) const
    {
        const QString path = dir.filePath(name);
        return writeText(path, text) ? path : QString();
    }

    bool make()
    {
        for (const char *name : {"audio/clip_000.wav", "audio/clip_001.wav", "audio/clip_002.wav",
                                 "other/clip_002.wav"}) {
            const QString path = track(QLatin1String(name));
            QDir().mkpath(QFileInfo(path).absolutePath());
            if (!testing::writeToneWav(path, 0.5, 300.0 + 100.0 * path.size()))
                return false;
        }
        auto opened = library::Library::open(dir.filePath(QStringLiteral("lib")));
        if (!opened)
            return false;
        lib = opened.take();
        library::LibraryScanner scanner(lib->database(), library::ScanOptions {{corpus()}, 1, 100});
        return bool(scanner.runBlocking());
    }

    LabelState state(const QString &relative, const QString &instrument) const
    {
        LabelsCsvImport names(*lib);
        if (names.load().isError())
            return LabelState::Unknown;
        QString why;
        auto clip = names.resolve(track(relative), false, &why);
        if (!clip || !clip->has_value())
            return LabelState::Unknown;
        return lib->labels().state(**clip, instrument).valueOr(LabelState::Unknown);
    }
};

} // namespace

class LabelsFileImportTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fileNameWithExtension()
    {
        Fixture f;
        QVERIFY(f.make());
        const QString csv = f.csv("file,instrument,present\n"
                                  "clip_000.wav,accordion,1\n"
                                  "clip_001.wav,accordion,0\n"
                                  "clip_001,violin,1\n"); // without its extension too
        auto report = LabelsFileImport::importBlocking(*f.lib, csv, QStringLiteral("anna"));
        QVERIFY2(report, qPrintable(report.error().message));
        QCOMPARE(report->counts.rows, 3);
        QCOMPARE(report->counts.matched, 3);
        QCOMPARE(report->labelsChanged, 3);
        QVERIFY(report->issues.isEmpty());
        QCOMPARE(f.state(QStringLiteral("audio/clip_000.wav"), QStringLiteral("accordion")),
                 LabelState::Present);
        QCOMPARE(f.state(QStringLiteral("audio/clip_001.wav"), QStringLiteral("accordion")),
                 LabelState::Absent);
        QCOMPARE(f.state(QStringLiteral("audio/clip_001.wav"), QStringLiteral("violin")),
                 LabelState::Present);
        auto batch = f.lib->labels().batch(report->batchId);
        QVERIFY(batch && batch->has_value());
        QCOMPARE((*batch)->source, LabelSource::Import); // one batch, from an import
        QCOMPARE((*batch)->changeCount, 3);
    }

    void relativePaths()
    {
        Fixture f;
        QVERIFY(f.make());
        // The labels file lives outside the corpus: these are relative to a library folder.
        const QString csv = f.csv("path,instrument,value\n"
                                  "audio/clip_000.wav,piano,present\n"
                                  "other/clip_002.wav,piano,present\n"
                                  "audio\\clip_002.wav,piano,absent\n" // written on Windows
                                  "./corpus/audio/clip_001.wav,piano,present\n"
                                  "AUDIO/Clip_000.WAV,cello,present\n"); // case ignored last
        auto preview = LabelsFileImport::previewBlocking(*f.lib, csv);
        QVERIFY2(preview, qPrintable(preview.error().message));
        QCOMPARE(preview->counts.matched, 5);
        QCOMPARE(preview->rows[0].match.rule, ClipMatch::Rule::RelativePath);
        QCOMPARE(preview->rows[0].trackPath, f.track(QStringLiteral("audio/clip_000.wav")));
        QCOMPARE(preview->rows[3].match.rule, ClipMatch::Rule::RelativeToFile);
        auto report = LabelsFileImport::importBlocking(*f.lib, csv, QStringLiteral("anna"));
        QVERIFY2(report, qPrintable(report.error().message));
        QCOMPARE(f.state(QStringLiteral("audio/clip_000.wav"), QStringLiteral("piano")),
                 LabelState::Present);
        QCOMPARE(f.state(QStringLiteral("other/clip_002.wav"), QStringLiteral("piano")),
                 LabelState::Present);
        QCOMPARE(f.state(QStringLiteral("audio/clip_002.wav"), QStringLiteral("piano")),
                 LabelState::Absent);
        QCOMPARE(f.state(QStringLiteral("audio/clip_001.wav"), QStringLiteral("piano")),
                 LabelState::Present);
        QCOMPARE(f.state(QStringLiteral("audio/clip_000.wav"), QStringLiteral("cello")),
                 LabelState::Present);

        // Relative to the labels file's own folder ("../"), and absolute paths.
        const QString nested = f.csv(QByteArray("file,instrument,present\n"
                                                "../corpus/audio/clip_001.wav,drums,1\n")
                                             + f.track(QStringLiteral("other/clip_002.wav"))
                                                       .toUtf8()
                                             + ",drums,1\n",
                                     QStringLiteral("labels/nested.csv"));
        auto again = LabelsFileImport::importBlocking(*f.lib, nested, QStringLiteral("anna"));
        QVERIFY2(again, qPrintable(again.error().message));
        QCOMPARE(again->counts.matched, 2);
        QCOMPARE(f.state(QStringLiteral("audio/clip_001.wav"), QStringLiteral("drums")),
                 LabelState::Present);
        QCOMPARE(f.state(QStringLiteral("other/clip_002.wav"), QStringLiteral("drums")),
                 LabelState::Present);
    }

    void headerNames_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("present");
        QTest::addColumn<QByteArray>("absent");
        QTest::newRow("file,instrument,present") << QByteArray("file,instrument,present")
                                                 << QByteArray("1") << QByteArray("0");
        QTest::newRow("capitalised") << QByteArray("File,Instrument,Present") << QByteArray("1")
                                     << QByteArray("0");
        QTest::newRow("path,label_name,value") << QByteArray("path,label_name,value")
                                               << QByteArray("present") << QByteArray("absent");
        QTest::newRow("Track,Label Name,Label") << QByteArray("Track,Label Name,Label")
                                                << QByteArray("yes") << QByteArray("no");
        QTest::newRow("filename,class,relevance") << QByteArray("filename,class,relevance")
                                                  << QByteArray("0.83") << QByteArray("0.17");
        QTest::newRow("clip_key,instrument,value") << QByteArray("clip_key,instrument,value")
                                                   << QByteArray("1") << QByteArray("0");
        QTest::newRow("extra columns, other order")
                << QByteArray("annotator,present,Instrument Name,notes,clip") << QByteArray("1")
                << QByteArray("0");
    }

    void headerNames()
    {
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, present);
        QFETCH(QByteArray, absent);
        Fixture f;
        QVERIFY(f.make());
        // Each row in the header's own column order.
        const QList<QByteArray> columns = header.split(',');
        auto row = [&](const QByteArray &clip, const QByteArray &instrument,
                       const QByteArray &value) {
            QList<QByteArray> fields;
            for (const QByteArray &column : columns) {
                const QByteArray c = column.toLower();
                if (c == "file" || c == "path" || c == "track" || c == "filename"
                    || c == "clip_key" || c == "clip")
                    fields << clip;
                else if (c == "instrument" || c == "label_name" || c == "label name"
                         || c == "class" || c == "instrument name")
                    fields << instrument;
                else if (c == "present" || c == "value" || c == "label" || c == "relevance")
                    fields << value;
                else
                    fields << "x";
            }
            return fields.join(',') + '\n';
        };
        const QString csv = f.csv(header + '\n' + row("clip_000.wav", "Piano", present)
                                  + row("audio/clip_001.wav", "mallet percussion", absent));
        auto report = LabelsFileImport::importBlocking(*f.lib, csv, QStringLiteral("anna"));
        QVERIFY2(report, qPrintable(report.error().message));
        QCOMPARE(report->counts.matched, 2);
        QCOMPARE(f.state(QStringLiteral("audio/clip_000.wav"), QStringLiteral("piano")),
                 LabelState::Present);
        QCOMPARE(f.state(QStringLiteral("audio/clip_001.wav"), QStringLiteral("mallet_percussion")),
                 LabelState::Absent);
    }

    void headerWithoutInstrumentIsRefusedNamingIt()
    {
        Fixture f;
        QVERIFY(f.make());
        const QString csv = f.csv("file,what,present\nclip_000.wav,piano,1\n");
        auto preview = LabelsFileImport::previewBlocking(*f.lib, csv);
        QVERIFY(!preview);
        QCOMPARE(preview.error().code, library::CatalogError::ParseError);
        QVERIFY2(preview.error().message.contains(csv + QStringLiteral(":1:")),
                 qPrintable(preview.error().message));
        QVERIFY(preview.error().message.contains(QStringLiteral("no instrument column")));
        QVERIFY(preview.error().message.contains(QStringLiteral("label_name")));
    }

    void ambiguousNamesAreReportedNotGuessed()
    {
        Fixture f;
        QVERIFY(f.make());
        const QString csv = f.csv("file,instrument,present\n"
                                  "clip_002.wav,flute,1\n"
                                  "clip_002,flute,1\n"
                                  "clip_000.wav,flute,1\n");
        auto preview = LabelsFileImport::previewBlocking(*f.lib, csv);
        QVERIFY2(preview, qPrintable(preview.error().message));
        QCOMPARE(preview->counts.ambiguous, 2);
        QCOMPARE(preview->counts.matched, 1);
        QCOMPARE(preview->rows[0].status, LabelsRowMatch::Status::Ambiguous);
        QCOMPARE(preview->rows[0].match.candidateCount, 2);
        QCOMPARE(preview->rows[0].match.candidates,
                 QStringList({f.track(QStringLiteral("audio/clip_002.wav")),
                              f.track(QStringLiteral("other/clip_002.wav"))}));
        auto report = LabelsFileImport::importBlocking(*f.lib, csv, QStringLiteral("anna"));
        QVERIFY2(report, qPrintable(report.error().message));
        QCOMPARE(report->labelsChanged, 1);
        QCOMPARE(f.state(QStringLiteral("audio/clip_002.wav"), QStringLiteral("flute")),
                 LabelState::Unknown);
        QCOMPARE(f.state(QStringLiteral("other/clip_002.wav"), QStringLiteral("flute")),
                 LabelState::Unknown);
        QCOMPARE(report->issues.size(), 1);
        QVERIFY2(report->issues[0].message.contains(QStringLiteral("line 2 'clip_002.wav' (2 tracks")),
                 qPrintable(report->issues[0].toString()));
    }

    void nothingMatchedIsAnErrorAndWritesNothing()
    {
        Fixture f;
        QVERIFY(f.make());
        // A label the user set stays as it is.
        QVERIFY(LabelsFileImport::importBlocking(
                *f.lib, f.csv("file,instrument,present\nclip_000.wav,organ,1\n",
                              QStringLiteral("first.csv")),
                QStringLiteral("anna")));
        const qint64 before = *f.lib->labels().latestBatchId();
        const QString csv = f.csv("file,instrument,present\n"
                                  "clip_119.mp3,accordion,0\n"
                                  "clip_120.mp3,accordion,1\n"
                                  "clip_121.mp3,accordion,1\n");
        auto report = LabelsFileImport::importBlocking(*f.lib, csv, QStringLiteral("anna"));
        QVERIFY(!report);
        QCOMPARE(report.error().code, library::CatalogError::InvalidArgument);
        QVERIFY2(report.error().message.startsWith(
                         csv + QStringLiteral(": none of the 3 rows matched a clip of the library; "
                                              "first unmatched: line 2: unknown clip "
                                              "'clip_119.mp3'")),
                 qPrintable(report.error().message));
        QCOMPARE(*f.lib->labels().latestBatchId(), before);
        QCOMPARE(f.state(QStringLiteral("audio/clip_000.wav"), QStringLiteral("organ")),
                 LabelState::Present);

        // The preview says the same and writes nothing either.
        auto preview = LabelsFileImport::previewBlocking(*f.lib, csv);
        QVERIFY(preview);
        QCOMPARE(preview->counts.unmatched, 3);
        QVERIFY(preview->refusal.startsWith(QStringLiteral("none of the 3 rows")));

        // Clips found but no instrument known: said so.
        const QString german = f.csv("file,instrument,present\nclip_000.wav,Akkordeon,1\n",
                                     QStringLiteral("de.csv"));
        auto refused = LabelsFileImport::importBlocking(*f.lib, german, QStringLiteral("anna"));
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(QStringLiteral("names an instrument")),
                 qPrintable(refused.error().message));
        QCOMPARE(*f.lib->labels().latestBatchId(), before);
    }

    void badRowsAreNamedByLine()
    {
        Fixture f;
        QVERIFY(f.make());
        const QString csv = f.csv("file,instrument,present\n"
                                  "clip_000.wav,piano,1\n" // 2
                                  "clip_001.wav,piano,maybe\n" // 3: bad value
                                  "clip_001.wav,theremin,1\n" // 4: unknown instrument
                                  "clip_001.wav\n" // 5: too few fields
                                  "clip_001.wav,cello,1\n"); // 6
        auto preview = LabelsFileImport::previewBlocking(*f.lib, csv, 3);
        QVERIFY2(preview, qPrintable(preview.error().message));
        QCOMPARE(preview->counts.rows, 5);
        QCOMPARE(preview->counts.matched, 2);
        QCOMPARE(preview->counts.unreadable, 2);
        QCOMPARE(preview->counts.unknownInstrument, 1);
        QCOMPARE(preview->rows.size(), 3); // the first three, in file order
        QCOMPARE(preview->rows[0].line, 2);
        QCOMPARE(preview->rows[1].line, 3);
        QCOMPARE(preview->rows[1].status, LabelsRowMatch::Status::Unreadable);
        QVERIFY(preview->rows[1].message.contains(QStringLiteral("maybe")));
        QCOMPARE(preview->rows[2].status, LabelsRowMatch::Status::UnknownInstrument);

        auto report = LabelsFileImport::importBlocking(*f.lib, csv, QStringLiteral("anna"));
        QVERIFY2(report, qPrintable(report.error().message));
        QCOMPARE(report->labelsChanged, 2);
        QCOMPARE(report->counts.skipped(), 3);
        QList<int> lines;
        for (const DatasetIssue &issue : std::as_const(report->issues))
            lines << issue.line;
        QCOMPARE(lines, QList<int>({3, 5, 4}));
        QVERIFY(report->issues[2].message.contains(QStringLiteral("theremin")));
    }

    void manyMismatchesAreSummarised()
    {
        Fixture f;
        QVERIFY(f.make());
        QByteArray text = "file,instrument,present\nclip_000.wav,piano,1\n";
        for (int i = 0; i < 500; ++i)
            text += QByteArray("missing_") + QByteArray::number(i) + ".mp3,piano,1\n";
        const QString csv = f.csv(text);
        auto report = LabelsFileImport::importBlocking(*f.lib, csv, QStringLiteral("anna"));
        QVERIFY2(report, qPrintable(report.error().message));
        QCOMPARE(report->counts.unmatched, 500);
        QCOMPARE(report->issues.size(), 1);
        QVERIFY2(report->issues[0].message.startsWith(
                         QStringLiteral("500 of 501 rows name no clip of the library and were "
                                        "skipped, first: line 3 'missing_0.mp3'; line 4 "
                                        "'missing_1.mp3'; line 5 'missing_2.mp3'")),
                 qPrintable(report->issues[0].message));
    }

    void previewWritesNothing()
    {
        Fixture f;
        QVERIFY(f.make());
        const qint64 before = *f.lib->labels().latestBatchId();
        const QString csv = f.csv("file,instrument,present\nclip_000.wav,piano,1\n"
                                  "clip_000.wav#0-0.25,piano,1\n"); // a region to be made
        auto preview = LabelsFileImport::previewBlocking(*f.lib, csv);
        QVERIFY2(preview, qPrintable(preview.error().message));
        QCOMPARE(preview->counts.matched, 2);
        QCOMPARE(preview->rows[0].clipKey, QStringLiteral("clip_000"));
        QCOMPARE(preview->rows[0].instrumentKey, QStringLiteral("piano"));
        QCOMPARE(preview->rows[1].match.rule, ClipMatch::Rule::Region);
        QCOMPARE(preview->rows[1].match.clipId, 0); // not created by a preview
        QCOMPARE(*f.lib->labels().latestBatchId(), before);
        auto clips = f.lib->clips().list();
        QVERIFY(clips);
        QCOMPARE(clips->size(), 4);
    }
};

QTEST_GUILESS_MAIN(LabelsFileImportTest)
#include "LabelsFileImport_test.moc"
