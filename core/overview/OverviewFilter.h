// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/LabelTypes.h"
#include "core/overview/InstrumentationStats.h"

#include <QString>

namespace timbre::overview {

// The library browser's filter text (core/library/TrackFilter) for each bar and cell of the
// instrumentation overview: the browser then lists exactly the clips the bar or cell counts.
// Keys are instrument keys; thresholds are compared as the stats count them (score >= t).
namespace OverviewFilter {

// Text as a filter string literal: in quotes, an embedded quote doubled.
QString quoted(const QString &text);
// "violin = present" / "= absent" / "= unknown".
QString label(const QString &key, library::LabelState state);
// "violin >= 0.5".
QString scored(const QString &key, double threshold);
// Present (by labels) or scored at least the threshold (by predictions).
QString has(const QString &key, CountBy by, double threshold);
// Both instruments (a co-occurrence cell); a diagonal cell is the instrument alone.
QString both(const QString &a, double thresholdA, const QString &b, double thresholdB,
             CountBy by);
// Every clip of a group: genre = "Rock".
QString group(GroupField field, const QString &value);
// The clips of a group with the instrument.
QString groupWith(GroupField field, const QString &value, const QString &key, CountBy by,
                  double threshold);
// One track, by its path.
QString track(const QString &path);

} // namespace OverviewFilter

} // namespace timbre::overview
