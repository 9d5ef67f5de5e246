// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre labels import|export|set|undo|redo`: labels in and out of a library. The formats and
// the catalog work are core/datasets' and core/library's; this file parses and prints.
#include "CliCommand.h"

#include "core/datasets/interchange/ActivityCsv.h"
#include "core/datasets/interchange/AudacityLabels.h"
#include "core/datasets/interchange/JamsExport.h"
#include "core/datasets/interchange/JsonExport.h"
#include "core/datasets/interchange/LabelsCsv.h"
#include "core/datasets/interchange/LabelsCsvImport.h"
#include "core/datasets/interchange/LabelsFileImport.h"
#include "core/datasets/interchange/MultitrackImport.h"
#include "core/datasets/interchange/OpenMicImport.h"
#include "core/datasets/trainsets/OpenMicDataset.h"
#include "core/library/ClipStore.h"
#include "core/library/LabelCommandLog.h"
#include "core/library/LabelStore.h"
#include "core/library/Library.h"
#include "core/library/TrackStore.h"
#include "core/overview/Agreement.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <cmath>

namespace {

using namespace timbre;
using namespace timbre::cli;
using namespace timbre::datasets;

const char kExitCodes[]
        = "\nExit codes: 0 success (rows that could not be used are listed on stderr as\n"
          "'warning: FILE:LINE: why' and counted in skipped=N); 1 failure (one line\n"
          "'timbre labels: error: ...' on stderr, nothing written); 2 usage error.\n"
          "\nOutput (stdout, one line, key=value fields):\n"
          "  import  imported rows=N changed=N regions=N tracks=N skipped=N batch=ID\n"
          "          csv also: matched=N unmatched=N ambiguous=N unknown_instrument=N\n"
          "          unreadable=N; --dry-run: one line per previewed row, then\n"
          "          preview rows=N matched=N unmatched=N ambiguous=N unknown_instrument=N\n"
          "          unreadable=N written=0\n"
          "  export  exported format=F labels=N activity=N predictions=N files=N path=PATH\n"
          "  set     set clip=KEY instrument=I value=V batch=ID (batch=0: already so)\n"
          "  undo    undone batch=ID target=ID changes=N skipped=N | nothing to undo\n"
          "  redo    redone batch=ID target=ID changes=N skipped=N | nothing to redo\n"
          "  agreement  per instrument: agreement KEY items=N annotators=N fleiss=K, then per\n"
          "          pair of annotators: pair KEY A B items=N agreed=F cohen=K (K = nan when\n"
          "          undefined: no clip judged by two, or every judgement the same)\n";

const CommandVoice voice {QStringLiteral("timbre labels"), kExitCodes};

QString defaultAuthor()
{
    const QString user = qEnvironmentVariable("USER");
    return user.isEmpty() ? QStringLiteral("cli") : user;
}

// "csv" unless the header names start and end columns (activity.csv); folders are OpenMIC
// when they hold openmic-2018.npz, multitrack otherwise.
QString detectFormat(const QString &path)
{
    const QFileInfo info(path);
    if (info.isDir())
        return QFileInfo::exists(QDir(path).filePath(OpenMicDataset::npzFileName()))
                ? QStringLiteral("openmic")
                : QStringLiteral("multitrack");
    QStringList lines;
    QString error;
    if (LabelsCsv::readLines(path, &lines, &error) && !lines.isEmpty()) {
        const QStringList header = LabelsCsv::splitLine(lines.first().toLower());
        if (header.contains(QStringLiteral("start")) && header.contains(QStringLiteral("end")))
            return QStringLiteral("activity");
    }
    return QStringLiteral("csv");
}

void printIssues(const QList<DatasetIssue> &issues)
{
    for (const DatasetIssue &issue : issues)
        err() << "warning: " << issue.toString() << '\n';
}

QString countsText(const LabelsImportCounts &counts)
{
    return QStringLiteral("matched=%1 unmatched=%2 ambiguous=%3 unknown_instrument=%4 "
                          "unreadable=%5")
            .arg(counts.matched)
            .arg(counts.unmatched)
            .arg(counts.ambiguous)
            .arg(counts.unknownInstrument)
            .arg(counts.unreadable);
}

// "line 2: clip_000.flac accordion=present -> clip_000 (file name)" and the like.
QString previewLine(const LabelsRowMatch &row)
{
    auto ruleName = [](ClipMatch::Rule rule) {
        switch (rule) {
        case ClipMatch::Rule::ClipKey:
            return QStringLiteral("clip key");
        case ClipMatch::Rule::Path:
            return QStringLiteral("path");
        case ClipMatch::Rule::RelativeToFile:
            return QStringLiteral("path relative to the file");
        case ClipMatch::Rule::RelativePath:
            return QStringLiteral("relative path");
        case ClipMatch::Rule::FileName:
            return QStringLiteral("file name");
        case ClipMatch::Rule::BaseName:
            return QStringLiteral("name without extension");
        case ClipMatch::Rule::Region:
            return QStringLiteral("region");
        case ClipMatch::Rule::None:
            break;
        }
        return QString();
    };
    const QString head = QStringLiteral("line %1: ").arg(row.line);
    if (row.status == LabelsRowMatch::Status::Unreadable)
        return head + QStringLiteral("unreadable: ") + row.message;
    const QString what = QStringLiteral("%1 %2=%3 -> ")
                                 .arg(row.clip, row.instrument,
                                      library::labelStateName(row.state));
    switch (row.status) {
    case LabelsRowMatch::Status::Matched:
        return head + what
                + QStringLiteral("%1 (%2)").arg(row.clipKey, ruleName(row.match.rule));
    case LabelsRowMatch::Status::UnknownInstrument:
        return head + what
                + QStringLiteral("%1, but instrument '%2' is not in the taxonomy")
                          .arg(row.clipKey, row.instrument);
    default:
        return head + what + LabelsCsvImport::describe(row.clip, row.match);
    }
}

int runDryRun(const library::Library &lib, const QString &file, int rows)
{
    auto preview = LabelsFileImport::previewBlocking(lib, file, rows);
    if (!preview)
        return voice.fail(preview.error().message);
    for (const LabelsRowMatch &row : std::as_const(preview->rows))
        out() << previewLine(row) << '\n';
    printIssues(preview->issues);
    out() << "preview rows=" << preview->counts.rows << ' ' << countsText(preview->counts)
          << " written=0\n";
    if (!preview->refusal.isEmpty())
        return voice.fail(QStringLiteral("%1: %2").arg(file, preview->refusal));
    return ExitOk;
}

int runImport(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "Import labels: csv (labels.csv or clip,instrument,value rows; a mask.csv beside a "
            "labels.csv hides labels), activity (clip,instrument,start,end: strong labels, "
            "stored as region clips), openmic (an OpenMIC-2018 folder), multitrack (song "
            "folders with stems/). Clips are named by key, file name with or without extension, "
            "a path relative to a folder of the library or to the file, or an absolute path; "
            "a name several tracks share is skipped, never guessed. CSV headers: file|path|"
            "track|clip|filename|clip_key, instrument|label_name|class, "
            "present|value|label|relevance (any case). An import in which no row matched "
            "fails and writes nothing."));
    parser.addPositionalArgument(QStringLiteral("DIR"), QStringLiteral("Library folder."));
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("File or folder."));
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("csv|activity|openmic|multitrack (default: "
                                                   "from the file)."),
                                    QStringLiteral("F"));
    const QCommandLineOption author(QStringLiteral("author"),
                                    QStringLiteral("Recorded author (default $USER)."),
                                    QStringLiteral("A"));
    const QCommandLineOption split(QStringLiteral("split"),
                                   QStringLiteral("OpenMIC partition (default split01)."),
                                   QStringLiteral("S"), QStringLiteral("split01"));
    const QCommandLineOption threshold(
            QStringLiteral("threshold"),
            QStringLiteral("Multitrack: a second is active at this fraction of the stem's "
                           "loudest second's RMS (default 0.1)."),
            QStringLiteral("RATIO"), QStringLiteral("0.1"));
    const QCommandLineOption dryRun(
            QStringLiteral("dry-run"),
            QStringLiteral("csv: print how the first rows match (and the counts) without "
                           "writing anything."));
    const QCommandLineOption previewRows(QStringLiteral("rows"),
                                         QStringLiteral("Rows --dry-run prints (default 20)."),
                                         QStringLiteral("N"), QStringLiteral("20"));
    parser.addOptions({format, author, split, threshold, dryRun, previewRows});
    int code = ExitOk;
    if (!voice.parseOrHelp(parser, args, &code))
        return code;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2)
        return voice.usage(QStringLiteral("import needs DIR and FILE"));
    const QString file = positional[1];
    if (!QFileInfo::exists(file))
        return voice.fail(QStringLiteral("%1: file not found").arg(file));
    const QString kind = parser.isSet(format) ? parser.value(format) : detectFormat(file);
    const QString who = parser.isSet(author) ? parser.value(author) : defaultAuthor();
    auto opened = library::Library::open(positional[0], library::Library::OpenMode::ExistingOnly);
    if (!opened)
        return voice.fail(opened.error().message);
    const library::Library &lib = **opened;

    if (parser.isSet(dryRun)) {
        if (kind != QLatin1String("csv"))
            return voice.usage(QStringLiteral("--dry-run works on csv labels files only"));
        bool ok = false;
        const int rows = parser.value(previewRows).toInt(&ok);
        if (!ok || rows < 0)
            return voice.usage(QStringLiteral("--rows must be a number >= 0"));
        return runDryRun(lib, file, rows);
    }

    library::CatalogResult<ImportReport> report = ImportReport {};
    QList<DatasetIssue> readIssues;
    QString error;
    if (kind == QLatin1String("csv")) {
        report = LabelsFileImport::importBlocking(lib, file, who);
    } else if (kind == QLatin1String("activity")) {
        LabelsCsvImport importer(lib);
        importer.setLabelsFolder(QFileInfo(file).absolutePath());
        ActivityCsvData data;
        if (!ActivityCsv::read(file, &data, &error))
            return voice.fail(error);
        readIssues = data.issues;
        report = importer.importActivity(data.records, file, who);
    } else if (kind == QLatin1String("openmic")) {
        OpenMicImportOptions options;
        options.split = parser.value(split);
        options.author = who;
        report = OpenMicImport::importInto(lib, file, options);
    } else if (kind == QLatin1String("multitrack")) {
        MultitrackOptions options;
        bool ok = false;
        options.thresholdRatio = parser.value(threshold).toDouble(&ok);
        if (!ok || !(options.thresholdRatio > 0.0 && options.thresholdRatio <= 1.0))
            return voice.usage(QStringLiteral("--threshold must be in (0, 1]"));
        options.author = who;
        report = MultitrackImport::importInto(lib, file, options);
    } else {
        return voice.usage(
                QStringLiteral("unknown format '%1' (csv, activity, openmic, multitrack)")
                        .arg(kind));
    }
    if (!report)
        return voice.fail(report.error().message);
    const QList<DatasetIssue> issues = readIssues + report->issues;
    printIssues(issues);
    // csv: rows the import could not use; the other formats: the issues reported.
    const bool csv = kind == QLatin1String("csv");
    out() << "imported rows=" << (csv ? report->counts.rows : report->rowsRead)
          << " changed=" << report->labelsChanged << " regions=" << report->regionsCreated
          << " tracks=" << report->tracksCreated
          << " skipped=" << (csv ? report->counts.skipped() : int(issues.size()))
          << " batch=" << report->batchId;
    if (csv)
        out() << ' ' << countsText(report->counts);
    out() << '\n';
    return ExitOk;
}

