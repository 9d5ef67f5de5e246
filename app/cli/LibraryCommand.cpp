// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre library init|scan|status`: create a library, scan folders into it, count what it
// holds. The work is core's (Library, ScanJob / LibraryScanner, the stores); this file parses
// arguments and prints one-line results.
#include "CliCommand.h"

#include "core/jobs/Job.h"
#include "core/jobs/ProgressThrottle.h"
#include "core/jobs/ScanJob.h"
#include "core/library/CatalogCopy.h"
#include "core/library/CatalogDatabase.h"
#include "core/library/ClipStore.h"
#include "core/library/LabelStore.h"
#include "core/library/Library.h"
#include "core/library/ModelStore.h"
#include "core/library/PredictionStore.h"
#include "core/library/TrackStore.h"

#include "core/jobs/JobThreads.h"
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <random>

namespace {

using namespace timbre;
using namespace timbre::cli;

const char kExitCodes[]
        = "\nExit codes: 0 success; 1 failure (one line 'timbre library: error: ...' on stderr);\n"
          "2 usage error; 3 scan interrupted (SIGINT/SIGTERM): whole batches committed, the\n"
          "rest left for the next scan.\n"
          "\nOutput (stdout, one line each, key=value fields):\n"
          "  init    library PATH schema=N created=yes|no\n"
          "  scan    scan done|cancelled seen=N unchanged=N added=N updated=N moved=N missing=N\n"
          "          failed=N seconds=S   (progress lines on stderr, at most one a second)\n"
          "  status  tracks ok=N missing=N error=N / clips whole=N regions=N test=N /\n"
          "          labels present=N absent=N / instrument KEY present=N absent=N (per "
          "instrument)\n"
          "          models versions=N active=ID|- predictions=N (the active model's scores)\n"
          "          scored=yes|no (its newest predict run finished)\n"
          "  split   split test=N newly=N clips=N\n"
          "  migrate copied TABLE rows=N (one line per table), then\n"
          "          migrated to=URL tables=N rows=N seconds=S\n";

std::atomic<bool> g_interrupted {false};

extern "C" void onInterrupt(int)
{
    g_interrupted.store(true);
}

const CommandVoice voice {QStringLiteral("timbre library"), kExitCodes};

int runInit(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "Create a library folder (catalog.sqlite, features/, models/) with the default "
            "taxonomy, or upgrade an existing one."));
    parser.addPositionalArgument(QStringLiteral("DIR"), QStringLiteral("Library folder."));
    const QCommandLineOption server(
            QStringLiteral("server"),
            QStringLiteral("Put a new library's catalog on this PostgreSQL server "
                           "(postgresql://[user@]host[:port]/database; the password from "
                           "PGPASSWORD or ~/.pgpass)."),
            QStringLiteral("URL"));
    parser.addOption(server);
    int code = ExitOk;
    if (!voice.parseOrHelp(parser, args, &code))
        return code;
    if (parser.positionalArguments().size() != 1)
        return voice.usage(QStringLiteral("init needs exactly one DIR"));
    auto lib = library::Library::open(parser.positionalArguments().first(),
                                      library::Library::OpenMode::CreateIfMissing,
                                      parser.value(server));
    if (!lib)
        return voice.fail(lib.error().message);
    out() << "library " << (*lib)->folder() << " schema=" << (*lib)->database().schemaVersion()
          << " created=" << ((*lib)->database().wasCreated() ? "yes" : "no") << '\n';
    return ExitOk;
}

