// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre jobs LIB [--failures ID] [--resume]`: the library's job history as the catalog keeps
// it (core/jobs/JobRecorder), the per-item failures of one job, and resuming interrupted jobs.
#include "CliCommand.h"
#include "JobCli.h"

#include "core/jobs/JobFactory.h"
#include "core/jobs/JobWorker.h"
#include "core/library/JobStore.h"
#include "core/library/Library.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

using namespace timbre;
using namespace timbre::cli;

const char kExitCodes[]
        = "\nExit codes: 0 success; 1 failure (one line 'timbre jobs: error: ...'); 2 usage;\n"
          "3 a resumed job was interrupted again.\n"
          "\nOutput (stdout): one line per job, newest first:\n"
          "  ID KIND STATE done=N/TOTAL failed=N started=ISO seconds=S \"TITLE\" [error=...]\n"
          "--failures ID: one line per failed item, 'ITEM<TAB>MESSAGE'.\n"
          "--resume: runs every interrupted job again (finished work is not redone) and prints\n"
          "'resumed OLD as NEW STATE'.\n";

const CommandVoice voice {QStringLiteral("timbre jobs"), kExitCodes};

QString iso(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate)
                  : QStringLiteral("-");
}

int resumeInterrupted(const library::Library &lib)
{
    auto pending = lib.jobs().unfinished();
    if (!pending)
        return voice.fail(pending.error().message);
    int code = ExitOk;
    for (const library::JobRecord &job : *pending) {
        if (job.state != QLatin1String("interrupted"))
            continue;
        QString error;
        const QVariantMap parameters
                = QJsonDocument::fromJson(job.parametersJson.toUtf8()).object().toVariantMap();
        std::unique_ptr<jobs::JobWorker> worker
                = jobs::createJobWorker(job.kind, parameters, &error);
        if (!worker) {
            err() << voice.name << ": job " << job.id << ": " << error << '\n';
            continue;
        }
        ForegroundJobOptions fg;
        fg.libraryFolder = lib.folder();
        const int ran = runJobInForeground(std::move(worker), voice, nullptr, fg);
        auto newest = lib.jobs().list(1);
        const qint64 newId = newest && !newest->isEmpty() ? newest->first().id : 0;
        const library::CatalogError marked
                = lib.jobs().setState(job.id, QStringLiteral("cancelled"),
                                      QStringLiteral("interrupted; resumed as job %1").arg(newId));
        if (marked.isError())
            return voice.fail(marked.message);
        out() << "resumed " << job.id << " as " << newId << ' '
              << (newest && !newest->isEmpty() ? newest->first().state : QStringLiteral("?"))
              << '\n';
        if (ran != ExitOk)
            code = ran;
    }
    return code;
}

int run(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "Lists a library's jobs, the failures of one, or resumes interrupted ones."));
    parser.addPositionalArgument(QStringLiteral("LIB"), QStringLiteral("Library folder."));
    const QCommandLineOption failures(QStringLiteral("failures"),
                                      QStringLiteral("The failed items of job ID."),
                                      QStringLiteral("ID"));
    const QCommandLineOption resume(QStringLiteral("resume"),
                                    QStringLiteral("Run interrupted jobs again."));
    const QCommandLineOption limit(QStringLiteral("limit"), QStringLiteral("Jobs listed."),
                                   QStringLiteral("N"), QStringLiteral("20"));
    parser.addOptions({failures, resume, limit});
    int code = ExitOk;
    if (!voice.parseOrHelp(parser, args, &code))
        return code;
    if (parser.positionalArguments().size() != 1)
        return voice.usage(QStringLiteral("needs exactly one LIB"));
    auto opened = library::Library::open(parser.positionalArguments().first(),
                                         library::Library::OpenMode::ExistingOnly);
    if (!opened)
        return voice.fail(opened.error().message);
    const library::Library &lib = **opened;
    // Jobs whose process is gone are interrupted, whoever looks first.
    auto marked = lib.jobs().markInterrupted();
    if (!marked)
        return voice.fail(marked.error().message);

    if (parser.isSet(failures)) {
        bool ok = false;
        const qint64 id = parser.value(failures).toLongLong(&ok);
        if (!ok)
            return voice.usage(QStringLiteral("--failures needs a job id"));
        auto list = lib.jobs().failures(id);
        if (!list)
            return voice.fail(list.error().message);
        for (const library::JobFailure &f : *list)
            out() << f.item << '\t' << f.message << '\n';
        return ExitOk;
    }
    if (parser.isSet(resume))
        return resumeInterrupted(lib);

    auto jobs = lib.jobs().list(parser.value(limit).toInt());
    if (!jobs)
        return voice.fail(jobs.error().message);
    for (const library::JobRecord &j : *jobs) {
        const qint64 end = j.finishedMs > 0 ? j.finishedMs : QDateTime::currentMSecsSinceEpoch();
        out() << j.id << ' ' << j.kind << ' ' << j.state << " done=" << j.done << '/' << j.total
              << " failed=" << j.failed << " started=" << iso(j.startedMs) << " seconds="
              << QString::number(j.startedMs > 0 ? (end - j.startedMs) / 1000.0 : 0.0, 'f', 1)
              << " \"" << j.title << '"';
        if (!j.errorText.isEmpty())
            out() << " error=\"" << j.errorText << '"';
        out() << '\n';
    }
    return ExitOk;
}

} // namespace

static CliRegistrar registrar({QStringLiteral("jobs"),
                               QStringLiteral("List a library's jobs; resume interrupted ones"),
                               run});
