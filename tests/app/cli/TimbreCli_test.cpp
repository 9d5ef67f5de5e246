// SPDX-License-Identifier: GPL-3.0-or-later
// End-to-end checks of the `timbre` executable as a script would use it: exit codes, the
// one-line results, and the files the demo pipeline writes (synth -> features -> library).
#include "support/CliRunner.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using timbre::testing::CliRun;
using timbre::testing::runCli;

namespace {

int countLines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    return QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts).size();
}

} // namespace

class TimbreCliTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_corpus = m_dir.filePath(QStringLiteral("corpus"));
        const CliRun synth = runCli({QStringLiteral("synth"), QStringLiteral("--out"), m_corpus,
                                     QStringLiteral("--clips"), QStringLiteral("4"),
                                     QStringLiteral("--seconds"), QStringLiteral("4"),
                                     QStringLiteral("--seed"), QStringLiteral("3")});
        QVERIFY2(synth.exitCode == 0, qPrintable(synth.err));
    }

    void versionNamesEveryLibrary()
    {
        const CliRun run = runCli({QStringLiteral("--version")});
        QCOMPARE(run.exitCode, 0);
        for (const char *name : {"Qt", "LibTorch", "FFmpeg", "FFTW", "TagLib"}) {
            const QRegularExpression line(
                    QStringLiteral("^\\s+%1\\s+\\d+\\.\\d+").arg(QLatin1String(name)),
                    QRegularExpression::MultilineOption);
            QVERIFY2(line.match(run.out).hasMatch(), qPrintable(run.out));
        }
    }

    void unknownCommandIsAUsageError()
    {
        const CliRun run = runCli({QStringLiteral("frobnicate")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(QStringLiteral("unknown command 'frobnicate'")));
    }

    void synthWritesLabelsForEveryClass()
    {
        // Header + 20 classes x 4 clips.
        QCOMPARE(countLines(m_corpus + QStringLiteral("/labels.csv")), 1 + 20 * 4);
        QCOMPARE(QDir(m_corpus + QStringLiteral("/mixes")).entryList(QDir::Files).size(), 4);
    }

    void featuresSummariseAndWriteMatrices()
    {
        const QString features = m_corpus + QStringLiteral("/features");
        const CliRun run = runCli({QStringLiteral("features"), m_corpus + QStringLiteral("/mixes"),
                                   QStringLiteral("--write"), features, QStringLiteral("--threads"),
                                   QStringLiteral("1")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        // 4 s at 16 kHz with 25 ms windows and 10 ms hops gives 398 frames: 4 whole patches.
        QVERIFY2(run.out.contains(QStringLiteral("total: 4 files (0 failed), 16 instances")),
                 qPrintable(run.out));
        const QStringList npy
                = QDir(features).entryList({QStringLiteral("*.npy")}, QDir::Files, QDir::Name);
        QCOMPARE(npy.size(), 4);
        QCOMPARE(npy.first(), QStringLiteral("clip_0000.npy"));
        // 128-d float32 rows: header + 4 x 128 x 4 bytes.
        const qint64 size = QFileInfo(QDir(features).filePath(npy.first())).size();
        QVERIFY(size > 4 * 128 * 4 && size <= 4 * 128 * 4 + 256);
    }

    // --start reads each file from that second on: half an instance later, a 4 s clip has
    // 3.52 s left, three whole patches (the shifted grid of overlapping instances).
    void featuresStartShiftsTheGrid()
    {
        const CliRun run = runCli({QStringLiteral("features"), m_corpus + QStringLiteral("/mixes"),
                                   QStringLiteral("--start"), QStringLiteral("0.48"),
                                   QStringLiteral("--threads"), QStringLiteral("1")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(QStringLiteral("total: 4 files (0 failed), 12 instances")),
                 qPrintable(run.out));
        const CliRun negative
                = runCli({QStringLiteral("features"), m_corpus + QStringLiteral("/mixes"),
                          QStringLiteral("--start"), QStringLiteral("-1")});
        QVERIFY(negative.exitCode != 0);
        QVERIFY2(negative.err.contains(QStringLiteral("--start")), qPrintable(negative.err));
    }

    void featuresReportMissingInput()
    {
        const QString missing = m_dir.filePath(QStringLiteral("absent.mp3"));
        const CliRun run = runCli({QStringLiteral("features"), missing});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(missing), qPrintable(run.err));
    }

    void midiCorpusNamesAFileItCannotRead()
    {
        const QString broken = m_dir.filePath(QStringLiteral("broken.mid"));
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("MThd\0\0\0\6\0\1\0\1\1\xe0MTrk\0\0\1\0", 22); // track cut short
        file.close();
        const QString out = m_dir.filePath(QStringLiteral("midi-corpus"));
        const CliRun run
                = runCli({QStringLiteral("midi-corpus"), broken, QStringLiteral("--out"), out});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(broken + QStringLiteral(": cut short")), qPrintable(run.err));
        QVERIFY(!QDir(out).exists());
        QCOMPARE(runCli({QStringLiteral("midi-corpus"), broken}).exitCode, 2); // no --out
    }

    void libraryScanAndLabelsRoundTrip()
    {
        const QString library = m_dir.filePath(QStringLiteral("library"));
        QCOMPARE(runCli({QStringLiteral("library"), QStringLiteral("init"), library}).exitCode, 0);
        const CliRun scan = runCli({QStringLiteral("library"), QStringLiteral("scan"), library,
                                    m_corpus + QStringLiteral("/mixes")});
        QVERIFY2(scan.exitCode == 0, qPrintable(scan.err));
        QVERIFY2(scan.out.contains(QStringLiteral("added=4")), qPrintable(scan.out));

        const CliRun set = runCli({QStringLiteral("labels"), QStringLiteral("set"), library,
                                   QStringLiteral("--clip"), QStringLiteral("clip_0002"),
                                   QStringLiteral("--instrument"), QStringLiteral("violin"),
                                   QStringLiteral("--value"), QStringLiteral("present")});
        QVERIFY2(set.exitCode == 0, qPrintable(set.err));
        QVERIFY(runCli({QStringLiteral("library"), QStringLiteral("status"), library})
                        .out.contains(QStringLiteral("instrument violin present=1 absent=0")));

        QCOMPARE(runCli({QStringLiteral("labels"), QStringLiteral("undo"), library}).exitCode, 0);
        QVERIFY(runCli({QStringLiteral("library"), QStringLiteral("status"), library})
                        .out.contains(QStringLiteral("instrument violin present=0 absent=0")));
    }

private:
    QTemporaryDir m_dir;
    QString m_corpus;
};

QTEST_GUILESS_MAIN(TimbreCliTest)
#include "TimbreCli_test.moc"
