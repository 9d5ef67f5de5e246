// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre review` as a script uses it (docs/REVIEW_QUEUES.md): the four queues on a small
// synthetic library, text and csv, the cross-fit that the errors queue needs, and the exit
// codes of usage errors and of queues whose scores do not exist yet.
#include "support/CliRunner.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using timbre::testing::CliRun;
using timbre::testing::runCli;

namespace {

// The csv rows after the header, split into fields (no field of these libraries is quoted).
QList<QStringList> csvRows(const QString &out)
{
    QList<QStringList> rows;
    const QStringList lines = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (int i = 1; i < lines.size(); ++i)
        rows << lines.at(i).split(QLatin1Char(','));
    return rows;
}

} // namespace

class ReviewCliTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_lib;
    QSet<QString> m_labelledClips; // clip names with labels (clip_0000 .. clip_0007)

    CliRun review(const QStringList &more) const
    {
        return runCli(QStringList {QStringLiteral("review"), m_lib} + more);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString corpus = m_dir.filePath(QStringLiteral("corpus"));
        m_lib = m_dir.filePath(QStringLiteral("lib"));
        RUN_OK(runCli({QStringLiteral("synth"), QStringLiteral("--out"), corpus,
                       QStringLiteral("--clips"), QStringLiteral("12"), QStringLiteral("--seconds"),
                       QStringLiteral("4"), QStringLiteral("--no-stems"), QStringLiteral("--quiet"),
                       QStringLiteral("--seed"), QStringLiteral("5")}));
        RUN_OK(runCli({QStringLiteral("library"), QStringLiteral("init"), m_lib}));
        // One tag-reading thread: clips are numbered in the order the scan finishes them, and
        // `library split --seed` draws over those numbers, so only a one-thread scan gives the
        // same test clips each run (with several, a run could hold out most labelled clips and
        // leave the Mean Teacher no labelled validation clip, so no checkpoint).
        RUN_OK(runCli({QStringLiteral("library"), QStringLiteral("scan"), m_lib,
                       QDir(corpus).filePath(QStringLiteral("mixes")), QStringLiteral("--quiet"),
                       QStringLiteral("--threads"), QStringLiteral("1")}));
        // Labels of the first eight clips only, three instruments each: the other instruments
        // stay unknown, the last four clips unlabelled.
        QFile all(QDir(corpus).filePath(QStringLiteral("labels.csv")));
        QVERIFY(all.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(all.readAll()).split(QLatin1Char('\n'));
        QString subset = lines.first() + QLatin1Char('\n');
        const QSet<QString> kept {QStringLiteral("piano"), QStringLiteral("drums"),
                                  QStringLiteral("bass")};
        for (const QString &line : lines.mid(1)) {
            const QStringList f = line.split(QLatin1Char(','));
            if (f.size() == 3 && f.at(0) < QStringLiteral("clip_0008") && kept.contains(f.at(1))) {
                subset += line + QLatin1Char('\n');
                m_labelledClips.insert(f.at(0));
            }
        }
        QCOMPARE(m_labelledClips.size(), 8);
        const QString partial = m_dir.filePath(QStringLiteral("partial.csv"));
        QFile out(partial);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(subset.toUtf8());
        out.close();
        RUN_OK(runCli({QStringLiteral("labels"), QStringLiteral("import"), m_lib, partial}));
        RUN_OK(runCli({QStringLiteral("library"), QStringLiteral("split"), m_lib,
                       QStringLiteral("--test-fraction"), QStringLiteral("0.25"),
                       QStringLiteral("--seed"), QStringLiteral("1")}));
        RUN_OK(runCli({QStringLiteral("extract"), m_lib, QStringLiteral("--quiet")}));
        RUN_OK(runCli({QStringLiteral("train"), QStringLiteral("--library"), m_lib,
                       QStringLiteral("--model"), QStringLiteral("mt"), QStringLiteral("--epochs"),
                       QStringLiteral("4"), QStringLiteral("--seed"), QStringLiteral("1"),
                       QStringLiteral("--quiet")}));
        RUN_OK(runCli({QStringLiteral("predict"), QStringLiteral("--library"), m_lib,
                       QStringLiteral("--quiet")}));
    }

    void usageErrors()
    {
        QCOMPARE(review({}).exitCode, 2); // neither --queue nor --cross-fit
        QCOMPARE(review({QStringLiteral("--queue"), QStringLiteral("nonesuch")}).exitCode, 2);
        QCOMPARE(review({QStringLiteral("--queue"), QStringLiteral("uncertain"),
                         QStringLiteral("--format"), QStringLiteral("xml")})
                         .exitCode,
                 2);
        QCOMPARE(review({QStringLiteral("--queue"), QStringLiteral("uncertain"),
                         QStringLiteral("--models"), QStringLiteral("1,2")})
                         .exitCode,
                 2);
        QCOMPARE(review({QStringLiteral("--queue"), QStringLiteral("uncertain"),
                         QStringLiteral("--cross-fit")})
                         .exitCode,
                 2);
        QCOMPARE(review({QStringLiteral("--queue"), QStringLiteral("uncertain"),
                         QStringLiteral("--limit"), QStringLiteral("-3")})
                         .exitCode,
                 2);
        const CliRun unknownModel = review({QStringLiteral("--queue"), QStringLiteral("uncertain"),
                                            QStringLiteral("--model"), QStringLiteral("77")});
        QCOMPARE(unknownModel.exitCode, 1);
        QVERIFY2(unknownModel.err.contains(QStringLiteral("77")), qPrintable(unknownModel.err));
    }

    void uncertainListsUnknownLabels()
    {
        const CliRun ran = review({QStringLiteral("--queue"), QStringLiteral("uncertain"),
                                   QStringLiteral("--format"), QStringLiteral("csv"),
                                   QStringLiteral("--limit"), QStringLiteral("0")});
        RUN_OK(ran);
        QVERIFY(ran.out.startsWith(QStringLiteral(
                "rank,clip_id,clip,instrument,label,score,other_score,threshold,priority\n")));
        const QList<QStringList> rows = csvRows(ran.out);
        QCOMPARE(rows.size(), 12); // every clip has unknown labels
        QSet<QString> clips;
        double best = -1;
        for (const QStringList &r : rows) {
            QCOMPARE(r.size(), 9);
            QCOMPARE(r.at(4), QStringLiteral("unknown"));
            QVERIFY(!QSet<QString>({QStringLiteral("piano"), QStringLiteral("drums"),
                                    QStringLiteral("bass")})
                             .contains(r.at(3))
                    || !m_labelledClips.contains(QFileInfo(r.at(2)).completeBaseName()));
            bool ok = false;
            const double p = r.at(8).toDouble(&ok);
            QVERIFY(ok && p >= 0.0 && p <= 1.0);
            best = std::max(best, p);
            clips.insert(r.at(1));
        }
        QCOMPARE(clips.size(), 12);
        QCOMPARE(rows.first().at(8).toDouble(), best); // the least certain clip first

        const CliRun text = review({QStringLiteral("--queue"), QStringLiteral("uncertain"),
                                    QStringLiteral("--limit"), QStringLiteral("3")});
        RUN_OK(text);
        const QStringList lines = text.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY2(QRegularExpression(QStringLiteral("^1 \\S+ \\S+ unknown score=0\\.\\d{4} "
                                                   "priority=\\d\\.\\d{4}$"))
                         .match(lines.first())
                         .hasMatch(),
                 qPrintable(lines.first()));
    }

    void unlabelledListsOnlyClipsWithoutLabels()
    {
        const CliRun ran = review({QStringLiteral("--queue"), QStringLiteral("unlabelled"),
                                   QStringLiteral("--format"), QStringLiteral("csv"),
                                   QStringLiteral("--limit"), QStringLiteral("0")});
        RUN_OK(ran);
        const QList<QStringList> rows = csvRows(ran.out);
        QCOMPARE(rows.size(), 4);
        for (const QStringList &r : rows) {
            QVERIFY2(!m_labelledClips.contains(QFileInfo(r.at(2)).completeBaseName()),
                     qPrintable(r.join(QLatin1Char(','))));
            QCOMPARE(r.at(4), QStringLiteral("unknown"));
        }
        // Library order: clip ids ascending.
        for (int i = 1; i < rows.size(); ++i)
            QVERIFY(rows.at(i).at(1).toLongLong() > rows.at(i - 1).at(1).toLongLong());
        const CliRun byScore = review({QStringLiteral("--queue"), QStringLiteral("unlabelled"),
                                       QStringLiteral("--order"), QStringLiteral("score"),
                                       QStringLiteral("--format"), QStringLiteral("csv")});
        RUN_OK(byScore);
        const QList<QStringList> scored = csvRows(byScore.out);
        QCOMPARE(scored.size(), 4);
        for (int i = 1; i < scored.size(); ++i)
            QVERIFY(scored.at(i).at(5).toDouble() <= scored.at(i - 1).at(5).toDouble());
    }

    void errorsNeedTheCrossFit()
    {
        const CliRun before = review({QStringLiteral("--queue"), QStringLiteral("errors")});
        QCOMPARE(before.exitCode, 1);
        QVERIFY2(before.err.contains(QStringLiteral("--cross-fit")), qPrintable(before.err));

        const CliRun fit = review({QStringLiteral("--cross-fit"), QStringLiteral("--folds"),
                                   QStringLiteral("3"), QStringLiteral("--epochs"),
                                   QStringLiteral("3"), QStringLiteral("--threads"),
                                   QStringLiteral("1"), QStringLiteral("--quiet")});
        RUN_OK(fit);
        const QRegularExpression line(QStringLiteral(
                "^cross-fitted model 1 folds=3 clips=(\\d+) scores=(\\d+) seconds=[\\d.]+\\n$"));
        const auto m = line.match(fit.out);
        QVERIFY2(m.hasMatch(), qPrintable(fit.out));
        const int clips = m.captured(1).toInt();
        QVERIFY(clips >= 5 && clips <= 8); // the labelled clips outside the test split
        QCOMPARE(m.captured(2).toInt(), clips * 20);

        const CliRun after = review({QStringLiteral("--queue"), QStringLiteral("errors"),
                                     QStringLiteral("--format"), QStringLiteral("csv"),
                                     QStringLiteral("--limit"), QStringLiteral("0")});
        RUN_OK(after);
        const QList<QStringList> rows = csvRows(after.out);
        for (int i = 0; i < rows.size(); ++i) {
            const QStringList &r = rows.at(i);
            QVERIFY(r.at(4) == QStringLiteral("present") || r.at(4) == QStringLiteral("absent"));
            QVERIFY(m_labelledClips.contains(QFileInfo(r.at(2)).completeBaseName()));
            bool ok = false;
            r.at(7).toDouble(&ok); // the threshold crossed
            QVERIFY(ok);
            if (i > 0)
                QVERIFY(r.at(8).toDouble() <= rows.at(i - 1).at(8).toDouble());
        }
        const CliRun jobs = runCli({QStringLiteral("jobs"), m_lib});
        RUN_OK(jobs);
        QVERIFY2(jobs.out.contains(QStringLiteral("crossfit")), qPrintable(jobs.out));
    }

    void disagreementBetweenVersions()
    {
        const CliRun orphan = review({QStringLiteral("--queue"), QStringLiteral("disagreement")});
        QCOMPARE(orphan.exitCode, 1);
        QVERIFY2(orphan.err.contains(QStringLiteral("no parent")), qPrintable(orphan.err));
        RUN_OK(runCli({QStringLiteral("train"), QStringLiteral("--library"), m_lib,
                       QStringLiteral("--model"), QStringLiteral("mt"),
                       QStringLiteral("--warm-start"), QStringLiteral("active"),
                       QStringLiteral("--epochs"), QStringLiteral("2"), QStringLiteral("--predict"),
                       QStringLiteral("--quiet")}));
        const CliRun ran = review({QStringLiteral("--queue"), QStringLiteral("disagreement"),
                                   QStringLiteral("--format"), QStringLiteral("csv"),
                                   QStringLiteral("--limit"), QStringLiteral("0")});
        RUN_OK(ran);
        const QList<QStringList> rows = csvRows(ran.out);
        QCOMPARE(rows.size(), 12);
        for (int i = 0; i < rows.size(); ++i) {
            const double a = rows.at(i).at(5).toDouble(), b = rows.at(i).at(6).toDouble();
            QVERIFY(std::fabs(std::fabs(a - b) - rows.at(i).at(8).toDouble()) < 2e-4);
            if (i > 0)
                QVERIFY(rows.at(i).at(8).toDouble() <= rows.at(i - 1).at(8).toDouble());
        }
        const CliRun named = review({QStringLiteral("--queue"), QStringLiteral("disagreement"),
                                     QStringLiteral("--models"), QStringLiteral("1,2"),
                                     QStringLiteral("--format"), QStringLiteral("csv"),
                                     QStringLiteral("--limit"), QStringLiteral("1")});
        RUN_OK(named);
        const QList<QStringList> one = csvRows(named.out);
        QCOMPARE(one.size(), 1);
        QCOMPARE(one.first().at(1), rows.first().at(1)); // same clip, scores swapped
        QCOMPARE(one.first().at(5), rows.first().at(6));
    }
};

QTEST_GUILESS_MAIN(ReviewCliTest)
#include "ReviewCli_test.moc"
