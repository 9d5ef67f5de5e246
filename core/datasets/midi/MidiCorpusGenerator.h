// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/audio/AudioEncoder.h"
#include "core/datasets/generators/SynthError.h"
#include "core/datasets/generators/SynthRenderer.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>

namespace timbre::datasets {

struct MidiCorpusOptions
{
    QStringList inputs; // MIDI files, or folders searched (recursively) for .mid/.midi/.kar
    QString outDir;
    QString soundFont; // empty: SynthCorpusGenerator::defaultSoundFont()
    double clipSeconds = 10.0;
    double hopSeconds = 20.0; // from one excerpt's start to the next in a song
    int maxClipsPerSong = 0; // > 0: at most this many excerpts, spread over the song
    bool writeStems = true;
    QList<timbre::audio::AudioFormat> formats; // in turn clip by clip; empty: the synth's default
    timbre::audio::AudioFormat stemFormat = timbre::audio::AudioFormat::Flac;
};

struct MidiCorpusProgress
{
    int clipsDone = 0;
    int clipsTotal = 0;
    double elapsedSeconds = 0.0;
    QString lastClip;
};

struct MidiCorpusSummary
{
    int songsFound = 0;
    int songsUsed = 0; // songs with at least one clip
    int clips = 0;
    int files = 0;
    double seconds = 0.0; // wall time
    double audioSeconds = 0.0;
    int silentWindows = 0; // excerpts in which no class plays (not written)
    int droppedParts = 0; // song parts no class stands for (see corpus.json)
    QStringList skipped; // "path: problem" for each file that could not be used
};

// Writes a labelled corpus from MIDI songs someone else wrote, in the layout of the synth
// corpus (mixes/, stems/, labels.csv, activity.csv, corpus.json, README.md), so that
// `timbre evaluate`, the importers and the experiment scripts read it unchanged. Each song is
// cut into excerpts of clipSeconds every hopSeconds; each excerpt is rendered from its notes
// with the song's programs, channel volumes and pans (GeneralMidiMap decides the classes, see
// mapMidiSong), and labelled from the same notes. A file that cannot be read is skipped and
// named in the summary and corpus.json; the run fails only when no file gives a clip.
class MidiCorpusGenerator
{
public:
    using ProgressCallback = std::function<void(const MidiCorpusProgress &)>;

    explicit MidiCorpusGenerator(MidiCorpusOptions options);

    // The MIDI files among `inputs`, sorted; a path that is neither a file nor a folder is
    // named in `missing`.
    static QStringList findMidiFiles(const QStringList &inputs, QStringList *missing);
    // The start times of the excerpts of a song `songSeconds` long.
    static std::vector<double> excerptStarts(double songSeconds, double clipSeconds,
                                             double hopSeconds, int maxClips);

    SynthError run(const ProgressCallback &progress = {},
                   const std::atomic<bool> *cancel = nullptr);
    const MidiCorpusSummary &summary() const { return m_summary; }
    const MidiCorpusOptions &options() const { return m_options; }

private:
    MidiCorpusOptions m_options;
    MidiCorpusSummary m_summary;
    SynthRenderer m_renderer;
};

} // namespace timbre::datasets
