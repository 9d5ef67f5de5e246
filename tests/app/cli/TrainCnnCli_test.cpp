// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre train-cnn` as a script runs it, with renders of the same clips (docs/METHOD.md §2.6):
// two `timbre synth` corpora of one seed rendered with FluidR3 and TimGM6mb train with
// --paired --pair-loss, fine-tuning a CNN the command exported itself (--init-cnn,
// --head-epochs); history.csv carries the pair ratios, summary.json the settings. Corpora of
// another seed, a lone corpus, --pair-loss without --paired and a missing --init-cnn file are
// refused, naming what is wrong.
#include "support/CliRunner.h"
#include "support/JsonFile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using timbre::testing::CliRun;
using timbre::testing::runCli;

namespace {

QStringList lines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

} // namespace

class TrainCnnCliTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_fluid, m_timgm, m_other;

    bool synth(const QString &out, const QString &seed, const QString &soundfont)
    {
        const CliRun run = runCli(
                {QStringLiteral("synth"), QStringLiteral("--out"), out, QStringLiteral("--clips"),
                 QStringLiteral("8"), QStringLiteral("--seconds"), QStringLiteral("4"),
                 QStringLiteral("--seed"), seed, QStringLiteral("--soundfont"), soundfont,
                 QStringLiteral("--no-stems"), QStringLiteral("--quiet")});
        if (run.exitCode != 0)
            qWarning("%s", qPrintable(run.err));
        return run.exitCode == 0;
    }

    QStringList common(const QString &out)
    {
        return {QStringLiteral("train-cnn"), QStringLiteral("--out"), out,
                QStringLiteral("--batch"),   QStringLiteral("4"),     QStringLiteral("--threads"),
                QStringLiteral("1")};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_fluid = m_dir.filePath(QStringLiteral("fluid"));
        m_timgm = m_dir.filePath(QStringLiteral("timgm"));
        m_other = m_dir.filePath(QStringLiteral("other"));
        QVERIFY(synth(m_fluid, QStringLiteral("5"),
                      QStringLiteral("/usr/share/sounds/sf2/FluidR3_GM.sf2")));
        QVERIFY(synth(m_timgm, QStringLiteral("5"),
                      QStringLiteral("/usr/share/sounds/sf2/TimGM6mb.sf2")));
        QVERIFY(synth(m_other, QStringLiteral("6"),
                      QStringLiteral("/usr/share/sounds/sf2/TimGM6mb.sf2")));
    }

    void pairedFineTuneOfAnExportedCnn()
    {
        const QString first = m_dir.filePath(QStringLiteral("first"));
        CliRun run = runCli(common(first) << QStringLiteral("--corpus") << m_fluid
                                          << QStringLiteral("--epochs") << QStringLiteral("1"));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QString start = QDir(first).filePath(QStringLiteral("cnn.pt"));
        QVERIFY(QFile::exists(start));

        const QString tuned = m_dir.filePath(QStringLiteral("tuned"));
        run = runCli(common(tuned)
                     << QStringLiteral("--corpus") << m_fluid << QStringLiteral("--corpus")
                     << m_timgm << QStringLiteral("--paired") << QStringLiteral("--pair-loss")
                     << QStringLiteral("1") << QStringLiteral("--init-cnn") << start
                     << QStringLiteral("--head-epochs") << QStringLiteral("1")
                     << QStringLiteral("--epochs") << QStringLiteral("2")
                     << QStringLiteral("--cnn-lr") << QStringLiteral("1e-4"));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(QStringLiteral("epoch 1 train"))
                         && run.out.contains(QStringLiteral("(head only) pair ")),
                 qPrintable(run.out));
        const QStringList history = lines(QDir(tuned).filePath(QStringLiteral("history.csv")));
        QCOMPARE(history.size(), 3);
        const QStringList header = history[0].split(QLatin1Char(','));
        const int trainPair = int(header.indexOf(QStringLiteral("train_pair_ratio")));
        const int validationPair = int(header.indexOf(QStringLiteral("validation_pair_ratio")));
        QVERIFY(trainPair > 0 && validationPair > 0);
        for (int row = 1; row <= 2; ++row) {
            const QStringList cells = history[row].split(QLatin1Char(','));
            for (int column : {trainPair, validationPair}) {
                bool ok = false;
                const double ratio = cells.value(column).toDouble(&ok);
                QVERIFY2(ok && ratio > 0.0 && ratio < 1.0, qPrintable(history[row]));
            }
        }
        const QJsonObject summary = timbre::testing::readJsonObject(
                QDir(tuned).filePath(QStringLiteral("summary.json")));
        QCOMPARE(summary.value(QStringLiteral("renders")).toInt(), 2);
        QCOMPARE(summary.value(QStringLiteral("pair_loss")).toDouble(), 1.0);
        QCOMPARE(summary.value(QStringLiteral("head_epochs")).toInt(), 1);
        QVERIFY(QFile::exists(QDir(tuned).filePath(QStringLiteral("cnn.pt"))));
    }

    void refusesWhatIsNotRendersOfTheSameClips()
    {
        const QString out = m_dir.filePath(QStringLiteral("refused"));
        CliRun run = runCli(common(out)
                            << QStringLiteral("--corpus") << m_fluid << QStringLiteral("--corpus")
                            << m_other << QStringLiteral("--paired"));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(m_other)
                         && run.err.contains(QStringLiteral("not the same clips")),
                 qPrintable(run.err));

        run = runCli(common(out) << QStringLiteral("--corpus") << m_fluid
                                 << QStringLiteral("--paired"));
        QCOMPARE(run.exitCode, 2);
        run = runCli(common(out) << QStringLiteral("--corpus") << m_fluid
                                 << QStringLiteral("--corpus") << m_timgm
                                 << QStringLiteral("--pair-loss") << QStringLiteral("1"));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("--paired")), qPrintable(run.err));

        const QString missing = m_dir.filePath(QStringLiteral("absent.pt"));
        run = runCli(common(out) << QStringLiteral("--corpus") << m_fluid
                                 << QStringLiteral("--init-cnn") << missing);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(missing), qPrintable(run.err));
    }
};

QTEST_GUILESS_MAIN(TrainCnnCliTest)
#include "TrainCnnCli_test.moc"
