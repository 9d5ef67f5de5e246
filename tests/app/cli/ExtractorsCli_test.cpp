// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre extractors` and `timbre features --extractor ID --library LIB` as a script runs them:
// listing, registering a TorchScript module (made by tests/support/make_scripted_module),
// refusing a module of the wrong shape with the file named, and extracting with it.
#include "support/CliRunner.h"
#include "support/ToneWav.h"

#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using timbre::testing::runCli;

namespace {

QString makeModule(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(TIMBRE_MAKE_SCRIPTED_MODULE), arguments);
    if (!process.waitForFinished(60000) || process.exitCode() != 0)
        return QStringLiteral("make_scripted_module failed: %1")
                .arg(QString::fromUtf8(process.readAllStandardError()));
    return {};
}

} // namespace

class ExtractorsCliTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void registerListAndExtract()
    {
        QVERIFY(m_dir.isValid());
        const QString lib = m_dir.filePath(QStringLiteral("lib"));
        QVERIFY(QDir().mkpath(lib));
        const QString pt = m_dir.filePath(QStringLiteral("band-mean.pt"));
        const QString bad = m_dir.filePath(QStringLiteral("wrong-shape.pt"));
        QString problem = makeModule({QStringLiteral("band-mean"), pt, QStringLiteral("6")});
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        problem = makeModule({QStringLiteral("wrong-shape"), bad});
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        auto run = runCli({QStringLiteral("extractors"), lib});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(QRegularExpression(QStringLiteral("\\nmelstat +1 +128 +0\\.96 built-in +- "))
                         .match(run.out)
                         .hasMatch(),
                 qPrintable(run.out));

        run = runCli({QStringLiteral("extractors"), lib, QStringLiteral("--add-torchscript"), pt,
                      QStringLiteral("--id"), QStringLiteral("bm")});
        QCOMPARE(run.exitCode, 0);
        const QRegularExpressionMatch added
                = QRegularExpression(QStringLiteral("^registered bm-v1 dimension=6 hop=0\\.96 "
                                                    "kind=torchscript weights=([0-9a-f]{16})\\n$"))
                          .match(run.out);
        QVERIFY2(added.hasMatch(), qPrintable(run.out + run.err));

        run = runCli({QStringLiteral("extractors"), lib});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(
                         QRegularExpression(QStringLiteral("\\nbm +1 +6 +0\\.96 torchscript +%1 ")
                                                    .arg(added.captured(1)))),
                 qPrintable(run.out));

        // A module of the wrong shape: exit 1, the file named, nothing registered.
        run = runCli({QStringLiteral("extractors"), lib, QStringLiteral("--add-torchscript"), bad,
                      QStringLiteral("--id"), QStringLiteral("bad")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.startsWith(QStringLiteral("timbre extractors: error: %1: output shape "
                                                   "[2, 7, 3] does not fit")
                                            .arg(bad)),
                 qPrintable(run.err));
        QVERIFY(!runCli({QStringLiteral("extractors"), lib})
                         .out.contains(QStringLiteral("\nbad ")));
        // Usage errors.
        QCOMPARE(
                runCli({QStringLiteral("extractors"), lib, QStringLiteral("--add-torchscript"), pt})
                        .exitCode,
                2);
        QCOMPARE(runCli({QStringLiteral("extractors")}).exitCode, 2);
        QCOMPARE(runCli({QStringLiteral("extractors"), m_dir.filePath(QStringLiteral("none"))})
                         .exitCode,
                 1);

        // Extraction with the registered id: 10.5 s -> 10 instances of 6 floats.
        const QString wav = m_dir.filePath(QStringLiteral("tone.wav"));
        QVERIFY(timbre::testing::writeToneWav(wav, 10.5));
        const QString out = m_dir.filePath(QStringLiteral("features"));
        run = runCli({QStringLiteral("features"), wav, QStringLiteral("--extractor"),
                      QStringLiteral("bm"), QStringLiteral("--library"), lib,
                      QStringLiteral("--write"), out, QStringLiteral("--threads"),
                      QStringLiteral("1")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith(QStringLiteral("extractor bm-v1, 6-d instances")),
                 qPrintable(run.out + run.err));
        QVERIFY2(run.out.contains(QStringLiteral("total: 1 files (0 failed), 10 instances")),
                 qPrintable(run.out));
        QFile npy(QDir(out).filePath(QStringLiteral("tone.npy")));
        QVERIFY(npy.open(QIODevice::ReadOnly));
        const QByteArray header = npy.read(128);
        QVERIFY2(header.contains("'shape': (10, 6)"), header.constData());
        QCOMPARE(npy.size(), qint64(128 + 10 * 6 * 4));

        // A registered id without its library is unknown.
        run = runCli({QStringLiteral("features"), wav, QStringLiteral("--extractor"),
                      QStringLiteral("bm")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("unknown extractor 'bm'")), qPrintable(run.err));
    }
};

QTEST_GUILESS_MAIN(ExtractorsCliTest)
#include "ExtractorsCli_test.moc"
