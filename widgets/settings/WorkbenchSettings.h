#pragma once
#include <QString>
#include <QStringList>

namespace timbre::widgets {

// The workbench's preferences as one value, read from and written to QSettings (the
// application's organisation / name). Per-user, not per-library: the active model is the
// library's own state and lives in its catalog (ModelStore::activate), not here.
struct WorkbenchSettings
{
    QStringList audioFolders; // folders "Scan Folder…" offers and "Rescan" walks
    QString extractorId = QStringLiteral("melstat"); // features::ExtractorRegistry id
    QString colourMap = QStringLiteral("viridis"); // spectrogram colour map name
    int threads = 0; // worker threads for extraction and training; 0 = all cores

    static WorkbenchSettings load();
    void save() const;

    // The names the settings dialog offers (the track view's colour maps).
    static QStringList colourMapNames();

    bool operator==(const WorkbenchSettings &o) const
    {
        return audioFolders == o.audioFolders && extractorId == o.extractorId
                && colourMap == o.colourMap && threads == o.threads;
    }
};

} // namespace timbre::widgets
