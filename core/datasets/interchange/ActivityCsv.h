// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/datasets/interchange/LabelsCsv.h"

namespace timbre::datasets {

// A strong label: the instrument sounds in [start, end) seconds of the clip.
struct ActivityRecord
{
    QString clip;
    QString instrument;
    double start = 0;
    double end = 0;

    bool operator==(const ActivityRecord &other) const
    {
        return clip == other.clip && instrument == other.instrument
                && qAbs(start - other.start) < 1e-6 && qAbs(end - other.end) < 1e-6;
    }
};

struct ActivityCsvData
{
    QList<ActivityRecord> records;
    QList<DatasetIssue> issues;
};

// activity.csv: clip,instrument,start,end (seconds), as the corpus generator writes it.
// Rows with unparsable numbers, a negative start or end <= start are reported (file and line)
// and skipped. Times are written with millisecond-exact decimals ("%.6g" is not enough for
// long tracks: up to 6 decimals, trailing zeros dropped).
class ActivityCsv
{
public:
    static bool read(const QString &path, ActivityCsvData *out, QString *error);
    static bool write(const QString &path, const QList<ActivityRecord> &records, QString *error);
    static QString formatSeconds(double seconds);
};

} // namespace timbre::datasets