int runExport(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "Export labels: csv (clip,instrument,value), activity (clip,instrument,start,end "
            "from region clips), json (all labels and predictions), jams (one .jams per "
            "track into the --out folder), audacity (one label track .txt per track with "
            "activity into the --out folder)."));
    parser.addPositionalArgument(QStringLiteral("DIR"), QStringLiteral("Library folder."));
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("csv|activity|json|jams|audacity."),
                                    QStringLiteral("F"));
    const QCommandLineOption outPath(QStringLiteral("out"),
                                     QStringLiteral("Output file (csv, activity, json) or folder "
                                                    "(jams, audacity)."),
                                     QStringLiteral("PATH"));
    parser.addOptions({format, outPath});
    int code = ExitOk;
    if (!voice.parseOrHelp(parser, args, &code))
        return code;
    if (parser.positionalArguments().size() != 1)
        return voice.usage(QStringLiteral("export needs exactly one DIR"));
    if (!parser.isSet(format) || !parser.isSet(outPath))
        return voice.usage(QStringLiteral("export needs --format and --out"));
    const QString kind = parser.value(format);
    const QStringList known
            = {QStringLiteral("csv"), QStringLiteral("activity"), QStringLiteral("json"),
               QStringLiteral("jams"), QStringLiteral("audacity")};
    if (!known.contains(kind))
        return voice.usage(QStringLiteral("unknown format '%1' (%2)")
                                   .arg(kind, known.join(QStringLiteral(", "))));
    auto opened = library::Library::open(parser.positionalArguments().first(),
                                         library::Library::OpenMode::ExistingOnly);
    if (!opened)
        return voice.fail(opened.error().message);
    // Only JSON and JAMS carry scores.
    const bool withPredictions = kind == QLatin1String("json") || kind == QLatin1String("jams");
    auto snapshot = JsonExport::collect(**opened, withPredictions);
    if (!snapshot)
        return voice.fail(snapshot.error().message);
    const QString path = parser.value(outPath);
    QString error;
    QStringList files;
    bool ok = false;
    if (kind == QLatin1String("csv"))
        ok = LabelsCsv::write(path, snapshot->weakLabels(), &error);
    else if (kind == QLatin1String("activity"))
        ok = ActivityCsv::write(path, snapshot->activity(), &error);
    else if (kind == QLatin1String("json"))
        ok = JsonExport::write(path, *snapshot, &error);
    else if (kind == QLatin1String("jams"))
        ok = JamsExport::write(path, *snapshot, &files, &error);
    else
        ok = AudacityLabels::write(path, *snapshot, &files, &error);
    if (!ok)
        return voice.fail(error);
    out() << "exported format=" << kind << " labels=" << snapshot->labels.size()
          << " activity=" << snapshot->activity().size()
          << " predictions=" << snapshot->predictions.size()
          << " files=" << (files.isEmpty() ? 1 : files.size()) << " path=" << path << '\n';
    return ExitOk;
}

