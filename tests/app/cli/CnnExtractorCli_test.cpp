// SPDX-License-Identifier: GPL-3.0-or-later
// The built-in "cnn" extractor through `timbre` as a script runs it (docs/METHOD.md §2.3):
// `timbre features --extractor cnn` writes [instances x 128] matrices; the library's extract
// job (`timbre extract LIB --extractor cnn`) fills the feature store for cnn-v2;
// `timbre models LIB --import-starter` registers the shipped starter model as version 1,
// active, once; `timbre predict` then scores every track with it; a head trained with `timbre
// train --data` on `timbre features --write` output names the extractor, so `timbre models LIB
// --import CKPT` adds it as a new version, not active; a file that is no checkpoint is refused,
// naming it.
#include "support/CliRunner.h"
#include "support/ToneWav.h"

#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using timbre::testing::runCli;

class CnnExtractorCliTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void featuresWithCnn()
    {
        QVERIFY(m_dir.isValid());
        const QString wav = m_dir.filePath(QStringLiteral("tone.wav"));
        QVERIFY(timbre::testing::writeToneWav(wav, 4.5, 440.0));
        const QString out = m_dir.filePath(QStringLiteral("features"));
        const auto run = runCli({QStringLiteral("features"), wav, QStringLiteral("--extractor"),
                                 QStringLiteral("cnn"), QStringLiteral("--write"), out,
                                 QStringLiteral("--threads"), QStringLiteral("1")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith(QStringLiteral("extractor cnn-v2, 128-d instances")),
                 qPrintable(run.out + run.err));
        QVERIFY2(run.out.contains(QStringLiteral("total: 1 files (0 failed), 4 instances")),
                 qPrintable(run.out));
        QFile npy(QDir(out).filePath(QStringLiteral("tone.npy")));
        QVERIFY(npy.open(QIODevice::ReadOnly));
        const QByteArray header = npy.read(128);
        QVERIFY2(header.contains("'shape': (4, 128)"), header.constData());
        QCOMPARE(npy.size(), qint64(128 + 4 * 128 * 4));
        // Which extractor wrote them, for `timbre train --data` to name in its checkpoint.
        QFile extractor(QDir(out).filePath(QStringLiteral("extractor.json")));
        QVERIFY(extractor.open(QIODevice::ReadOnly));
        const QByteArray json = extractor.readAll();
        QVERIFY2(json.contains("\"id\": \"cnn\"") && json.contains("\"version\": 2")
                         && json.contains("\"dimension\": 128"),
                 json.constData());
    }

    void libraryExtractImportPredict()
    {
        const QString audio = m_dir.filePath(QStringLiteral("audio"));
        QVERIFY(QDir().mkpath(audio));
        for (int i = 0; i < 3; ++i)
            QVERIFY(timbre::testing::writeToneWav(
                    QDir(audio).filePath(QStringLiteral("t%1.wav").arg(i)), 3.0, 220.0 * (i + 1)));
        const QString lib = m_dir.filePath(QStringLiteral("lib"));
        QCOMPARE(runCli({QStringLiteral("library"), QStringLiteral("init"), lib}).exitCode, 0);
        QCOMPARE(runCli({QStringLiteral("library"), QStringLiteral("scan"), lib, audio,
                         QStringLiteral("--quiet")})
                         .exitCode,
                 0);
        auto run = runCli({QStringLiteral("extract"), lib, QStringLiteral("--extractor"),
                           QStringLiteral("cnn"), QStringLiteral("--threads"), QStringLiteral("1"),
                           QStringLiteral("--quiet")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QStringLiteral("extractor=cnn-v2 tracks=3"))
                         && run.out.contains(QStringLiteral("extracted=3 failed=0 instances=9")),
                 qPrintable(run.out + run.err));

        run = runCli({QStringLiteral("models"), lib, QStringLiteral("--import-starter")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(QRegularExpression(QStringLiteral("^imported 1 starter-cnn-v2 kind=att "
                                                   "extractor=cnn-v2 \\(active\\)\\n$"))
                         .match(run.out)
                         .hasMatch(),
                 qPrintable(run.out + run.err));
        // Once only: a second import leaves the library as it is.
        run = runCli({QStringLiteral("models"), lib, QStringLiteral("--import-starter")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QStringLiteral("already has the starter model")),
                 qPrintable(run.out));
        run = runCli({QStringLiteral("models"), lib});
        QVERIFY2(run.out.startsWith(QStringLiteral("* 1 starter-cnn-v2 kind=att extractor=cnn-v2")),
                 qPrintable(run.out));
        QCOMPARE(run.out.count(QLatin1Char('\n')), 1);

        run = runCli({QStringLiteral("predict"), QStringLiteral("--library"), lib});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QStringLiteral("predicted 3 clips with model 1")),
                 qPrintable(run.out + run.err));

        // A head trained elsewhere on the same extractor's features (`timbre features
        // --write`, which names the extractor, then `timbre train --data`) becomes version 2,
        // not active.
        const QString folder = m_dir.filePath(QStringLiteral("folder"));
        run = runCli({QStringLiteral("features"), audio, QStringLiteral("--extractor"),
                      QStringLiteral("cnn"), QStringLiteral("--write"), folder,
                      QStringLiteral("--threads"), QStringLiteral("1")});
        QCOMPARE(run.exitCode, 0);
        // Another extractor's matrices into the same folder are refused before any is written.
        run = runCli({QStringLiteral("features"), audio, QStringLiteral("--extractor"),
                      QStringLiteral("melstat"), QStringLiteral("--write"), folder,
                      QStringLiteral("--threads"), QStringLiteral("1")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("'cnn' v2"))
                         && run.err.contains(QStringLiteral("would mix two extractors")),
                 qPrintable(run.err));
        QVERIFY2(!run.out.contains(QStringLiteral("wrote")), qPrintable(run.out));
        QVERIFY(QDir().mkpath(QDir(folder).filePath(QStringLiteral("partitions"))));
        auto writeText = [](const QString &path, const QByteArray &text) {
            QFile f(path);
            return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
        };
        QVERIFY(writeText(QDir(folder).filePath(QStringLiteral("labels.csv")),
                          "clip,instrument,present\nt0,piano,1\nt1,piano,0\nt2,piano,1\n"
                          "t0,flute,0\nt1,flute,1\nt2,flute,0\n"));
        QVERIFY(writeText(QDir(folder).filePath(QStringLiteral("partitions/split01_train.csv")),
                          "sample_key\nt0\nt1\n"));
        QVERIFY(writeText(QDir(folder).filePath(QStringLiteral("partitions/split01_test.csv")),
                          "sample_key\nt2\n"));
        const QString elsewhere = m_dir.filePath(QStringLiteral("elsewhere.ckpt"));
        run = runCli({QStringLiteral("train"), QStringLiteral("--model"), QStringLiteral("att"),
                      QStringLiteral("--data"), folder, QStringLiteral("--out"), elsewhere,
                      QStringLiteral("--epochs"), QStringLiteral("2"),
                      QStringLiteral("--validation-fraction"), QStringLiteral("0"),
                      QStringLiteral("--quiet")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        run = runCli({QStringLiteral("models"), lib, QStringLiteral("--import"), elsewhere});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QVERIFY2(run.out.startsWith(QStringLiteral("imported 2 ")), qPrintable(run.out + run.err));
        run = runCli({QStringLiteral("models"), lib});
        QCOMPARE(run.out.count(QLatin1Char('\n')), 2);
        QVERIFY2(run.out.startsWith(QStringLiteral("* 1 starter-cnn-v2")), qPrintable(run.out));
        QVERIFY2(run.out.contains(QStringLiteral("\n  2 "))
                         && run.out.contains(QStringLiteral("kind=att extractor=cnn-v2")),
                 qPrintable(run.out));

        const QString junk = m_dir.filePath(QStringLiteral("junk.ckpt"));
        QFile file(junk);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a checkpoint at all");
        file.close();
        run = runCli({QStringLiteral("models"), lib, QStringLiteral("--import"), junk});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(junk), qPrintable(run.err));
        QCOMPARE(runCli({QStringLiteral("models"), lib}).out.count(QLatin1Char('\n')), 2);
    }
};

QTEST_GUILESS_MAIN(CnnExtractorCliTest)
#include "CnnExtractorCli_test.moc"
