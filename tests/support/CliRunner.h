// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Test helper: runs the built `timbre` (TIMBRE_CLI_PATH) as a script would and keeps its exit
// code and output; field() reads one `key=value` of its summary lines; RUN_OK fails the test
// (with the program's output) unless the run exited 0.
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <QTest>

#define RUN_OK(expression) \
    do { \
        const ::timbre::testing::CliRun ran_ = (expression); \
        QVERIFY2(ran_.exitCode == 0, qPrintable(ran_.err + ran_.out)); \
    } while (false)

namespace timbre::testing {

struct CliRun
{
    int exitCode = -1;
    QString out;
    QString err;
};

inline CliRun runCli(const QStringList &arguments, int timeoutMs = 120000,
                     const QProcessEnvironment &environment
                     = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(TIMBRE_CLI_PATH), arguments);
    CliRun run;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        run.err = QStringLiteral("timed out");
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

// The value of the first `key=value` word in `text` (the CLI's summary lines), empty if none.
inline QString field(const QString &text, const QString &key)
{
    const QRegularExpression re(QStringLiteral("(?:^|\\s)%1=(\\S+)").arg(key));
    const QRegularExpressionMatch m = re.match(text);
    return m.hasMatch() ? m.captured(1) : QString();
}

} // namespace timbre::testing
