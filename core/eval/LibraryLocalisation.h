// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/eval/Localisation.h"

#include <QList>
#include <QString>

#include <vector>

namespace timbre::library {
class Library;
}

namespace timbre::eval {

struct LibraryLocalisationResult
{
    std::vector<ResolutionAuroc> table; // Table 2.3's resolutions; empty when no track counted
    // 1 s seconds of the same track told apart (Localisation::withinTrack); meaningful only
    // when `table` is not empty.
    ResolutionAuroc withinTrack;
    int tracks = 0; // tracks with strong labels that were scored
    QString note; // one line: what was measured, or why nothing was
};

// Localisation of instruments in time on a library (thesis Sec. 2.4, Table 2.3): the strong
// labels are the imported activity regions (`timbre labels import LIB activity.csv` stores
// each active span as a region clip labelled present). A track counts when it has at least one
// such region; then every instance (a `hop` s window) is active for an instrument when present
// regions of that instrument cover at least half of it, inactive otherwise. The model's
// per-instance score is formed by `scoring` (Localisation::perSecond), exactly as
// `timbre evaluate --model` forms it on a data set's instance truth.
class LibraryLocalisation
{
public:
    static LibraryLocalisationResult
    evaluate(const library::Library &library, qint64 modelId, const QList<qint64> &trackIds,
             const LocalisationScoring &scoring = LocalisationScoring::defaults());

    // Per-instance activity [instances x classKeys] from present spans (start, end) per key.
    struct Span
    {
        QString instrument;
        double startS = 0;
        double endS = 0;
    };
    static std::vector<uint8_t> activity(const QList<Span> &spans, const QStringList &classKeys,
                                         int instances, double hopS);
};

} // namespace timbre::eval
