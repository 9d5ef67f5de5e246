// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "models/api/BagSet.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace timbre::library {
class Library;
}

namespace timbre::datasets {

// Which clips of a library become bags.
struct LibraryBagOptions
{
    enum class Clips {
        Trainable, // is_test = 0 (what training may see)
        Test, // is_test = 1 (held out: evaluation only)
        All,
    };
    Clips clips = Clips::Trainable;
    // Keep only clips with at least one known label (FC/ATT need nothing else; Mean Teacher
    // wants every clip, labelled or not, as unlabelled data).
    bool onlyLabelled = false;
    // Only these clips (ids), when not empty; still filtered by `clips`.
    QList<qint64> clipIds;
};

// A library's clips as a BagSet for the models: each clip's instances are the rows of its
// track's cached feature file (extractor key, e.g. "melstat-v1") that its time range covers,
// and its labels come from the label store (present 1 / absent 0 / unknown masked;
// docs/METHOD.md §1). Classes are the library's instruments in taxonomy order.
struct LibraryBags
{
    models::BagSet bags; // keys = clip ids as text, classNames = instrument keys
    QList<qint64> clipIds; // one per bag
    QList<qint64> trackIds; // one per bag
    QList<double> clipStartS; // one per bag: where the bag's first instance starts
    qint64 labelSnapshot = 0; // LabelStore::latestBatchId() read before the labels
    // Clips left out because their track has no readable, current features (one line each,
    // naming the file and the reason).
    QStringList skipped;
    QString error; // non-empty = nothing could be loaded (catalog error); bags then empty

    bool ok() const { return error.isEmpty(); }
    int labelledBags() const; // bags with at least one known label

    // Rows [first, last) of a track's feature matrix that a clip [startS, endS) covers
    // (endS < 0 = to the end), with instances `hopS` apart. Never empty for rows > 0: a clip
    // shorter than one instance gets the instance it starts in.
    static void clipRows(double startS, double endS, double hopS, int rows, int *first, int *last);

    static LibraryBags load(const library::Library &library, const QString &extractorKey,
                            const LibraryBagOptions &options = {});
};

} // namespace timbre::datasets
