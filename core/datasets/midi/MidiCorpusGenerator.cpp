// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/midi/MidiCorpusGenerator.h"

#include "core/datasets/generators/GeneralMidiMap.h"
#include "core/datasets/generators/SynthCorpusGenerator.h"
#include "core/datasets/generators/SynthCorpusWriter.h"
#include "core/datasets/midi/MidiSongMapping.h"
#include "core/util/OpenMicClasses.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <optional>

namespace timbre::datasets {

namespace {

struct SongEntry
{
    QString path;
    QString title;
    QString sequenceName; // the first track-name event, for the record
    double seconds = 0.0;
    MappedMidiSong mapped;
    QJsonArray clipNames;
};

struct PlannedClip
{
    int song = 0;
    double start = 0.0;
    SynthArrangement arrangement;
    QStringList leftOut;
};

QString minutes(double seconds)
{
    const int whole = int(std::lround(seconds));
    return QStringLiteral("%1:%2").arg(whole / 60).arg(whole % 60, 2, 10, QLatin1Char('0'));
}

QString readme(const MidiCorpusOptions &options, const QString &soundFont)
{
    return QStringLiteral(
                   "# A corpus rendered from MIDI songs (`timbre midi-corpus`)\n\n"
                   "Excerpts of %1 s, one every %2 s of each song, rendered with FluidSynth from "
                   "`%3` with the songs' own programs, channel volumes and pans. Every song, "
                   "excerpt and left-out part is listed in `corpus.json`.\n\n"
                   "- `labels.csv`: clip,instrument,present for every OpenMIC class and clip.\n"
                   "- `activity.csv`: clip,instrument,start,end: where each class sounds, from "
                   "the note events plus the class's release time.\n"
                   "- `mixes/`: the excerpts; `stems/`: each part alone at the mix's gain.\n\n"
                   "A melodic part counts as a class only when its General MIDI program is one of "
                   "the sounds the synth corpus uses for that class; the percussion channel is "
                   "split into drums and cymbals by key. Parts no class stands for are not "
                   "rendered, so the audio holds nothing the labels do not name.\n")
            .arg(options.clipSeconds)
            .arg(options.hopSeconds)
            .arg(soundFont);
}

} // namespace

MidiCorpusGenerator::MidiCorpusGenerator(MidiCorpusOptions options) : m_options(std::move(options))
{
    if (m_options.soundFont.isEmpty())
        m_options.soundFont = SynthCorpusGenerator::defaultSoundFont();
    if (m_options.formats.isEmpty())
        m_options.formats = SynthCorpusGenerator::defaultFormats();
}

QStringList MidiCorpusGenerator::findMidiFiles(const QStringList &inputs, QStringList *missing)
{
    const QStringList patterns {QStringLiteral("*.mid"), QStringLiteral("*.midi"),
                                QStringLiteral("*.kar"), QStringLiteral("*.MID")};
    QStringList files;
    for (const QString &input : inputs) {
        const QFileInfo info(input);
        if (info.isFile()) {
            files.append(info.absoluteFilePath());
        } else if (info.isDir()) {
            QDirIterator it(input, patterns, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext())
                files.append(QFileInfo(it.next()).absoluteFilePath());
        } else if (missing) {
            missing->append(input + QStringLiteral(": no such file or folder"));
        }
    }
    files.sort();
    files.removeDuplicates();
    return files;
}

std::vector<double> MidiCorpusGenerator::excerptStarts(double songSeconds, double clipSeconds,
                                                       double hopSeconds, int maxClips)
{
    std::vector<double> starts;
    if (clipSeconds <= 0.0 || hopSeconds <= 0.0)
        return starts;
    for (int k = 0;; ++k) {
        const double start = k * hopSeconds;
        if (start + clipSeconds > songSeconds + 1e-9)
            break;
        starts.push_back(start);
    }
    const int count = int(starts.size());
    if (maxClips <= 0 || count <= maxClips)
        return starts;
    std::vector<double> spread;
    for (int i = 0; i < maxClips; ++i) {
        const int index = maxClips == 1
                ? (count - 1) / 2
                : int(std::lround(double(i) * (count - 1) / (maxClips - 1)));
        spread.push_back(starts[size_t(index)]);
    }
    return spread;
}

SynthError MidiCorpusGenerator::run(const ProgressCallback &progress,
                                    const std::atomic<bool> *cancel)
{
    QElapsedTimer timer;
    timer.start();
    m_summary = MidiCorpusSummary {};
    const MidiCorpusOptions &o = m_options;
    if (o.outDir.isEmpty())
        return SynthError::make(SynthErrorCode::InvalidOptions, {},
                                QStringLiteral("no output folder given"));
    if (!(o.clipSeconds >= 1.0 && o.clipSeconds <= 600.0))
        return SynthError::make(SynthErrorCode::InvalidOptions, {},
                                QStringLiteral("clip length must be between 1 and 600 s"));
    if (!(o.hopSeconds > 0.0))
        return SynthError::make(SynthErrorCode::InvalidOptions, {},
                                QStringLiteral("the hop between excerpts must be positive"));
    if (o.stemFormat != audio::AudioFormat::Flac && o.stemFormat != audio::AudioFormat::Wav)
        return SynthError::make(SynthErrorCode::InvalidOptions, {},
                                QStringLiteral("stems are written as flac or wav"));
    if (SynthError error = m_renderer.open(o.soundFont); error.isError())
        return error;

    const QStringList files = findMidiFiles(o.inputs, &m_summary.skipped);
    m_summary.songsFound = files.size();
    if (files.isEmpty())
        return SynthError::make(SynthErrorCode::InvalidOptions, o.inputs.join(QStringLiteral(", ")),
                                QStringLiteral("no MIDI files (.mid, .midi, .kar) found"));

    // Every song is read and planned before anything is written: a folder of unreadable files
    // leaves no half corpus behind, and the clip names know how many clips there are.
    const auto hasPreset
            = [this](int bank, int program) { return m_renderer.hasPreset(bank, program); };
    std::vector<SongEntry> songs;
    std::vector<PlannedClip> plan;
    for (const QString &path : files) {
        MidiSong song;
        if (const MidiError error = StandardMidiFile::read(path, song); error.isError()) {
            m_summary.skipped.append(error.toString());
            continue;
        }
        SongEntry entry;
        entry.path = path;
        // The file name, not the first track-name event: sequencers put placeholders there
        // ("Track 1", "Spår 1", "Staff") or a part's name ("Trumpet") as often as the song's.
        entry.title = QFileInfo(path).completeBaseName();
        entry.sequenceName = song.title;
        entry.seconds = song.seconds;
        entry.mapped = mapMidiSong(song, hasPreset);
        m_summary.droppedParts += int(entry.mapped.dropped.size());
        const int index = int(songs.size());
        const std::vector<double> starts
                = excerptStarts(song.seconds, o.clipSeconds, o.hopSeconds, o.maxClipsPerSong);
        if (starts.empty())
            m_summary.skipped.append(path
                                     + QStringLiteral(": shorter (%1 s) than one clip")
                                               .arg(song.seconds, 0, 'f', 1));
        for (double start : starts) {
            PlannedClip clip;
            clip.song = index;
            clip.start = start;
            clip.arrangement = midiExcerpt(entry.mapped, song.firstTempoBpm, start, o.clipSeconds,
                                           &clip.leftOut);
            if (clip.arrangement.parts.empty()) {
                ++m_summary.silentWindows;
                continue;
            }
            plan.push_back(std::move(clip));
        }
        songs.push_back(std::move(entry));
    }
    if (plan.empty())
        return SynthError::make(
                SynthErrorCode::NoUsableInstruments, o.inputs.join(QStringLiteral(", ")),
                QStringLiteral("none of the %1 MIDI files gave a clip in which a class plays%2")
                        .arg(files.size())
                        .arg(m_summary.skipped.isEmpty()
                                     ? QString()
                                     : QStringLiteral(" (first problem: %1)")
                                               .arg(m_summary.skipped.first())));

    const QDir out(o.outDir);
    if (!QDir().mkpath(out.filePath(QStringLiteral("mixes"))))
        return SynthError::make(SynthErrorCode::OutputNotWritable, o.outDir,
                                QStringLiteral("cannot create the output folder"));

    QList<SynthClipRecord> records;
    QJsonArray clipArray;
    int fileCount = 0;
    bool cancelled = false;
    const int total = int(plan.size());
    for (int i = 0; i < total; ++i) {
        if (cancel && cancel->load()) {
            cancelled = true;
            break;
        }
        PlannedClip &planned = plan[size_t(i)];
        SongEntry &song = songs[size_t(planned.song)];
        RenderedClip rendered;
        if (SynthError error = m_renderer.render(planned.arrangement, rendered); error.isError())
            return error;
        SynthClipRecord record;
        record.name = SynthCorpusGenerator::clipName(i, total);
        record.title = QStringLiteral("%1 (%2\u2013%3)")
                               .arg(song.title, minutes(planned.start),
                                    minutes(planned.start + o.clipSeconds));
        record.album = QFileInfo(song.path).dir().dirName();
        record.artist = song.title;
        record.track = int(song.clipNames.size()) + 1;
        audio::AudioTags tags;
        tags.title = record.title;
        tags.album = record.album;
        tags.genre = QStringLiteral("MIDI");
        tags.track = record.track;
        const audio::AudioFormat format = o.formats[i % o.formats.size()];
        if (SynthError error = SynthCorpusWriter::writeClipAudio(
                    o.outDir, rendered, format, tags,
                    o.writeStems ? std::optional(o.stemFormat) : std::nullopt, record, &fileCount);
            error.isError())
            return error;
        record.arrangement = std::move(planned.arrangement);

        QJsonObject item;
        item[QStringLiteral("name")] = record.name;
        item[QStringLiteral("mix")] = record.mixPath;
        item[QStringLiteral("title")] = record.title;
        item[QStringLiteral("source")] = song.path;
        item[QStringLiteral("start")] = planned.start;
        item[QStringLiteral("seconds")] = o.clipSeconds;
        QJsonArray parts;
        for (size_t p = 0; p < record.arrangement.parts.size(); ++p) {
            SynthPart &part = record.arrangement.parts[p];
            QJsonObject po = SynthCorpusWriter::partJson(part, int(part.notes.size()),
                                                         record.stemPaths.value(int(p)));
            po[QStringLiteral("volume")] = part.volume;
            parts.append(po);
            record.noteCounts.push_back(int(part.notes.size()));
            part.notes = {};
        }
        item[QStringLiteral("parts")] = parts;
        if (!planned.leftOut.isEmpty())
            item[QStringLiteral("leftOut")] = QJsonArray::fromStringList(planned.leftOut);
        clipArray.append(item);
        song.clipNames.append(record.name);
        records.append(record);
        m_summary.clips = records.size();
        m_summary.files = fileCount;
        m_summary.audioSeconds += o.clipSeconds;
        if (progress)
            progress({i + 1, total, timer.elapsed() / 1000.0, record.name});
    }

    QStringList written;
    if (SynthError error = SynthCorpusWriter::writeTables(o.outDir, records, {}, &written);
        error.isError())
        return error;

    QJsonObject root;
    root[QStringLiteral("generator")] = QStringLiteral("timbre midi-corpus");
    root[QStringLiteral("formatVersion")] = 1;
    root[QStringLiteral("soundFont")] = m_renderer.soundFontPath();
    root[QStringLiteral("clipSeconds")] = o.clipSeconds;
    root[QStringLiteral("hopSeconds")] = o.hopSeconds;
    root[QStringLiteral("maxClipsPerSong")] = o.maxClipsPerSong;
    root[QStringLiteral("sampleRate")] = SynthRenderer::kSampleRate;
    root[QStringLiteral("cancelled")] = cancelled;
    root[QStringLiteral("classes")] = QJsonArray::fromStringList(timbre::openMicClasses());
    QJsonArray songArray;
    for (const SongEntry &song : songs) {
        QJsonObject item;
        item[QStringLiteral("file")] = song.path;
        item[QStringLiteral("title")] = song.title;
        item[QStringLiteral("sequenceName")] = song.sequenceName;
        item[QStringLiteral("seconds")] = song.seconds;
        item[QStringLiteral("clips")] = song.clipNames;
        QJsonArray mapped;
        for (const MappedMidiPart &part : song.mapped.parts)
            mapped.append(QJsonObject {{QStringLiteral("channel"), part.channel + 1},
                                       {QStringLiteral("program"), part.program},
                                       {QStringLiteral("instrument"), part.part.instrument},
                                       {QStringLiteral("notes"), int(part.part.notes.size())}});
        item[QStringLiteral("parts")] = mapped;
        QJsonArray dropped;
        for (const DroppedMidiPart &part : song.mapped.dropped)
            dropped.append(QJsonObject {{QStringLiteral("channel"), part.channel + 1},
                                        {QStringLiteral("program"), part.program},
                                        {QStringLiteral("notes"), part.notes},
                                        {QStringLiteral("reason"), part.reason}});
        item[QStringLiteral("dropped")] = dropped;
        songArray.append(item);
    }
    root[QStringLiteral("songs")] = songArray;
    root[QStringLiteral("skipped")] = QJsonArray::fromStringList(m_summary.skipped);
    root[QStringLiteral("clips")] = clipArray;
    if (SynthError error = SynthCorpusWriter::saveFile(
                o.outDir, QStringLiteral("corpus.json"),
                QJsonDocument(root).toJson(QJsonDocument::Indented), &written);
        error.isError())
        return error;
    if (SynthError error
        = SynthCorpusWriter::saveFile(o.outDir, QStringLiteral("README.md"),
                                      readme(o, m_renderer.soundFontPath()).toUtf8(), &written);
        error.isError())
        return error;
    for (const SongEntry &song : songs)
        m_summary.songsUsed += song.clipNames.isEmpty() ? 0 : 1;
    m_summary.files = fileCount + written.size();
    m_summary.seconds = timer.elapsed() / 1000.0;
    if (cancelled)
        return SynthError::make(SynthErrorCode::Cancelled, o.outDir,
                                QStringLiteral("cancelled after %1 clips").arg(records.size()));
    return {};
}

} // namespace timbre::datasets
