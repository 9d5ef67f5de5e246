// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre train --library` as a script uses it: exit codes (1 with the `timbre extract` hint
// before features exist, 2 for usage errors, 1 for an unknown warm-start model) and the one
// summary line of a scratch run and of a warm-started retrain with --predict.
#include "support/CliRunner.h"

#include <QDir>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using timbre::testing::CliRun;
using timbre::testing::field;
using timbre::testing::runCli;

namespace {

QString summaryLine(const QString &out)
{
    for (const QString &line : out.split(QLatin1Char('\n')))
        if (line.startsWith(QStringLiteral("train done ")))
            return line;
    return {};
}

} // namespace

// The command runs once: QVERIFY2 evaluates its message too, so the expression is not repeated.
class LibraryTrainCliTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_corpus;
    QString m_lib;

    CliRun train(const QStringList &more) const
    {
        return runCli(QStringList {QStringLiteral("train"), QStringLiteral("--library"), m_lib}
                      + more);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_corpus = m_dir.filePath(QStringLiteral("corpus"));
        m_lib = m_dir.filePath(QStringLiteral("lib"));
        RUN_OK(runCli({QStringLiteral("synth"), QStringLiteral("--out"), m_corpus,
                       QStringLiteral("--clips"), QStringLiteral("12"), QStringLiteral("--seconds"),
                       QStringLiteral("4"), QStringLiteral("--no-stems"), QStringLiteral("--quiet"),
                       QStringLiteral("--seed"), QStringLiteral("5")}));
        RUN_OK(runCli({QStringLiteral("library"), QStringLiteral("init"), m_lib}));
        RUN_OK(runCli({QStringLiteral("library"), QStringLiteral("scan"), m_lib,
                       QDir(m_corpus).filePath(QStringLiteral("mixes")),
                       QStringLiteral("--quiet")}));
        RUN_OK(runCli({QStringLiteral("labels"), QStringLiteral("import"), m_lib,
                       QDir(m_corpus).filePath(QStringLiteral("labels.csv"))}));
        RUN_OK(runCli({QStringLiteral("library"), QStringLiteral("split"), m_lib,
                       QStringLiteral("--test-fraction"), QStringLiteral("0.25"),
                       QStringLiteral("--seed"), QStringLiteral("1")}));
    }

    void withoutFeaturesNamesTheExtractCommand()
    {
        const CliRun run = train({QStringLiteral("--model"), QStringLiteral("mt")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("timbre train: error: ")), qPrintable(run.err));
        QVERIFY2(run.err.contains(QStringLiteral("timbre extract")), qPrintable(run.err));
        QVERIFY(summaryLine(run.out).isEmpty());
        RUN_OK(runCli({QStringLiteral("extract"), m_lib, QStringLiteral("--quiet")}));
    }

    void usageErrors()
    {
        QCOMPARE(train({QStringLiteral("--model"), QStringLiteral("cnn")}).exitCode, 2);
        QCOMPARE(train({QStringLiteral("--epochs"), QStringLiteral("0")}).exitCode, 2);
        QCOMPARE(train({QStringLiteral("--seed"), QStringLiteral("x")}).exitCode, 2);
        QCOMPARE(train({QStringLiteral("--set"), QStringLiteral("hidden")}).exitCode, 2);
        const CliRun typo = train({QStringLiteral("--set"), QStringLiteral("learningRat=0.1")});
        QCOMPARE(typo.exitCode, 2);
        QVERIFY2(typo.err.contains(QStringLiteral("learningRate")), qPrintable(typo.err));
        QCOMPARE(train({QStringLiteral("stray")}).exitCode, 2);
        QCOMPARE(train({QStringLiteral("--activate"), QStringLiteral("sometimes")}).exitCode, 2);
        QCOMPARE(train({QStringLiteral("--activate"), QStringLiteral("if-better"),
                        QStringLiteral("--no-activate")})
                         .exitCode,
                 2);
        QCOMPARE(runCli({QStringLiteral("train"), QStringLiteral("--library")}).exitCode, 2);
        const CliRun help = train({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains(QStringLiteral("--warm-start")));
        // Not a library: a failure naming the folder.
        const QString absent = m_dir.filePath(QStringLiteral("absent"));
        const CliRun none = runCli({QStringLiteral("train"), QStringLiteral("--library"), absent});
        QCOMPARE(none.exitCode, 1);
        QVERIFY2(none.err.contains(absent), qPrintable(none.err));
        QVERIFY(!QFileInfo::exists(absent));
    }

    void scratchThenWarmStart()
    {
        const CliRun first = train(
                {QStringLiteral("--model"), QStringLiteral("mt"), QStringLiteral("--epochs"),
                 QStringLiteral("5"), QStringLiteral("--seed"), QStringLiteral("1"),
                 QStringLiteral("--note"), QStringLiteral("first"), QStringLiteral("--quiet")});
        RUN_OK(first);
        const QString line = summaryLine(first.out);
        QVERIFY2(!line.isEmpty(), qPrintable(first.out));
        const QString firstId = field(line, QStringLiteral("model"));
        QVERIFY(firstId.toLongLong() > 0);
        QVERIFY(field(line, QStringLiteral("name")).startsWith(QStringLiteral("mt-")));
        QCOMPARE(field(line, QStringLiteral("kind")), QStringLiteral("mt"));
        QCOMPARE(field(line, QStringLiteral("parent")), QStringLiteral("none"));
        QCOMPARE(field(line, QStringLiteral("active")), QStringLiteral("yes"));
        QCOMPARE(field(line, QStringLiteral("epochs")), QStringLiteral("5"));
        QCOMPARE(field(line, QStringLiteral("train_clips")), QStringLiteral("9"));
        QCOMPARE(field(line, QStringLiteral("test_clips")), QStringLiteral("3"));
        const qint64 snapshot = field(line, QStringLiteral("label_snapshot")).toLongLong();
        QVERIFY(snapshot > 0);
        bool number = false;
        const double auroc = field(line, QStringLiteral("test_auroc")).toDouble(&number);
        QVERIFY2(number && auroc >= 0 && auroc <= 100, qPrintable(line));
        field(line, QStringLiteral("test_f1")).toDouble(&number);
        QVERIFY2(number, qPrintable(line));
        field(line, QStringLiteral("seconds")).toDouble(&number);
        QVERIFY2(number, qPrintable(line));
        QVERIFY(QFileInfo(QDir(m_lib).filePath(QStringLiteral("models/%1.ckpt")
                                                       .arg(field(line, QStringLiteral("name")))))
                        .isFile());

        // A label edit, then the incremental retrain with its predictions.
        const QString track
                = QDir(m_corpus).filePath(QStringLiteral("mixes/")
                                          + QDir(QDir(m_corpus).filePath(QStringLiteral("mixes")))
                                                    .entryList(QDir::Files, QDir::Name)
                                                    .first());
        for (const QString &value : {QStringLiteral("present"), QStringLiteral("absent")})
            RUN_OK(runCli({QStringLiteral("labels"), QStringLiteral("set"), m_lib,
                           QStringLiteral("--track"), track, QStringLiteral("--instrument"),
                           QStringLiteral("piano"), QStringLiteral("--value"), value}));
        const CliRun second = train({QStringLiteral("--model"), QStringLiteral("mt"),
                                     QStringLiteral("--warm-start"), QStringLiteral("active"),
                                     QStringLiteral("--predict"), QStringLiteral("--quiet")});
        RUN_OK(second);
        const QString child = summaryLine(second.out);
        QVERIFY2(!child.isEmpty(), qPrintable(second.out));
        QCOMPARE(field(child, QStringLiteral("parent")), firstId);
        QVERIFY(field(child, QStringLiteral("model")).toLongLong() > firstId.toLongLong());
        QVERIFY(field(child, QStringLiteral("label_snapshot")).toLongLong() > snapshot);
        QCOMPARE(field(child, QStringLiteral("epochs")), QStringLiteral("10"));
        QCOMPARE(field(child, QStringLiteral("active")), QStringLiteral("yes"));
        QVERIFY2(second.out.contains(QStringLiteral("predicted 12 clips with model %1")
                                             .arg(field(child, QStringLiteral("model")))),
                 qPrintable(second.out));

        // --activate never: registered, the active version stays.
        const CliRun kept = train({QStringLiteral("--model"), QStringLiteral("att"),
                                   QStringLiteral("--epochs"), QStringLiteral("2"),
                                   QStringLiteral("--activate"), QStringLiteral("never"),
                                   QStringLiteral("--quiet")});
        RUN_OK(kept);
        QCOMPARE(field(summaryLine(kept.out), QStringLiteral("active")), QStringLiteral("no"));

        // An unknown warm-start model: exit 1, nothing registered.
        const CliRun unknown = train(
                {QStringLiteral("--warm-start"), QStringLiteral("999"), QStringLiteral("--quiet")});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.err.contains(QStringLiteral("999")), qPrintable(unknown.err));
        const CliRun models = runCli({QStringLiteral("models"), m_lib});
        RUN_OK(models);
        QCOMPARE(models.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(), 3);
    }
};

QTEST_GUILESS_MAIN(LibraryTrainCliTest)
#include "LibraryTrainCli_test.moc"
