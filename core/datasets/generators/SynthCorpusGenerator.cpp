// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/generators/SynthCorpusGenerator.h"

#include "core/datasets/generators/SynthCorpusWriter.h"
#include "core/util/OpenMicClasses.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>

#include <optional>

namespace timbre::datasets {

namespace {

struct Artist
{
    const char *name;
    const char *album;
    int year;
};

// Made-up artists, a few per style, so a library browser has something to group by.
QList<Artist> artistsFor(const QString &style)
{
    if (style == QLatin1String("Pop"))
        return {{"Cobalt Meridian", "Paper Satellites", 2019},
                {"Juniper Haze", "Slow Weather", 2022}};
    if (style == QLatin1String("Rock"))
        return {{"Harbor Static", "Salt & Amplifiers", 2016},
                {"The Velvet Theorems", "Proof by Volume", 2011}};
    if (style == QLatin1String("Jazz"))
        return {{"Anna Kestrel Trio", "Blue Hour Sketches", 2008},
                {"Milo Ferrante Quartet", "Late Set at the Orchid", 1997}};
    if (style == QLatin1String("Folk"))
        return {{"Marisol & the Tinwhistles", "Lantern Road", 2014}};
    if (style == QLatin1String("Chamber"))
        return {{"Ensemble Quietude", "Small Rooms", 2005}};
    if (style == QLatin1String("Electronic"))
        return {{"Low Orbit Choir", "Telemetry", 2021}, {"Quiet Parade", "Signal Bloom", 2018}};
    if (style == QLatin1String("Funk"))
        return {{"The Brass Tacks Collective", "Pocket Science", 2001}};
    return {{"Iris Calloway", "Letters Unsent", 2012}};
}

} // namespace

SynthCorpusGenerator::SynthCorpusGenerator(SynthOptions options) : m_options(std::move(options))
{
    if (m_options.soundFont.isEmpty())
        m_options.soundFont = defaultSoundFont();
    if (m_options.formats.isEmpty())
        m_options.formats = defaultFormats();
}

SynthCorpusGenerator::~SynthCorpusGenerator() = default;

QString SynthCorpusGenerator::defaultSoundFont()
{
    return QStringLiteral("/usr/share/sounds/sf2/FluidR3_GM.sf2");
}

QList<audio::AudioFormat> SynthCorpusGenerator::defaultFormats()
{
    return {audio::AudioFormat::Wav, audio::AudioFormat::Flac, audio::AudioFormat::Ogg,
            audio::AudioFormat::Mp3};
}

QString SynthCorpusGenerator::clipName(int clip, int clipCount)
{
    const int width = std::max(4, int(QString::number(std::max(1, clipCount) - 1).size()));
    return QStringLiteral("clip_%1").arg(clip, width, 10, QLatin1Char('0'));
}

std::mt19937 SynthCorpusGenerator::clipRng(quint32 seed, int clip)
{
    std::seed_seq sequence {seed, quint32(clip), 0x53594e54u};
    return std::mt19937(sequence);
}

SynthError SynthCorpusGenerator::prepare()
{
    if (m_music && m_renderer.isOpen())
        return {};
    if (m_options.clipSeconds <= 0.5 || m_options.clipSeconds > 600.0)
        return SynthError::make(SynthErrorCode::InvalidOptions, {},
                                QStringLiteral("clip length must be between 0.5 and 600 s"));
    if (SynthError error = m_renderer.open(m_options.soundFont); error.isError())
        return error;
    MusicGeneratorOptions musicOptions;
    musicOptions.clipSeconds = m_options.clipSeconds;
    musicOptions.restProbability = m_options.restProbability;
    musicOptions.restsPerPart = m_options.restsPerPart;
    musicOptions.variants = m_options.variants;
    musicOptions.levelSpreadDb = m_options.levelSpreadDb;
    musicOptions.maxInstruments = std::clamp(m_options.maxInstruments, 1, SynthRenderer::kMaxParts);
    musicOptions.soundAvailable = [this](const GmSound &sound) {
        return m_renderer.hasPreset(sound.bank, sound.program);
    };
    m_music = std::make_unique<MusicGenerator>(musicOptions);
    if (m_music->availableClasses().isEmpty()) {
        m_music.reset();
        return SynthError::make(SynthErrorCode::NoUsableInstruments, m_options.soundFont,
                                QStringLiteral("the SoundFont has none of the General MIDI "
                                               "presets the instrument classes map to"));
    }
    return {};
}

SynthError SynthCorpusGenerator::renderClip(int clip, SynthArrangement &arrangement,
                                            RenderedClip &rendered)
{
    if (SynthError error = prepare(); error.isError())
        return error;
    std::mt19937 rng = clipRng(m_options.seed, clip);
    arrangement = m_music->generate(rng);
    return m_renderer.render(arrangement, rendered);
}

SynthError SynthCorpusGenerator::run(const ProgressCallback &progress,
                                     const std::atomic<bool> *cancel)
{
    QElapsedTimer timer;
    timer.start();
    m_summary = SynthSummary {};
    if (m_options.clips < 1)
        return SynthError::make(SynthErrorCode::InvalidOptions, {},
                                QStringLiteral("at least one clip is needed"));
    if (m_options.observedFraction <= 0.0 || m_options.observedFraction > 1.0)
        return SynthError::make(SynthErrorCode::InvalidOptions, {},
                                QStringLiteral("the observed fraction must be in (0, 1]"));
    if (m_options.stemFormat != audio::AudioFormat::Flac
        && m_options.stemFormat != audio::AudioFormat::Wav)
        return SynthError::make(SynthErrorCode::InvalidOptions, {},
                                QStringLiteral("stems are written as flac or wav"));
    if (m_options.outDir.isEmpty())
        return SynthError::make(SynthErrorCode::InvalidOptions, {},
                                QStringLiteral("no output folder given"));

    // The SoundFont first: a wrong path should not leave an empty folder behind.
    if (SynthError error = prepare(); error.isError())
        return error;

    const QDir out(m_options.outDir);
    const QString mixDir = out.filePath(QStringLiteral("mixes"));
    const QString stemRoot = out.filePath(QStringLiteral("stems"));
    if (!QDir().mkpath(mixDir) || (m_options.writeStems && !QDir().mkpath(stemRoot)))
        return SynthError::make(SynthErrorCode::OutputNotWritable, m_options.outDir,
                                QStringLiteral("cannot create the output folder"));
    {
        QFile probe(out.filePath(QStringLiteral(".timbre-write-probe")));
        if (!probe.open(QIODevice::WriteOnly))
            return SynthError::make(
                    SynthErrorCode::OutputNotWritable, m_options.outDir,
                    QStringLiteral("output folder is not writable (%1)").arg(probe.errorString()));
        probe.close();
        probe.remove();
    }

    QList<SynthClipRecord> records;
    QHash<QString, int> tracksPerArtist;
    int files = 0;
    bool cancelled = false;
    for (int clip = 0; clip < m_options.clips; ++clip) {
        if (cancel && cancel->load()) {
            cancelled = true;
            break;
        }
        SynthClipRecord record;
        RenderedClip rendered;
        if (SynthError error = renderClip(clip, record.arrangement, rendered); error.isError())
            return error;
        const SynthArrangement &arrangement = record.arrangement;
        record.name = clipName(clip, m_options.clips);

        // Tags come from a generator of their own, so they never change the music.
        std::seed_seq tagSequence {m_options.seed, quint32(clip), 0x54414753u};
        std::mt19937 tagRng(tagSequence);
        const QList<Artist> artists = artistsFor(arrangement.style);
        const Artist &artist = artists[int(tagRng() % quint32(artists.size()))];
        record.artist = QString::fromUtf8(artist.name);
        record.album = QString::fromUtf8(artist.album);
        record.year = artist.year;
        record.track = ++tracksPerArtist[record.artist];
        record.title = QStringLiteral("Clip %1 \u2014 %2 %3")
                               .arg(clip, 4, 10, QLatin1Char('0'))
                               .arg(arrangement.keyName(), arrangement.style);

        const audio::AudioFormat format = m_options.formats[clip % m_options.formats.size()];
        audio::AudioTags tags;
        tags.title = record.title;
        tags.artist = record.artist;
        tags.album = record.album;
        tags.genre = arrangement.style;
        tags.year = record.year;
        tags.track = record.track;
        if (SynthError error = SynthCorpusWriter::writeClipAudio(
                    m_options.outDir, rendered, format, tags,
                    m_options.writeStems ? std::optional(m_options.stemFormat) : std::nullopt,
                    record, &files);
            error.isError())
            return error;
        m_summary.audioSeconds += arrangement.seconds;
        // The notes are not needed any more; keep the record small for long runs.
        for (SynthPart &part : record.arrangement.parts) {
            record.noteCounts.push_back(int(part.notes.size()));
            part.notes = {};
        }
        records.append(record);
        m_summary.clips = records.size();
        m_summary.files = files;
        if (progress) {
            SynthProgress p;
            p.clipsDone = clip + 1;
            p.clipsTotal = m_options.clips;
            p.filesWritten = files;
            p.elapsedSeconds = timer.elapsed() / 1000.0;
            p.lastClip = record.name;
            progress(p);
        }
    }

    const QStringList classes = timbre::openMicClasses();
    std::vector<std::vector<bool>> observed;
    if (m_options.observedFraction < 1.0) {
        observed = SynthCorpusWriter::observedMask(records.size(), classes.size(),
                                                   m_options.observedFraction, m_options.seed);
        m_summary.totalLabels = records.size() * classes.size();
        for (const auto &row : observed)
            m_summary.hiddenLabels += int(std::count(row.begin(), row.end(), false));
    } else {
        m_summary.totalLabels = records.size() * classes.size();
    }
    QStringList written;
    if (SynthError error
        = SynthCorpusWriter::writeTables(m_options.outDir, records, observed, &written);
        error.isError())
        return error;
    if (SynthError error = SynthCorpusWriter::writeCorpusJson(
                m_options.outDir, m_options, m_renderer.soundFontPath(),
                m_music->availableClasses(), records, cancelled, &written);
        error.isError())
        return error;
    if (SynthError error
        = SynthCorpusWriter::writeReadme(m_options.outDir, m_options, !observed.empty(), &written);
        error.isError())
        return error;
    files += written.size();
    m_summary.files = files;
    m_summary.seconds = timer.elapsed() / 1000.0;
    if (cancelled)
        return SynthError::make(SynthErrorCode::Cancelled, m_options.outDir,
                                QStringLiteral("cancelled after %1 clips").arg(records.size()));
    return {};
}

} // namespace timbre::datasets
