#pragma once
#include "core/datasets/interchange/ActivityCsv.h"
#include "core/datasets/interchange/LabelsCsv.h"
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
    QList<DatasetIssue> issues;
};

// Labels from files into a catalog, and the clip keys the exporters write.
//
// Clip keys. A whole-track clip is named by its `key` column when set (a data set's sample
// key), else by its file's base name ("clip_0042" for mixes/clip_0042.flac) when that is
// unique in the catalog, else by the track's absolute path. A region clip is named by its key
// when set, else "<whole-track key>#<start>-<end>" (seconds). Import resolves the same forms,
// plus any track's absolute path, so export -> import round-trips.
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
    // The clip a key names; region keys ("parent#1.5-3") create the region clip when
    // `createRegions` is set. std::nullopt with `why` set when nothing matches.
    library::CatalogResult<std::optional<qint64>> resolve(const QString &key, bool createRegions,
                                                          QString *why);
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
    library::CatalogResult<std::optional<qint64>> regionClip(qint64 trackId, double startS,
                                                             double endS, bool create);

    const library::Library &m_library;
    QHash<QString, qint64> m_clipByKey; // every name a clip answers to
    QHash<qint64, QString> m_keyById; // the name exports use
    QHash<qint64, qint64> m_trackByClip;
    QHash<qint64, qint64> m_wholeClipByTrack;
    QHash<qint64, QList<QPair<qint64, QPair<double, double>>>> m_regionsByTrack;
};

} // namespace timbre::datasets
