// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Test helper: writes Standard MIDI File bytes event by event, so the tests state exactly what
// a song holds.
#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>

namespace timbre::testing {

class MidiTrackBytes
{
public:
    MidiTrackBytes &delta(quint32 ticks)
    {
        QByteArray quantity;
        quantity.prepend(char(ticks & 0x7F));
        while (ticks >>= 7)
            quantity.prepend(char(0x80 | (ticks & 0x7F)));
        m_bytes += quantity;
        return *this;
    }
    // Raw event bytes after a delta (status may be omitted for running status).
    MidiTrackBytes &event(quint32 ticks, QList<int> bytes)
    {
        delta(ticks);
        for (int b : bytes)
            m_bytes += char(b);
        return *this;
    }
    MidiTrackBytes &tempo(quint32 ticks, int microsecondsPerQuarter)
    {
        return event(ticks,
                     {0xFF, 0x51, 0x03, (microsecondsPerQuarter >> 16) & 0xFF,
                      (microsecondsPerQuarter >> 8) & 0xFF, microsecondsPerQuarter & 0xFF});
    }
    MidiTrackBytes &name(quint32 ticks, const QByteArray &text)
    {
        delta(ticks);
        m_bytes += char(0xFF);
        m_bytes += char(0x03);
        m_bytes += char(text.size());
        m_bytes += text;
        return *this;
    }
    MidiTrackBytes &program(quint32 ticks, int channel, int program)
    {
        return event(ticks, {0xC0 | channel, program});
    }
    MidiTrackBytes &noteOn(quint32 ticks, int channel, int key, int velocity = 100)
    {
        return event(ticks, {0x90 | channel, key, velocity});
    }
    MidiTrackBytes &noteOff(quint32 ticks, int channel, int key)
    {
        return event(ticks, {0x80 | channel, key, 0});
    }
    QByteArray chunk() const
    {
        QByteArray body = m_bytes;
        body += QByteArray("\x00\xFF\x2F\x00", 4);
        return QByteArray("MTrk") + bigEndian32(quint32(body.size())) + body;
    }
    static QByteArray bigEndian32(quint32 v)
    {
        QByteArray out;
        for (int shift = 24; shift >= 0; shift -= 8)
            out += char((v >> shift) & 0xFF);
        return out;
    }

private:
    QByteArray m_bytes;
};

inline QByteArray midiFile(const QList<MidiTrackBytes> &tracks, int format = 1, int division = 480)
{
    QByteArray out("MThd");
    out += MidiTrackBytes::bigEndian32(6);
    out += char(0);
    out += char(format);
    out += char(0);
    out += char(tracks.size());
    out += char((division >> 8) & 0xFF);
    out += char(division & 0xFF);
    for (const MidiTrackBytes &track : tracks)
        out += track.chunk();
    return out;
}

inline bool writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace timbre::testing
