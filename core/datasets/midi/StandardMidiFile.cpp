// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/midi/StandardMidiFile.h"

#include <QFile>
#include <QHash>

#include <algorithm>
#include <deque>
#include <map>

namespace timbre::datasets {

namespace {

// A note-off in the same tick as its note-on still sounds on every synthesizer (drum parts
// often do this); it keeps this much length so that renderers skipping empty notes play it.
constexpr double kMinimumNoteSeconds = 0.01;

struct ChannelEvent
{
    qint64 tick = 0;
    int track = 0;
    int order = 0; // position in its track
    quint8 status = 0; // 0x80..0xEF
    quint8 data1 = 0;
    quint8 data2 = 0;

    int kind() const { return status & 0xF0; }
    int channel() const { return status & 0x0F; }
    bool isNoteOn() const { return kind() == 0x90 && data2 > 0; }
};

struct TempoChange
{
    qint64 tick = 0;
    int microsecondsPerQuarter = 500000;
};

class Reader
{
public:
    Reader(const QByteArray &bytes, int begin, int end) : m_bytes(bytes), m_pos(begin), m_end(end)
    { }
    bool atEnd() const { return m_pos >= m_end; }
    int position() const { return m_pos; }
    bool byte(quint8 &value)
    {
        if (m_pos >= m_end)
            return false;
        value = quint8(m_bytes[m_pos++]);
        return true;
    }
    bool variableLength(quint32 &value)
    {
        value = 0;
        for (int i = 0; i < 4; ++i) {
            quint8 b = 0;
            if (!byte(b))
                return false;
            value = (value << 7) | (b & 0x7F);
            if (!(b & 0x80))
                return true;
        }
        return false; // more than four bytes: not a valid quantity
    }
    bool skip(quint32 count)
    {
        if (qint64(m_pos) + count > m_end)
            return false;
        m_pos += int(count);
        return true;
    }
    QByteArray take(quint32 count)
    {
        const QByteArray part = m_bytes.mid(m_pos, int(count));
        m_pos += int(count);
        return part;
    }

private:
    const QByteArray &m_bytes;
    int m_pos;
    int m_end;
};

quint32 bigEndian32(const QByteArray &bytes, int at)
{
    return (quint32(quint8(bytes[at])) << 24) | (quint32(quint8(bytes[at + 1])) << 16)
            | (quint32(quint8(bytes[at + 2])) << 8) | quint32(quint8(bytes[at + 3]));
}

int bigEndian16(const QByteArray &bytes, int at)
{
    return (int(quint8(bytes[at])) << 8) | int(quint8(bytes[at + 1]));
}

// Converts ticks to seconds through the tempo map (metrical time) or a fixed rate (SMPTE).
class Clock
{
public:
    Clock(int ticksPerQuarter, double ticksPerSecond, std::vector<TempoChange> tempi)
        : m_ticksPerQuarter(ticksPerQuarter), m_ticksPerSecond(ticksPerSecond)
    {
        std::stable_sort(
                tempi.begin(), tempi.end(),
                [](const TempoChange &a, const TempoChange &b) { return a.tick < b.tick; });
        m_changes.push_back({0, 500000, 0.0});
        for (const TempoChange &change : tempi) {
            Segment &last = m_changes.back();
            if (change.tick == last.tick) {
                last.microsecondsPerQuarter = change.microsecondsPerQuarter;
                continue;
            }
            const double seconds = last.seconds + secondsIn(last, change.tick - last.tick);
            m_changes.push_back({change.tick, change.microsecondsPerQuarter, seconds});
        }
    }
    double seconds(qint64 tick) const
    {
        if (m_ticksPerSecond > 0.0)
            return double(tick) / m_ticksPerSecond;
        auto it = std::upper_bound(m_changes.begin(), m_changes.end(), tick,
                                   [](qint64 t, const Segment &s) { return t < s.tick; });
        const Segment &segment = *std::prev(it);
        return segment.seconds + secondsIn(segment, tick - segment.tick);
    }
    double firstBpm() const { return 60.0e6 / m_changes.front().microsecondsPerQuarter; }

private:
    struct Segment
    {
        qint64 tick;
        int microsecondsPerQuarter;
        double seconds;
    };
    double secondsIn(const Segment &segment, qint64 ticks) const
    {
        return double(ticks) * segment.microsecondsPerQuarter / (1.0e6 * m_ticksPerQuarter);
    }

