// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QString>
#include <QStringList>

namespace timbre::library {

// What a file says about itself: tags and stream facts.
struct AudioFileInfo
{
    QString title;
    QString artist;
    QString album;
    QString genre;
    int year = 0; // 0 = unknown
    int trackNumber = 0; // 0 = unknown
    double durationS = 0;
    int bitrateKbps = 0;
    int sampleRate = 0;
    int channels = 0;
    QString codec; // "mp3", "flac", "vorbis", "opus", "aac", "alac", "pcm", "wma"...
};

// Reading a file's tags either succeeds or says why not (Strawberry's TagReaderResult: an
// error code plus text, never an exception, never a message printed).
struct TagReadResult
{
    enum class Code {
        Ok,
        FileNotFound,
        NotAudioExtension, // not one of audioExtensions()
        Unreadable, // neither TagLib nor FFmpeg found an audio stream in it
    };
    Code code = Code::Ok;
    QString message; // names the file; empty when Ok
    AudioFileInfo info;
    bool viaFfmpeg = false; // TagLib could not read it, FFmpeg's probe did (no tags then)

    bool ok() const { return code == Code::Ok; }
};

// Tags through TagLib, with FFmpeg's probe as the fallback for containers TagLib does not
// handle. A file counts as audio only when one of them finds an audio stream in it (a text
// file named .mp3 is Unreadable). Thread-safe: files are read independently.
class TagReader
{
public:
    // Lower-case extensions without the dot.
    static const QStringList &audioExtensions();
    static bool hasAudioExtension(const QString &path);
    // Reads on the calling thread (blocking file I/O).
    static TagReadResult readBlocking(const QString &path);
    static QString codeName(TagReadResult::Code code);
};

} // namespace timbre::library