int runScan(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "Scan folders recursively into the library: new and changed audio files are read "
            "(TagLib), unchanged ones skipped, moved ones recognised by content, vanished ones "
            "marked missing (labels kept), unreadable ones recorded with their error."));
    parser.addPositionalArgument(QStringLiteral("DIR"), QStringLiteral("Library folder."));
    parser.addPositionalArgument(QStringLiteral("ROOT"), QStringLiteral("Folders to scan."),
                                 QStringLiteral("ROOT..."));
    const QCommandLineOption threads(QStringLiteral("threads"),
                                     QStringLiteral("Tag-reading threads (default: cores)."),
                                     QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption batch(QStringLiteral("batch"),
                                   QStringLiteral("Rows per transaction (default 500)."),
                                   QStringLiteral("N"), QStringLiteral("500"));
    const QCommandLineOption quiet(QStringLiteral("quiet"), QStringLiteral("No progress lines."));
    parser.addOptions({threads, batch, quiet});
    int code = ExitOk;
    if (!voice.parseOrHelp(parser, args, &code))
        return code;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() < 2)
        return voice.usage(QStringLiteral("scan needs DIR and at least one ROOT"));
    bool okThreads = false;
    bool okBatch = false;
    library::ScanOptions options;
    options.roots = positional.mid(1);
    options.readerThreads = parser.value(threads).toInt(&okThreads);
    options.batchSize = parser.value(batch).toInt(&okBatch);
    if (!okThreads || options.readerThreads < 0 || !okBatch || options.batchSize < 1)
        return voice.usage(QStringLiteral("--threads must be >= 0 and --batch >= 1"));
    {
        // A clear message for a folder that is not a library, before any thread starts.
        auto lib = library::Library::open(positional.first(),
                                          library::Library::OpenMode::ExistingOnly);
        if (!lib)
            return voice.fail(lib.error().message);
    }

    jobs::JobThreads jobThreads;
    jobs::Job job(std::make_unique<jobs::ScanJob>(positional.first(), options));
    jobs::ProgressThrottle throttle(1000);
    const bool showProgress = !parser.isSet(quiet);
    QObject::connect(&job, &jobs::Job::progressChanged, [&](const jobs::JobProgress &p) {
        if (!showProgress || p.stage.isEmpty() || jobs::isFinalState(p.state)
            || !throttle.tryAcquire())
            return;
        err() << "scan: " << p.stage << ' ' << p.done << '/' << p.total << " failed=" << p.failed
              << (p.currentItem.isEmpty() ? QString() : QStringLiteral(" ") + p.currentItem)
              << '\n';
        err().flush();
    });
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    QElapsedTimer clock;
    clock.start();
    job.startAsync(&jobThreads);
    while (!job.isDone()) {
        if (g_interrupted.load() && !job.isCancelRequested())
            job.cancel();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        if (!job.isDone())
            QThread::msleep(20);
    }
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    if (job.state() == jobs::JobState::Failed)
        return voice.fail(job.errorText());
    const QVariantMap r = job.result();
    for (const QString &rootError : r.value(QStringLiteral("rootErrors")).toStringList())
        err() << "timbre library: warning: " << rootError << '\n';
    const bool cancelled = job.state() == jobs::JobState::Cancelled;
    out() << "scan " << (cancelled ? "cancelled" : "done");
    for (const char *key : {"seen", "unchanged", "added", "updated", "moved", "missing", "failed"})
        out() << ' ' << key << '=' << r.value(QLatin1String(key)).toLongLong();
    out() << " seconds=" << QString::number(clock.elapsed() / 1000.0, 'f', 2) << '\n';
    return cancelled ? ExitCancelled : ExitOk;
}

