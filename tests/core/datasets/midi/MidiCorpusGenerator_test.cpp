// SPDX-License-Identifier: GPL-3.0-or-later
#include "MidiBytes.h"
#include "core/audio/FfmpegDecoder.h"
#include "core/datasets/midi/MidiCorpusGenerator.h"
#include "core/datasets/midi/MidiSongMapping.h"
#include "core/util/OpenMicClasses.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace timbre::datasets;
using timbre::testing::midiFile;
using timbre::testing::MidiTrackBytes;

namespace {

QList<QStringList> readCsv(const QString &path)
{
    QFile file(path);
    QList<QStringList> rows;
    if (!file.open(QIODevice::ReadOnly))
        return rows;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (!line.isEmpty())
            rows.append(QString::fromUtf8(line).split(QLatin1Char(',')));
    }
    return rows.mid(1);
}

MidiPart part(int channel, int program, std::vector<MidiNote> notes)
{
    MidiPart p;
    p.channel = channel;
    p.program = program;
    p.notes = std::move(notes);
    return p;
}

const auto everyPreset = [](int, int) { return true; };

// A song of 6 s at 120 bpm (480 ticks per quarter, so 960 ticks a second): a steel guitar
// (program 25) from 0 to 1.5 s and from 4 to 5 s, a string ensemble (48, no class) throughout,
// and drums: a kick (36, drums) at 0.5 s, a crash (49, cymbals) at 4.5 s, a cowbell (56, no
// class) at 2 s.
QByteArray song()
{
    MidiTrackBytes conductor;
    conductor.name(0, "Track 1").tempo(0, 500000);
    MidiTrackBytes guitar;
    guitar.program(0, 0, 25)
            .noteOn(0, 0, 60)
            .noteOff(1440, 0, 60)
            .noteOn(2400, 0, 64)
            .noteOff(960, 0, 64);
    MidiTrackBytes strings;
    strings.program(0, 1, 48).noteOn(0, 1, 55).noteOff(5760, 1, 55);
    MidiTrackBytes drums;
    drums.noteOn(480, 9, 36)
            .noteOff(96, 9, 36)
            .noteOn(1344, 9, 56)
            .noteOff(96, 9, 56)
            .noteOn(2304, 9, 49)
            .noteOff(96, 9, 49);
    return midiFile({conductor, guitar, strings, drums});
}

} // namespace

class MidiCorpusGeneratorTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mapsProgramsAndDrumKeysToClasses()
    {
        MidiSong s;
        s.parts.push_back(part(0, 24, {{0, 1, 60, 90}})); // nylon guitar: guitar
        s.parts.push_back(part(1, 3, {{0, 1, 60, 90}})); // honky-tonk: a related piano
        s.parts.push_back(part(2, 48, {{0, 1, 60, 90}})); // string ensemble: no class
        s.parts.push_back(part(9, 8, {{0, 0.1, 36, 90}, {1, 1.1, 49, 90}, {2, 2.1, 56, 90}}));
        // The SoundFont lacks the room kit (8): the standard kit plays it.
        const MappedMidiSong mapped = mapMidiSong(
                s, [](int bank, int program) { return !(bank == 128 && program == 8); });
        QCOMPARE(mapped.parts.size(), size_t(4));
        QCOMPARE(mapped.parts[0].part.instrument, QStringLiteral("guitar"));
        QCOMPARE(mapped.parts[0].part.sound.program, 24);
        QCOMPARE(mapped.parts[1].part.instrument, QStringLiteral("piano"));
        QCOMPARE(mapped.parts[1].part.sound.program, 3);
        QCOMPARE(mapped.parts[2].part.instrument, QStringLiteral("drums"));
        QCOMPARE(mapped.parts[2].part.sound.bank, 128);
        QCOMPARE(mapped.parts[2].part.sound.program, 0);
        QCOMPARE(mapped.parts[2].part.notes.size(), size_t(1));
        QCOMPARE(mapped.parts[2].part.notes[0].key, 36);
        QCOMPARE(mapped.parts[3].part.instrument, QStringLiteral("cymbals"));
        QCOMPARE(mapped.parts[3].part.notes[0].key, 49);
        QCOMPARE(mapped.dropped.size(), size_t(2));
        QCOMPARE(mapped.dropped[0].program, 48);
        QVERIFY(mapped.dropped[0].reason.contains(QStringLiteral("none of the classes")));
        QCOMPARE(mapped.dropped[1].notes, 1);
        QVERIFY(mapped.dropped[1].reason.contains(QStringLiteral("(56)")));

        const MappedMidiSong noPreset = mapMidiSong(s, [](int bank, int) { return bank == 128; });
        QCOMPARE(noPreset.parts.size(), size_t(2)); // drums and cymbals only
        QVERIFY(noPreset.dropped[0].reason.contains(QStringLiteral("no preset")));

        // No drum kit at all: the percussion part is left out with its three notes, the
        // melodic parts stay.
        const MappedMidiSong noKit = mapMidiSong(s, [](int bank, int) { return bank == 0; });
        QCOMPARE(noKit.parts.size(), size_t(2));
        QCOMPARE(noKit.parts[0].part.instrument, QStringLiteral("guitar"));
        QCOMPARE(noKit.parts[1].part.instrument, QStringLiteral("piano"));
        QCOMPARE(noKit.dropped.size(), size_t(2));
        QCOMPARE(noKit.dropped[1].channel, 9);
        QCOMPARE(noKit.dropped[1].notes, 3);
        QVERIFY(noKit.dropped[1].reason.contains(QStringLiteral("no drum kit")));
    }

    void excerptsCutAndShiftTheNotes()
    {
        MidiSong s;
        s.parts.push_back(
                part(0, 24, {{1.0, 3.0, 60, 90}, {4.5, 5.5, 62, 80}, {8.0, 9.0, 64, 70}}));
        s.parts.push_back(part(1, 0, {{0.0, 1.0, 48, 90}}));
        const MappedMidiSong mapped = mapMidiSong(s, everyPreset);
        const SynthArrangement a = midiExcerpt(mapped, 100.0, 2.0, 4.0);
        QCOMPARE(a.seconds, 4.0);
        QCOMPARE(a.bpm, 100.0);
        QCOMPARE(a.parts.size(), size_t(1)); // the piano is silent in [2, 6)
        const std::vector<SynthNote> &notes = a.parts[0].notes;
        QCOMPARE(notes.size(), size_t(2));
        QCOMPARE(notes[0].start, 0.0);
        QCOMPARE(notes[0].end, 1.0);
        QCOMPARE(notes[1].start, 2.5);
        QCOMPARE(notes[1].end, 3.5);
        QCOMPARE(notes[1].velocity, 80);
    }

    void tooManyPartsAreMergedThenTheQuietestLeftOut()
    {
        MidiSong s;
        // Ten guitar parts of one program on ten channels: merged into one.
        for (int c = 0; c < 10; ++c)
            s.parts.push_back(part(c == 9 ? 10 : c, 24, {{double(c) * 0.1, 1.0, 60 + c, 90}}));
        QCOMPARE(midiExcerpt(mapMidiSong(s, everyPreset), 120, 0, 2).parts.size(), size_t(1));
        QCOMPARE(midiExcerpt(mapMidiSong(s, everyPreset), 120, 0, 2).parts[0].notes.size(),
                 size_t(10));

        // Ten parts of different sounds: the eight sounding longest (release included) are kept.
        MidiSong d;
        const int programs[] = {0, 24, 32, 40, 42, 56, 57, 65, 71, 73};
        for (int i = 0; i < 10; ++i)
            d.parts.push_back(part(i == 9 ? 10 : i, programs[i], {{0.0, 0.5 + i * 0.5, 60, 90}}));
        QStringList leftOut;
        const SynthArrangement a = midiExcerpt(mapMidiSong(d, everyPreset), 120, 0, 10, &leftOut);
        QCOMPARE(a.parts.size(), size_t(8));
        QCOMPARE(leftOut.size(), 2);
        QVERIFY2(leftOut[0].startsWith(QStringLiteral("piano (channel 1)")),
                 qPrintable(leftOut[0]));
        QVERIFY2(leftOut[1].startsWith(QStringLiteral("guitar (channel 2)")),
                 qPrintable(leftOut[1]));
    }

    void excerptStartsFollowTheHopAndTheCap()
    {
        using V = std::vector<double>;
        QCOMPARE(MidiCorpusGenerator::excerptStarts(65, 10, 20, 0), (V {0, 20, 40}));
        QCOMPARE(MidiCorpusGenerator::excerptStarts(60, 10, 20, 0), (V {0, 20, 40}));
        QCOMPARE(MidiCorpusGenerator::excerptStarts(9, 10, 20, 0), V {});
        QCOMPARE(MidiCorpusGenerator::excerptStarts(100, 10, 10, 2), (V {0, 90}));
        QCOMPARE(MidiCorpusGenerator::excerptStarts(100, 10, 10, 3), (V {0, 50, 90}));
        QCOMPARE(MidiCorpusGenerator::excerptStarts(100, 10, 10, 1), (V {40}));
    }

    void writesALabelledCorpusAndNamesTheBadFiles()
    {
        QTemporaryDir dir;
        const QString songs = dir.filePath(QStringLiteral("songs"));
        QVERIFY(QDir().mkpath(songs + QStringLiteral("/sub")));
        QVERIFY(timbre::testing::writeBytes(songs + QStringLiteral("/sub/song.mid"), song()));
        const QString broken = songs + QStringLiteral("/broken.mid");
        QVERIFY(timbre::testing::writeBytes(broken, song().left(60)));
        QVERIFY(timbre::testing::writeBytes(songs + QStringLiteral("/notes.txt"), "not midi"));

        MidiCorpusOptions options;
        options.inputs = {songs};
        options.outDir = dir.filePath(QStringLiteral("corpus"));
        options.clipSeconds = 3.0;
        options.hopSeconds = 3.0;
        options.formats = {timbre::audio::AudioFormat::Flac};
        MidiCorpusGenerator generator(options);
        int progressCalls = 0;
        const SynthError error
                = generator.run([&](const MidiCorpusProgress &) { ++progressCalls; });
        QVERIFY2(!error.isError(), qPrintable(error.toString()));
        const MidiCorpusSummary &summary = generator.summary();
        QCOMPARE(summary.songsFound, 2); // the .txt is no MIDI file
        QCOMPARE(summary.songsUsed, 1);
        QCOMPARE(summary.clips, 2); // [0, 3) and [3, 6)
        QCOMPARE(progressCalls, 2);
        QCOMPARE(summary.skipped.size(), 1);
        QVERIFY2(summary.skipped[0].startsWith(broken + QStringLiteral(": cut short")),
                 qPrintable(summary.skipped[0]));
        QCOMPARE(summary.droppedParts, 2); // the strings, the cowbell

        const QDir out(options.outDir);
        const QStringList classes = timbre::openMicClasses();
        const QList<QStringList> labels = readCsv(out.filePath(QStringLiteral("labels.csv")));
        QCOMPARE(labels.size(), 2 * classes.size());
        QStringList present;
        for (const QStringList &row : labels) {
            if (row[2] == QLatin1String("1"))
                present.append(row[0] + QLatin1Char(':') + row[1]);
        }
        present.sort();
        QCOMPARE(present,
                 (QStringList {"clip_0000:drums", "clip_0000:guitar", "clip_0001:cymbals",
                               "clip_0001:guitar"}));
        // Guitar activity: the notes plus the class's release (0.5 s), cut at the clip's end.
        const QList<QStringList> activity = readCsv(out.filePath(QStringLiteral("activity.csv")));
        QStringList guitar;
        for (const QStringList &row : activity) {
            if (row[1] == QLatin1String("guitar"))
                guitar.append(row[0] + QLatin1Char(' ') + row[2] + QLatin1Char('-') + row[3]);
        }
        QCOMPARE(guitar, (QStringList {"clip_0000 0.000-2.000", "clip_0001 1.000-2.500"}));

        // The mixes are real audio of the clip's length, with sound in them.
        for (const QString &name : {QStringLiteral("clip_0000"), QStringLiteral("clip_0001")}) {
            const QString path = out.filePath(QStringLiteral("mixes/%1.flac").arg(name));
            const timbre::audio::DecodedAudio audio
                    = timbre::audio::FfmpegDecoder::decodeFile(path);
            QVERIFY2(audio.ok(), qPrintable(path));
            QVERIFY(std::abs(audio.durationSeconds() - 3.0) < 0.01);
            float peak = 0.0f;
            for (float v : audio.samples)
                peak = std::max(peak, std::abs(v));
            QVERIFY(peak > 0.1f);
        }
        QVERIFY(QFile::exists(out.filePath(QStringLiteral("stems/clip_0000/guitar.flac"))));
        QVERIFY(!QFile::exists(out.filePath(QStringLiteral("stems/clip_0000/violin.flac"))));

        QFile json(out.filePath(QStringLiteral("corpus.json")));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(json.readAll()).object();
        QCOMPARE(root[QStringLiteral("generator")].toString(),
                 QStringLiteral("timbre midi-corpus"));
        QCOMPARE(root[QStringLiteral("skipped")].toArray().size(), 1);
        const QJsonObject first = root[QStringLiteral("songs")].toArray()[0].toObject();
        QCOMPARE(first[QStringLiteral("dropped")].toArray().size(), 2);
        // "Track 1" is a sequencer's placeholder: the file name names the song.
        QCOMPARE(first[QStringLiteral("title")].toString(), QStringLiteral("song"));
        QCOMPARE(first[QStringLiteral("sequenceName")].toString(), QStringLiteral("Track 1"));
        QCOMPARE(first[QStringLiteral("clips")].toArray().size(), 2);
        QCOMPARE(root[QStringLiteral("clips")]
                         .toArray()[1]
                         .toObject()[QStringLiteral("start")]
                         .toDouble(),
                 3.0);
    }

    void failsWhenNoFileGivesAClip()
    {
        QTemporaryDir dir;
        const QString broken = dir.filePath(QStringLiteral("broken.mid"));
        QVERIFY(timbre::testing::writeBytes(broken, "MThd"));
        MidiCorpusOptions options;
        options.inputs = {broken};
        options.outDir = dir.filePath(QStringLiteral("corpus"));
        MidiCorpusGenerator generator(options);
        const SynthError error = generator.run();
        QVERIFY(error.isError());
        QVERIFY2(error.message.contains(broken + QStringLiteral(": not a Standard MIDI File")),
                 qPrintable(error.toString()));
        QVERIFY(!QDir(options.outDir).exists()); // nothing half-written
    }
};

QTEST_GUILESS_MAIN(MidiCorpusGeneratorTest)
#include "MidiCorpusGenerator_test.moc"
