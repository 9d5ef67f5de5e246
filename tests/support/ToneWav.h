// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Test helper for the CLI suites, which link no audio code: a 16-bit mono PCM WAV of a tone.
#include <QDataStream>
#include <QFile>
#include <QString>

#include <cmath>

namespace timbre::testing {

// A tone whose amplitude (in 16-bit steps) is `before` until `stepSeconds`, then `after`:
// for the instance levels (the default is writeToneWav's one level throughout).
inline bool writeStepToneWav(const QString &path, double seconds, double stepSeconds, double before,
                             double after, double hz = 440.0, int rate = 16000)
{
    const quint32 frames = quint32(seconds * rate);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    QDataStream s(&file);
    s.setByteOrder(QDataStream::LittleEndian);
    s.writeRawData("RIFF", 4);
    s << quint32(36 + frames * 2);
    s.writeRawData("WAVEfmt ", 8);
    s << quint32(16) << quint16(1) << quint16(1) << quint32(rate) << quint32(rate * 2) << quint16(2)
      << quint16(16);
    s.writeRawData("data", 4);
    s << quint32(frames * 2);
    for (quint32 n = 0; n < frames; ++n) {
        const double amplitude = n < stepSeconds * rate ? before : after;
        s << qint16(amplitude * std::sin(2 * M_PI * hz * n / rate));
    }
    return s.status() == QDataStream::Ok;
}

inline bool writeToneWav(const QString &path, double seconds, double hz = 440.0, int rate = 16000)
{
    return writeStepToneWav(path, seconds, seconds, 8000.0, 8000.0, hz, rate);
}

} // namespace timbre::testing
