// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QStringList>

namespace timbre {

// The 20 instrument classes of OpenMIC-2018 in the dataset's own order (class-map.json),
// the default taxonomy (docs/METHOD.md §1).
inline QStringList openMicClasses()
{
    return {QStringLiteral("accordion"),  QStringLiteral("banjo"),
            QStringLiteral("bass"),       QStringLiteral("cello"),
            QStringLiteral("clarinet"),   QStringLiteral("cymbals"),
            QStringLiteral("drums"),      QStringLiteral("flute"),
            QStringLiteral("guitar"),     QStringLiteral("mallet_percussion"),
            QStringLiteral("mandolin"),   QStringLiteral("organ"),
            QStringLiteral("piano"),      QStringLiteral("saxophone"),
            QStringLiteral("synthesizer"), QStringLiteral("trombone"),
            QStringLiteral("trumpet"),    QStringLiteral("ukulele"),
            QStringLiteral("violin"),     QStringLiteral("voice")};
}

} // namespace timbre
