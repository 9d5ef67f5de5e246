// SPDX-License-Identifier: GPL-3.0-or-later
// The built-in "cnn" extractor through `timbre` as a script runs it (docs/METHOD.md §2.3):
// `timbre features --extractor cnn` writes [instances x 128] matrices; the library's extract
// job (`timbre extract LIB --extractor cnn`) fills the feature store for cnn-v2;
// `timbre models LIB --import-starter` registers the shipped starter model as version 1,
// active, once; `timbre predict` then scores every track with it.
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
    }
};

QTEST_GUILESS_MAIN(CnnExtractorCliTest)
#include "CnnExtractorCli_test.moc"
