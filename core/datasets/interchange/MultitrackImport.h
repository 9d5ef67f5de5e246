// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/datasets/interchange/LabelsCsvImport.h"

#include <vector>

namespace timbre::datasets {

struct MultitrackOptions
{
    // A second is active when its RMS reaches this fraction of the stem's loudest second
    // (0.1 = -20 dB) ...
    double thresholdRatio = 0.1;
    // ... and this absolute RMS (full scale = 1), so a silent stem never counts as active.
    double absoluteFloor = 1e-4;
    int analysisRate = 22050; // stems are decoded to mono at this rate
    QString author;
};

struct StemActivity
{
    QString instrument; // the stem's file base name, lower case
    QString path;
    std::vector<float> rmsPerSecond;
    std::vector<bool> active;
    QList<QPair<double, double>> regions; // merged active seconds, [start, end)
    bool present() const { return !regions.isEmpty(); }
};

struct MultitrackSong
{
    QString key; // the song's name: its folder name (or clip name in a corpus layout)
    QString folder;
    QString mixPath;
    double durationS = 0; // the longest stem
    QList<StemActivity> stems;
};

// Multitrack folders -> labels: per song a mix plus one stem per instrument.
// Layouts understood under a root:
//   <root>/<song>/{mix.*|<any audio file>} + <root>/<song>/stems/<instrument>.<ext>
//   <root>/<song> = root itself when the root holds the stems/ folder directly
//   the demo corpus: <root>/mixes/<clip>.<ext> + <root>/stems/<clip>/<instrument>.<ext>
// Each stem is decoded and cut into 1-second windows; a window is active when its RMS is at
// least thresholdRatio x the stem's loudest window (and above absoluteFloor). Consecutive
// active seconds make a strong label region; the weak label of the song's clip is present if
// the stem has any active second, absent if it has none. Stems whose name is not an
// instrument of the taxonomy are reported and skipped.
class MultitrackImport
{
public:
    static bool analyzeStem(const QString &path, const MultitrackOptions &options,
                            StemActivity *out, QString *error);
    // Finds the songs under `root` (see above); `issues` gets folders that are not songs.
    static QList<MultitrackSong> findSongs(const QString &root, QList<DatasetIssue> *issues);
    static bool analyzeSong(MultitrackSong *song, const MultitrackOptions &options, QString *error);
    // The song's labels keyed by `clipKey`.
    static void toRecords(const MultitrackSong &song, const QString &clipKey,
                          QList<LabelRecord> *labels, QList<ActivityRecord> *activity);

    // Analyses every song under `root` and imports its labels into the catalog, adding the
    // mix as a track (read like the scanner does) when the catalog does not have it yet.
    static library::CatalogResult<ImportReport> importInto(const library::Library &library,
                                                           const QString &root,
                                                           const MultitrackOptions &options);
};

} // namespace timbre::datasets
