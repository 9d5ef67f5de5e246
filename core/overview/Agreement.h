// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// How well the annotators of a library agree, per instrument, from their own labels
// (annotator_label, schema 7): Fleiss' kappa over every clip that two or more of them judged,
// and Cohen's kappa for each pair of annotators over the clips both judged. Kappa is the
// agreement beyond what the annotators' own rates of "present" would give by chance:
// 1 = always agree, 0 = no better than chance, below 0 = worse.
#include "core/library/CatalogError.h"

#include <QList>
#include <QString>

#include <limits>

namespace timbre::library {
class Library;
}

namespace timbre::overview {

struct PairAgreement
{
    QString first;
    QString second;
    int items = 0; // clips both judged
    double agreed = 0; // fraction of those with the same value
    double kappa = std::numeric_limits<double>::quiet_NaN(); // Cohen's; NaN when undefined
};

struct InstrumentAgreement
{
    QString instrument;
    int items = 0; // clips judged by at least two annotators
    int annotators = 0; // who judged at least one of them
    // Fleiss' kappa, for a varying number of raters per clip (each clip's agreement is the
    // share of agreeing rater pairs; chance from the pooled "present" rate). NaN when undefined
    // (fewer than one such clip, or every judgement the same value).
    double fleissKappa = std::numeric_limits<double>::quiet_NaN();
    QList<PairAgreement> pairs;
};

// One value per rater and item: ratings[item] = the values (0 / 1) the raters gave it.
double fleissKappa(const QList<QList<int>> &ratings);
// Two raters' values on the same items, in order.
double cohenKappa(const QList<int> &first, const QList<int> &second);

// Every instrument of the taxonomy, in its order (items 0 where nobody overlapped).
library::CatalogResult<QList<InstrumentAgreement>> measureAgreement(const library::Library &lib);

} // namespace timbre::overview
