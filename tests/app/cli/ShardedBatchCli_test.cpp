// SPDX-License-Identifier: GPL-3.0-or-later
// Sharded batch work as a Slurm array drives it (docs/CLUSTER.md), with the built `timbre`:
// `extract` takes its shard from SLURM_ARRAY_TASK_ID / SLURM_ARRAY_TASK_COUNT, `jobs --missing`
// writes the manifest of what a lost task left, a retry on that manifest finishes the library,
// sharded predicts complete the whole run, and bad shards and manifests are refused by name.
#include "support/CliRunner.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using timbre::testing::CliRun;
using timbre::testing::field;
using timbre::testing::runCli;

namespace {

QProcessEnvironment arrayTask(int id, int count)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SLURM_ARRAY_TASK_ID"), QString::number(id));
    env.insert(QStringLiteral("SLURM_ARRAY_TASK_MIN"), QStringLiteral("0"));
    env.insert(QStringLiteral("SLURM_ARRAY_TASK_COUNT"), QString::number(count));
    return env;
}

// Track lines of a manifest (not its '#' comments).
QStringList manifestTracks(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {QStringLiteral("cannot read ") + path};
    QStringList lines;
    for (const QString &line : QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'))) {
        if (!line.isEmpty() && !line.startsWith(QLatin1Char('#')))
            lines << line;
    }
    return lines;
}

} // namespace

class ShardedBatchCliTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void arrayTasksAManifestRetryAndTheWholeRun();
    void badShardsAndManifestsAreRefused();

private:
    QTemporaryDir m_dir;
};

void ShardedBatchCliTest::arrayTasksAManifestRetryAndTheWholeRun()
{
    const QString corpus = m_dir.filePath(QStringLiteral("corpus"));
    const QString lib = m_dir.filePath(QStringLiteral("lib"));
    RUN_OK(runCli({QStringLiteral("synth"), QStringLiteral("--out"), corpus,
                   QStringLiteral("--clips"), QStringLiteral("16"), QStringLiteral("--seconds"),
                   QStringLiteral("3"), QStringLiteral("--no-stems"), QStringLiteral("--quiet"),
                   QStringLiteral("--seed"), QStringLiteral("4")}));
    RUN_OK(runCli({QStringLiteral("library"), QStringLiteral("init"), lib}));
    RUN_OK(runCli({QStringLiteral("library"), QStringLiteral("scan"), lib,
                   QDir(corpus).filePath(QStringLiteral("mixes")), QStringLiteral("--quiet")}));
    RUN_OK(runCli({QStringLiteral("labels"), QStringLiteral("import"), lib,
                   QDir(corpus).filePath(QStringLiteral("labels.csv"))}));

    // Task 0 of a 3-task array runs; tasks 1 and 2 are "lost".
    const CliRun task0 = runCli(
            {QStringLiteral("extract"), lib, QStringLiteral("--threads"), QStringLiteral("1")},
            120000, arrayTask(0, 3));
    RUN_OK(task0);
    QVERIFY2(task0.err.contains(QStringLiteral("shard 0/3 (SLURM_ARRAY_TASK_ID=0")),
             qPrintable(task0.err));
    const int first = field(task0.out, QStringLiteral("extracted")).toInt();
    QVERIFY2(first > 0 && first < 16, qPrintable(task0.out));

    const QString manifest = m_dir.filePath(QStringLiteral("missing-extract.tsv"));
    const CliRun missing = runCli({QStringLiteral("jobs"), lib, QStringLiteral("--missing"),
                                   QStringLiteral("extract"), QStringLiteral("--out"), manifest});
    RUN_OK(missing);
    const QStringList left = manifestTracks(manifest);
    QCOMPARE(left.size(), 16 - first);
    QVERIFY2(left.first().contains(QStringLiteral("\t/")), qPrintable(left.first()));
    QVERIFY(missing.err.contains(QStringLiteral("%1 tracks still to extract").arg(16 - first)));
    // What each lost task left, shard by shard: the two parts make up the manifest.
    int perShard = 0;
    for (int i : {0, 1, 2}) {
        const QString part = m_dir.filePath(QStringLiteral("missing-%1.tsv").arg(i));
        RUN_OK(runCli({QStringLiteral("jobs"), lib, QStringLiteral("--missing"),
                       QStringLiteral("extract"), QStringLiteral("--shard"),
                       QStringLiteral("%1/3").arg(i), QStringLiteral("--out"), part}));
        const QStringList tracks = manifestTracks(part);
        if (i == 0)
            QCOMPARE(tracks.size(), 0);
        for (const QString &t : tracks)
            QVERIFY2(left.contains(t), qPrintable(t));
        perShard += tracks.size();
    }
    QCOMPARE(perShard, left.size());

    // The retry array of one task runs on the manifest; --shard all overrides the array's
    // variables (one process does the whole manifest).
    const CliRun retry
            = runCli({QStringLiteral("extract"), lib, QStringLiteral("--tracks"), manifest,
                      QStringLiteral("--shard"), QStringLiteral("all"), QStringLiteral("--quiet")},
                     120000, arrayTask(0, 3));
    RUN_OK(retry);
    QCOMPARE(field(retry.out, QStringLiteral("extracted")).toInt(), 16 - first);
    RUN_OK(runCli({QStringLiteral("jobs"), lib, QStringLiteral("--missing"),
                   QStringLiteral("extract"), QStringLiteral("--out"), manifest}));
    QCOMPARE(manifestTracks(manifest).size(), 0);
    const CliRun nothing
            = runCli({QStringLiteral("extract"), lib, QStringLiteral("--tracks"), manifest});
    RUN_OK(nothing);
    QVERIFY2(nothing.out.contains(QStringLiteral("the manifest lists none")),
             qPrintable(nothing.out));

    RUN_OK(runCli({QStringLiteral("train"), QStringLiteral("--library"), lib,
                   QStringLiteral("--model"), QStringLiteral("att"), QStringLiteral("--epochs"),
                   QStringLiteral("3"), QStringLiteral("--quiet")}));
    int clips = 0;
    for (int i : {0, 1}) {
        const CliRun p = runCli({QStringLiteral("predict"), QStringLiteral("--library"), lib,
                                 QStringLiteral("--shard"), QStringLiteral("%1/2").arg(i),
                                 QStringLiteral("--quiet")});
        RUN_OK(p);
        QVERIFY2(p.out.contains(QStringLiteral("part %1/2").arg(i)), qPrintable(p.out));
        QCOMPARE(p.out.contains(QStringLiteral("whole run recorded")), i == 1);
        clips += p.out.section(QLatin1Char(' '), 1, 1).toInt();
    }
    QCOMPARE(clips, 16);
    const CliRun status = runCli(
            {QStringLiteral("jobs"), lib, QStringLiteral("--missing"), QStringLiteral("predict")});
    RUN_OK(status);
    QVERIFY2(status.out.contains(QStringLiteral("# 0 tracks")), qPrintable(status.out));
}

