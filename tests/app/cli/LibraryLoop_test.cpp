// SPDX-License-Identifier: GPL-3.0-or-later
// The retrain loop as a script drives it, with the built `timbre`: a synthetic corpus becomes
// a library (scan, labels, test split), features are extracted (a second run finds them
// fresh), a Mean Teacher model is trained and predicts, label edits follow, a warm-started
// retrain makes a child version that becomes active and sees the edits, its predictions
// replace the stale ones, and the job history records every step.
#include "support/CliRunner.h"

#include <QDir>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using timbre::testing::CliRun;
using timbre::testing::field;
using timbre::testing::runCli;

namespace { } // namespace

class LibraryLoopTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void retrainLoop();
};

// Runs each command once (QVERIFY2 evaluates its message even when the check passes).
void LibraryLoopTest::retrainLoop()
{
    QTemporaryDir dir;
    const QString corpus = dir.filePath(QStringLiteral("corpus"));
    const QString lib = dir.filePath(QStringLiteral("lib"));
    RUN_OK(runCli({QStringLiteral("synth"), QStringLiteral("--out"), corpus,
                   QStringLiteral("--clips"), QStringLiteral("40"), QStringLiteral("--seconds"),
                   QStringLiteral("5"), QStringLiteral("--no-stems"), QStringLiteral("--quiet"),
                   QStringLiteral("--seed"), QStringLiteral("3")}));
    RUN_OK(runCli({QStringLiteral("library"), QStringLiteral("init"), lib}));
    RUN_OK(runCli({QStringLiteral("library"), QStringLiteral("scan"), lib,
                   QDir(corpus).filePath(QStringLiteral("mixes")), QStringLiteral("--quiet")}));
    RUN_OK(runCli({QStringLiteral("labels"), QStringLiteral("import"), lib,
                   QDir(corpus).filePath(QStringLiteral("labels.csv"))}));
    const CliRun split = runCli({QStringLiteral("library"), QStringLiteral("split"), lib,
                                 QStringLiteral("--test-fraction"), QStringLiteral("0.25"),
                                 QStringLiteral("--seed"), QStringLiteral("2")});
    RUN_OK(split);
    QCOMPARE(field(split.out, QStringLiteral("test")), QStringLiteral("10"));

    const CliRun extract = runCli({QStringLiteral("extract"), lib, QStringLiteral("--quiet")});
    RUN_OK(extract);
    QCOMPARE(field(extract.out, QStringLiteral("extracted")), QStringLiteral("40"));
    QCOMPARE(field(extract.out, QStringLiteral("failed")), QStringLiteral("0"));
    const CliRun again = runCli({QStringLiteral("extract"), lib, QStringLiteral("--quiet")});
    RUN_OK(again);
    QCOMPARE(field(again.out, QStringLiteral("fresh")), QStringLiteral("40"));
    QCOMPARE(field(again.out, QStringLiteral("extracted")), QStringLiteral("0"));

    RUN_OK(runCli({QStringLiteral("train"), QStringLiteral("--library"), lib,
                   QStringLiteral("--model"), QStringLiteral("mt"), QStringLiteral("--epochs"),
                   QStringLiteral("20"), QStringLiteral("--seed"), QStringLiteral("1")}));
    RUN_OK(runCli({QStringLiteral("predict"), QStringLiteral("--library"), lib,
                   QStringLiteral("--quiet")}));
    CliRun models = runCli({QStringLiteral("models"), lib});
    RUN_OK(models);
    QStringList lines = models.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1);
    QVERIFY2(lines.first().startsWith(QStringLiteral("* ")), qPrintable(models.out));
    const QString firstId = lines.first().mid(2).section(QLatin1Char(' '), 0, 0);
    QCOMPARE(field(lines.first(), QStringLiteral("labels_since")), QStringLiteral("0"));

    // Label edits as the user.
    const QStringList mixes = QDir(QDir(corpus).filePath(QStringLiteral("mixes")))
                                      .entryList(QDir::Files, QDir::Name);
    int edits = 0;
    for (const QString &file : mixes) {
        if (edits == 3)
            break;
        // Present then absent: whatever the imported label was, at least one change each.
        for (const QString &value : {QStringLiteral("present"), QStringLiteral("absent")}) {
            const CliRun set = runCli({QStringLiteral("labels"), QStringLiteral("set"), lib,
                                       QStringLiteral("--track"),
                                       QDir(corpus).filePath(QStringLiteral("mixes/") + file),
                                       QStringLiteral("--instrument"), QStringLiteral("piano"),
                                       QStringLiteral("--value"), value});
            RUN_OK(set);
        }
        ++edits;
    }
    models = runCli({QStringLiteral("models"), lib});
    QVERIFY(field(models.out, QStringLiteral("labels_since")).toInt() >= 1);

    RUN_OK(runCli({QStringLiteral("train"), QStringLiteral("--library"), lib,
                   QStringLiteral("--model"), QStringLiteral("mt"), QStringLiteral("--warm-start"),
                   QStringLiteral("active")}));
    models = runCli({QStringLiteral("models"), lib});
    RUN_OK(models);
    lines = models.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    // The parent first, no longer active, with the edits unseen; the child indented under it,
    // active, with nothing unseen.
    QVERIFY2(lines.at(0).startsWith(QStringLiteral("  ") + firstId + QLatin1Char(' ')),
             qPrintable(models.out));
    QVERIFY(field(lines.at(0), QStringLiteral("labels_since")).toInt() >= 1);
    QVERIFY2(lines.at(1).startsWith(QStringLiteral("*   ")), qPrintable(models.out));
    QCOMPARE(field(lines.at(1), QStringLiteral("labels_since")), QStringLiteral("0"));
    QVERIFY(field(lines.at(1), QStringLiteral("snapshot")).toLongLong()
            > field(lines.at(0), QStringLiteral("snapshot")).toLongLong());

    RUN_OK(runCli({QStringLiteral("predict"), QStringLiteral("--library"), lib,
                   QStringLiteral("--quiet")}));
    const CliRun jobs = runCli({QStringLiteral("jobs"), lib});
    RUN_OK(jobs);
    const QStringList jobLines = jobs.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    // Newest first: predict, train, predict, train, extract, extract; all finished.
    QCOMPARE(jobLines.size(), 6);
    const QStringList kinds {QStringLiteral("predict"), QStringLiteral("train"),
                             QStringLiteral("predict"), QStringLiteral("train"),
                             QStringLiteral("extract"), QStringLiteral("extract")};
    for (int i = 0; i < 6; ++i) {
        QCOMPARE(jobLines.at(i).section(QLatin1Char(' '), 1, 1), kinds.at(i));
        QCOMPARE(jobLines.at(i).section(QLatin1Char(' '), 2, 2), QStringLiteral("finished"));
    }

    // Activating the parent again is one command; unknown models are refused with exit 1.
    const CliRun back
            = runCli({QStringLiteral("models"), lib, QStringLiteral("--activate"), firstId});
    RUN_OK(back);
    QVERIFY(back.out.startsWith(QStringLiteral("active ") + firstId));
    QCOMPARE(runCli({QStringLiteral("models"), lib, QStringLiteral("--activate"),
                     QStringLiteral("999")})
                     .exitCode,
             1);
    QCOMPARE(runCli({QStringLiteral("extract"), dir.filePath(QStringLiteral("nolib"))}).exitCode,
             1);
}

QTEST_GUILESS_MAIN(LibraryLoopTest)
#include "LibraryLoop_test.moc"
