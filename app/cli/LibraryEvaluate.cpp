// SPDX-License-Identifier: GPL-3.0-or-later
#include "LibraryEvaluate.h"

#include "CliCommand.h"
#include "CommonOptions.h"
#include "LibraryPredict.h"

#include "core/eval/LibraryEvaluation.h"
#include "core/eval/LibraryEvaluationTable.h"
#include "core/library/Library.h"
#include "core/modelling/ModelRunner.h"

#include <QCommandLineParser>

namespace timbre::cli {

int evaluateLibrary(const QStringList &arguments)
{
    const CommandVoice voice {QStringLiteral("timbre evaluate"), ""};
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "Evaluate model versions of a library on the same clips: per model the thesis' "
            "metrics at threshold 0.5 (the numbers of `timbre evaluate --model CKPT` on the "
            "same bags), a per-instrument table side by side and the clips where the first two "
            "models disagree most."));
    const QCommandLineOption libraryOption(
            QStringLiteral("library"), QStringLiteral("Library folder."), QStringLiteral("LIB"));
    const QCommandLineOption modelsOption(QStringLiteral("models"),
                                          QStringLiteral("Model ids or names, comma-separated."),
                                          QStringLiteral("A,B"));
    const QCommandLineOption clipsOption(QStringLiteral("clips"),
                                         QStringLiteral("test (default) or all."),
                                         QStringLiteral("WHICH"), QStringLiteral("test"));
    const QCommandLineOption topOption(QStringLiteral("top"),
                                       QStringLiteral("Disagreeing clips to list (default 10)."),
                                       QStringLiteral("N"), QStringLiteral("10"));
    const QCommandLineOption threadsOption = options::torchThreads();
    const QCommandLineOption localisationOption(
            QStringLiteral("localisation"),
            QStringLiteral("Per-second localisation score, as `timbre evaluate --model` takes "
                           "it (default %1).")
                    .arg(eval::LocalisationScoring::defaults().name()),
            QStringLiteral("SCORE"), eval::LocalisationScoring::defaults().name());
    parser.addOptions({libraryOption, modelsOption, clipsOption, topOption, threadsOption,
                       localisationOption});
    int exitCode = ExitOk;
    if (!voice.parseOrHelp(parser, arguments, &exitCode))
        return exitCode;
    if (!parser.isSet(modelsOption))
        return voice.usage(QStringLiteral("--library needs --models A[,B...]"));
    const QString which = parser.value(clipsOption);
    if (which != QLatin1String("test") && which != QLatin1String("all"))
        return voice.usage(QStringLiteral("--clips must be test or all"));

    const QString folder = parser.value(libraryOption);
    eval::LibraryEvaluationOptions options;
    options.clips = which == QLatin1String("all") ? eval::LibraryEvaluationOptions::Clips::All
                                                  : eval::LibraryEvaluationOptions::Clips::Test;
    options.disagreements = qMax(0, parser.value(topOption).toInt());
    options.threads = parser.value(threadsOption).toInt();
    const auto scoring = eval::LocalisationScoring::parse(parser.value(localisationOption));
    if (!scoring)
        return voice.usage(QStringLiteral("unknown --localisation '%1'")
                                   .arg(parser.value(localisationOption)));
    options.localisation = *scoring;
    for (const QString &m :
         parser.value(modelsOption).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        QString error;
        const qint64 id = modelIdFromArgument(folder, m.trimmed(), &error);
        if (id == 0)
            return voice.fail(error);
        options.modelIds << id;
    }
    auto lib = library::Library::open(folder, library::Library::OpenMode::ExistingOnly);
    if (!lib)
        return voice.fail(lib.error().message);
    const eval::LibraryEvaluation result = eval::LibraryEvaluator::evaluate(**lib, options);
    if (!result.ok())
        return voice.fail(result.error);
    for (const QString &s : result.skipped)
        err() << "skipped " << s << '\n';

    out() << result.clipIds.size() << ' ' << which << " clips\n";
    for (const eval::ModelEvaluation &m : result.models)
        out() << "model " << m.modelId << " (" << m.name
              << ") test (threshold 0.5): " << modelling::ModelRunner::summaryLine(m.report)
              << '\n';

    // The per-instrument table, as the comparison view shows it.
    eval::LibraryEvaluationTable table;
    table.setEvaluation(result);
    const bool two = result.models.size() > 1;
    using T = eval::LibraryEvaluationTable;
    // Model names do not fit a column: the header names the versions by id ("F1 #3"), as the
    // lines above do ("model 3 (name)").
    QList<int> columns {0, 1, 2};
    QStringList titles {T::tr("instrument"), T::tr("labels"), T::tr("positives")};
    const auto id
            = [&result](int i) { return QStringLiteral("#%1").arg(result.models.at(i).modelId); };
    for (T::Metric metric : {T::F1, T::Auroc, T::AveragePrecision}) {
        const QString name = T::metricName(metric);
        columns << T::column(metric, T::SideA);
        titles << name + QLatin1Char(' ') + id(0);
        if (two) {
            columns << T::column(metric, T::SideB) << T::column(metric, T::SideDifference);
            titles << name + QLatin1Char(' ') + id(1) << QStringLiteral("Δ") + name;
        }
    }
    const auto cell = [](const QString &text, int column) {
        return column == 0 ? text.leftJustified(18) : QLatin1Char(' ') + text.rightJustified(10);
    };
    QString header;
    for (int i = 0; i < columns.size(); ++i)
        header += cell(titles.at(i).left(columns.at(i) == 0 ? 18 : 10), columns.at(i));
    out() << header << '\n';
    for (int r = 0; r < table.rowCount(); ++r) {
        QString line;
        for (int c : columns)
            line += cell(table.data(table.index(r, c)).toString(), c);
        out() << line << '\n';
    }
    if (two && !result.disagreements.empty()) {
        out() << "clips where models " << result.models[0].modelId << " and "
              << result.models[1].modelId << " disagree most:\n";
        for (const eval::Disagreement &d : result.disagreements)
            out() << QStringLiteral("  %1  %2  %3 %4  label %5  clip %6\n")
                             .arg(d.trackPath, d.instrument.leftJustified(14))
                             .arg(d.scoreA, 0, 'f', 3)
                             .arg(d.scoreB, 0, 'f', 3)
                             .arg(d.label < 0 ? QStringLiteral("?") : QString::number(d.label))
                             .arg(d.clipId);
    }
    out() << result.localisationNote << '\n';
    for (size_t m = 0; m < result.localisation.size() && m < result.models.size(); ++m) {
        if (result.localisation[m].empty())
            continue;
        out() << "model " << result.models[m].modelId << " localisation AUROC ("
              << options.localisation.name() << "):";
        for (const eval::ResolutionAuroc &r : result.localisation[m])
            out() << ' '
                  << (r.seconds == 0 ? QStringLiteral("track")
                                     : QStringLiteral("%1s").arg(r.seconds))
                  << '=' << QString::number(100.0 * r.mean, 'f', 2);
        if (m < result.localisationWithinTrack.size())
            out() << " within-track 1s="
                  << QString::number(100.0 * result.localisationWithinTrack[m].mean, 'f', 2)
                  << " (pair-weighted "
                  << QString::number(100.0 * result.localisationWithinTrack[m].pairWeightedMean,
                                     'f', 2)
                  << ')';
        out() << '\n';
    }
    return ExitOk;
}

} // namespace timbre::cli
