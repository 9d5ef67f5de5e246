// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/datasets/interchange/ActivityCsv.h"
#include "core/datasets/interchange/ClipNameIndex.h"
#include "core/datasets/interchange/LabelsCsv.h"
#include "core/datasets/interchange/LabelsImportPlan.h"
#include "core/library/CatalogError.h"

#include <QHash>

#include <optional>

namespace timbre::library {
class Library;
}

namespace timbre::datasets {

struct ImportReport
{
    int rowsRead = 0;
    int labelsChanged = 0; // labels whose state changed (import batch size)
    int regionsCreated = 0; // region clips made for strong labels
    int tracksCreated = 0; // OpenMIC / multitrack: tracks the catalog did not know
    qint64 batchId = 0; // the label batch written (0 = nothing changed)
    LabelsImportCounts counts; // rows of labels and activity: matched and why not
    QList<DatasetIssue> issues;
};

// Labels from files into a catalog, and the clip keys the exporters write.
//
// Clip keys. A whole-track clip is named by its `key` column when set (a data set's sample
// key), else by its file's base name ("clip_0042" for mixes/clip_0042.flac) when that is
// unique in the catalog, else by the track's absolute path. A region clip is named by its key
// when set, else "<whole-track key>#<start>-<end>" (seconds). Import resolves the same forms,
// plus any track's absolute path, so export -> import round-trips, and the names people give
// files in their own labels files: a file name with or without its extension, a path relative
// to a folder of the library or to the labels file (ClipNameIndex). A name several tracks
// share is ambiguous: its rows are skipped and reported, never guessed.
//
// Reporting. Rows that match no clip, match several, or name an instrument the taxonomy lacks
// are skipped and summarised (a count and the first few, with line numbers), not one warning
// per row. An import in which no row matched is refused as a whole (CatalogError
// InvalidArgument naming the file and the first unmatched row) and writes nothing.
// Instruments are matched by key or display name, ignoring case, spaces and underscores.
//
// Strong labels (activity.csv; multitrack stems) are stored as REGION CLIPS labelled present
// for their instrument (one region clip per distinct [start, end) of a track, shared by the
// instruments active over exactly that span): the catalog has no separate activity table, a
// region clip is already what the label editor and the trainer understand, and exporting the
// present labels of region clips gives activity.csv back. Other instruments on such a region
// stay unknown.
//
// All labels of one import are one label batch with source "import" (not undoable, audited).
class LabelsCsvImport
{
public:
    explicit LabelsCsvImport(const library::Library &library);

    // Reads tracks and clips once; call again after the catalog changed underneath.
    library::CatalogError load();

    QString keyOfClip(qint64 clipId) const { return m_keyById.value(clipId); }

    // The whole-track clip of the track stored at exactly `absolutePath`, with the key exports
    // name it by, without load(): one track lookup and one pass over the paths (what
    // `timbre labels set --track` needs on a library of a million tracks). std::nullopt when no
    // track has that path or it has no whole-track clip; resolve() then says why.
    struct ClipAndKey
    {
        qint64 clipId = 0;
        QString key;
    };
    static library::CatalogResult<std::optional<ClipAndKey>>
    wholeTrackClipAt(const library::Library &library, const QString &absolutePath);
    // Relative paths in labels files are tried against this folder first (the file's own).
    void setLabelsFolder(const QString &folder) { m_labelsFolder = folder; }

    // What `key` names. Region keys ("parent#1.5-3") create the region clip when
    // `createRegions` is set; otherwise a missing one is Matched with clipId 0.
    library::CatalogResult<ClipMatch> match(const QString &key, bool createRegions);
    // The clip a key names; std::nullopt with `why` set when nothing (or more than one track)
    // matches, or the region clip does not exist and `createRegions` is not set.
    library::CatalogResult<std::optional<qint64>> resolve(const QString &key, bool createRegions,
                                                          QString *why);
    // One English sentence saying why `key` did not resolve.
    static QString describe(const QString &key, const ClipMatch &match);

    // Matches rows to clips and instruments without writing anything (region clips are not
    // created). `readIssues` are the reader's: those of `sourceFile` with a line number are
    // its unreadable rows. The first `keepRows` rows (unreadable ones included) are kept.
    library::CatalogResult<LabelsPreview> preview(const QList<LabelRecord> &records,
                                                  const QList<DatasetIssue> &readIssues,
                                                  const QString &sourceFile, int keepRows);
    std::optional<qint64> trackOfClip(qint64 clipId) const;

    library::CatalogResult<ImportReport> importLabels(const QList<LabelRecord> &records,
                                                      const QString &sourceFile,
                                                      const QString &author);
    library::CatalogResult<ImportReport> importActivity(const QList<ActivityRecord> &records,
                                                        const QString &sourceFile,
                                                        const QString &author);
    // Weak and strong labels in one label batch.
    library::CatalogResult<ImportReport> importBoth(const QList<LabelRecord> &labels,
                                                    const QList<ActivityRecord> &activity,
                                                    const QString &sourceFile,
                                                    const QString &author);

    static QString regionKey(const QString &parentKey, double startS, double endS);
    // Splits "parent#start-end"; false when `key` is not of that form.
    static bool parseRegionKey(const QString &key, QString *parent, double *startS, double *endS);

private:
    struct TrackInfo
    {
        QString path;
        QString title;
    };
    // Every row matched (regions created when asked), in order.
    library::CatalogResult<QList<LabelsRowMatch>> matchRows(const QList<LabelRecord> &records,
                                                            bool createRegions);
    library::CatalogResult<QHash<QString, QString>> instrumentNames() const;
    void describeClip(qint64 clipId, LabelsRowMatch *row) const;
    library::CatalogResult<std::optional<qint64>> regionClip(qint64 trackId, double startS,
                                                             double endS, bool create);

    const library::Library &m_library;
    QString m_labelsFolder;
    ClipNameIndex m_names; // file names and paths of whole-track clips
    QHash<qint64, TrackInfo> m_trackInfo;
    QHash<QString, qint64> m_clipByKey; // clip keys and generated region names
    QHash<qint64, QString> m_keyById; // the name exports use
    QHash<qint64, qint64> m_trackByClip;
    QHash<qint64, qint64> m_wholeClipByTrack;
    QHash<qint64, QList<QPair<qint64, QPair<double, double>>>> m_regionsByTrack;
};

} // namespace timbre::datasets
