// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QMetaType>
#include <QString>

namespace timbre::library {
class Library;
}

namespace timbre::widgets {

// What the retrain dialog shows of the library: the active version (to warm-start from) and
// how much the run will see. Read on a worker thread (read()), never on the GUI thread: the
// counts walk every clip and label of the library.
struct RetrainContext
{
    QString activeName; // empty = no active version
    QString activeKind;
    QString activeHyperParameters = QStringLiteral("{}"); // its stored TrainConfig JSON
    int labelledClips = -1; // non-test clips with at least one known label; -1 = not counted
    int trainableClips = -1; // non-test clips (Mean Teacher also learns from the unlabelled)
    int testClips = -1; // scored only, never trained on
    qint64 editsSinceActive = -1; // label changes after the active version's snapshot (all
                                  // changes when there is none)
    QString problem; // the catalog could not be read (names the file and what failed)

    bool hasActive() const { return !activeName.isEmpty(); }
    bool counted() const { return labelledClips >= 0; }

    // Blocking: on a worker thread (QtConcurrent::run).
    static RetrainContext read(const library::Library &library);
};

} // namespace timbre::widgets

Q_DECLARE_METATYPE(timbre::widgets::RetrainContext)
