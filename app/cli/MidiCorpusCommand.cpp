// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre midi-corpus`: renders labelled excerpts of MIDI songs (core/datasets/midi).
#include "CliCommand.h"
#include "FormatsOption.h"

#include "core/datasets/generators/SynthCorpusGenerator.h"
#include "core/datasets/midi/MidiCorpusGenerator.h"

#include <QCommandLineParser>

#include <cmath>

namespace {

using namespace timbre::cli;
using timbre::datasets::MidiCorpusGenerator;
using timbre::datasets::MidiCorpusOptions;
using timbre::datasets::MidiCorpusProgress;
using timbre::datasets::SynthErrorCode;

int run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "Render labelled excerpts of MIDI songs with FluidSynth, in the layout of `timbre "
            "synth` (mixes, stems, labels.csv, activity.csv, corpus.json): a test set of music "
            "nobody in this project wrote. Parts whose General MIDI program is none of the "
            "classes' sounds are left out of the audio and listed in corpus.json."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("inputs"),
                                 QStringLiteral("MIDI files or folders (searched recursively)."),
                                 QStringLiteral("FILE|DIR..."));
    const QCommandLineOption outOption(QStringLiteral("out"), QStringLiteral("Output folder."),
                                       QStringLiteral("DIR"));
    const QCommandLineOption fontOption(
            QStringLiteral("soundfont"),
            QStringLiteral("SoundFont .sf2/.sf3, or a TiMidity++ configuration .cfg "
                           "(e.g. /etc/timidity/freepats.cfg) to render with "
                           "TiMidity++ instead of FluidSynth, or `sonivox` for Sonivox EAS "
                           "and its built-in sounds (default %1).")
                    .arg(timbre::datasets::SynthCorpusGenerator::defaultSoundFont()),
            QStringLiteral("F"));
    const QCommandLineOption secondsOption(
            QStringLiteral("seconds"), QStringLiteral("Excerpt length in seconds (default 10)."),
            QStringLiteral("S"), QStringLiteral("10"));
    const QCommandLineOption hopOption(
            QStringLiteral("hop"),
            QStringLiteral("Seconds from one excerpt's start to the next (default 20)."),
            QStringLiteral("S"), QStringLiteral("20"));
    const QCommandLineOption perSongOption(
            QStringLiteral("per-song"),
            QStringLiteral("At most N excerpts per song, spread over it (default: all)."),
            QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption formatsOption(
            QStringLiteral("formats"),
            QStringLiteral("Mix formats used in turn (default wav,flac,ogg,mp3)."),
            QStringLiteral("LIST"), QStringLiteral("wav,flac,ogg,mp3"));
    const QCommandLineOption noStemsOption(QStringLiteral("no-stems"),
                                           QStringLiteral("Do not write the stems."));
    const QCommandLineOption quietOption(QStringLiteral("quiet"),
                                         QStringLiteral("Only the final summary."));
    parser.addOptions({outOption, fontOption, secondsOption, hopOption, perSongOption,
                       formatsOption, noStemsOption, quietOption});
    if (!parser.parse(arguments)) {
        err() << "timbre midi-corpus: " << parser.errorText() << '\n';
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText();
        return ExitOk;
    }
    MidiCorpusOptions options;
    options.inputs = parser.positionalArguments();
    options.outDir = parser.value(outOption);
    if (options.inputs.isEmpty() || options.outDir.isEmpty()) {
        err() << "timbre midi-corpus: needs MIDI files or folders and --out DIR\n";
        return ExitUsage;
    }
    bool ok = false;
    options.clipSeconds = parser.value(secondsOption).toDouble(&ok);
    if (!ok || !(options.clipSeconds >= 1.0 && options.clipSeconds <= 600.0)) {
        err() << "timbre midi-corpus: --seconds must be between 1 and 600\n";
        return ExitUsage;
    }
    options.hopSeconds = parser.value(hopOption).toDouble(&ok);
    if (!ok || !(options.hopSeconds > 0.0)) {
        err() << "timbre midi-corpus: --hop must be a positive number of seconds\n";
        return ExitUsage;
    }
    options.maxClipsPerSong = parser.value(perSongOption).toInt(&ok);
    if (!ok || options.maxClipsPerSong < 0) {
        err() << "timbre midi-corpus: --per-song must be 0 or a positive integer\n";
        return ExitUsage;
    }
    const auto formats
            = parseFormatsOption(parser.value(formatsOption), QStringLiteral("timbre midi-corpus"));
    if (!formats)
        return ExitUsage;
    options.formats = *formats;
    options.soundFont = parser.value(fontOption);
    options.writeStems = !parser.isSet(noStemsOption);
    const bool quiet = parser.isSet(quietOption);

    MidiCorpusGenerator generator(options);
    const auto progress = [&](const MidiCorpusProgress &p) {
        const int every = std::max(1, int(std::ceil(p.clipsTotal / 10.0)));
        if (quiet || (p.clipsDone % every != 0 && p.clipsDone != p.clipsTotal))
            return;
        out() << "midi-corpus: " << p.clipsDone << '/' << p.clipsTotal << " clips, "
              << QString::number(p.elapsedSeconds, 'f', 1) << " s\n";
        out().flush();
    };
    const timbre::datasets::SynthError error = generator.run(progress);
    const auto &summary = generator.summary();
    for (const QString &problem : summary.skipped)
        err() << "timbre midi-corpus: skipped " << problem << '\n';
    if (error.isError()) {
        err() << "timbre midi-corpus: " << error.toString() << '\n';
        return error.code == SynthErrorCode::Cancelled         ? ExitCancelled
                : error.code == SynthErrorCode::InvalidOptions ? ExitUsage
                                                               : ExitFailure;
    }
    out() << "midi-corpus: " << summary.clips << " clips from " << summary.songsUsed << " of "
          << summary.songsFound << " songs (" << summary.silentWindows
          << " excerpts without a class left out, " << summary.droppedParts
          << " song parts no class stands for), " << summary.files << " files, "
          << QString::number(summary.seconds, 'f', 1) << " s -> " << options.outDir << '\n';
    return ExitOk;
}

const CliRegistrar registrar({QStringLiteral("midi-corpus"),
                              QStringLiteral("render labelled excerpts of MIDI songs (FluidSynth)"),
                              &run});

} // namespace
