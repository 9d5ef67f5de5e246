// SPDX-License-Identifier: GPL-3.0-or-later
// JsonExport::read, the JSON label import (format / version, instruments, clips, labels,
// predictions), on the bytes as a .json file, then the weak labels and the activity regions
// derived from what it read. (JAMS is written, never read: there is no JAMS importer.)
#include "FuzzFiles.h"
#include "core/datasets/interchange/JsonExport.h"

using namespace timbre::datasets;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString path = timbre::fuzz::writeFile(QStringLiteral("labels.json"),
                                                 timbre::fuzz::bytesOf(data, size));
    LabelSnapshot snapshot;
    QString error;
    if (!JsonExport::read(path, &snapshot, &error))
        return 0;
    TIMBRE_FUZZ_CHECK(snapshot.weakLabels().size() == snapshot.labels.size(), "one record a label");
    for (const ActivityRecord &region : snapshot.activity())
        TIMBRE_FUZZ_CHECK(region.end > region.start, "a region ends after it starts");
    (void)JsonExport::toJson(snapshot);
    return 0;
}
