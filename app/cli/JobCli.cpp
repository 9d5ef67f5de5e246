// SPDX-License-Identifier: GPL-3.0-or-later
#include "JobCli.h"

#include "core/jobs/Job.h"
#include "core/jobs/JobRecorder.h"
#include "core/jobs/JobWorker.h"
#include "core/jobs/ProgressThrottle.h"

#include "core/jobs/JobThreads.h"
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QThread>

#include <atomic>
#include <csignal>
#include <unistd.h>

namespace timbre::cli {

namespace {

std::atomic<bool> g_interrupted {false};

void onInterrupt(int)
{
    g_interrupted.store(true);
}

QString formatEta(double seconds)
{
    if (seconds < 0)
        return QStringLiteral("--:--");
    const qint64 s = qint64(seconds + 0.5);
    if (s >= 3600)
        return QStringLiteral("%1:%2:%3")
                .arg(s / 3600)
                .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
                .arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2")
            .arg(s / 60, 2, 10, QLatin1Char('0'))
            .arg(s % 60, 2, 10, QLatin1Char('0'));
}

QString progressText(const QString &kind, const jobs::JobProgress &p, bool bar)
{
    QString line = kind + QStringLiteral(": ");
    if (!p.stage.isEmpty())
        line += p.stage + QLatin1Char(' ');
    if (p.total > 0) {
        if (bar) {
            constexpr int width = 28;
            const int filled = int(p.fraction() * width + 0.5);
            line += QLatin1Char('[') + QString(filled, QLatin1Char('#'))
                    + QString(width - filled, QLatin1Char('.')) + QStringLiteral("] ");
        }
        line += QStringLiteral("%1/%2 %3% eta %4")
                        .arg(p.done)
                        .arg(p.total)
                        .arg(int(p.fraction() * 100))
                        .arg(formatEta(p.etaSeconds));
    } else {
        line += QString::number(p.done);
    }
    if (p.failed > 0)
        line += QStringLiteral(" failed=%1").arg(p.failed);
    return line;
}

} // namespace

int runJobInForeground(std::unique_ptr<jobs::JobWorker> worker, const CommandVoice &voice,
                       QVariantMap *result, const ForegroundJobOptions &options)
{
    const QString kind = worker->kind();
    jobs::JobThreads jobThreads;
    jobs::Job job(std::move(worker));
    std::unique_ptr<jobs::JobRecorder> recorder;
    if (!options.libraryFolder.isEmpty())
        recorder = std::make_unique<jobs::JobRecorder>(options.libraryFolder, &job);
    const bool terminal = ::isatty(STDERR_FILENO) == 1;
    jobs::ProgressThrottle throttle(terminal ? 200 : 1000);
    bool barShown = false;
    QObject::connect(&job, &jobs::Job::progressChanged, [&](const jobs::JobProgress &p) {
        if (options.quiet || jobs::isFinalState(p.state) || (p.total <= 0 && p.done == 0)
            || !throttle.tryAcquire())
            return;
        if (terminal) {
            err() << '\r' << progressText(kind, p, true).leftJustified(100).left(100);
            barShown = true;
        } else {
            err() << progressText(kind, p, false) << '\n';
        }
        err().flush();
    });
    QObject::connect(&job, &jobs::Job::logLine, [&](const QString &line) {
        if (options.quiet)
            return;
        if (barShown) {
            err() << '\r' << QString(100, QLatin1Char(' ')) << '\r';
            barShown = false;
        }
        err() << kind << ": " << line << '\n';
        err().flush();
    });
    g_interrupted.store(false);
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    job.startAsync(&jobThreads);
    while (!job.isDone()) {
        if (g_interrupted.load() && !job.isCancelRequested())
            job.cancel();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        if (!job.isDone())
            QThread::msleep(10);
    }
    // The outcome's queued signals (the recorder's last write among them).
    QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    if (barShown)
        err() << '\n';
    err().flush();
    if (result)
        *result = job.result();
    switch (job.state()) {
    case jobs::JobState::Failed:
        return voice.fail(job.errorText());
    case jobs::JobState::Cancelled:
        err() << voice.name << ": cancelled\n";
        return ExitCancelled;
    default:
        return ExitOk;
    }
}

} // namespace timbre::cli
