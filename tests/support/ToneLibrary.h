// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Test helper: a library of generated tone WAVs registered as scanned tracks (what
// LibraryScanner would store), for widget tests and harnesses that run real jobs on it.
#include "core/audio/AudioEncoder.h"
#include "core/library/ContentHash.h"
#include "core/library/Library.h"
#include "core/library/TrackStore.h"

#include <QDir>
#include <QFileInfo>
#include <QList>
#include <QString>

#include <cmath>
#include <vector>

namespace timbre::testing {

// A mono sine at `hz`; returns the encoder's error message, empty on success.
inline QString writeToneWav(const QString &path, double hz, double seconds, int rate = 16000)
{
    std::vector<float> s(size_t(seconds * rate));
    for (size_t i = 0; i < s.size(); ++i)
        s[i] = 0.3f * float(std::sin(2.0 * M_PI * hz * double(i) / rate));
    const auto e = audio::AudioEncoder::write(path, s, 1, rate, audio::AudioFormat::Wav);
    return e.isError() ? e.message : QString();
}

// Writes `count` tone files of `seconds` into audioFolder and registers them in `library`.
// Returns the track ids (empty and *error on failure).
inline QList<qint64> makeToneTracks(const library::Library &library, const QString &audioFolder,
                                    int count, double seconds, QString *error)
{
    QDir().mkpath(audioFolder);
    QList<library::TrackRecord> records;
    for (int i = 0; i < count; ++i) {
        const QString path
                = QDir(audioFolder)
                          .filePath(QStringLiteral("tone%1.wav").arg(i, 4, 10, QLatin1Char('0')));
        const QString problem = writeToneWav(path, 220.0 + 20.0 * i, seconds);
        if (!problem.isEmpty()) {
            *error = problem;
            return {};
        }
        const QFileInfo info(path);
        library::TrackRecord r;
        r.path = info.absoluteFilePath();
        r.size = info.size();
        r.mtimeMs = info.fileTime(QFileDevice::FileModificationTime).toMSecsSinceEpoch();
        r.contentHash = library::ContentHash::computeBlocking(path);
        r.durationS = seconds;
        r.title = QStringLiteral("Tone %1").arg(i);
        records << r;
    }
    auto ids = library.tracks().upsertBatch(records);
    if (!ids) {
        *error = ids.error().message;
        return {};
    }
    return *ids;
}

} // namespace timbre::testing
