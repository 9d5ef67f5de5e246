// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/generators/SynthCorpusWriter.h"

#include "core/datasets/generators/GeneralMidiMap.h"
#include "core/datasets/generators/SynthCorpusGenerator.h"
#include "core/datasets/generators/SynthRenderer.h"
#include "core/util/OpenMicClasses.h"
#include "core/util/SaveFile.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <algorithm>
#include <numeric>
#include <random>

namespace timbre::datasets {

namespace {

bool isPresent(const SynthClipRecord &clip, const QString &instrument)
{
    for (size_t p = 0; p < clip.arrangement.parts.size(); ++p) {
        if (clip.arrangement.parts[p].instrument == instrument && p < clip.regions.size()
            && !clip.regions[p].empty())
            return true;
    }
    return false;
}

// Only names the generators write are touched.
void removeStaleFiles(const QDir &out, const QString &clip)
{
    for (audio::AudioFormat format : audio::AudioEncoder::allFormats())
        QFile::remove(out.filePath(
                QStringLiteral("mixes/%1.%2").arg(clip, audio::AudioEncoder::extension(format))));
    const QDir stems(out.filePath(QStringLiteral("stems/") + clip));
    if (!stems.exists())
        return;
    for (const QString &instrument : timbre::openMicClasses()) {
        for (const char *extension : {"flac", "wav"}) {
            QFile::remove(stems.filePath(instrument + QLatin1Char('.') + QLatin1String(extension)));
            for (int n = 2; n <= SynthRenderer::kMaxParts; ++n)
                QFile::remove(stems.filePath(QStringLiteral("%1-%2.%3")
                                                     .arg(instrument)
                                                     .arg(n)
                                                     .arg(QLatin1String(extension))));
        }
    }
}

SynthError encoderError(const audio::AudioError &error)
{
    return SynthError::make(SynthErrorCode::EncodeFailed, error.path, error.toString());
}

QString formatName(audio::AudioFormat format)
{
    return audio::AudioEncoder::extension(format);
}

} // namespace

SynthError SynthCorpusWriter::writeClipAudio(const QString &dir, const RenderedClip &rendered,
                                             audio::AudioFormat format,
                                             const audio::AudioTags &tags,
                                             std::optional<audio::AudioFormat> stemFormat,
                                             SynthClipRecord &record, int *files)
{
    const QDir out(dir);
    removeStaleFiles(out, record.name);
    record.mixPath = QStringLiteral("mixes/%1.%2")
                             .arg(record.name, audio::AudioEncoder::extension(format));
    if (const audio::AudioError error = audio::AudioEncoder::write(
                out.filePath(record.mixPath), rendered.mix, 2, rendered.sampleRate, format, tags);
        error.isError())
        return encoderError(error);
    if (files)
        ++*files;

    record.regions.clear();
    record.stemPaths.clear();
    for (const RenderedStem &stem : rendered.stems)
        record.regions.push_back(stem.regions);
    if (!stemFormat)
        return {};
    const QString stemDir = QStringLiteral("stems/") + record.name;
    if (!QDir().mkpath(out.filePath(stemDir)))
        return SynthError::make(SynthErrorCode::OutputNotWritable, out.filePath(stemDir),
                                QStringLiteral("cannot create the stem folder"));
    QHash<QString, int> perInstrument;
    for (const RenderedStem &stem : rendered.stems) {
        // Two parts of one class (two guitars of a MIDI song) get "guitar" and "guitar-2".
        const int n = ++perInstrument[stem.instrument];
        const QString name
                = n == 1 ? stem.instrument : QStringLiteral("%1-%2").arg(stem.instrument).arg(n);
        const QString path = stemDir + QLatin1Char('/') + name + QLatin1Char('.')
                + audio::AudioEncoder::extension(*stemFormat);
        if (const audio::AudioError error = audio::AudioEncoder::write(
                    out.filePath(path), stem.samples, 2, rendered.sampleRate, *stemFormat);
            error.isError())
            return encoderError(error);
        record.stemPaths.append(path);
        if (files)
            ++*files;
    }
    return {};
}

QJsonObject SynthCorpusWriter::partJson(const SynthPart &part, int notes, const QString &stemPath)
{
    QJsonObject po;
    po[QStringLiteral("instrument")] = part.instrument;
    po[QStringLiteral("sound")] = part.sound.name;
    po[QStringLiteral("bank")] = part.sound.bank;
    po[QStringLiteral("program")] = part.sound.program;
    po[QStringLiteral("notes")] = notes;
    if (!stemPath.isEmpty())
        po[QStringLiteral("stem")] = stemPath;
    return po;
}

SynthError SynthCorpusWriter::saveFile(const QString &dir, const QString &name,
                                       const QByteArray &content, QStringList *written)
{
    const QString path = QDir(dir).filePath(name);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size()
        || !util::commitSaveFile(file)) {
        return SynthError::make(SynthErrorCode::WriteFailed, path, file.errorString());
    }
    if (written)
        written->append(name);
    return {};
}

