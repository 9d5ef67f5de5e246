// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/eval/LibraryEvaluation.h"
#include "core/library/ModelStore.h"

#include <QHash>
#include <QList>
#include <QString>

namespace timbre::library {
class Library;
}

namespace timbre::widgets {

// What the comparison view asks core/eval for: the versions in evaluation order (the first
// two are compared clip by clip) and which clips.
struct ComparisonRequest
{
    QList<qint64> modelIds;
    eval::LibraryEvaluationOptions::Clips clips = eval::LibraryEvaluationOptions::Clips::Test;
    int disagreements = 50; // per list
};

// Everything the comparison view draws, read and computed off the GUI thread: the evaluation
// (the numbers `timbre evaluate --library L --models A,B` prints), the instruments' names, and
// the registry for the versions' lineage.
struct ComparisonResult
{
    ComparisonRequest request;
    eval::LibraryEvaluation evaluation;
    QHash<QString, QString> instrumentNames; // key -> the user's name for it
    QList<library::ModelRecord> versions; // every version of the library, oldest first
    QString error; // non-empty: nothing to show but this

    bool ok() const { return error.isEmpty(); }
    // The user's name for an instrument key (the key when the taxonomy has none).
    QString instrumentName(const QString &key) const { return instrumentNames.value(key, key); }

    // Blocking: evaluates and reads the catalog. Runs on a worker thread.
    static ComparisonResult compute(const library::Library &library,
                                    const ComparisonRequest &request);
};

} // namespace timbre::widgets