int runStatus(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "Counts of a library: tracks by scan state, clips, labels per instrument."));
    parser.addPositionalArgument(QStringLiteral("DIR"), QStringLiteral("Library folder."));
    int code = ExitOk;
    if (!voice.parseOrHelp(parser, args, &code))
        return code;
    if (parser.positionalArguments().size() != 1)
        return voice.usage(QStringLiteral("status needs exactly one DIR"));
    auto opened = library::Library::open(parser.positionalArguments().first(),
                                         library::Library::OpenMode::ExistingOnly);
    if (!opened)
        return voice.fail(opened.error().message);
    const library::Library &lib = **opened;
    qint64 byState[3] = {0, 0, 0};
    const library::ScanState states[3]
            = {library::ScanState::Ok, library::ScanState::Missing, library::ScanState::Error};
    for (int i = 0; i < 3; ++i) {
        auto n = lib.tracks().count(states[i]);
        if (!n)
            return voice.fail(n.error().message);
        byState[i] = *n;
    }
    auto clips = lib.clips().list();
    if (!clips)
        return voice.fail(clips.error().message);
    qint64 whole = 0;
    qint64 regions = 0;
    qint64 test = 0;
    for (const library::ClipRecord &clip : *clips) {
        (clip.isWholeTrack() ? whole : regions) += 1;
        test += clip.isTest ? 1 : 0;
    }
    auto counts = lib.labels().countsPerInstrument();
    if (!counts)
        return voice.fail(counts.error().message);
    qint64 present = 0;
    qint64 absent = 0;
    for (const library::InstrumentLabelCount &c : *counts) {
        present += c.present;
        absent += c.absent;
    }
    out() << "tracks ok=" << byState[0] << " missing=" << byState[1] << " error=" << byState[2]
          << '\n';
    out() << "clips whole=" << whole << " regions=" << regions << " test=" << test << '\n';
    out() << "labels present=" << present << " absent=" << absent << '\n';
    for (const library::InstrumentLabelCount &c : *counts)
        out() << "instrument " << c.instrumentKey << " present=" << c.present
              << " absent=" << c.absent << '\n';
    // What the browser will show: a script (CI's run of command (1)) checks that the main job
    // left a library with versions and the active one's scores.
    auto models = lib.models().list();
    auto active = lib.models().active();
    if (!models)
        return voice.fail(models.error().message);
    if (!active)
        return voice.fail(active.error().message);
    qint64 scores = 0;
    bool scored = false;
    if (*active) {
        auto n = lib.predictions().count((*active)->id);
        auto run = lib.predictions().latestRun((*active)->id);
        if (!n)
            return voice.fail(n.error().message);
        if (!run)
            return voice.fail(run.error().message);
        scores = *n;
        scored = *run && (*run)->finishedMs > 0;
    }
    out() << "models versions=" << models->size() << " active="
          << (*active ? QString::number((*active)->id) : QStringLiteral("-"))
          << " predictions=" << scores << " scored=" << (scored ? "yes" : "no") << '\n';
    return ExitOk;
}

// Holds out a seeded random fraction of the whole-track clips as test clips (never trained
// on; what model versions are compared on). Clips already marked stay marked.
int runSplit(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "Mark a random fraction of the library's whole-track clips as test clips (held out "
            "from training, used to measure model versions). Existing test clips stay."));
    parser.addPositionalArgument(QStringLiteral("DIR"), QStringLiteral("Library folder."));
    const QCommandLineOption fraction(QStringLiteral("test-fraction"),
                                      QStringLiteral("Fraction of all clips to hold out (default "
                                                     "0.2)."),
                                      QStringLiteral("F"), QStringLiteral("0.2"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Random seed."),
                                  QStringLiteral("S"), QStringLiteral("1"));
    parser.addOptions({fraction, seed});
    int code = ExitOk;
    if (!voice.parseOrHelp(parser, args, &code))
        return code;
    if (parser.positionalArguments().size() != 1)
        return voice.usage(QStringLiteral("split needs exactly one DIR"));
    bool okF = false;
    bool okS = false;
    const double f = parser.value(fraction).toDouble(&okF);
    const uint s = parser.value(seed).toUInt(&okS);
    if (!okF || !(f >= 0.0 && f < 1.0) || !okS)
        return voice.usage(QStringLiteral("--test-fraction must be in [0, 1) and --seed a number"));
    auto opened = library::Library::open(parser.positionalArguments().first(),
                                         library::Library::OpenMode::ExistingOnly);
    if (!opened)
        return voice.fail(opened.error().message);
    const library::Library &lib = **opened;
    auto clips = lib.clips().list();
    if (!clips)
        return voice.fail(clips.error().message);
    QList<qint64> candidates;
    qint64 already = 0;
    for (const library::ClipRecord &c : *clips) {
        if (c.isTest)
            ++already;
        else if (c.isWholeTrack())
            candidates << c.id;
    }
    const qint64 wanted = qint64(f * double(clips->size()) + 0.5) - already;
    std::mt19937 rng(s);
    std::shuffle(candidates.begin(), candidates.end(), rng);
    const QList<qint64> chosen = candidates.mid(0, int(std::max<qint64>(0, wanted)));
    const library::CatalogError e = lib.clips().setTest(chosen, true);
    if (e.isError())
        return voice.fail(e.message);
    out() << "split test=" << already + chosen.size() << " newly=" << chosen.size()
          << " clips=" << clips->size() << '\n';
    return ExitOk;
}