QString SynthCorpusWriter::formatSeconds(double seconds)
{
    return QString::number(seconds, 'f', 3);
}

std::vector<std::vector<bool>>
SynthCorpusWriter::observedMask(int clips, int classes, double observedFraction, quint32 seed)
{
    std::vector<std::vector<bool>> mask(size_t(std::max(0, clips)),
                                        std::vector<bool>(size_t(std::max(0, classes)), true));
    const int total = std::max(0, clips) * std::max(0, classes);
    const double hiddenFraction = 1.0 - std::clamp(observedFraction, 0.0, 1.0);
    const int hidden = int(std::llround(hiddenFraction * total));
    std::vector<int> order(static_cast<size_t>(total));
    std::iota(order.begin(), order.end(), 0);
    // Its own generator, so that the mask never changes the music of a seed.
    std::seed_seq sequence {seed, 0x6d61736bu};
    std::mt19937 rng(sequence);
    // A Fisher-Yates prefix written out: std::shuffle's use of the engine is unspecified,
    // and the mask must be the same with every standard library.
    for (int i = 0; i < hidden; ++i) {
        const int j = i + int(rng() % quint32(total - i));
        std::swap(order[size_t(i)], order[size_t(j)]);
        mask[size_t(order[size_t(i)] / classes)][size_t(order[size_t(i)] % classes)] = false;
    }
    return mask;
}

SynthError SynthCorpusWriter::writeTables(const QString &dir, const QList<SynthClipRecord> &clips,
                                          const std::vector<std::vector<bool>> &observed,
                                          QStringList *written)
{
    const QStringList classes = timbre::openMicClasses();
    QByteArray labels = "clip,instrument,present\n";
    QByteArray activity = "clip,instrument,start,end\n";
    QByteArray mask = "clip,instrument,observed\n";
    for (int c = 0; c < clips.size(); ++c) {
        const SynthClipRecord &clip = clips[c];
        for (int k = 0; k < classes.size(); ++k) {
            const QString &instrument = classes[k];
            const QByteArray prefix = (clip.name + QLatin1Char(',') + instrument).toUtf8();
            labels += prefix + (isPresent(clip, instrument) ? ",1\n" : ",0\n");
            if (!observed.empty())
                mask += prefix + (observed[size_t(c)][size_t(k)] ? ",1\n" : ",0\n");
            for (size_t p = 0; p < clip.arrangement.parts.size(); ++p) {
                if (clip.arrangement.parts[p].instrument != instrument || p >= clip.regions.size())
                    continue;
                for (const ActivityRegion &region : clip.regions[p]) {
                    // A sliver under half a millisecond at a clip's edge would be written as
                    // an empty region ("10.000,10.000"), which readers rightly refuse.
                    const QByteArray start = formatSeconds(region.start).toUtf8();
                    const QByteArray end = formatSeconds(region.end).toUtf8();
                    if (start != end)
                        activity += prefix + ',' + start + ',' + end + '\n';
                }
            }
        }
    }
    if (SynthError error = saveFile(dir, QStringLiteral("labels.csv"), labels, written);
        error.isError())
        return error;
    if (SynthError error = saveFile(dir, QStringLiteral("activity.csv"), activity, written);
        error.isError())
        return error;
    if (!observed.empty())
        return saveFile(dir, QStringLiteral("mask.csv"), mask, written);
    return {};
}

