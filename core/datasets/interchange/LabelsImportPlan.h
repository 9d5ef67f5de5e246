// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/datasets/interchange/ClipNameIndex.h"
#include "core/datasets/interchange/LabelsCsv.h"

#include <QList>
#include <QString>

namespace timbre::datasets {

// One row of a labels file and what it names in the library (what a preview shows).
struct LabelsRowMatch
{
    // Checked in this order: a row is counted once, under its first problem.
    enum class Status {
        Matched, // clip and instrument known: importing sets this label
        Unreadable, // the row could not be parsed (message says why)
        Unmatched, // no clip of the library goes by that name
        Ambiguous, // several tracks go by that name: skipped, never guessed
        UnknownInstrument, // the clip matched, the instrument is not in the taxonomy
    };

    int line = 0;
    QString clip; // as written in the file
    QString instrument; // as written in the file
    library::LabelState state = library::LabelState::Unknown;
    Status status = Status::Unreadable;
    ClipMatch match;
    QString instrumentKey; // the taxonomy key it resolved to (Matched)
    QString clipKey; // the library's name of the matched clip (Matched, UnknownInstrument)
    QString trackTitle; // its track's title tag (may be empty)
    QString trackPath; // its track's file
    QString message; // Unreadable: why (English, from the reader)
};

struct LabelsImportCounts
{
    int rows = 0; // data rows, unreadable ones included
    int matched = 0;
    int unreadable = 0;
    int unmatched = 0;
    int ambiguous = 0;
    int unknownInstrument = 0;

    int skipped() const { return rows - matched; }
};

// What importing a labels file would do, worked out without writing anything.
struct LabelsPreview
{
    QString file;
    LabelsImportCounts counts;
    QList<LabelsRowMatch> rows; // the first rows of the file, in file order
    QList<DatasetIssue> issues; // summaries: unmatched, ambiguous, unknown instruments, bad rows
    // Why importing would be refused as a whole (nothing matched, nothing readable); empty when
    // it would import the matched rows.
    QString refusal;
};

} // namespace timbre::datasets
