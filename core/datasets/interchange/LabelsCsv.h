// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/library/LabelTypes.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace timbre::datasets {

// A problem with one row of an imported file: reported, the row skipped, the others kept.
struct DatasetIssue
{
    QString file;
    int line = 0; // 1-based; 0 = the file as a whole
    QString message;

    QString toString() const; // "<file>:<line>: <message>"
};

// One weak label as files carry it: clip key, instrument key, state.
struct LabelRecord
{
    QString clip;
    QString instrument;
    library::LabelState state = library::LabelState::Unknown;
    int line = 0; // 1-based line of the file it was read from; 0 = not from a file

    // The label, not where it was read: a written then read file compares equal.
    bool operator==(const LabelRecord &other) const
    {
        return clip == other.clip && instrument == other.instrument && state == other.state;
    }
};

struct LabelsCsvData
{
    QList<LabelRecord> records;
    QList<DatasetIssue> issues; // bad rows (line numbers) and file-level notes
};

// Weak labels as CSV, one row per clip and instrument. Columns are found by their header
// names, in any order, under the names people use (LabelsCsvColumns: file / path / track /
// clip_key for the clip, label_name for the instrument, present / label / relevance for the
// value, any case):
//   clip,instrument,present[,observed]   the corpus generator's labels.csv: present 1/0;
//                                       observed 0 makes the row unknown. A mask.csv
//                                       (clip,instrument,observed) beside it is applied too.
//   clip,instrument,value                generic rows: present/absent/unknown, 1/0/empty
//                                       (also true/false, yes/no, +/-).
//   sample_key,instrument,relevance      OpenMIC-2018's aggregated labels: above 0.5 present,
//                                       below absent, 0.5 unknown.
// The clip field is kept as written (a key, a file name, a relative or absolute path):
// LabelsCsvImport resolves it against the library.
// Fields may be quoted RFC 4180 style. A row that cannot be understood is reported with its
// line number and the file name and skipped; the good rows are kept. Writing produces the
// generic form (clip,instrument,value), one row per known label, in the order given.
class LabelsCsv
{
public:
    // False (and `error` set) only when the file cannot be used at all: missing, unreadable,
    // or without the clip / instrument / value columns (the message names the file, line 1,
    // what is missing and the names accepted).
    static bool read(const QString &path, LabelsCsvData *out, QString *error,
                     bool applySiblingMask = true);
    static bool write(const QString &path, const QList<LabelRecord> &records, QString *error);

    // CSV helpers shared by the other CSV formats.
    static QStringList splitLine(const QString &line, bool *ok = nullptr);
    static QString quoteField(const QString &field);
    // Reads the whole file as UTF-8 lines (BOM and \r stripped).
    static bool readLines(const QString &path, QStringList *lines, QString *error);
    // Writes `content` to `path` through a QSaveFile (whole or not at all).
    static bool saveFile(const QString &path, const QByteArray &content, QString *error);
};

} // namespace timbre::datasets
