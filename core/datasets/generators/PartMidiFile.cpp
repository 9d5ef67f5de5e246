// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/generators/PartMidiFile.h"

#include "core/datasets/generators/GeneralMidiMap.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace timbre::datasets {

namespace {

constexpr int kTicksPerQuarter = 480; // at 120 bpm: 960 ticks per second
constexpr double kTicksPerSecond = kTicksPerQuarter * 2.0;

void appendVarLen(QByteArray &out, quint32 value)
{
    quint8 bytes[5];
    int n = 0;
    bytes[n++] = value & 0x7f;
    while ((value >>= 7) != 0)
        bytes[n++] = 0x80 | (value & 0x7f);
    while (n > 0)
        out.append(char(bytes[--n]));
}

void appendBigEndian(QByteArray &out, quint32 value, int bytes)
{
    for (int i = bytes - 1; i >= 0; --i)
        out.append(char((value >> (8 * i)) & 0xff));
}

QByteArray bytesOf(std::initializer_list<int> values)
{
    QByteArray out;
    for (int v : values)
        out.append(char(v & 0xff));
    return out;
}

} // namespace

QByteArray partMidiFile(const SynthPart &part, int pan)
{
    struct Event
    {
        quint32 tick;
        int order; // note-offs before note-ons at the same tick
        QByteArray bytes;
    };
    std::vector<Event> events;
    const bool percussion = GeneralMidiMap::isPercussion(part.sound);
    const int channel = percussion ? 9 : 0;
    const auto status = [channel](int high) { return high | channel; };
    if (!percussion) // a kit is chosen by its program alone
        events.push_back({0, 0, bytesOf({status(0xb0), 0, char(part.sound.bank & 0x7f)})});
    events.push_back({0, 0, bytesOf({status(0xc0), char(part.sound.program & 0x7f)})});
    events.push_back({0, 0, bytesOf({status(0xb0), 7, char(std::clamp(part.volume, 0, 127))})});
    events.push_back({0, 0, bytesOf({status(0xb0), 10, char(std::clamp(pan, 0, 127))})});
    for (const SynthNote &note : part.notes) {
        if (note.end <= note.start)
            continue;
        const quint32 on = quint32(std::llround(std::max(0.0, note.start) * kTicksPerSecond));
        const quint32 off = std::max(on + 1, quint32(std::llround(note.end * kTicksPerSecond)));
        const char key = char(std::clamp(note.key, 0, 127));
        events.push_back(
                {on, 2, bytesOf({status(0x90), key, char(std::clamp(note.velocity, 1, 127))})});
        events.push_back({off, 1, bytesOf({status(0x80), key, 0})});
    }
    std::stable_sort(events.begin(), events.end(), [](const Event &a, const Event &b) {
        return a.tick != b.tick ? a.tick < b.tick : a.order < b.order;
    });
    QByteArray track;
    // Tempo 500 000 us per quarter note (120 bpm).
    track.append(QByteArray::fromHex("00ff5103"));
    appendBigEndian(track, 500000, 3);
    quint32 last = 0;
    for (const Event &e : events) {
        appendVarLen(track, e.tick - last);
        last = e.tick;
        track.append(e.bytes);
    }
    track.append(QByteArray::fromHex("00ff2f00"));
    QByteArray file("MThd");
    appendBigEndian(file, 6, 4);
    appendBigEndian(file, 0, 2); // format 0
    appendBigEndian(file, 1, 2);
    appendBigEndian(file, kTicksPerQuarter, 2);
    file.append("MTrk");
    appendBigEndian(file, quint32(track.size()), 4);
    file.append(track);
    return file;
}

} // namespace timbre::datasets
