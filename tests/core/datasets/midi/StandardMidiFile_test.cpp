// SPDX-License-Identifier: GPL-3.0-or-later
#include "MidiBytes.h"
#include "core/datasets/midi/StandardMidiFile.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace timbre::datasets;
using timbre::testing::midiFile;
using timbre::testing::MidiTrackBytes;

class StandardMidiFileTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void followsTempoChangesAcrossTracks()
    {
        // 480 ticks per quarter; 120 bpm, then 240 bpm from tick 960 (1.0 s).
        MidiTrackBytes conductor;
        conductor.name(0, "Song title").tempo(0, 500000).tempo(960, 250000);
        MidiTrackBytes guitar;
        guitar.program(0, 0, 24)
                .noteOn(0, 0, 60, 100)
                .noteOff(480, 0, 60) // 0.5 s
                .noteOn(480, 0, 64, 90) // 1.0 s
                .event(480, {64, 0}); // running status, velocity 0: note-off at 1.25 s
        MidiSong song;
        const MidiError error
                = StandardMidiFile::parse(midiFile({conductor, guitar}), "a.mid", song);
        QVERIFY2(!error.isError(), qPrintable(error.toString()));
        QCOMPARE(song.format, 1);
        QCOMPARE(song.tracks, 2);
        QCOMPARE(song.title, QStringLiteral("Song title"));
        QCOMPARE(song.firstTempoBpm, 120.0);
        QCOMPARE(song.parts.size(), size_t(1));
        const MidiPart &part = song.parts[0];
        QCOMPARE(part.program, 24);
        QCOMPARE(part.channel, 0);
        QCOMPARE(part.notes.size(), size_t(2));
        QCOMPARE(part.notes[0].start, 0.0);
        QCOMPARE(part.notes[0].end, 0.5);
        QCOMPARE(part.notes[0].key, 60);
        QCOMPARE(part.notes[0].velocity, 100);
        QCOMPARE(part.notes[1].start, 1.0);
        QCOMPARE(part.notes[1].end, 1.25);
        QCOMPARE(part.notes[1].key, 64);
        QCOMPARE(part.notes[1].velocity, 90);
        QCOMPARE(song.seconds, 1.25);
    }

    void programChangeStartsANewPartAndKeepsTheControllers()
    {
        MidiTrackBytes track;
        track.event(0, {0xB0, 7, 64}) // channel volume
                .event(0, {0xB0, 10, 20}) // pan
                .program(0, 0, 0)
                .noteOn(0, 0, 60)
                .noteOff(480, 0, 60)
                .program(0, 0, 40)
                .noteOn(0, 0, 67)
                .noteOff(480, 0, 67)
                .noteOn(0, 9, 36)
                .noteOff(0, 9, 36); // same tick: still a note
        MidiSong song;
        QVERIFY(!StandardMidiFile::parse(midiFile({track}, 0), "b.mid", song).isError());
        QCOMPARE(song.parts.size(), size_t(3));
        QCOMPARE(song.parts[0].program, 0);
        QCOMPARE(song.parts[1].program, 40);
        QCOMPARE(song.parts[0].volume, 64);
        QCOMPARE(song.parts[1].pan, 20);
        QVERIFY(song.parts[2].isPercussion());
        QCOMPARE(song.parts[1].notes[0].start, 0.5);
        QCOMPARE(song.parts[2].notes[0].start, 1.0);
        QVERIFY(song.parts[2].notes[0].end > song.parts[2].notes[0].start);
    }

    void aNoteHeldToTheEndEndsWithTheSong()
    {
        MidiTrackBytes track;
        track.noteOn(0, 0, 60).noteOn(960, 0, 62).noteOff(480, 0, 62).event(960, {0xB0, 1, 0});
        MidiSong song;
        QVERIFY(!StandardMidiFile::parse(midiFile({track}, 0), "c.mid", song).isError());
        QCOMPARE(song.parts[0].notes.size(), size_t(2));
        QCOMPARE(song.parts[0].notes[0].key, 60);
        QCOMPARE(song.parts[0].notes[0].end, 2.5); // the last event, a controller at tick 2400
    }

    void readsSmpteTime()
    {
        // 25 frames per second, 40 ticks per frame: 1000 ticks per second; tempo is ignored.
        MidiTrackBytes track;
        track.tempo(0, 250000).noteOn(500, 0, 60).noteOff(1500, 0, 60);
        MidiSong song;
        QVERIFY(!StandardMidiFile::parse(midiFile({track}, 0, (0xE7 << 8) | 40), "d.mid", song)
                         .isError());
        QCOMPARE(song.parts[0].notes[0].start, 0.5);
        QCOMPARE(song.parts[0].notes[0].end, 2.0);
    }

    void badFilesNameTheFileAndTheProblem_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("problem");
        MidiTrackBytes notes;
        notes.noteOn(0, 0, 60).noteOff(480, 0, 60);
        const QByteArray good = midiFile({notes});
        QTest::newRow("not midi") << QByteArray("RIFF\0\0\0\0WAVEfmt ", 16)
                                  << QStringLiteral("not a Standard MIDI File");
        QTest::newRow("cut short")
                << good.left(good.size() - 5) << QStringLiteral("cut short: track 1 declares");
        MidiTrackBytes silent;
        silent.program(0, 0, 5);
        QTest::newRow("no notes") << midiFile({silent}) << QStringLiteral("holds no notes");
        QTest::newRow("format 2") << midiFile({notes}, 2)
                                  << QStringLiteral("format 2 (independent sequences)");
        MidiTrackBytes orphan;
        orphan.event(0, {60, 100});
        QTest::newRow("data without status")
                << midiFile({orphan}) << QStringLiteral("data byte without a status");
        QTest::newRow("no tracks") << midiFile({}) << QStringLiteral("no MTrk track chunk");
    }
    void badFilesNameTheFileAndTheProblem()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, problem);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("song.mid"));
        QVERIFY(timbre::testing::writeBytes(path, bytes));
        MidiSong song;
        const MidiError error = StandardMidiFile::read(path, song);
        QVERIFY(error.isError());
        QVERIFY2(error.toString().startsWith(path + QStringLiteral(": ")),
                 qPrintable(error.toString()));
        QVERIFY2(error.message.contains(problem), qPrintable(error.message));
    }

    void aMissingFileIsNamed()
    {
        MidiSong song;
        const MidiError error = StandardMidiFile::read(QStringLiteral("/nonexistent/x.mid"), song);
        QCOMPARE(error.toString(), QStringLiteral("/nonexistent/x.mid: file not found"));
    }
};

QTEST_GUILESS_MAIN(StandardMidiFileTest)
#include "StandardMidiFile_test.moc"