void ShardedBatchCliTest::badShardsAndManifestsAreRefused()
{
    const QString lib = m_dir.filePath(QStringLiteral("lib"));
    const CliRun bad = runCli(
            {QStringLiteral("extract"), lib, QStringLiteral("--shard"), QStringLiteral("3/2")});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains(QStringLiteral("'3/2' is not a shard")), qPrintable(bad.err));
    const CliRun gaps = runCli({QStringLiteral("extract"), lib}, 120000, arrayTask(5, 3));
    QCOMPARE(gaps.exitCode, 2);
    QVERIFY2(gaps.err.contains(QStringLiteral("contiguous")), qPrintable(gaps.err));

    const QString manifest = m_dir.filePath(QStringLiteral("bad.tsv"));
    QFile f(manifest);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("# a comment\n3\t/a.wav\nnot-a-track\t/b.wav\n");
    f.close();
    const CliRun badLine = runCli({QStringLiteral("predict"), QStringLiteral("--library"), lib,
                                   QStringLiteral("--tracks"), manifest});
    QCOMPARE(badLine.exitCode, 1);
    QVERIFY2(badLine.err.contains(manifest + QStringLiteral(":3: 'not-a-track")),
             qPrintable(badLine.err));
    const CliRun absent = runCli({QStringLiteral("extract"), lib, QStringLiteral("--tracks"),
                                  m_dir.filePath(QStringLiteral("none.tsv"))});
    QCOMPARE(absent.exitCode, 1);
    QVERIFY2(absent.err.contains(QStringLiteral("none.tsv: cannot read the manifest")),
             qPrintable(absent.err));
    const CliRun what = runCli(
            {QStringLiteral("jobs"), lib, QStringLiteral("--missing"), QStringLiteral("train")});
    QCOMPARE(what.exitCode, 2);
}

QTEST_GUILESS_MAIN(ShardedBatchCliTest)
#include "ShardedBatchCli_test.moc"
