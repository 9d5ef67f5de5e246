// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Test helper: runs the built `timbre` (TIMBRE_CLI_PATH) as a script would and keeps its exit
// code and output.
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

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

} // namespace timbre::testing
