// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/features/ExtractorInfo.h"
#include "core/features/FeatureFile.h"
#include "core/features/FeatureFileReader.h"

#include <QMap>
#include <QString>

namespace timbre::features {

// Whether a stored feature file still describes the track, and if not, the first reason found.
struct FeatureStaleness
{
    enum Reason {
        Fresh = 0,
        Missing, // no file for this track and extractor key
        Unreadable, // the header cannot be read (message says why): recompute
        ExtractorChanged, // written by another extractor id or version
        DimensionChanged, // the extractor's dimension no longer matches the file's columns
        AudioSizeChanged,
        AudioMtimeChanged,
        AudioContentChanged,
    };

    Reason reason = Fresh;
    QString message; // one line naming the file; empty when fresh

    bool isStale() const { return reason != Fresh; }
};

struct FeatureDiskUsage
{
    qint64 bytes = 0;
    int files = 0;

    bool operator==(const FeatureDiskUsage &o) const
    {
        return bytes == o.bytes && files == o.files;
    }
};

// The feature store of a library: <library>/features/<extractor key>/<bucket>/<track id>.tfeat,
// one FeatureFile per track and extractor version. Bucket folders of 1000 track ids keep any
// folder small enough to list quickly ("melstat-v1/012/12345.tfeat"). A new extractor version
// writes under a new key, so old files stay readable until removeExtractor() drops them.
//
// Stateless apart from the root path; safe to use from several threads as long as two threads
// do not write the same (track, key) at once (the last rename wins, both files are whole).
// The catalog's feature_set row (library::FeatureSetStore) records relativePath() and the
// checksum; this class never touches the database.
class FeatureStore
{
public:
    static constexpr qint64 kTracksPerBucket = 1000;

    explicit FeatureStore(const QString &root);
    QString root() const { return m_root; }

    // Keys become folder names: letters, digits, '.', '_' and '-' only, not starting with '.'.
    static bool isValidKey(const QString &extractorKey);
    // "<key>/<bucket>/<track id>.tfeat": what feature_set.file stores (relative to root()).
    static QString relativePath(qint64 trackId, const QString &extractorKey);
    QString path(qint64 trackId, const QString &extractorKey) const;
    QString absolutePath(const QString &relativePath) const;

    // Writes the track's matrix atomically (FeatureFile::write) under extractor.key().
    // InvalidArgument when the matrix does not have extractor.dimension columns, carries a
    // decode error, or the key or track id is unusable.
    FeatureFileError write(qint64 trackId, const ExtractorInfo &extractor,
                           const FeatureMatrix &matrix, double instanceHopS,
                           const SourceStamp &source,
                           FeatureEncoding encoding = FeatureEncoding::Float16,
                           FeatureFileHeader *written = nullptr) const;
    // Opens and verifies (checksum included) the track's file for `extractorKey`.
    FeatureFileError open(qint64 trackId, const QString &extractorKey,
                          FeatureFileReader *reader) const;

    // Is the file for (track, current.key()) missing or out of date with respect to the
    // current extractor and the audio file's current stamp? Reads the header only.
    FeatureStaleness staleness(qint64 trackId, const ExtractorInfo &current,
                               const SourceStamp &audio) const;
    // The same comparison for a header already read (e.g. a file the catalog points at).
    static FeatureStaleness staleness(const FeatureFileHeader &header, const QString &path,
                                      const ExtractorInfo &current, const SourceStamp &audio);

    // Deletes the track's file for `extractorKey`; true when no file is left.
    bool remove(qint64 trackId, const QString &extractorKey) const;
    // Deletes every file of one extractor key (an old version); true when the folder is gone.
    bool removeExtractor(const QString &extractorKey) const;

    // Deletes writers' leftover temporaries ("<track id>.tfeat.XXXXXX") last modified more than
    // `minAgeMs` ago; returns how many. QSaveFile writes into an unnamed O_TMPFILE where the
    // file system has one, so a killed writer leaves nothing, but it falls back to a named
    // temporary elsewhere, and a kill between its link and rename leaves one too. The age
    // keeps a live writer's temporary safe; run it when no extraction is going on.
    int removeLeftovers(qint64 minAgeMs = 10 * 60 * 1000) const;

    // Bytes and number of .tfeat files per extractor key (folders under root()).
    QMap<QString, FeatureDiskUsage> diskUsage() const;
    FeatureDiskUsage diskUsage(const QString &extractorKey) const;

private:
    QString m_root;
};

} // namespace timbre::features
