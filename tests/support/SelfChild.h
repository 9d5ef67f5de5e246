// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Test helper: runs this test binary again as a child process whose mode the environment says
// (so a test can kill a writer in the middle of its work), and waits for a line it prints.
#include <QByteArray>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QList>
#include <QPair>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>

namespace timbre::testing {

inline bool startSelf(QProcess &child, const QList<QPair<QString, QString>> &environment)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const auto &[name, value] : environment)
        env.insert(name, value);
    child.setProcessEnvironment(env);
    child.start(QCoreApplication::applicationFilePath(), {});
    return child.waitForStarted(10000);
}

// Reads the child's output until it contains `line` (true), it exits or the time is up.
inline bool waitForLine(QProcess &child, const QByteArray &line, int timeoutMs,
                        QByteArray *out = nullptr)
{
    QByteArray seen;
    QElapsedTimer timer;
    timer.start();
    while (!seen.contains(line) && timer.elapsed() < timeoutMs) {
        if (child.state() == QProcess::NotRunning)
            break;
        child.waitForReadyRead(100);
        seen += child.readAllStandardOutput();
    }
    if (out)
        *out += seen;
    return seen.contains(line);
}

} // namespace timbre::testing
