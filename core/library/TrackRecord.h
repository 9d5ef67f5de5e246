// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QByteArray>
#include <QString>

namespace timbre::library {

enum class ScanState { Ok, Missing, Error };

QString scanStateName(ScanState state); // "ok" / "missing" / "error"
ScanState scanStateFromName(const QString &name); // unknown names read as Error

// One row of the `track` table. Times are milliseconds since the epoch (UTC).
struct TrackRecord
{
    qint64 id = 0; // 0 = not stored yet
    QString path; // absolute, as the scanner found it; unique
    qint64 size = 0;
    qint64 mtimeMs = 0;
    QByteArray contentHash; // as produced by the scanner's ContentHash (stored as a BLOB)
    double durationS = 0;
    int sampleRate = 0;
    int channels = 0;
    QString codec;
    int bitrateKbps = 0;
    QString title;
    QString artist;
    QString album;
    QString genre;
    int year = 0; // 0 = unknown
    int trackNumber = 0; // 0 = unknown
    ScanState scanState = ScanState::Ok;
    QString errorText; // why a file could not be read (scanState Error)
    qint64 addedMs = 0; // set by the store on insert
    qint64 updatedMs = 0; // set by the store on every write
};

// What an incremental scan needs to decide whether a file changed.
struct TrackStamp
{
    qint64 id = 0;
    qint64 size = 0;
    qint64 mtimeMs = 0;
    ScanState scanState = ScanState::Ok;
};

} // namespace timbre::library
