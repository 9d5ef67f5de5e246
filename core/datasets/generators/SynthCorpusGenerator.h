// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/audio/AudioEncoder.h"
#include "core/datasets/generators/MusicGenerator.h"
#include "core/datasets/generators/SynthError.h"
#include "core/datasets/generators/SynthRenderer.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>
#include <random>

namespace timbre::datasets {

struct SynthOptions
{
    QString outDir;
    int clips = 100;
    double clipSeconds = 10.0;
    quint32 seed = 1;
    QString soundFont; // empty: SynthCorpusGenerator::defaultSoundFont()
    double observedFraction = 1.0; // < 1 hides (1 - fraction) of ALL labels (mask.csv)
    double restProbability = 0.0; // MusicGeneratorOptions::restProbability
    int restsPerPart = 1; // MusicGeneratorOptions::restsPerPart
    bool variants = false; // MusicGeneratorOptions::variants
    double levelSpreadDb = 0.0; // MusicGeneratorOptions::levelSpreadDb
    int maxInstruments = 5; // parts per clip at most (1..SynthRenderer::kMaxParts)
    bool writeStems = true;
    // Mix formats, used in turn clip by clip; empty: wav, flac, ogg, mp3.
    QList<timbre::audio::AudioFormat> formats;
    timbre::audio::AudioFormat stemFormat = timbre::audio::AudioFormat::Flac; // Flac or Wav
};

struct SynthProgress
{
    int clipsDone = 0;
    int clipsTotal = 0;
    int filesWritten = 0;
    double elapsedSeconds = 0.0;
    QString lastClip; // "clip_0041"
};

struct SynthSummary
{
    int clips = 0; // clips written
    int files = 0; // every file written (mixes, stems, CSV, JSON, README)
    double seconds = 0.0; // wall time of run()
    double audioSeconds = 0.0; // total length of the mixes
    int hiddenLabels = 0;
    int totalLabels = 0;
};

// Writes a labelled corpus rendered from MIDI into `outDir`:
//   mixes/clip_0000.<ext>               the mix, formats in turn, tagged for a library browser
//   stems/clip_0000/<instrument>.flac   each part alone, same gain as the mix (mix = sum)
//   labels.csv    clip,instrument,present      every OpenMIC class for every clip, 0/1
//   activity.csv  clip,instrument,start,end    strong labels from the note events (seconds)
//   mask.csv      clip,instrument,observed     only when observedFraction < 1
//   corpus.json   options, seed, classes, the GM mapping and every clip's files and music
//   README.md     what the files mean
// Clip k depends only on (seed, k): the same seed gives byte-identical labels and identical
// audio, and a longer run extends a shorter one.
class SynthCorpusGenerator
{
public:
    using ProgressCallback = std::function<void(const SynthProgress &)>;

    explicit SynthCorpusGenerator(SynthOptions options);
    ~SynthCorpusGenerator();

    static QString defaultSoundFont();
    static QList<timbre::audio::AudioFormat> defaultFormats();
    static QString clipName(int clip, int clipCount);
    // The generator that decides everything about clip `clip`.
    static std::mt19937 clipRng(quint32 seed, int clip);

    // Loads the SoundFont (run() calls it when needed).
    SynthError prepare();
    // The music and audio of one clip, in memory (no files).
    SynthError renderClip(int clip, SynthArrangement &arrangement, RenderedClip &rendered);

    // Renders and writes the whole corpus. `progress` is called after each clip; `cancel`
    // is checked between clips (what was finished stays consistent on disk).
    SynthError run(const ProgressCallback &progress = {},
                   const std::atomic<bool> *cancel = nullptr);
    const SynthSummary &summary() const { return m_summary; }
    const SynthOptions &options() const { return m_options; }

private:
    SynthOptions m_options;
    SynthSummary m_summary;
    SynthRenderer m_renderer;
    std::unique_ptr<MusicGenerator> m_music;
};

} // namespace timbre::datasets
