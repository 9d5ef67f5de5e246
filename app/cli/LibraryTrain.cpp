// SPDX-License-Identifier: GPL-3.0-or-later
#include "LibraryTrain.h"

#include "CliCommand.h"
#include "CommonOptions.h"
#include "JobCli.h"

#include "core/jobs/PredictJob.h"
#include "core/jobs/TrainActivation.h"
#include "core/jobs/TrainJob.h"
#include "core/library/Library.h"

#include "models/api/ModelKinds.h"
#include "models/api/TrainConfig.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace timbre::cli {

namespace {

const char kExitCodes[]
        = "\nExit codes: 0 done; 1 failed (one line 'timbre train: error: ...', e.g. no features:\n"
          "run `timbre extract LIB` first); 2 usage error; 3 interrupted (SIGINT/SIGTERM):\n"
          "after at least one finished epoch the model trained so far (best validation epoch,\n"
          "else the last finished one) is registered, not active, with the note 'cancelled at\n"
          "epoch K of N'; before that nothing is registered. Earlier models are untouched.\n"
          "\nOutput (stdout, one line, key=value fields):\n"
          "  train done model=ID name=NAME kind=KIND parent=ID|none label_snapshot=N "
          "active=yes|no\n"
          "        epochs=N train_clips=N labelled_clips=N test_clips=N test_auroc=P|n/a\n"
          "        test_f1=P|n/a seconds=S        (test metrics in percent, on the test clips)\n"
          "  with --predict, a second line as `timbre predict --library` prints it.\n"
          "  interrupted: train cancelled epochs=N kept_model=ID|none kept_epoch=K\n";

QString percent(const QVariant &value)
{
    const double v = value.toDouble();
    return std::isfinite(v) ? QString::number(100.0 * v, 'f', 2) : QStringLiteral("n/a");
}

// Edit distance, for telling a misspelt setting from a kind-specific number.
int distance(const QString &a, const QString &b)
{
    QList<int> row(b.size() + 1);
    for (int j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (int i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = i;
        for (int j = 1; j <= b.size(); ++j) {
            const int above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1,
                               diagonal + (a[i - 1].toLower() == b[j - 1].toLower() ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

// "KEY=VALUE" into the job's overrides: a TrainConfig field (as in a model's hyper-parameters,
// e.g. learningRate, consistencyWeight, balanced) or else a kind-specific number (extra, e.g.
// hidden). Empty on success.
QString addOverride(const QString &pair, QVariantMap *overrides)
{
    const QString key = pair.section(QLatin1Char('='), 0, 0).trimmed();
    const QString text = pair.section(QLatin1Char('='), 1).trimmed();
    if (key.isEmpty() || !pair.contains(QLatin1Char('=')))
        return QStringLiteral("--set expects KEY=VALUE, got '%1'").arg(pair);
    static const QJsonObject fields
            = QJsonDocument::fromJson(QByteArray::fromStdString(models::TrainConfig().toJson()))
                      .object();
    const QJsonValue field = fields.value(key);
    if (field.isString() || field.isObject())
        return QStringLiteral("--set %1: not a setting (the job and its options set it)").arg(key);
    if (field.isBool()) {
        if (text != QLatin1String("true") && text != QLatin1String("false"))
            return QStringLiteral("--set %1 expects true or false").arg(key);
        overrides->insert(key, text == QLatin1String("true"));
        return {};
    }
    bool ok = false;
    const double number = text.toDouble(&ok);
    if (!ok)
        return QStringLiteral("--set %1 expects a number, got '%2'").arg(key, text);
    if (field.isUndefined()) {
        // Not a field: a kind-specific number, unless it is a field misspelt.
        for (auto it = fields.constBegin(); it != fields.constEnd(); ++it)
            if (distance(key, it.key()) <= 2)
                return QStringLiteral("--set %1: unknown setting (did you mean %2?)")
                        .arg(key, it.key());
    }
    if (field.isDouble()) {
        overrides->insert(key, number);
    } else {
        QVariantMap extra = overrides->value(QStringLiteral("extra")).toMap();
        extra.insert(key, number);
        overrides->insert(QStringLiteral("extra"), extra);
    }
    return {};
}

} // namespace

int trainLibrary(const QStringList &arguments)
{
    const CommandVoice voice {QStringLiteral("timbre train"), kExitCodes};
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "Train a model on a library's clips and register it as a new model version: the "
            "cached features of every non-test clip with its present / absent labels (unknown "
            "ones masked; Mean Teacher also learns from clips without labels), the test clips "
            "scored for the version's metrics, the checkpoint in LIB/models/. With --warm-start "
            "the new version continues from an earlier one (incremental retraining: "
            "10 epochs on the current labels by default, see docs/RESULTS.md)."));
    const QCommandLineOption libraryOption(
            QStringLiteral("library"), QStringLiteral("Library folder."), QStringLiteral("LIB"));
    QStringList kinds; // a library trains the bag kinds (models/api/ModelKinds.h)
    for (const std::string &key : models::bagKindKeys())
        kinds << QString::fromStdString(key);
    const QCommandLineOption modelOption(
            QStringLiteral("model"),
            QStringLiteral("Model kind: %1 (the first is the default).")
                    .arg(kinds.join(QStringLiteral(", "))),
            QStringLiteral("KIND"), QString::fromLatin1(models::defaultLibraryKind()));
    const QCommandLineOption warmOption(
            QStringLiteral("warm-start"),
            QStringLiteral("Continue from the active model ('active') or a model id or name."),
            QStringLiteral("active|ID"));
    const QCommandLineOption epochsOption = options::epochs(
            QStringLiteral("Epochs (default: the kind's from scratch, 10 for a warm start)."));
    const QCommandLineOption activateOption(
            QStringLiteral("activate"),
            QStringLiteral("Whether the new version becomes the active one: always (default), "
                           "never, or if-better (its test AUROC is higher than the active "
                           "version's)."),
            QStringLiteral("always|never|if-better"), QStringLiteral("always"));
    const QCommandLineOption noActivateOption(
            QStringLiteral("no-activate"),
            QStringLiteral("Register the new version without making it the active one "
                           "(--activate never)."));
    const QCommandLineOption noteOption(QStringLiteral("note"),
                                        QStringLiteral("A note stored with the version."),
                                        QStringLiteral("TEXT"));
    const QCommandLineOption predictOption(
            QStringLiteral("predict"),
            QStringLiteral("Then score every clip with the new version (the predict job)."));
    const QCommandLineOption seedOption = options::seed();
    const QCommandLineOption threadsOption = options::torchThreads();
    const QCommandLineOption extractorOption(
            QStringLiteral("extractor"),
            QStringLiteral("Features to train on, <id>-v<version> (default: the warm-start "
                           "model's, else melstat-v1)."),
            QStringLiteral("KEY"));
    const QCommandLineOption setOption(
            QStringLiteral("set"),
            QStringLiteral("A training setting over the defaults (repeatable): a field of the "
                           "hyper-parameters, e.g. learningRate=5e-4, consistencyWeight=16, "
                           "balanced=true, or a kind-specific number, e.g. hidden=64."),
            QStringLiteral("KEY=VALUE"));
    const QCommandLineOption quietOption(QStringLiteral("quiet"),
                                         QStringLiteral("No progress output."));
    parser.addOptions({libraryOption, modelOption, warmOption, epochsOption, activateOption,
                       noActivateOption, noteOption, predictOption, seedOption, threadsOption,
                       extractorOption, setOption, quietOption});
    int code = ExitOk;
    if (!voice.parseOrHelp(parser, arguments, &code))
        return code;
    if (!parser.positionalArguments().isEmpty())
        return voice.usage(QStringLiteral("unexpected argument '%1'")
                                   .arg(parser.positionalArguments().first()));
    if (parser.value(libraryOption).isEmpty())
        return voice.usage(QStringLiteral("--library needs a folder"));

    jobs::TrainJobOptions options;
    options.kind = parser.value(modelOption);
    if (!kinds.contains(options.kind))
        return voice.usage(QStringLiteral("--model %1: a library trains %2")
                                   .arg(options.kind, kinds.join(QStringLiteral(", "))));
    options.warmStart = parser.value(warmOption);
    if (parser.isSet(warmOption) && options.warmStart.isEmpty())
        return voice.usage(QStringLiteral("--warm-start needs 'active' or a model id"));
    if (parser.isSet(epochsOption)) {
        bool ok = false;
        options.epochs = parser.value(epochsOption).toInt(&ok);
        if (!ok || options.epochs < 1)
            return voice.usage(QStringLiteral("--epochs must be a positive number"));
    }
    bool seedOk = false;
    bool threadsOk = false;
    options.seed = parser.value(seedOption).toULongLong(&seedOk);
    options.threads = parser.value(threadsOption).toInt(&threadsOk);
    if (!seedOk || !threadsOk || options.threads < 0)
        return voice.usage(QStringLiteral("--seed and --threads must be numbers (threads >= 0)"));
    for (const QString &pair : parser.values(setOption))
        if (const QString e = addOverride(pair, &options.overrides); !e.isEmpty())
            return voice.usage(e);
    options.activation = parser.value(activateOption);
    if (!jobs::TrainActivation::isPolicy(options.activation))
        return voice.usage(
                QStringLiteral("--activate %1: one of %2")
                        .arg(options.activation,
                             jobs::TrainActivation::policies().join(QStringLiteral(", "))));
    options.activate = !parser.isSet(noActivateOption);
    if (!options.activate && parser.isSet(activateOption)
        && options.activation != QLatin1String("never"))
        return voice.usage(
                QStringLiteral("--no-activate contradicts --activate %1").arg(options.activation));
    options.note = parser.value(noteOption);
    options.extractorKey = parser.value(extractorOption);
    {
        // A clear message for a folder that is not a library, before any thread starts.
        auto lib = library::Library::open(parser.value(libraryOption),
                                          library::Library::OpenMode::ExistingOnly);
        if (!lib)
            return voice.fail(lib.error().message);
        options.libraryFolder = (*lib)->folder();
    }

    const bool quiet = parser.isSet(quietOption);
    QVariantMap r;
    code = runJobInForeground(std::make_unique<jobs::TrainJob>(options), voice, &r,
                              {quiet, options.libraryFolder});
    if (code == ExitCancelled) {
        const qint64 kept = r.value(QStringLiteral("modelId")).toLongLong();
        out() << "train cancelled epochs=" << r.value(QStringLiteral("epochs")).toInt()
              << " kept_model=" << (kept > 0 ? QString::number(kept) : QStringLiteral("none"))
              << " kept_epoch=" << r.value(QStringLiteral("keptEpoch")).toInt() << '\n';
        return code;
    }
    if (code != ExitOk)
        return code;
    const qint64 parent = r.value(QStringLiteral("parentId")).toLongLong();
    out() << "train done model=" << r.value(QStringLiteral("modelId")).toLongLong()
          << " name=" << r.value(QStringLiteral("name")).toString()
          << " kind=" << r.value(QStringLiteral("kind")).toString()
          << " parent=" << (parent > 0 ? QString::number(parent) : QStringLiteral("none"))
          << " label_snapshot=" << r.value(QStringLiteral("labelSnapshot")).toLongLong()
          << " active=" << (r.value(QStringLiteral("active")).toBool() ? "yes" : "no")
          << " epochs=" << r.value(QStringLiteral("epochs")).toInt()
          << " train_clips=" << r.value(QStringLiteral("trainBags")).toInt()
          << " labelled_clips=" << r.value(QStringLiteral("labelledBags")).toInt()
          << " test_clips=" << r.value(QStringLiteral("testBags")).toInt()
          << " test_auroc=" << percent(r.value(QStringLiteral("testAuroc")))
          << " test_f1=" << percent(r.value(QStringLiteral("testF1")))
          << " seconds=" << QString::number(r.value(QStringLiteral("seconds")).toDouble(), 'f', 2)
          << '\n';
    out().flush();
    if (!parser.isSet(predictOption))
        return ExitOk;

    // --predict: the new version's scores of every clip, as `timbre predict --library` does.
    jobs::PredictOptions predict;
    predict.libraryFolder = options.libraryFolder;
    predict.modelId = r.value(QStringLiteral("modelId")).toLongLong();
    predict.threads = options.threads;
    const CommandVoice predictVoice {QStringLiteral("timbre train --predict"), ""};
    QVariantMap p;
    code = runJobInForeground(std::make_unique<jobs::PredictJob>(predict), predictVoice, &p,
                              {quiet, options.libraryFolder});
    if (code != ExitOk && p.isEmpty())
        return code;
    const double seconds = p.value(QStringLiteral("seconds")).toDouble();
    const qint64 clips = p.value(QStringLiteral("clips")).toLongLong();
    out() << QStringLiteral("%1 %2 clips with model %3 (run %4), %5 skipped, %6 s (%7 clips/s)\n")
                     .arg(code == ExitOk ? QStringLiteral("predicted")
                                         : QStringLiteral("stopped after"))
                     .arg(clips)
                     .arg(p.value(QStringLiteral("modelId")).toLongLong())
                     .arg(p.value(QStringLiteral("runId")).toLongLong())
                     .arg(p.value(QStringLiteral("skipped")).toLongLong())
                     .arg(seconds, 0, 'f', 2)
                     .arg(seconds > 0 ? clips / seconds : 0.0, 0, 'f', 0);
    return code;
}

} // namespace timbre::cli
