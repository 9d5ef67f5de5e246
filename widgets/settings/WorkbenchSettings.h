// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "widgets/trackview/ColourMap.h"

#include <QString>
#include <QStringList>

namespace timbre::widgets {

// The workbench's preferences as one value, read from and written to QSettings (the
// application's organisation / name). Per-user, not per-library: the active model is the
// library's own state and lives in its catalog (ModelStore::activate), not here.
struct WorkbenchSettings
{
    QStringList audioFolders; // folders "Scan Folder…" offers and "Rescan" walks
    // features::ExtractorRegistry id; the built-in CNN, which the starter model every new
    // library gets was trained on (docs/METHOD.md §2.3)
    QString extractorId = QStringLiteral("cnn");
    // The spectrogram's (and lanes') colour map as a stable key, one of colourMapNames().
    QString colourMap = QStringLiteral("viridis");
    // Whether the track view's lanes blend each instance with instances shifted by half an
    // instance (TrackView::setOverlappingInstances; switched in the lanes' context menu).
    bool overlappingInstances = true;
    // Whether the lanes' bars are as high as their score rather than their attention
    // (TrackView::setScoreHeights; switched in the lanes' context menu).
    bool laneScoreHeights = false;
    // Whether the lanes' scores follow the loudness: each instance's score moved by its level
    // relative to the track's mean (TrackView::setLevelCue; switched in the lanes' context
    // menu).
    bool levelCue = true;
    int threads = 0; // worker threads for extraction and training; 0 = all cores
    // Automatic incremental retraining (core/jobs/AutoRetrainPolicy): off unless asked for;
    // after this many label edits, once the user has paused for the quiet period.
    bool autoRetrain = false;
    int autoRetrainEdits = 20;
    int autoRetrainQuietSeconds = 10;
    // Whether a retrained version becomes the active one: "always", "if-better" (its test
    // AUROC beats the active version's) or "never" (TrainJobOptions::activation). Used by the
    // automatic runs and offered first by the retrain dialog.
    QString activation = QStringLiteral("if-better");

    static WorkbenchSettings load();
    void save() const;

    // The keys of the track view's colour maps, in ColourMap::Kind order (the dialog shows
    // ColourMap::name() for each, translated; the key is what QSettings keeps).
    static QStringList colourMapNames();
    static QString colourMapKey(ColourMap::Kind kind);
    ColourMap::Kind colourMapKind() const;
    // The activation keys, in the order the dialogs offer them.
    static QStringList activationNames();

    bool operator==(const WorkbenchSettings &o) const
    {
        return audioFolders == o.audioFolders && extractorId == o.extractorId
                && colourMap == o.colourMap && overlappingInstances == o.overlappingInstances
                && laneScoreHeights == o.laneScoreHeights && levelCue == o.levelCue
                && threads == o.threads && autoRetrain == o.autoRetrain
                && autoRetrainEdits == o.autoRetrainEdits
                && autoRetrainQuietSeconds == o.autoRetrainQuietSeconds
                && activation == o.activation;
    }
};

} // namespace timbre::widgets
