#include "widgets/settings/WorkbenchSettings.h"

#include <QSettings>

namespace timbre::widgets {

namespace {
const char *const kAudioFolders = "library/audioFolders";
const char *const kExtractor = "extract/extractor";
const char *const kColourMap = "view/colourMap";
const char *const kThreads = "jobs/threads";
} // namespace

WorkbenchSettings WorkbenchSettings::load()
{
    const QSettings s;
    WorkbenchSettings out;
    out.audioFolders = s.value(QLatin1String(kAudioFolders)).toStringList();
    out.extractorId = s.value(QLatin1String(kExtractor), out.extractorId).toString();
    out.colourMap = s.value(QLatin1String(kColourMap), out.colourMap).toString();
    if (!colourMapNames().contains(out.colourMap))
        out.colourMap = WorkbenchSettings().colourMap;
    out.threads = qMax(0, s.value(QLatin1String(kThreads), 0).toInt());
    return out;
}

void WorkbenchSettings::save() const
{
    QSettings s;
    s.setValue(QLatin1String(kAudioFolders), audioFolders);
    s.setValue(QLatin1String(kExtractor), extractorId);
    s.setValue(QLatin1String(kColourMap), colourMap);
    s.setValue(QLatin1String(kThreads), threads);
}

QStringList WorkbenchSettings::colourMapNames()
{
    return {QStringLiteral("viridis"), QStringLiteral("magma"), QStringLiteral("inferno"),
            QStringLiteral("greys")};
}

} // namespace timbre::widgets
