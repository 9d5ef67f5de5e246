// SPDX-License-Identifier: GPL-3.0-or-later
// A program whose model engine cannot be loaded says so, naming the engine file and the
// reason, and fails cleanly (models/api/ModelEngine.h; TIMBRE_MODEL_ENGINE points elsewhere).
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class ModelEngineCliTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    struct Run
    {
        int exitCode = -1;
        QString err;
    };

    Run predictWithEngine(const QString &engine)
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("TIMBRE_MODEL_ENGINE"), engine);
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(TIMBRE_CLI_PATH),
                      {QStringLiteral("predict"), QStringLiteral("--model"),
                       m_dir.filePath(QStringLiteral("model.ckpt")), QStringLiteral("--features"),
                       m_dir.filePath(QStringLiteral("f.npy")), QStringLiteral("--out"),
                       m_dir.filePath(QStringLiteral("out.csv"))});
        Run run;
        if (!process.waitForFinished(60000))
            return run;
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
        run.err = QString::fromUtf8(process.readAllStandardError());
        return run;
    }

private Q_SLOTS:
    void missingEngine()
    {
        const QString engine = m_dir.filePath(QStringLiteral("gone/libtimbre_model_engine.so"));
        const Run run = predictWithEngine(engine);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(
                         QStringLiteral("the model engine %1 cannot be loaded").arg(engine)),
                 qPrintable(run.err));
        QVERIFY2(run.err.contains(QStringLiteral("no such file")), qPrintable(run.err));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("out.csv"))));
    }

    void corruptEngine()
    {
        const QString engine = m_dir.filePath(QStringLiteral("libtimbre_model_engine.so"));
        QFile f(engine);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
        f.close();
        const Run run = predictWithEngine(engine);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(
                         QStringLiteral("the model engine %1 cannot be loaded").arg(engine)),
                 qPrintable(run.err));
        QVERIFY2(run.err.contains(QStringLiteral("ELF")), qPrintable(run.err));
    }

    void libraryThatIsNoEngine()
    {
        // A real shared object of the system without the entry point.
        const QString engine = QStringLiteral("/lib/x86_64-linux-gnu/libz.so.1");
        if (!QFile::exists(engine))
            QSKIP("no /lib/x86_64-linux-gnu/libz.so.1 on this machine");
        const Run run = predictWithEngine(engine);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("not a model engine")), qPrintable(run.err));
    }
};

QTEST_GUILESS_MAIN(ModelEngineCliTest)
#include "ModelEngineCli_test.moc"
