// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre review LIB --queue uncertain|errors|disagreement|unlabelled`: the label editor's review
// queues, one line per entry; `timbre review LIB --cross-fit`: the held-out scores the errors
// queue needs. Ranking is core/review's, cross-fitting core/jobs'; this file parses and prints.
#include "CliCommand.h"
#include "JobCli.h"
#include "LibraryPredict.h"

#include "core/jobs/CrossFitJob.h"
#include "core/library/Library.h"
#include "core/review/ReviewQueue.h"

#include <QCommandLineParser>

#include <cmath>

namespace {

using namespace timbre;
using namespace timbre::cli;

const char kExitCodes[]
        = "\nExit codes: 0 success; 1 failure (one line 'timbre review: error: ...'); 2 usage;\n"
          "3 cancelled (--cross-fit; earlier held-out scores are kept).\n"
          "\nOutput (stdout), one line per entry, best first:\n"
          "  text: RANK CLIP INSTRUMENT LABEL score=S [other=S] [threshold=T] priority=P\n"
          "  csv:  rank,clip_id,clip,instrument,label,score,other_score,threshold,priority\n"
          "LABEL is present / absent / unknown; scores of the errors queue are held-out scores.\n"
          "--cross-fit prints 'cross-fitted model ID folds=K clips=N scores=N seconds=S'.\n";

const CommandVoice voice {QStringLiteral("timbre review"), kExitCodes};

QString number(float v, int decimals = 4)
{
    return std::isnan(v) ? QString() : QString::number(double(v), 'f', decimals);
}

QString csvField(const QString &s)
{
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"'))
        && !s.contains(QLatin1Char('\n')))
        return s;
    QString quoted = s;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

int crossFit(const QString &folder, const QCommandLineParser &parser, qint64 modelId)
{
    jobs::CrossFitOptions o;
    o.libraryFolder = folder;
    o.modelId = modelId;
    bool ok = true;
    if (parser.isSet(QStringLiteral("folds"))) {
        o.folds = parser.value(QStringLiteral("folds")).toInt(&ok);
        if (!ok || o.folds < 2)
            return voice.usage(QStringLiteral("--folds must be a number of at least 2"));
    }
    if (parser.isSet(QStringLiteral("epochs"))) {
        o.epochs = parser.value(QStringLiteral("epochs")).toInt(&ok);
        if (!ok || o.epochs < 1)
            return voice.usage(QStringLiteral("--epochs must be a positive number"));
    }
    o.seed = parser.value(QStringLiteral("seed")).toULongLong(&ok);
    if (!ok)
        return voice.usage(QStringLiteral("--seed must be a non-negative number"));
    o.threads = parser.value(QStringLiteral("threads")).toInt(&ok);
    if (!ok || o.threads < 0)
        return voice.usage(QStringLiteral("--threads must be a non-negative number"));
    QVariantMap result;
    const int code = runJobInForeground(std::make_unique<jobs::CrossFitJob>(o), voice, &result,
                                        {parser.isSet(QStringLiteral("quiet")), folder});
    if (code != ExitOk)
        return code;
    out() << QStringLiteral("cross-fitted model %1 folds=%2 clips=%3 scores=%4 seconds=%5\n")
                     .arg(result.value(QStringLiteral("modelId")).toLongLong())
                     .arg(result.value(QStringLiteral("folds")).toInt())
                     .arg(result.value(QStringLiteral("clips")).toLongLong())
                     .arg(result.value(QStringLiteral("scores")).toLongLong())
                     .arg(result.value(QStringLiteral("seconds")).toDouble(), 0, 'f', 1);
    return ExitOk;
}

int run(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "Rank a library's clips for review (docs/REVIEW_QUEUES.md): uncertain = "
            "unknown labels the model is least sure of, one clip per entry, near-duplicates "
            "(same track, same album) spread apart; errors = observed labels that held-out "
            "scores contradict (confident learning per instrument; needs --cross-fit first); "
            "disagreement = |A - B| between two model versions; unlabelled = clips without any "
            "label. --cross-fit trains K models of the active (or --model) version's kind from "
            "scratch, each without one fold of the labelled clips, and stores the held-out "
            "scores."));
    parser.addPositionalArgument(QStringLiteral("LIB"), QStringLiteral("Library folder."));
    parser.addOptions({
            {QStringLiteral("queue"),
             QStringLiteral("uncertain | errors | disagreement | unlabelled."),
             QStringLiteral("KIND")},
            {QStringLiteral("model"), QStringLiteral("Model id or name (default: active)."),
             QStringLiteral("ID")},
            {QStringLiteral("models"),
             QStringLiteral("Disagreement: two models A,B (default: the active one and its "
                            "parent)."),
             QStringLiteral("A,B")},
            {QStringLiteral("limit"), QStringLiteral("Entries to print; 0 = all (default 50)."),
             QStringLiteral("N"), QStringLiteral("50")},
            {QStringLiteral("format"), QStringLiteral("text | csv (default text)."),
             QStringLiteral("F"), QStringLiteral("text")},
            {QStringLiteral("order"),
             QStringLiteral("Unlabelled queue: library | score | uncertainty (default library)."),
             QStringLiteral("O"), QStringLiteral("library")},
            {QStringLiteral("threshold"),
             QStringLiteral("Uncertain queue: the decision threshold (default 0.5)."),
             QStringLiteral("T"), QStringLiteral("0.5")},
            {QStringLiteral("sum"),
             QStringLiteral("Uncertain / disagreement: sum over instruments instead of max.")},
            {QStringLiteral("no-diversify"),
             QStringLiteral("Uncertain: do not spread clips of one track / album apart.")},
            {QStringLiteral("exclude-test"), QStringLiteral("Leave test clips out.")},
            {QStringLiteral("cross-fit"),
             QStringLiteral("Compute the held-out scores of the errors queue (a job).")},
            {QStringLiteral("folds"), QStringLiteral("--cross-fit: folds (default 5)."),
             QStringLiteral("K")},
            {QStringLiteral("epochs"),
             QStringLiteral("--cross-fit: epochs per fold (default: the from-scratch recipe's)."),
             QStringLiteral("N")},
            {QStringLiteral("seed"), QStringLiteral("--cross-fit: seed (default 0)."),
             QStringLiteral("S"), QStringLiteral("0")},
            {QStringLiteral("threads"), QStringLiteral("--cross-fit: LibTorch threads."),
             QStringLiteral("T"), QStringLiteral("0")},
            {QStringLiteral("quiet"), QStringLiteral("--cross-fit: no progress output.")},
    });
    int code = ExitOk;
    if (!voice.parseOrHelp(parser, args, &code))
        return code;
    if (parser.positionalArguments().size() != 1)
        return voice.usage(QStringLiteral("needs exactly one LIB"));
    const QString folder = parser.positionalArguments().first();
    const bool crossFitting = parser.isSet(QStringLiteral("cross-fit"));
    if (crossFitting == parser.isSet(QStringLiteral("queue")))
        return voice.usage(QStringLiteral("give either --queue KIND or --cross-fit"));
    if (!crossFitting) {
        for (const char *only : {"folds", "epochs"})
            if (parser.isSet(QLatin1String(only)))
                return voice.usage(
                        QStringLiteral("--%1 belongs to --cross-fit").arg(QLatin1String(only)));
    }

    review::QueueOptions options;
    const auto modelOf = [&](const QString &argument, qint64 *id) {
        QString error;
        *id = modelIdFromArgument(folder, argument.trimmed(), &error);
        if (*id == 0)
            voice.fail(error);
        return *id != 0;
    };
    if (parser.isSet(QStringLiteral("model")) && parser.isSet(QStringLiteral("models")))
        return voice.usage(QStringLiteral("give --model or --models, not both"));
    if (parser.isSet(QStringLiteral("model"))
        && !modelOf(parser.value(QStringLiteral("model")), &options.modelId))
        return ExitFailure;
    if (crossFitting)
        return crossFit(folder, parser, options.modelId);

    const QString kindName = parser.value(QStringLiteral("queue"));
    const std::optional<review::QueueKind> kind = review::queueKindFromName(kindName);
    if (!kind)
        return voice.usage(QStringLiteral("unknown queue '%1' (uncertain, errors, disagreement "
                                          "or unlabelled)")
                                   .arg(kindName));
    if (parser.isSet(QStringLiteral("models"))) {
        const QStringList two = parser.value(QStringLiteral("models")).split(QLatin1Char(','));
        if (*kind != review::QueueKind::Disagreement)
            return voice.usage(QStringLiteral("--models A,B is for --queue disagreement; use "
                                              "--model ID"));
        if (two.size() != 2 || two.at(0).trimmed().isEmpty() || two.at(1).trimmed().isEmpty())
            return voice.usage(QStringLiteral("--models needs two models, A,B"));
        if (!modelOf(two.at(0), &options.modelId) || !modelOf(two.at(1), &options.otherModelId))
            return ExitFailure;
    }
    bool ok = false;
    options.limit = parser.value(QStringLiteral("limit")).toInt(&ok);
    if (!ok || options.limit < 0)
        return voice.usage(QStringLiteral("--limit must be a number of at least 0"));
    options.threshold = parser.value(QStringLiteral("threshold")).toDouble(&ok);
    if (!ok || !(options.threshold > 0.0) || !(options.threshold < 1.0))
        return voice.usage(QStringLiteral("--threshold must lie strictly between 0 and 1"));
    const QString format = parser.value(QStringLiteral("format"));
    if (format != QLatin1String("text") && format != QLatin1String("csv"))
        return voice.usage(QStringLiteral("unknown format '%1' (text or csv)").arg(format));
    const QString order = parser.value(QStringLiteral("order"));
    if (order == QLatin1String("library"))
        options.unlabelledOrder = review::UnlabelledOrder::Library;
    else if (order == QLatin1String("score"))
        options.unlabelledOrder = review::UnlabelledOrder::Score;
    else if (order == QLatin1String("uncertainty"))
        options.unlabelledOrder = review::UnlabelledOrder::Uncertainty;
    else
        return voice.usage(
                QStringLiteral("unknown order '%1' (library, score or uncertainty)").arg(order));
    if (parser.isSet(QStringLiteral("sum")))
        options.aggregate = review::ClipAggregate::Sum;
    options.diversity.enabled = !parser.isSet(QStringLiteral("no-diversify"));
    options.includeTestClips = !parser.isSet(QStringLiteral("exclude-test"));

    auto opened = library::Library::open(folder, library::Library::OpenMode::ExistingOnly);
    if (!opened)
        return voice.fail(opened.error().message);
    auto entries = review::ReviewQueue::rank(**opened, *kind, options);
    if (!entries)
        return voice.fail(entries.error().message);
    const bool csv = format == QLatin1String("csv");
    if (csv)
        out() << "rank,clip_id,clip,instrument,label,score,other_score,threshold,priority\n";
    int rank = 0;
    for (const review::ReviewEntry &e : *entries) {
        ++rank;
        const QString label = library::labelStateName(e.currentLabel);
        if (csv) {
            out() << rank << ',' << e.clipId << ',' << csvField(e.clipKey) << ','
                  << csvField(e.instrumentKey) << ',' << label << ',' << number(e.score) << ','
                  << number(e.otherScore) << ',' << number(e.threshold) << ','
                  << QString::number(e.priority, 'f', 6) << '\n';
            continue;
        }
        out() << rank << ' ' << e.clipKey << ' '
              << (e.instrumentKey.isEmpty() ? QStringLiteral("-") : e.instrumentKey) << ' ' << label
              << " score=" << (std::isnan(e.score) ? QStringLiteral("-") : number(e.score));
        if (!std::isnan(e.otherScore))
            out() << " other=" << number(e.otherScore);
        if (!std::isnan(e.threshold))
            out() << " threshold=" << number(e.threshold);
        out() << " priority=" << QString::number(e.priority, 'f', 4) << '\n';
    }
    return ExitOk;
}

} // namespace

static CliRegistrar registrar({QStringLiteral("review"),
                               QStringLiteral("Review queues: uncertain, label errors, "
                                              "disagreement, unlabelled"),
                               run});
