// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/eval/LibraryEvaluation.h"

#include <QList>
#include <QString>

namespace timbre::widgets {

// Where one evaluated version is wrong at the metrics' threshold (0.5) on a known label: a
// false positive (score >= 0.5, labelled absent) or a false negative (score < 0.5, labelled
// present). These are the tp/fp/tn/fn counts behind its precision and recall, so a click on
// its bar can list the tracks behind the number.
struct VersionErrors
{
    QList<qint64> trackIds; // distinct, in evaluation order
    QList<qint64> clipIds; // clips with at least one error
    int falsePositives = 0;
    int falseNegatives = 0;

    int errors() const { return falsePositives + falseNegatives; }

    // Errors of evaluation.models[model] on one instrument (its key), or on every instrument
    // when `instrument` is empty. Empty for an unknown model or instrument.
    static VersionErrors of(const eval::LibraryEvaluation &evaluation, int model,
                            const QString &instrument);
};

} // namespace timbre::widgets
