// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre features`: decode, log-mel and embed every audio file under the given paths, print a
// per-format summary (files, instances, speed in x real time) and optionally write the
// [instances x dim] matrices as <clip>.npy for `timbre train`, with each clip's instance levels
// in levels.csv (for `timbre evaluate`'s '+level' scores).
#include "CliCommand.h"

#include "core/datasets/trainsets/FeatureDirectory.h"
#include "core/datasets/trainsets/InstanceLevelsFile.h"
#include "core/features/ExtractorRegistry.h"
#include "core/features/TrackFeatureExtractor.h"
#include "core/library/TagReader.h"

#include <QCommandLineParser>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QMap>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <cmath>

using namespace timbre;

namespace {

struct FileResult
{
    QString path;
    features::FeatureMatrix matrix;
    double seconds = 0; // extraction time on one thread
};

struct FormatSummary
{
    int files = 0;
    int failed = 0;
    long long instances = 0;
    double audioSeconds = 0;
    double extractSeconds = 0;
};

QStringList collectAudioFiles(const QStringList &paths, QStringList *missing)
{
    QStringList files;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (info.isDir()) {
            QDirIterator it(path, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString file = it.next();
                if (library::TagReader::hasAudioExtension(file))
                    files << file;
            }
        } else if (info.exists()) {
            files << path; // named explicitly: let the decoder say whether it is audio
        } else {
            missing->append(path);
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

int run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "Extract instance features (decode, resample, log-mel, embedding) from audio files "
            "and folders, and print files, instances and speed per format."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("paths"),
                                 QStringLiteral("Audio files or folders (searched recursively)."),
                                 QStringLiteral("PATH..."));
    const QCommandLineOption writeOption(
            QStringLiteral("write"),
            QStringLiteral("Write <clip>.npy [instances x dim] for each file into DIR, and each "
                           "file's instance levels in dB into DIR/levels.csv."),
            QStringLiteral("DIR"));
    const QCommandLineOption extractorOption(
            QStringLiteral("extractor"),
            QStringLiteral("Extractor id (default melstat): a built-in, or one registered in "
                           "the --library with `timbre extractors`."),
            QStringLiteral("ID"), features::ExtractorRegistry::defaultId());
    const QCommandLineOption libraryOption(
            QStringLiteral("library"),
            QStringLiteral("Library folder whose registered extractors --extractor may name."),
            QStringLiteral("LIB"));
    const QCommandLineOption threadsOption(
            QStringLiteral("threads"),
            QStringLiteral("Files decoded in parallel (default: all cores)."), QStringLiteral("N"),
            QString::number(QThread::idealThreadCount()));
    const QCommandLineOption startOption(
            QStringLiteral("start"),
            QStringLiteral("Read each file from S seconds on (default 0). Half an instance "
                           "(0.48 for cnn) gives the shifted grid of overlapping instances that "
                           "`timbre evaluate --shifted` reads."),
            QStringLiteral("S"), QStringLiteral("0"));
    const QCommandLineOption levelsOnlyOption(
            QStringLiteral("levels-only"),
            QStringLiteral("With --write: only each file's instance levels into DIR/levels.csv "
                           "(decoding and the front end, no embedding); the matrices already "
                           "in DIR stay as they are."));
    parser.addOptions({writeOption, extractorOption, libraryOption, threadsOption, startOption,
                       levelsOnlyOption});
    if (!parser.parse(arguments)) {
        cli::err() << "timbre features: " << parser.errorText() << '\n';
        return cli::ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        cli::out() << parser.helpText();
        return cli::ExitOk;
    }
    if (parser.positionalArguments().isEmpty()) {
        cli::err() << "timbre features: no input paths given\n";
        return cli::ExitUsage;
    }
    const QString library = parser.value(libraryOption);
    if (!library.isEmpty() && !QFileInfo(library).isDir()) {
        cli::err() << "timbre features: " << library << ": no such library folder\n";
        return cli::ExitFailure;
    }
    const features::ExtractorRegistry registry(library);
    const auto spec = registry.find(parser.value(extractorOption));
    if (!spec) {
        for (const QString &error : registry.errors())
            cli::err() << "timbre features: warning: " << error << '\n';
        cli::err() << "timbre features: unknown extractor '" << parser.value(extractorOption) << "'"
                   << (library.isEmpty() ? " (registered ones need --library LIB)" : "") << "\n";
        return cli::ExitUsage;
    }
    const features::ExtractorInfo *extractor = &spec->info;
    bool startOk = false;
    features::TrackFeatureOptions extractOptions;
    extractOptions.startSeconds = parser.value(startOption).toDouble(&startOk);
    if (!startOk || !std::isfinite(extractOptions.startSeconds)
        || extractOptions.startSeconds < 0.0) {
        cli::err() << "timbre features: --start needs seconds >= 0\n";
        return cli::ExitUsage;
    }
    const QString writeDir = parser.value(writeOption);
    const bool levelsOnly = parser.isSet(levelsOnlyOption);
    if (levelsOnly && writeDir.isEmpty()) {
        cli::err() << "timbre features: --levels-only needs --write DIR\n";
        return cli::ExitUsage;
    }
    extractOptions.loadEmbedding = !levelsOnly;
    // Loaded (and probed) once; each file's extractor is a copy sharing the module.
    const features::TrackFeatureExtractor prototype(*spec, extractOptions);
    if (!levelsOnly && !prototype.error().isEmpty()) {
        cli::err() << "timbre features: error: " << prototype.error() << '\n';
        return cli::ExitFailure;
    }
    if (!writeDir.isEmpty() && !levelsOnly) {
        // Refused before any file is decoded, so the folder's matrices stay as they were.
        const auto error = datasets::FeatureDirectory::checkExtractor(
                writeDir, extractor->id, extractor->version, extractor->dimension);
        if (!error.ok()) {
            cli::err() << "timbre features: error: " << error.message << '\n';
            return cli::ExitFailure;
        }
    }
    bool threadsOk = false;
    const int threads = parser.value(threadsOption).toInt(&threadsOk);
    if (!threadsOk || threads < 1) {
        cli::err() << "timbre features: --threads needs a positive number\n";
        return cli::ExitUsage;
    }

    QStringList missing;
    const QStringList files = collectAudioFiles(parser.positionalArguments(), &missing);
    for (const QString &path : missing)
        cli::err() << "timbre features: " << path << ": no such file or folder\n";
    if (files.isEmpty()) {
        cli::err() << "timbre features: no audio files found\n";
        return cli::ExitFailure;
    }

    QThreadPool pool;
    pool.setMaxThreadCount(threads);
    QElapsedTimer wall;
    wall.start();
    const QList<FileResult> results = QtConcurrent::blockingMapped<QList<FileResult>>(
            &pool, files, [&](const QString &path) {
                FileResult result;
                result.path = path;
                QElapsedTimer timer;
                timer.start();
                // One extractor per file: it keeps per-instance buffers and is not shared
                // between threads; copying one is negligible next to decoding (a TorchScript
                // module is shared, not reloaded).
                features::TrackFeatureExtractor trackExtractor(prototype);
                result.matrix
                        = levelsOnly ? trackExtractor.levels(path) : trackExtractor.extract(path);
                result.seconds = timer.nsecsElapsed() / 1e9;
                return result;
            });
    const double wallSeconds = wall.nsecsElapsed() / 1e9;

    QMap<QString, FormatSummary> formats;
    int failures = 0;
    for (const FileResult &result : results) {
        FormatSummary &summary = formats[QFileInfo(result.path).suffix().toLower()];
        ++summary.files;
        if (!result.matrix.ok()) {
            ++summary.failed;
            ++failures;
            cli::err() << "timbre features: " << result.matrix.error.toString() << '\n';
            continue;
        }
        summary.instances += result.matrix.rows;
        summary.audioSeconds += result.matrix.durationSeconds;
        summary.extractSeconds += result.seconds;
        if (!writeDir.isEmpty() && !levelsOnly) {
            const auto error = datasets::FeatureDirectory::writeFeatures(
                    writeDir, QFileInfo(result.path).completeBaseName(),
                    result.matrix.values.data(), result.matrix.rows, result.matrix.cols);
            if (!error.ok()) {
                cli::err() << "timbre features: " << error.message << '\n';
                return cli::ExitFailure;
            }
        }
    }

    QTextStream &out = cli::out();
    out << "extractor " << extractor->key() << ", " << extractor->dimension << "-d instances, "
        << threads << " thread(s)\n";
    out << QStringLiteral("%1 %2 %3 %4 %5 %6\n")
                    .arg(QStringLiteral("format"), -7)
                    .arg(QStringLiteral("files"), 6)
                    .arg(QStringLiteral("failed"), 7)
                    .arg(QStringLiteral("audio s"), 9)
                    .arg(QStringLiteral("instances"), 10)
                    .arg(QStringLiteral("x real time/thread"), 19);
    FormatSummary total;
    for (auto it = formats.cbegin(); it != formats.cend(); ++it) {
        const FormatSummary &s = it.value();
        const double speed = s.extractSeconds > 0 ? s.audioSeconds / s.extractSeconds : 0.0;
        out << QStringLiteral("%1 %2 %3 %4 %5 %6\n")
                        .arg(it.key(), -7)
                        .arg(s.files, 6)
                        .arg(s.failed, 7)
                        .arg(s.audioSeconds, 9, 'f', 1)
                        .arg(s.instances, 10)
                        .arg(speed, 19, 'f', 1);
        total.files += s.files;
        total.failed += s.failed;
        total.instances += s.instances;
        total.audioSeconds += s.audioSeconds;
        total.extractSeconds += s.extractSeconds;
    }
    out << QStringLiteral("total: %1 files (%2 failed), %3 instances, %4 s of audio in %5 s wall "
                          "(%6x real time)\n")
                    .arg(total.files)
                    .arg(total.failed)
                    .arg(total.instances)
                    .arg(total.audioSeconds, 0, 'f', 1)
                    .arg(wallSeconds, 0, 'f', 2)
                    .arg(wallSeconds > 0 ? total.audioSeconds / wallSeconds : 0.0, 0, 'f', 1);
    if (!writeDir.isEmpty()) {
        // So that `timbre train --data` names the extractor in the checkpoint, and the head can
        // become a version of a library that has it (`timbre models LIB --import`).
        const auto error = levelsOnly
                ? (QDir().mkpath(writeDir)
                           ? datasets::NpzError()
                           : datasets::NpzError::make(datasets::NpzErrorCode::WriteFailed, {},
                                                      writeDir + QStringLiteral(": cannot create")))
                : datasets::FeatureDirectory::writeExtractor(
                        writeDir, extractor->id, extractor->version, extractor->dimension);
        if (!error.ok()) {
            cli::err() << "timbre features: " << error.message << '\n';
            return cli::ExitFailure;
        }
        // Each clip's instance levels, for the '+level' localisation scores of `timbre evaluate`.
        datasets::InstanceLevelsFile::Levels levels;
        for (const FileResult &result : results)
            if (result.matrix.ok())
                levels.insert(QFileInfo(result.path).completeBaseName(), result.matrix.levelsDb);
        const QString levelsPath
                = QDir(writeDir).filePath(datasets::InstanceLevelsFile::fileName());
        const auto levelsError = datasets::InstanceLevelsFile::merge(levelsPath, levels);
        if (!levelsError.ok()) {
            cli::err() << "timbre features: " << levelsError.message << '\n';
            return cli::ExitFailure;
        }
        out << "wrote " << (total.files - total.failed)
            << (levelsOnly ? " files' levels to " : " feature files and their levels to ")
            << writeDir << '\n';
    }
    return failures > 0 ? cli::ExitFailure : cli::ExitOk;
}

const cli::CliRegistrar
        registrar({QStringLiteral("features"),
                   QStringLiteral("Extract instance features, print speed per format"), &run});

} // namespace
