// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/settings/WorkbenchSettings.h"

#include <QSettings>

namespace timbre::widgets {

namespace {
const char *const kAudioFolders = "library/audioFolders";
const char *const kExtractor = "extract/extractor";
const char *const kColourMap = "view/colourMap";
const char *const kOverlapping = "view/overlappingInstances";
const char *const kScoreHeights = "view/laneScoreHeights";
const char *const kLevelCue = "view/levelCue";
const char *const kThreads = "jobs/threads";
const char *const kAutoRetrain = "training/autoRetrain";
const char *const kAutoRetrainEdits = "training/autoRetrainEdits";
const char *const kAutoRetrainQuiet = "training/autoRetrainQuietSeconds";
const char *const kActivation = "training/activation";
} // namespace

WorkbenchSettings WorkbenchSettings::load()
{
    const QSettings s;
    WorkbenchSettings out;
    out.audioFolders = s.value(QLatin1String(kAudioFolders)).toStringList();
    out.extractorId = s.value(QLatin1String(kExtractor), out.extractorId).toString();
    out.colourMap = s.value(QLatin1String(kColourMap), out.colourMap).toString().toLower();
    if (out.colourMap == QLatin1String("greys"))
        out.colourMap = colourMapKey(ColourMap::Grey); // written by earlier versions
    if (!colourMapNames().contains(out.colourMap))
        out.colourMap = WorkbenchSettings().colourMap;
    out.overlappingInstances
            = s.value(QLatin1String(kOverlapping), out.overlappingInstances).toBool();
    out.laneScoreHeights = s.value(QLatin1String(kScoreHeights), out.laneScoreHeights).toBool();
    out.levelCue = s.value(QLatin1String(kLevelCue), out.levelCue).toBool();
    out.threads = qMax(0, s.value(QLatin1String(kThreads), 0).toInt());
    out.autoRetrain = s.value(QLatin1String(kAutoRetrain), out.autoRetrain).toBool();
    out.autoRetrainEdits
            = qMax(1, s.value(QLatin1String(kAutoRetrainEdits), out.autoRetrainEdits).toInt());
    out.autoRetrainQuietSeconds = qMax(
            0, s.value(QLatin1String(kAutoRetrainQuiet), out.autoRetrainQuietSeconds).toInt());
    const QString activation = s.value(QLatin1String(kActivation)).toString();
    if (activationNames().contains(activation))
        out.activation = activation;
    return out;
}

void WorkbenchSettings::save() const
{
    QSettings s;
    s.setValue(QLatin1String(kAudioFolders), audioFolders);
    s.setValue(QLatin1String(kExtractor), extractorId);
    s.setValue(QLatin1String(kColourMap), colourMap);
    s.setValue(QLatin1String(kOverlapping), overlappingInstances);
    s.setValue(QLatin1String(kScoreHeights), laneScoreHeights);
    s.setValue(QLatin1String(kLevelCue), levelCue);
    s.setValue(QLatin1String(kThreads), threads);
    s.setValue(QLatin1String(kAutoRetrain), autoRetrain);
    s.setValue(QLatin1String(kAutoRetrainEdits), autoRetrainEdits);
    s.setValue(QLatin1String(kAutoRetrainQuiet), autoRetrainQuietSeconds);
    s.setValue(QLatin1String(kActivation), activation);
}

QStringList WorkbenchSettings::activationNames()
{
    return {QStringLiteral("if-better"), QStringLiteral("always"), QStringLiteral("never")};
}

QStringList WorkbenchSettings::colourMapNames()
{
    return {colourMapKey(ColourMap::Viridis), colourMapKey(ColourMap::Magma),
            colourMapKey(ColourMap::Grey)};
}

QString WorkbenchSettings::colourMapKey(ColourMap::Kind kind)
{
    switch (kind) {
    case ColourMap::Viridis:
        break;
    case ColourMap::Magma:
        return QStringLiteral("magma");
    case ColourMap::Grey:
        return QStringLiteral("grey");
    }
    return QStringLiteral("viridis");
}

ColourMap::Kind WorkbenchSettings::colourMapKind() const
{
    const int index = int(colourMapNames().indexOf(colourMap));
    return index < 0 ? ColourMap::Viridis : ColourMap::Kind(index);
}

} // namespace timbre::widgets