int runSet(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
            QStringLiteral("Set one label as the user (one undoable step)."));
    parser.addPositionalArgument(QStringLiteral("DIR"), QStringLiteral("Library folder."));
    const QCommandLineOption clip(QStringLiteral("clip"),
                                  QStringLiteral("Clip key, file base name, or "
                                                 "'<key>#<start>-<end>' for a region."),
                                  QStringLiteral("KEY"));
    const QCommandLineOption track(QStringLiteral("track"),
                                   QStringLiteral("Track file: its whole-track clip."),
                                   QStringLiteral("PATH"));
    const QCommandLineOption instrument(QStringLiteral("instrument"),
                                        QStringLiteral("Instrument key."), QStringLiteral("I"));
    const QCommandLineOption value(QStringLiteral("value"),
                                   QStringLiteral("present|absent|unknown."), QStringLiteral("V"));
    const QCommandLineOption author(QStringLiteral("author"),
                                    QStringLiteral("Recorded author (default $USER)."),
                                    QStringLiteral("A"));
    parser.addOptions({clip, track, instrument, value, author});
    int code = ExitOk;
    if (!voice.parseOrHelp(parser, args, &code))
        return code;
    if (parser.positionalArguments().size() != 1)
        return voice.usage(QStringLiteral("set needs exactly one DIR"));
    if (parser.isSet(clip) == parser.isSet(track))
        return voice.usage(QStringLiteral("set needs exactly one of --clip KEY and --track PATH"));
    if (!parser.isSet(instrument) || !parser.isSet(value))
        return voice.usage(QStringLiteral("set needs --instrument and --value"));
    const auto state = library::labelStateFromName(parser.value(value));
    if (!state)
        return voice.usage(QStringLiteral("--value must be present, absent or unknown"));
    auto opened = library::Library::open(parser.positionalArguments().first(),
                                         library::Library::OpenMode::ExistingOnly);
    if (!opened)
        return voice.fail(opened.error().message);
    const library::Library &lib = **opened;

    QString key = parser.value(clip);
    qint64 clipId = 0;
    QString clipKey;
    if (parser.isSet(track)) {
        // A track named by its exact path needs no name index (a million tracks: 1.4 GB).
        key = QFileInfo(parser.value(track)).absoluteFilePath();
        auto direct = LabelsCsvImport::wholeTrackClipAt(lib, key);
        if (!direct)
            return voice.fail(direct.error().message);
        if (*direct) {
            clipId = (*direct)->clipId;
            clipKey = (*direct)->key;
        }
    }
    if (clipId == 0) {
        LabelsCsvImport names(lib);
        if (library::CatalogError error = names.load(); error.isError())
            return voice.fail(error.message);
        QString why;
        auto resolved = names.resolve(key, true, &why);
        if (!resolved)
            return voice.fail(resolved.error().message);
        if (!resolved->has_value())
            return voice.fail(why);
        clipId = **resolved;
        clipKey = names.keyOfClip(clipId);
    }
    auto changed = lib.labelLog().setLabel(clipId, parser.value(instrument), *state,
                                           parser.isSet(author) ? parser.value(author)
                                                                : defaultAuthor());
    if (!changed)
        return voice.fail(changed.error().message);
    out() << "set clip=" << clipKey << " instrument=" << parser.value(instrument)
          << " value=" << library::labelStateName(*state) << " batch=" << changed->batchId << '\n';
    return ExitOk;
}

