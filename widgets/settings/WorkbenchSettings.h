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
    // library gets was trained on (issue 11)
    QString extractorId = QStringLiteral("cnn");
    // The spectrogram's (and lanes') colour map as a stable key, one of colourMapNames().
    QString colourMap = QStringLiteral("viridis");
    int threads = 0; // worker threads for extraction and training; 0 = all cores

    static WorkbenchSettings load();
    void save() const;

    // The keys of the track view's colour maps, in ColourMap::Kind order (the dialog shows
    // ColourMap::name() for each, translated; the key is what QSettings keeps).
    static QStringList colourMapNames();
    static QString colourMapKey(ColourMap::Kind kind);
    ColourMap::Kind colourMapKind() const;

    bool operator==(const WorkbenchSettings &o) const
    {
        return audioFolders == o.audioFolders && extractorId == o.extractorId
                && colourMap == o.colourMap && threads == o.threads;
    }
};

} // namespace timbre::widgets
