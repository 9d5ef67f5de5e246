// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal to app/gui: what MainWindow's files (MainWindow.cpp, MainWindowActions.cpp,
// MainWindowJobs.cpp) share.
#include <QIcon>
#include <QString>

namespace timbre::gui::mainwindow {

// QSettings key of the recently opened libraries (File > Open Recent).
inline constexpr const char *kRecentKey = "library/recent";
// How long a status-bar message stays.
inline constexpr int kMessageMs = 8000;

// An icon of resources/icons/ by its file name without ".svg".
inline QIcon icon(const char *name)
{
    return QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(name)));
}

} // namespace timbre::gui::mainwindow