int runUndoRedo(const QStringList &args, bool undo)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(undo ? QStringLiteral("Undo the newest user label edit.")
                                          : QStringLiteral("Redo the newest undone label edit."));
    parser.addPositionalArgument(QStringLiteral("DIR"), QStringLiteral("Library folder."));
    const QCommandLineOption author(QStringLiteral("author"),
                                    QStringLiteral("Recorded author (default $USER)."),
                                    QStringLiteral("A"));
    parser.addOption(author);
    int code = ExitOk;
    if (!voice.parseOrHelp(parser, args, &code))
        return code;
    if (parser.positionalArguments().size() != 1)
        return voice.usage(QStringLiteral("%1 needs exactly one DIR").arg(undo ? "undo" : "redo"));
    auto opened = library::Library::open(parser.positionalArguments().first(),
                                         library::Library::OpenMode::ExistingOnly);
    if (!opened)
        return voice.fail(opened.error().message);
    const QString who = parser.isSet(author) ? parser.value(author) : defaultAuthor();
    auto result = undo ? (*opened)->labelLog().undo(who) : (*opened)->labelLog().redo(who);
    if (!result)
        return voice.fail(result.error().message);
    if (result->batchId == 0) {
        out() << (undo ? "nothing to undo" : "nothing to redo") << '\n';
        return ExitOk;
    }
    out() << (undo ? "undone" : "redone") << " batch=" << result->batchId
          << " target=" << result->targetBatchId << " changes=" << result->changes.size()
          << " skipped=" << result->skipped << '\n';
    return ExitOk;
}

