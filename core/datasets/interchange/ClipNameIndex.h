// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace timbre::datasets {

// What a name in a labels file resolved to.
struct ClipMatch
{
    enum class Outcome { Matched, Unmatched, Ambiguous };
    // How it matched (for the preview: a person checks that the rule is the one they meant).
    enum class Rule {
        None,
        ClipKey, // the clip's key or the name exports write
        Path, // a track's absolute path
        RelativeToFile, // a path relative to the labels file's folder
        RelativePath, // a path relative to a folder of the library ("audio/clip_000.flac")
        FileName, // a track's file name with its extension ("clip_000.flac")
        BaseName, // a track's file name without its extension ("clip_000")
        Region, // "<whole-track name>#<start>-<end>"
    };

    Outcome outcome = Outcome::Unmatched;
    Rule rule = Rule::None;
    qint64 clipId = 0; // 0 when Matched: a region clip that importing would create
    int candidateCount = 0; // Ambiguous: how many tracks the name fits
    QStringList candidates; // Ambiguous: the paths of the first few of them

    bool matched() const { return outcome == Outcome::Matched; }
};

// Finds the whole-track clip a person means by a file name or a path, the way labels files
// written by hand or by other tools name files: "clip_000.flac", "clip_000",
// "audio/clip_000.flac" (any folder above the file: the catalog does not record which roots
// were scanned, and a path relative to a root is exactly a trailing part of the track's
// path), "audio\clip_000.flac", "./audio/clip_000.flac", or a path relative to the labels
// file ("../music/clip_000.flac"). Exact case first; only when nothing fits, ignoring case
// (labels written on a case-insensitive file system). A name that fits several tracks is
// Ambiguous, never guessed. Keys and absolute paths are LabelsCsvImport's own index.
class ClipNameIndex
{
public:
    void clear();
    void add(qint64 wholeClipId, const QString &absolutePath);
    // `labelsFolder`: the folder relative paths are tried against first (may be empty).
    ClipMatch match(const QString &name, const QString &labelsFolder = QString()) const;

    static constexpr int kCandidatesKept = 3;

private:
    struct Entry
    {
        qint64 clipId = 0;
        QString path;
    };
    QList<int> fitting(const QString &name, Qt::CaseSensitivity cs, bool *byFileName) const;

    QList<Entry> m_entries;
    QHash<QString, int> m_byPath;
    QHash<QString, QList<int>> m_byFileName; // lower-case file name -> entries
    QHash<QString, QList<int>> m_byBaseName; // lower-case name without extension -> entries
};

} // namespace timbre::datasets