int runMigrate(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "Copy a library's SQLite catalog whole into a fresh schema on a PostgreSQL server, "
            "check every table's row count, then switch the folder over (catalog.conf; the old "
            "file kept as catalog.sqlite.migrated)."));
    parser.addPositionalArgument(QStringLiteral("DIR"), QStringLiteral("Library folder."));
    const QCommandLineOption to(QStringLiteral("to"),
                                QStringLiteral("postgresql://[user@]host[:port]/database (the "
                                               "password from PGPASSWORD or ~/.pgpass)."),
                                QStringLiteral("URL"));
    parser.addOption(to);
    int code = ExitOk;
    if (!voice.parseOrHelp(parser, args, &code))
        return code;
    if (parser.positionalArguments().size() != 1 || !parser.isSet(to))
        return voice.usage(QStringLiteral("migrate needs DIR and --to URL"));
    auto copied = library::copyCatalogToServer(parser.positionalArguments().first(),
                                               parser.value(to), [](const library::CopiedTable &t) {
                                                   out() << "copied " << t.name
                                                         << " rows=" << t.rows << '\n';
                                                   out().flush();
                                               });
    if (!copied)
        return voice.fail(copied.error().message);
    qint64 rows = 0;
    for (const library::CopiedTable &t : copied->tables)
        rows += t.rows;
    out() << "migrated to=" << copied->url << " tables=" << copied->tables.size()
          << " rows=" << rows << " seconds=" << QString::number(copied->seconds, 'f', 2) << '\n';
    return ExitOk;
}

int run(const QStringList &arguments)
{
    const QString sub = arguments.value(1);
    QStringList rest = arguments.mid(2);
    rest.prepend(QStringLiteral("timbre library ") + sub);
    if (sub == QLatin1String("init"))
        return runInit(rest);
    if (sub == QLatin1String("scan"))
        return runScan(rest);
    if (sub == QLatin1String("status"))
        return runStatus(rest);
    if (sub == QLatin1String("split"))
        return runSplit(rest);
    if (sub == QLatin1String("migrate"))
        return runMigrate(rest);
    if (sub.isEmpty() || sub == QLatin1String("--help") || sub == QLatin1String("-h")) {
        QTextStream &stream = sub.isEmpty() ? err() : out();
        stream << "Usage: timbre library init DIR [--server postgresql://...]\n"
                  "       timbre library scan DIR ROOT... [--threads N] [--batch N] [--quiet]\n"
                  "       timbre library status DIR\n"
                  "       timbre library split DIR [--test-fraction F] [--seed S]\n"
                  "       timbre library migrate DIR --to postgresql://[user@]host[:port]/db\n"
               << kExitCodes;
        return sub.isEmpty() ? ExitUsage : ExitOk;
    }
    return voice.usage(
            QStringLiteral("unknown subcommand '%1' (init, scan, status, split, migrate)")
                    .arg(sub));
}

} // namespace

static CliRegistrar registrar({QStringLiteral("library"),
                               QStringLiteral("Create, scan and inspect a library folder."), &run});
