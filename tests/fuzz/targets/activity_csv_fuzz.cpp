// SPDX-License-Identifier: GPL-3.0-or-later
// ActivityCsv::read (header, quoted fields, start / end numbers and their checks) on the bytes
// as activity.csv; every accepted row keeps 0 <= start < end.
#include "FuzzFiles.h"
#include "core/datasets/interchange/ActivityCsv.h"

using namespace timbre::datasets;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString path = timbre::fuzz::writeFile(QStringLiteral("activity.csv"),
                                                 timbre::fuzz::bytesOf(data, size));
    ActivityCsvData read;
    QString error;
    if (!ActivityCsv::read(path, &read, &error))
        return 0;
    for (const ActivityRecord &record : read.records) {
        TIMBRE_FUZZ_CHECK(record.start >= 0 && record.end > record.start, "0 <= start < end");
        (void)ActivityCsv::formatSeconds(record.start);
        (void)ActivityCsv::formatSeconds(record.end);
    }
    return 0;
}
