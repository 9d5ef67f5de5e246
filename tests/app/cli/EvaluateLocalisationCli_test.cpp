// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre evaluate --localisation S --per-instrument` on a feature folder with strong labels
// (activity.csv) prints the within-track 1 s AUROC beside the pair-weighted figure and, per
// instrument, what the figure rests on: the test clips where the instrument both sounds and
// rests, and the (sounding, silent) pairs of instances within them (docs/METHOD.md §10.5).
// The folder is planted: feature 0 says piano, feature 1 flute, instance by instance. A second
// folder holds the same clips on the grid shifted by half an instance (as `timbre features
// --start` writes it), for the '+overlap' score (docs/METHOD.md §10.6); a levels.csv gives
// each instance's level, for the '+level' score (§10.7).
#include "support/CliRunner.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <vector>

using timbre::testing::runCli;

namespace {

constexpr int kInstances = 6;
constexpr int kDim = 4;
constexpr double kInstanceSeconds = 0.96;

// A float32 [rows x cols] .npy (format 1.0, header padded to 64 bytes as NumPy does).
bool writeNpy(const QString &path, const std::vector<float> &values, int rows, int cols)
{
    QByteArray header
            = QStringLiteral("{'descr': '<f4', 'fortran_order': False, 'shape': (%1, %2), }")
                      .arg(rows)
                      .arg(cols)
                      .toLatin1();
    while ((10 + header.size() + 1) % 64 != 0)
        header.append(' ');
    header.append('\n');
    QByteArray bytes("\x93NUMPY\x01\x00", 8);
    bytes.append(char(header.size() & 0xff));
    bytes.append(char((header.size() >> 8) & 0xff));
    bytes.append(header);
    bytes.append(reinterpret_cast<const char *>(values.data()),
                 qsizetype(values.size() * sizeof(float)));
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

bool writeText(const QString &path, const QString &text)
{
    QFile f(path);
    const QByteArray bytes = text.toUtf8();
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// Instances [first, last) of a clip as an activity region in seconds.
QString region(const QString &clip, const char *instrument, int first, int last)
{
    return QStringLiteral("%1,%2,%3,%4\n")
            .arg(clip, QLatin1String(instrument))
            .arg(first * kInstanceSeconds, 0, 'f', 2)
            .arg(last * kInstanceSeconds, 0, 'f', 2);
}

} // namespace

class EvaluateLocalisationCliTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void withinTrackWithSupport()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString folder = dir.filePath(QStringLiteral("folder"));
        QVERIFY(QDir().mkpath(folder + QStringLiteral("/partitions")));
        const QString shifted = dir.filePath(QStringLiteral("shifted"));
        QVERIFY(QDir().mkpath(shifted + QStringLiteral("/partitions")));
        // 24 training clips, 8 test clips. Piano sounds in the first `pianoUntil` instances
        // (0 = not in the clip), flute in the first `fluteUntil`.
        QString labels = QStringLiteral("clip,instrument,present\n");
        QString activity = QStringLiteral("clip,instrument,start,end\n");
        QString train = QStringLiteral("sample_key\n");
        QString test = QStringLiteral("sample_key\n");
        // Test clips 0-7: piano rests and sounds in clips 0-3 (9 + 9 + 8 + 8 pairs), sounds
        // throughout in 4, is absent from 5-7; flute rests and sounds in clip 0 only (5 x 1
        // pairs), where its third instance carries no flute feature and the silent one half
        // of it: one pair of five the model gets wrong (80), so that the class mean and the
        // pair-weighted mean differ.
        const int pianoTest[8] = {3, 3, 2, 4, 6, 0, 0, 0};
        const int fluteTest[8] = {5, 0, 0, 0, 0, 0, 0, 0};
        quint32 noise = 12345;
        for (int c = 0; c < 32; ++c) {
            const bool isTest = c >= 24;
            const int piano = isTest ? pianoTest[c - 24] : (c % 4 == 0 ? 0 : 1 + c % 5);
            const int flute = isTest ? fluteTest[c - 24] : (c % 3 == 0 ? 2 + c % 4 : 0);
            const QString clip = QStringLiteral("c%1").arg(c, 2, 10, QLatin1Char('0'));
            std::vector<float> x(size_t(kInstances * kDim));
            for (int i = 0; i < kInstances; ++i) {
                for (int d = 0; d < kDim; ++d) {
                    noise = noise * 1664525u + 1013904223u;
                    x[size_t(i * kDim + d)] = 0.2f * float(noise >> 8) / float(1u << 24);
                }
                x[size_t(i * kDim)] += i < piano ? 1.0f : 0.0f;
                float fluteFeature = i < flute ? 1.0f : 0.0f;
                if (isTest && flute > 0 && i == 2)
                    fluteFeature = 0.0f; // sounds, but looks silent
                if (isTest && flute > 0 && i == flute)
                    fluteFeature = 0.5f; // silent, but looks half like flute
                x[size_t(i * kDim + 1)] += fluteFeature;
            }
            QVERIFY(writeNpy(QDir(folder).filePath(clip + QStringLiteral(".npy")), x, kInstances,
                             kDim));
            // The shifted grid: instance j is plain j's features, except that in the flute
            // test clip the shifted instances inside the flute's five (j = 0-3, covering
            // 0.5-4.5 instances) sound like flute and the one reaching past it (j = 4) does
            // not; the overlap then lifts the third instance above the silent one.
            std::vector<float> y(x.begin(), x.begin() + (kInstances - 1) * kDim);
            if (isTest && flute > 0)
                for (int j = 0; j < kInstances - 1; ++j)
                    y[size_t(j * kDim + 1)] = j < flute - 1 ? 1.0f : 0.0f;
            QVERIFY(writeNpy(QDir(shifted).filePath(clip + QStringLiteral(".npy")), y,
                             kInstances - 1, kDim));
            labels += QStringLiteral("%1,piano,%2\n%1,flute,%3\n")
                              .arg(clip)
                              .arg(piano > 0 ? 1 : 0)
                              .arg(flute > 0 ? 1 : 0);
            if (piano > 0)
                activity += region(clip, "piano", 0, piano);
            if (flute > 0)
                activity += region(clip, "flute", 0, flute);
            (isTest ? test : train) += clip + QLatin1Char('\n');
        }
        QVERIFY(writeText(folder + QStringLiteral("/labels.csv"), labels));
        QVERIFY(writeText(folder + QStringLiteral("/activity.csv"), activity));
        QVERIFY(writeText(folder + QStringLiteral("/partitions/split01_train.csv"), train));
        QVERIFY(writeText(folder + QStringLiteral("/partitions/split01_test.csv"), test));
        for (const char *file : {"/labels.csv", "/activity.csv", "/partitions/split01_train.csv",
                                 "/partitions/split01_test.csv"})
            QVERIFY(QFile::copy(folder + QLatin1String(file), shifted + QLatin1String(file)));

        const QString ckpt = dir.filePath(QStringLiteral("att.ckpt"));
        RUN_OK(runCli({QStringLiteral("train"), QStringLiteral("--model"), QStringLiteral("att"),
                       QStringLiteral("--data"), folder, QStringLiteral("--out"), ckpt,
                       QStringLiteral("--epochs"), QStringLiteral("30"),
                       QStringLiteral("--validation-fraction"), QStringLiteral("0"),
                       QStringLiteral("--threads"), QStringLiteral("1"),
                       QStringLiteral("--quiet")}));
        const auto run = runCli({QStringLiteral("evaluate"), QStringLiteral("--model"), ckpt,
                                 QStringLiteral("--data"), folder, QStringLiteral("--threads"),
                                 QStringLiteral("1"), QStringLiteral("--localisation"),
                                 QStringLiteral("instance"), QStringLiteral("--per-instrument")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err + run.out));

        const QRegularExpression summary(QStringLiteral(
                "\\(instance\\):.*within-track 1s ([0-9.]+) \\(pair-weighted ([0-9.]+)\\)"));
        const QRegularExpressionMatch s = summary.match(run.out);
        QVERIFY2(s.hasMatch(), qPrintable(run.out));
        const QRegularExpression perClass(QStringLiteral(
                "within-track 1s (\\w+) +tracks=(\\d+) pairs=(\\d+) AUROC ([0-9.]+)"));
        QStringList names;
        std::vector<double> pairs, aurocs;
        for (auto it = perClass.globalMatch(run.out); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            names << m.captured(1);
            if (m.captured(1) == QLatin1String("piano")) {
                QCOMPARE(m.captured(2), QStringLiteral("4"));
                QCOMPARE(m.captured(3), QStringLiteral("34"));
                QVERIFY2(m.captured(4).toDouble() > 90.0, qPrintable(run.out));
            } else if (m.captured(1) == QLatin1String("flute")) {
                QCOMPARE(m.captured(2), QStringLiteral("1"));
                QCOMPARE(m.captured(3), QStringLiteral("5"));
                QCOMPARE(m.captured(4), QStringLiteral("80.00"));
            }
            pairs.push_back(m.captured(3).toDouble());
            aurocs.push_back(m.captured(4).toDouble());
        }
        // Only the instruments that both sound and rest in a test clip get a line.
        names.sort();
        QCOMPARE(names, (QStringList {QStringLiteral("flute"), QStringLiteral("piano")}));
        // The summary's two figures are the class mean and the pair-weighted mean of these.
        const double mean = (aurocs[0] + aurocs[1]) / 2.0;
        const double weighted
                = (aurocs[0] * pairs[0] + aurocs[1] * pairs[1]) / (pairs[0] + pairs[1]);
        QVERIFY2(std::abs(s.captured(1).toDouble() - mean) < 0.01, qPrintable(run.out));
        QVERIFY2(std::abs(s.captured(2).toDouble() - weighted) < 0.01, qPrintable(run.out));

        // `timbre evaluate` of the checkpoint on the folder under one localisation score.
        const auto evaluateArgs = [&](const char *score) {
            return QStringList {QStringLiteral("evaluate"),
                                QStringLiteral("--model"),
                                ckpt,
                                QStringLiteral("--data"),
                                folder,
                                QStringLiteral("--threads"),
                                QStringLiteral("1"),
                                QStringLiteral("--localisation"),
                                QLatin1String(score),
                                QStringLiteral("--per-instrument")};
        };
        // With the shifted grid the flute's wrong pair is put right: 80 -> 100 by overlap.
        const QStringList overlapArgs = evaluateArgs("instance+overlap");
        const auto overlap
                = runCli(overlapArgs + QStringList {QStringLiteral("--shifted"), shifted});
        QVERIFY2(overlap.exitCode == 0, qPrintable(overlap.err + overlap.out));
        QVERIFY2(overlap.out.contains(QStringLiteral("(instance+overlap):")),
                 qPrintable(overlap.out));
        const QRegularExpression flute(
                QStringLiteral("within-track 1s flute +tracks=1 pairs=5 AUROC ([0-9.]+)"));
        const QRegularExpressionMatch f = flute.match(overlap.out);
        QVERIFY2(f.hasMatch(), qPrintable(overlap.out));
        QCOMPARE(f.captured(1), QStringLiteral("100.00"));
        // Without the shifted grid the overlap score is refused, saying what it needs.
        const auto missing = runCli(overlapArgs);
        QVERIFY(missing.exitCode != 0);
        QVERIFY2(missing.err.contains(QStringLiteral("--shifted")), qPrintable(missing.err));
        // A shifted folder of other clips is refused too (the instances would not pair).
        QVERIFY(QFile::remove(shifted + QStringLiteral("/partitions/split01_test.csv")));
        QVERIFY(writeText(shifted + QStringLiteral("/partitions/split01_test.csv"),
                          QStringLiteral("sample_key\nc24\nc25\n")));
        const auto other = runCli(overlapArgs + QStringList {QStringLiteral("--shifted"), shifted});
        QVERIFY(other.exitCode != 0);
        QVERIFY2(other.err.contains(QStringLiteral("clip for clip")), qPrintable(other.err));

        // The level cue (docs/METHOD.md §10.7): in the flute clip the five sounding instances
        // are 20 dB louder than the silent sixth, every other clip is level throughout. The
        // blend lifts the sounding third instance above the silent one: 80 -> 100 by level.
        const QStringList levelArgs = evaluateArgs("instance+level");
        // Without levels.csv the level score is refused, saying what it needs.
        const auto noLevels = runCli(levelArgs);
        QVERIFY(noLevels.exitCode != 0);
        QVERIFY2(noLevels.err.contains(QStringLiteral("levels.csv")), qPrintable(noLevels.err));
        QString levels = QStringLiteral("clip,levels_db\n");
        for (int c = 0; c < 32; ++c)
            levels += QStringLiteral("c%1,%2\n")
                              .arg(c, 2, 10, QLatin1Char('0'))
                              .arg(c == 24 ? QStringLiteral("-10 -10 -10 -10 -10 -30")
                                           : QStringLiteral("-12 -12 -12 -12 -12 -12"));
        QVERIFY(writeText(folder + QStringLiteral("/levels.csv"), levels));
        const auto level = runCli(levelArgs);
        QVERIFY2(level.exitCode == 0, qPrintable(level.err + level.out));
        QVERIFY2(level.out.contains(QStringLiteral("(instance+level):")), qPrintable(level.out));
        const QRegularExpressionMatch fl = flute.match(level.out);
        QVERIFY2(fl.hasMatch(), qPrintable(level.out));
        QCOMPARE(fl.captured(1), QStringLiteral("100.00"));
        // The level test clips (and the quieter silent end of the flute clip) leave the
        // piano no worse than the plain score had it.
        const QRegularExpression piano(
                QStringLiteral("within-track 1s piano +tracks=4 pairs=34 AUROC ([0-9.]+)"));
        const QRegularExpressionMatch plainPiano = piano.match(run.out);
        const QRegularExpressionMatch levelPiano = piano.match(level.out);
        QVERIFY(plainPiano.hasMatch() && levelPiano.hasMatch());
        QVERIFY2(levelPiano.captured(1).toDouble() >= plainPiano.captured(1).toDouble(),
                 qPrintable(level.out));
        // A test clip without levels, or with levels for another number of instances, is
        // refused, naming the clip; never left out of the figure quietly.
        QVERIFY(writeText(folder + QStringLiteral("/levels.csv"),
                          QString(levels).remove(QStringLiteral("c25,-12 -12 -12 -12 -12 -12\n"))));
        const auto lacking = runCli(levelArgs);
        QVERIFY(lacking.exitCode != 0);
        QVERIFY2(lacking.err.contains(QStringLiteral("'c25'")), qPrintable(lacking.err));
        QVERIFY(writeText(folder + QStringLiteral("/levels.csv"),
                          QString(levels).replace(QStringLiteral("c26,-12 -12 -12 -12 -12 -12"),
                                                  QStringLiteral("c26,-12 -12 -12 -12 -12"))));
        const auto short_ = runCli(levelArgs);
        QVERIFY(short_.exitCode != 0);
        QVERIFY2(short_.err.contains(QStringLiteral("'c26' has 5 levels for 6 instances")),
                 qPrintable(short_.err));
    }
};

QTEST_GUILESS_MAIN(EvaluateLocalisationCliTest)
#include "EvaluateLocalisationCli_test.moc"
