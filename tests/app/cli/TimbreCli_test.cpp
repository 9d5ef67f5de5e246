// SPDX-License-Identifier: GPL-3.0-or-later
// End-to-end checks of the `timbre` executable as a script would use it: exit codes, the
// one-line results, and the files the demo pipeline writes (synth -> features -> library).
#include "support/CliRunner.h"
#include "support/ToneWav.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

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

    // --write also leaves each file's instance levels in levels.csv (for evaluate's '+level'
    // scores): a 4 s tone at amplitude 16000 for 1.92 s, then 1600, is two instances 20 dB
    // above the other two. --levels-only writes them alone, fast, and no matrices.
    void featuresWriteLevels()
    {
        const QString audio = m_dir.filePath(QStringLiteral("step"));
        QVERIFY(QDir().mkpath(audio));
        QVERIFY(timbre::testing::writeStepToneWav(audio + QStringLiteral("/step.wav"), 4.0, 1.92,
                                                  16000.0, 1600.0));
        const QString features = m_dir.filePath(QStringLiteral("step-features"));
        const CliRun run = runCli({QStringLiteral("features"), audio, QStringLiteral("--write"),
                                   features, QStringLiteral("--threads"), QStringLiteral("1")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const auto levelsOf = [](const QString &csv) {
            QFile f(csv);
            if (!f.open(QIODevice::ReadOnly))
                return QStringList();
            const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
            if (lines.size() < 2 || lines.at(0) != QLatin1String("clip,levels_db")
                || !lines.at(1).startsWith(QLatin1String("step,")))
                return QStringList();
            return lines.at(1).mid(5).split(QLatin1Char(' '));
        };
        const QStringList levels = levelsOf(features + QStringLiteral("/levels.csv"));
        QCOMPARE(levels.size(), 4);
        // 16000 / 32768 full scale, a sine: 20 log10(0.488) - 3.01 = -9.24 dB; then -29.24.
        QVERIFY2(std::abs(levels.at(0).toDouble() + 9.24) < 0.05, qPrintable(levels.join(' ')));
        QVERIFY2(std::abs(levels.at(1).toDouble() + 9.24) < 0.05, qPrintable(levels.join(' ')));
        QVERIFY2(std::abs(levels.at(2).toDouble() + 29.24) < 0.05, qPrintable(levels.join(' ')));
        QVERIFY2(std::abs(levels.at(3).toDouble() + 29.24) < 0.05, qPrintable(levels.join(' ')));

        const QString only = m_dir.filePath(QStringLiteral("step-levels"));
        const CliRun levelsOnly
                = runCli({QStringLiteral("features"), audio, QStringLiteral("--write"), only,
                          QStringLiteral("--levels-only"), QStringLiteral("--threads"),
                          QStringLiteral("1")});
        QVERIFY2(levelsOnly.exitCode == 0, qPrintable(levelsOnly.err));
        QCOMPARE(levelsOf(only + QStringLiteral("/levels.csv")), levels);
        QVERIFY(QDir(only).entryList({QStringLiteral("*.npy")}, QDir::Files).isEmpty());
        const CliRun noDir
                = runCli({QStringLiteral("features"), audio, QStringLiteral("--levels-only")});
        QCOMPARE(noDir.exitCode, 2);
        QVERIFY2(noDir.err.contains(QStringLiteral("--write")), qPrintable(noDir.err));
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
