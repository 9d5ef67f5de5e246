// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre labels import LIB FILE.csv` with a labels file of the user's own: file names with
// their extension and paths relative to the library's folders match, --dry-run prints how the
// rows match and writes nothing, a file that matches nothing fails (exit 1) naming the first
// unmatched row.
#include "support/CliRunner.h"
#include "support/ToneWav.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using timbre::testing::CliRun;
using timbre::testing::field;
using timbre::testing::runCli;

namespace {

bool writeText(const QString &path, const QByteArray &text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
}

} // namespace

class LabelsImportCliTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void ownLabelsFile()
    {
        QTemporaryDir dir;
        const QString audio = dir.filePath(QStringLiteral("music/audio"));
        const QString lib = dir.filePath(QStringLiteral("lib"));
        QVERIFY(QDir().mkpath(audio));
        for (int i = 0; i < 3; ++i)
            QVERIFY(timbre::testing::writeToneWav(
                    QDir(audio).filePath(QStringLiteral("clip_00%1.wav").arg(i)), 0.5,
                    300.0 + 50 * i));
        CliRun run = runCli({QStringLiteral("library"), QStringLiteral("init"), lib});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = runCli({QStringLiteral("library"), QStringLiteral("scan"), lib,
                      dir.filePath(QStringLiteral("music")), QStringLiteral("--quiet")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));

        const QString csv = dir.filePath(QStringLiteral("mine.csv"));
        QVERIFY(writeText(csv,
                          "File,Instrument,Present\n"
                          "clip_000.wav,accordion,1\n"
                          "audio/clip_001.wav,accordion,0\n"
                          "clip_119.mp3,accordion,1\n"));

        const CliRun dry = runCli({QStringLiteral("labels"), QStringLiteral("import"), lib, csv,
                                   QStringLiteral("--dry-run")});
        QVERIFY2(dry.exitCode == 0, qPrintable(dry.err + dry.out));
        QVERIFY2(dry.out.contains(QStringLiteral("line 2: clip_000.wav accordion=present -> "
                                                 "clip_000 (file name)")),
                 qPrintable(dry.out));
        QVERIFY2(dry.out.contains(QStringLiteral("line 3: audio/clip_001.wav accordion=absent -> "
                                                 "clip_001 (relative path)")),
                 qPrintable(dry.out));
        QVERIFY(dry.out.contains(QStringLiteral("line 4: clip_119.mp3 accordion=present -> "
                                                "unknown clip 'clip_119.mp3'")));
        const QString summary = dry.out.section(QLatin1Char('\n'), -2, -2);
        QVERIFY2(summary.startsWith(QStringLiteral("preview rows=3 ")), qPrintable(summary));
        QCOMPARE(field(summary, QStringLiteral("matched")), QStringLiteral("2"));
        QCOMPARE(field(summary, QStringLiteral("unmatched")), QStringLiteral("1"));
        QCOMPARE(field(summary, QStringLiteral("written")), QStringLiteral("0"));

        // The dry run wrote nothing: the real import changes both labels.
        const CliRun imported
                = runCli({QStringLiteral("labels"), QStringLiteral("import"), lib, csv});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err + imported.out));
        QVERIFY2(imported.out.startsWith(QStringLiteral("imported rows=3 ")),
                 qPrintable(imported.out));
        QCOMPARE(field(imported.out, QStringLiteral("changed")), QStringLiteral("2"));
        QCOMPARE(field(imported.out, QStringLiteral("matched")), QStringLiteral("2"));
        QCOMPARE(field(imported.out, QStringLiteral("skipped")), QStringLiteral("1"));
        QVERIFY2(imported.err.contains(csv + QStringLiteral(":4: unknown clip 'clip_119.mp3'")),
                 qPrintable(imported.err));

        // Nothing matches: exit 1, one error line naming the file and the first row.
        const QString theirs = dir.filePath(QStringLiteral("theirs.csv"));
        QVERIFY(writeText(theirs,
                          "file,instrument,present\nclip_119.mp3,accordion,0\n"
                          "clip_120.mp3,accordion,1\n"));
        const CliRun refused
                = runCli({QStringLiteral("labels"), QStringLiteral("import"), lib, theirs});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(theirs
                                      + QStringLiteral(": none of the 2 rows matched a "
                                                       "clip of the library; first "
                                                       "unmatched: line 2: unknown clip "
                                                       "'clip_119.mp3'")),
                 qPrintable(refused.err));
        QVERIFY(refused.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(LabelsImportCliTest)
#include "LabelsImportCli_test.moc"