SynthError SynthCorpusWriter::writeCorpusJson(const QString &dir, const SynthOptions &options,
                                              const QString &soundFont,
                                              const QStringList &usableClasses,
                                              const QList<SynthClipRecord> &clips, bool cancelled,
                                              QStringList *written)
{
    QJsonObject root;
    root[QStringLiteral("generator")] = QStringLiteral("timbre synth");
    root[QStringLiteral("formatVersion")] = 1;

    QJsonObject opts;
    opts[QStringLiteral("clips")] = options.clips;
    opts[QStringLiteral("clipSeconds")] = options.clipSeconds;
    opts[QStringLiteral("seed")] = qint64(options.seed);
    opts[QStringLiteral("soundFont")] = soundFont;
    opts[QStringLiteral("observedFraction")] = options.observedFraction;
    opts[QStringLiteral("restProbability")] = options.restProbability;
    opts[QStringLiteral("restsPerPart")] = options.restsPerPart;
    opts[QStringLiteral("variants")] = options.variants;
    opts[QStringLiteral("levelSpreadDb")] = options.levelSpreadDb;
    opts[QStringLiteral("maxInstruments")] = options.maxInstruments;
    opts[QStringLiteral("writeStems")] = options.writeStems;
    QJsonArray formats;
    const QList<audio::AudioFormat> mixFormats
            = options.formats.isEmpty() ? SynthCorpusGenerator::defaultFormats() : options.formats;
    for (audio::AudioFormat format : mixFormats)
        formats.append(formatName(format));
    opts[QStringLiteral("formats")] = formats;
    opts[QStringLiteral("stemFormat")] = formatName(options.stemFormat);
    root[QStringLiteral("options")] = opts;
    root[QStringLiteral("seed")] = qint64(options.seed);
    root[QStringLiteral("sampleRate")] = SynthRenderer::kSampleRate;
    root[QStringLiteral("channels")] = 2;
    root[QStringLiteral("cancelled")] = cancelled;
    root[QStringLiteral("classes")] = QJsonArray::fromStringList(timbre::openMicClasses());
    root[QStringLiteral("usedClasses")] = QJsonArray::fromStringList(usableClasses);

    QJsonArray mapping;
    QJsonArray unused;
    for (const GmClassMapping &entry : GeneralMidiMap::table()) {
        QJsonObject item;
        item[QStringLiteral("instrument")] = entry.instrument;
        QJsonArray sounds;
        for (const GmSound &sound : entry.sounds) {
            QJsonObject s;
            s[QStringLiteral("name")] = sound.name;
            s[QStringLiteral("bank")] = sound.bank;
            s[QStringLiteral("program")] = sound.program;
            sounds.append(s);
        }
        item[QStringLiteral("sounds")] = sounds;
        QJsonArray keys;
        for (int key : entry.drumKeys)
            keys.append(key);
        if (!keys.isEmpty())
            item[QStringLiteral("drumKeys")] = keys;
        item[QStringLiteral("releaseSeconds")] = entry.releaseSeconds;
        if (entry.sounds.isEmpty()) {
            item[QStringLiteral("unusedReason")] = entry.unusedReason;
            unused.append(QJsonObject {{QStringLiteral("instrument"), entry.instrument},
                                       {QStringLiteral("reason"), entry.unusedReason}});
        }
        mapping.append(item);
    }
    root[QStringLiteral("generalMidiMap")] = mapping;
    root[QStringLiteral("unusedClasses")] = unused;

    QJsonObject files;
    files[QStringLiteral("labels")] = QStringLiteral("labels.csv");
    files[QStringLiteral("activity")] = QStringLiteral("activity.csv");
    files[QStringLiteral("mask")] = options.observedFraction < 1.0
            ? QJsonValue(QStringLiteral("mask.csv"))
            : QJsonValue();
    files[QStringLiteral("readme")] = QStringLiteral("README.md");
    root[QStringLiteral("files")] = files;

    QJsonArray clipArray;
    for (const SynthClipRecord &clip : clips) {
        QJsonObject item;
        const SynthArrangement &a = clip.arrangement;
        item[QStringLiteral("name")] = clip.name;
        item[QStringLiteral("mix")] = clip.mixPath;
        item[QStringLiteral("title")] = clip.title;
        item[QStringLiteral("artist")] = clip.artist;
        item[QStringLiteral("album")] = clip.album;
        item[QStringLiteral("genre")] = a.style;
        item[QStringLiteral("year")] = clip.year;
        item[QStringLiteral("track")] = clip.track;
        item[QStringLiteral("key")] = a.keyName();
        item[QStringLiteral("bpm")] = a.bpm;
        item[QStringLiteral("swing")] = a.swing;
        item[QStringLiteral("chords")] = QJsonArray::fromStringList(a.chords);
        QJsonArray parts;
        for (size_t p = 0; p < a.parts.size(); ++p) {
            const SynthPart &part = a.parts[p];
            QJsonObject po = partJson(
                    part, p < clip.noteCounts.size() ? clip.noteCounts[p] : int(part.notes.size()),
                    clip.stemPaths.value(int(p)));
            po[QStringLiteral("role")] = GeneralMidiMap::roleName(part.role);
            parts.append(po);
        }
        item[QStringLiteral("parts")] = parts;
        clipArray.append(item);
    }
    root[QStringLiteral("clips")] = clipArray;
    return saveFile(dir, QStringLiteral("corpus.json"),
                    QJsonDocument(root).toJson(QJsonDocument::Indented), written);
}