int runAgreement(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "How well the annotators agree, per instrument: Fleiss' kappa over the clips two or "
            "more of them judged, Cohen's kappa per pair (each annotator's own labels, as their "
            "edits left them)."));
    parser.addPositionalArgument(QStringLiteral("DIR"), QStringLiteral("Library folder."));
    int code = ExitOk;
    if (!voice.parseOrHelp(parser, args, &code))
        return code;
    if (parser.positionalArguments().size() != 1)
        return voice.usage(QStringLiteral("agreement needs exactly one DIR"));
    auto opened = library::Library::open(parser.positionalArguments().first(),
                                         library::Library::OpenMode::ExistingOnly);
    if (!opened)
        return voice.fail(opened.error().message);
    auto measured = overview::measureAgreement(**opened);
    if (!measured)
        return voice.fail(measured.error().message);
    const auto number = [](double k) {
        return std::isnan(k) ? QStringLiteral("nan") : QString::number(k, 'f', 3);
    };
    for (const overview::InstrumentAgreement &a : *measured) {
        out() << "agreement " << a.instrument << " items=" << a.items
              << " annotators=" << a.annotators << " fleiss=" << number(a.fleissKappa) << '\n';
        for (const overview::PairAgreement &p : a.pairs)
            out() << "pair " << a.instrument << ' ' << p.first << ' ' << p.second
                  << " items=" << p.items << " agreed=" << QString::number(p.agreed, 'f', 3)
                  << " cohen=" << number(p.kappa) << '\n';
    }
    return ExitOk;
}

int run(const QStringList &arguments)
{
    const QString sub = arguments.value(1);
    QStringList rest = arguments.mid(2);
    rest.prepend(QStringLiteral("timbre labels ") + sub);
    if (sub == QLatin1String("import"))
        return runImport(rest);
    if (sub == QLatin1String("export"))
        return runExport(rest);
    if (sub == QLatin1String("set"))
        return runSet(rest);
    if (sub == QLatin1String("undo"))
        return runUndoRedo(rest, true);
    if (sub == QLatin1String("redo"))
        return runUndoRedo(rest, false);
    if (sub == QLatin1String("agreement"))
        return runAgreement(rest);
    if (sub.isEmpty() || sub == QLatin1String("--help") || sub == QLatin1String("-h")) {
        QTextStream &stream = sub.isEmpty() ? err() : out();
        stream << "Usage: timbre labels import DIR FILE [--format "
                  "csv|activity|openmic|multitrack] [--dry-run [--rows N]]\n"
                  "       timbre labels export DIR --format csv|activity|json|jams|audacity "
                  "--out PATH\n"
                  "       timbre labels set DIR --clip KEY|--track PATH --instrument I "
                  "--value present|absent|unknown [--author A]\n"
                  "       timbre labels undo DIR | timbre labels redo DIR\n"
                  "       timbre labels agreement DIR\n"
               << kExitCodes;
        return sub.isEmpty() ? ExitUsage : ExitOk;
    }
    return voice.usage(
            QStringLiteral("unknown subcommand '%1' (import, export, set, undo, redo, agreement)")
                    .arg(sub));
}

} // namespace

static CliRegistrar registrar({QStringLiteral("labels"),
                               QStringLiteral("Import, export, set, undo and redo labels."), &run});