    int m_ticksPerQuarter;
    double m_ticksPerSecond;
    std::vector<Segment> m_changes;
};

int dataBytes(int kind)
{
    return (kind == 0xC0 || kind == 0xD0) ? 1 : 2;
}

} // namespace

MidiError StandardMidiFile::read(const QString &path, MidiSong &song)
{
    QFile file(path);
    if (!file.exists())
        return MidiError::make(MidiError::NotFound, path, QStringLiteral("file not found"));
    if (!file.open(QIODevice::ReadOnly))
        return MidiError::make(MidiError::Unreadable, path,
                               QStringLiteral("cannot read the file (%1)").arg(file.errorString()));
    // Real songs are tens of kilobytes; anything this big is not a MIDI file.
    if (file.size() > 64 * 1024 * 1024)
        return MidiError::make(
                MidiError::Unreadable, path,
                QStringLiteral("too large for a MIDI file (%1 bytes)").arg(file.size()));
    return parse(file.readAll(), path, song);
}

MidiError StandardMidiFile::parse(const QByteArray &bytes, const QString &path, MidiSong &song)
{
    song = MidiSong {};
    song.path = path;
    const auto fail = [&](const QString &message) {
        return MidiError::make(MidiError::NotMidi, path, message);
    };

    if (bytes.size() < 14 || !bytes.startsWith("MThd"))
        return fail(QStringLiteral("not a Standard MIDI File (no MThd header)"));
    const quint32 headerLength = bigEndian32(bytes, 4);
    if (headerLength < 6 || qint64(8) + headerLength > bytes.size())
        return fail(QStringLiteral("the MThd header is cut short"));
    song.format = bigEndian16(bytes, 8);
    const int division = bigEndian16(bytes, 12);
    if (song.format > 2)
        return fail(QStringLiteral("unknown MIDI file format %1").arg(song.format));
    if (song.format == 2)
        return fail(QStringLiteral("format 2 (independent sequences) is not supported"));
    int ticksPerQuarter = 0;
    double ticksPerSecond = 0.0;
    if (division & 0x8000) {
        const int fps = -qint8(quint8(division >> 8));
        const int ticksPerFrame = division & 0xFF;
        if (fps <= 0 || ticksPerFrame <= 0)
            return fail(QStringLiteral("invalid SMPTE time division"));
        ticksPerSecond = (fps == 29 ? 29.97 : double(fps)) * ticksPerFrame;
    } else {
        ticksPerQuarter = division;
        if (ticksPerQuarter <= 0)
            return fail(QStringLiteral("time division of zero ticks per quarter note"));
    }

    std::vector<ChannelEvent> events;
    std::vector<TempoChange> tempi;
    qint64 lastTick = 0;
    int pos = 8 + int(headerLength);
    int track = 0;
    while (pos + 8 <= bytes.size()) {
        const QByteArray id = bytes.mid(pos, 4);
        const quint32 length = bigEndian32(bytes, pos + 4);
        const int body = pos + 8;
        if (qint64(body) + length > bytes.size())
            return fail(QStringLiteral("cut short: track %1 declares %2 bytes but only %3 remain")
                                .arg(track + 1)
                                .arg(length)
                                .arg(bytes.size() - body));
        pos = body + int(length);
        if (id != "MTrk")
            continue; // unknown chunks are skipped, as the standard asks

        Reader in(bytes, body, body + int(length));
        const auto malformed = [&](const char *what) {
            return fail(QStringLiteral("track %1 is malformed at byte %2 (%3)")
                                .arg(track + 1)
                                .arg(in.position())
                                .arg(QLatin1String(what)));
        };
        qint64 tick = 0;
        quint8 running = 0;
        int order = 0;
        while (!in.atEnd()) {
            quint32 delta = 0;
            if (!in.variableLength(delta))
                return malformed("bad delta time");
            tick += delta;
            quint8 status = 0;
            if (!in.byte(status))
                return malformed("event missing");
            if (status == 0xFF) {
                quint8 type = 0;
                quint32 size = 0;
                if (!in.byte(type) || !in.variableLength(size)
                    || qint64(in.position()) + size > body + qint64(length))
                    return malformed("meta event runs past the end of the track");
                const QByteArray data = in.take(size);
                if (type == 0x51 && size == 3) {
                    const int tempo = (int(quint8(data[0])) << 16) | (int(quint8(data[1])) << 8)
                            | int(quint8(data[2]));
                    if (tempo > 0)
                        tempi.push_back({tick, tempo});
                } else if (type == 0x03 && song.title.isEmpty()) {
                    song.title = QString::fromLatin1(data).trimmed();
                } else if (type == 0x2F) {
                    break;
                }
                lastTick = std::max(lastTick, tick);
                continue;
            }
            if (status == 0xF0 || status == 0xF7) {
                quint32 size = 0;
                if (!in.variableLength(size) || !in.skip(size))
                    return malformed("system exclusive message runs past the end of the track");
                running = 0;
                continue;
            }
            ChannelEvent event;
            event.tick = tick;
            event.track = track;
            event.order = order++;
            quint8 first = 0;
            if (status & 0x80) {
                if (status >= 0xF0)
                    return malformed("unexpected system message");
                running = status;
                if (!in.byte(first))
                    return malformed("channel message cut short");
            } else {
                if (!running)
                    return malformed("data byte without a status");
                first = status;
            }
            event.status = running;
            event.data1 = first & 0x7F;
            if (dataBytes(event.kind()) == 2) {
                quint8 second = 0;
                if (!in.byte(second))
                    return malformed("channel message cut short");
                event.data2 = second & 0x7F;
            }
            events.push_back(event);
            lastTick = std::max(lastTick, tick);
        }
        ++track;
    }
    song.tracks = track;
    if (track == 0)
        return fail(QStringLiteral("no MTrk track chunk"));
    // Across tracks, events of one tick apply controllers and note-offs before note-ons, so
    // a note re-struck in the same tick is not cut by its own release.
    std::stable_sort(events.begin(), events.end(),
                     [](const ChannelEvent &a, const ChannelEvent &b) {
                         if (a.tick != b.tick)
                             return a.tick < b.tick;
                         if (a.isNoteOn() != b.isNoteOn())
                             return !a.isNoteOn();
                         if (a.track != b.track)
                             return a.track < b.track;
                         return a.order < b.order;
                     });
    const Clock clock(ticksPerQuarter, ticksPerSecond, tempi);
    song.firstTempoBpm = clock.firstBpm();
    const double endSeconds = clock.seconds(lastTick);

    struct OpenNote
    {
        double start;
        int velocity;
        size_t part;
    };
    int program[16];
    int volume[16];
    int expression[16];
    int pan[16];
    std::fill(std::begin(program), std::end(program), 0);
    std::fill(std::begin(volume), std::end(volume), 100);
    std::fill(std::begin(expression), std::end(expression), 127);
    std::fill(std::begin(pan), std::end(pan), 64);
    std::map<int, std::deque<OpenNote>> open; // channel * 128 + key
    QHash<int, size_t> partOf; // channel * 128 + program
    const auto close = [&](const OpenNote &note, int key, double at) {
        MidiNote out;
        out.start = note.start;
        out.end = std::max(at, note.start + kMinimumNoteSeconds);
        out.key = key;
        out.velocity = note.velocity;
        song.parts[note.part].notes.push_back(out);
    };
    for (const ChannelEvent &event : events) {
        const int channel = event.channel();
        const double at = clock.seconds(event.tick);
        switch (event.kind()) {
        case 0xC0:
            program[channel] = event.data1;
            break;
        case 0xB0:
            if (event.data1 == 7)
                volume[channel] = event.data2;
            else if (event.data1 == 11)
                expression[channel] = event.data2;
            else if (event.data1 == 10)
                pan[channel] = event.data2;
            break;
        case 0x80:
        case 0x90: {
            const int slot = channel * 128 + event.data1;
            if (event.isNoteOn()) {
                const int partKey = channel * 128 + program[channel];
                auto found = partOf.constFind(partKey);
                size_t part = 0;
                if (found == partOf.constEnd()) {
                    MidiPart created;
                    created.channel = channel;
                    created.program = program[channel];
                    created.volume = volume[channel] * expression[channel] / 127;
                    created.pan = pan[channel];
                    part = song.parts.size();
                    song.parts.push_back(created);
                    partOf.insert(partKey, part);
                } else {
                    part = *found;
                }
                open[slot].push_back({at, event.data2, part});
            } else {
                auto it = open.find(slot);
                if (it != open.end() && !it->second.empty()) {
                    close(it->second.front(), event.data1, at);
                    it->second.pop_front();
                }
            }
            break;
        }
        default:
            break;
        }
    }
    for (const auto &[slot, notes] : open) {
        for (const OpenNote &note : notes)
            close(note, slot % 128, endSeconds);
    }

    for (MidiPart &part : song.parts) {
        std::stable_sort(part.notes.begin(), part.notes.end(),
                         [](const MidiNote &a, const MidiNote &b) { return a.start < b.start; });
        for (const MidiNote &note : part.notes)
            song.seconds = std::max(song.seconds, note.end);
    }
    if (song.parts.empty())
        return fail(QStringLiteral("holds no notes"));
    return {};
}

} // namespace timbre::datasets
