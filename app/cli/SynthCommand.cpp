// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre synth`: renders the labelled demo corpus (core/datasets/generators/SynthCorpusGenerator).
#include "CliCommand.h"
#include "FormatsOption.h"

#include "core/audio/AudioEncoder.h"
#include "core/datasets/generators/SynthCorpusGenerator.h"

#include <QCommandLineParser>

#include <cmath>

namespace {

using namespace timbre::cli;
using timbre::audio::AudioFormat;
using timbre::datasets::SynthCorpusGenerator;
using timbre::datasets::SynthErrorCode;
using timbre::datasets::SynthOptions;
using timbre::datasets::SynthProgress;

int run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
            "Render a labelled corpus from generated MIDI parts with FluidSynth: mixes in "
            "several formats, stems, labels.csv, activity.csv, optional mask.csv, corpus.json."));
    parser.addHelpOption();
    const QCommandLineOption outOption(QStringLiteral("out"), QStringLiteral("Output folder."),
                                       QStringLiteral("DIR"));
    const QCommandLineOption clipsOption(QStringLiteral("clips"),
                                         QStringLiteral("Number of clips (default 100)."),
                                         QStringLiteral("N"), QStringLiteral("100"));
    const QCommandLineOption seedOption(QStringLiteral("seed"),
                                        QStringLiteral("Random seed (default 1)."),
                                        QStringLiteral("S"), QStringLiteral("1"));
    const QCommandLineOption fontOption(
            QStringLiteral("soundfont"),
            QStringLiteral("SoundFont .sf2/.sf3, or a TiMidity++ configuration .cfg "
                           "(e.g. /etc/timidity/freepats.cfg) to render with "
                           "TiMidity++ instead of FluidSynth, or `sonivox` for Sonivox EAS "
                           "and its built-in sounds (default %1).")
                    .arg(SynthCorpusGenerator::defaultSoundFont()),
            QStringLiteral("F"));
    const QCommandLineOption observedOption(
            QStringLiteral("observed"),
            QStringLiteral("Fraction of labels left observed, in (0, 1]; below 1 writes "
                           "mask.csv hiding the rest (default 1)."),
            QStringLiteral("FRACTION"), QStringLiteral("1"));
    const QCommandLineOption secondsOption(QStringLiteral("seconds"),
                                           QStringLiteral("Clip length in seconds (default 10)."),
                                           QStringLiteral("S"), QStringLiteral("10"));
    const QCommandLineOption restsOption(
            QStringLiteral("rests"),
            QStringLiteral("Chance that a part other than one that plays throughout also rests "
                           "2-4 s inside the clip, in [0, 1] (default 0)."),
            QStringLiteral("P"), QStringLiteral("0"));
    const QCommandLineOption restsPerPartOption(
            QStringLiteral("rests-per-part"),
            QStringLiteral("How many 2-4 s rests a resting part takes, 1-4 (default 1)."),
            QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption variantsOption(
            QStringLiteral("variants"),
            QStringLiteral("Also draw the classes' variant programs (honky-tonk piano, slap bass, "
                           "muted guitar, reed organ, more synth leads and pads)."));
    const QCommandLineOption levelSpreadOption(
            QStringLiteral("level-spread"),
            QStringLiteral("Set each part's level 0..DB dB below full, drawn per part, in [0, 40] "
                           "(default 0: every part at one level)."),
            QStringLiteral("DB"), QStringLiteral("0"));
    const QCommandLineOption maxPartsOption(
            QStringLiteral("max-parts"),
            QStringLiteral("At most N instruments per clip, 1-8 (default 5)."), QStringLiteral("N"),
            QStringLiteral("5"));
    const QCommandLineOption formatsOption(
            QStringLiteral("formats"),
            QStringLiteral("Mix formats used in turn (default wav,flac,ogg,mp3)."),
            QStringLiteral("LIST"), QStringLiteral("wav,flac,ogg,mp3"));
    const QCommandLineOption noStemsOption(QStringLiteral("no-stems"),
                                           QStringLiteral("Do not write the stems."));
    const QCommandLineOption wavStemsOption(QStringLiteral("wav-stems"),
                                            QStringLiteral("Write stems as wav, not flac."));
    const QCommandLineOption quietOption(QStringLiteral("quiet"),
                                         QStringLiteral("Only the final summary."));
    parser.addOptions({outOption, clipsOption, seedOption, fontOption, observedOption,
                       secondsOption, restsOption, restsPerPartOption, variantsOption,
                       levelSpreadOption, maxPartsOption, formatsOption, noStemsOption,
                       wavStemsOption, quietOption});
    if (!parser.parse(arguments)) {
        err() << "timbre synth: " << parser.errorText() << '\n';
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText();
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty()) {
        err() << "timbre synth: unexpected argument '" << parser.positionalArguments().first()
              << "'\n";
        return ExitUsage;
    }

    SynthOptions options;
    options.outDir = parser.value(outOption);
    if (options.outDir.isEmpty()) {
        err() << "timbre synth: --out DIR is required\n";
        return ExitUsage;
    }
    bool ok = false;
    options.clips = parser.value(clipsOption).toInt(&ok);
    if (!ok || options.clips < 1) {
        err() << "timbre synth: --clips must be a positive integer\n";
        return ExitUsage;
    }
    options.seed = parser.value(seedOption).toUInt(&ok);
    if (!ok) {
        err() << "timbre synth: --seed must be a non-negative integer below 2^32\n";
        return ExitUsage;
    }
    options.observedFraction = parser.value(observedOption).toDouble(&ok);
    if (!ok || !(options.observedFraction > 0.0 && options.observedFraction <= 1.0)) {
        err() << "timbre synth: --observed must be a fraction in (0, 1]\n";
        return ExitUsage;
    }
    options.clipSeconds = parser.value(secondsOption).toDouble(&ok);
    if (!ok || !(options.clipSeconds >= 1.0 && options.clipSeconds <= 600.0)) {
        err() << "timbre synth: --seconds must be between 1 and 600\n";
        return ExitUsage;
    }
    options.restProbability = parser.value(restsOption).toDouble(&ok);
    if (!ok || !(options.restProbability >= 0.0 && options.restProbability <= 1.0)) {
        err() << "timbre synth: --rests must be a probability in [0, 1]\n";
        return ExitUsage;
    }
    options.restsPerPart = parser.value(restsPerPartOption).toInt(&ok);
    if (!ok || options.restsPerPart < 1 || options.restsPerPart > 4) {
        err() << "timbre synth: --rests-per-part must be between 1 and 4\n";
        return ExitUsage;
    }
    options.variants = parser.isSet(variantsOption);
    options.levelSpreadDb = parser.value(levelSpreadOption).toDouble(&ok);
    if (!ok || !(options.levelSpreadDb >= 0.0 && options.levelSpreadDb <= 40.0)) {
        err() << "timbre synth: --level-spread must be between 0 and 40 dB\n";
        return ExitUsage;
    }
    options.maxInstruments = parser.value(maxPartsOption).toInt(&ok);
    if (!ok || options.maxInstruments < 1 || options.maxInstruments > 8) {
        err() << "timbre synth: --max-parts must be between 1 and 8\n";
        return ExitUsage;
    }
    const auto formats
            = parseFormatsOption(parser.value(formatsOption), QStringLiteral("timbre synth"));
    if (!formats)
        return ExitUsage;
    options.formats = *formats;
    options.soundFont = parser.value(fontOption);
    options.writeStems = !parser.isSet(noStemsOption);
    if (parser.isSet(wavStemsOption))
        options.stemFormat = AudioFormat::Wav;
    const bool quiet = parser.isSet(quietOption);

    SynthCorpusGenerator generator(options);
    // About ten progress lines per run, whatever its size.
    const int every = std::max(1, int(std::ceil(options.clips / 10.0)));
    const auto progress = [&](const SynthProgress &p) {
        if (quiet || (p.clipsDone % every != 0 && p.clipsDone != p.clipsTotal))
            return;
        out() << "synth: " << p.clipsDone << '/' << p.clipsTotal << " clips, " << p.filesWritten
              << " files, " << QString::number(p.elapsedSeconds, 'f', 1) << " s\n";
        out().flush();
    };
    const timbre::datasets::SynthError error = generator.run(progress);
    if (error.isError()) {
        switch (error.code) {
        case SynthErrorCode::SoundFontMissing:
            err() << "timbre synth: SoundFont not found: " << error.path
                  << "\n  (install fluid-soundfont-gm or pass --soundfont FILE)\n";
            break;
        case SynthErrorCode::SoundFontUnreadable:
            err() << "timbre synth: cannot read SoundFont: " << error.toString() << '\n';
            break;
        case SynthErrorCode::OutputNotWritable:
            err() << "timbre synth: cannot write to the output folder: " << error.toString()
                  << '\n';
            break;
        default:
            err() << "timbre synth: " << error.toString() << '\n';
            break;
        }
        return error.code == SynthErrorCode::Cancelled         ? ExitCancelled
                : error.code == SynthErrorCode::InvalidOptions ? ExitUsage
                                                               : ExitFailure;
    }
    const auto &summary = generator.summary();
    out() << "synth: " << summary.clips << " clips ("
          << QString::number(summary.audioSeconds, 'f', 0) << " s of audio), " << summary.files
          << " files";
    if (summary.hiddenLabels > 0)
        out() << ", " << summary.hiddenLabels << '/' << summary.totalLabels << " labels hidden";
    out() << ", " << QString::number(summary.seconds, 'f', 1) << " s -> " << options.outDir << '\n';
    return ExitOk;
}

const CliRegistrar
        registrar({QStringLiteral("synth"),
                   QStringLiteral("render a labelled demo corpus from MIDI (FluidSynth)"), &run});

} // namespace