SynthError SynthCorpusWriter::writeReadme(const QString &dir, const SynthOptions &options,
                                          bool withMask, QStringList *written)
{
    QString text;
    text += QStringLiteral("# Synthetic instrument corpus\n\n");
    text += QStringLiteral("Rendered by `timbre synth` from generated MIDI parts with FluidSynth "
                           "(SoundFont: see corpus.json), %1 clips of %2 s, seed %3. The same seed "
                           "and options give the same files.\n\n")
                    .arg(options.clips)
                    .arg(options.clipSeconds)
                    .arg(options.seed);
    text += QStringLiteral(
            "## Files\n\n"
            "- `mixes/clip_NNNN.<ext>`: the mix, 44.1 kHz stereo; the formats (wav, flac, ogg, "
            "mp3 unless chosen otherwise) are used in turn. Tags: title (`Clip NNNN — <key> "
            "<style>`), artist, album, genre (the style), year, track.\n"
            "- `stems/clip_NNNN/<instrument>.<flac|wav>`: each instrument alone, scaled by the "
            "same gain as the mix, so the mix is the sum of its stems. Reverb and chorus are "
            "off: a stem is exactly silent outside its activity regions.\n"
            "- `labels.csv` (`clip,instrument,present`): one row for every OpenMIC-2018 class "
            "and clip; `present` is 1 when the instrument plays anywhere in the clip (weak "
            "label). Classes without a General MIDI sound (see `unusedClasses` in corpus.json) "
            "are always 0.\n"
            "- `activity.csv` (`clip,instrument,start,end`): strong labels in seconds, one row "
            "per contiguous region in which the instrument sounds, from its note events: each "
            "note counts from its note-on to its note-off plus the class's release time, and "
            "notes less than 0.25 s apart are merged. Parts may enter late or stop early.\n");
    if (withMask) {
        text += QStringLiteral(
                        "- `mask.csv` (`clip,instrument,observed`): 1 where the label is "
                        "observed, 0 where it is hidden. %1 of ALL labels are hidden, positives "
                        "and negatives alike, chosen uniformly from the seed (as OpenMIC-2018 "
                        "leaves labels unannotated). `labels.csv` still holds the true value "
                        "of a hidden label, for evaluation; training must ignore it.\n")
                        .arg(QString::number((1.0 - options.observedFraction) * 100.0, 'g', 4)
                             + QLatin1Char('%'));
    } else {
        text += QStringLiteral("- No `mask.csv`: every label is observed.\n");
    }
    text += QStringLiteral(
            "- `corpus.json`: options, seed, class list, the General MIDI mapping, and per clip "
            "its files, tags, key, tempo, chords and parts (sound, program, role).\n");
    return saveFile(dir, QStringLiteral("README.md"), text.toUtf8(), written);
}

} // namespace timbre::datasets
