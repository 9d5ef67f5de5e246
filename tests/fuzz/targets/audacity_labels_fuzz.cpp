// SPDX-License-Identifier: GPL-3.0-or-later
// AudacityLabels::read (tab-separated start, end, text; spectral-selection lines) on the bytes
// as a label-track file: finite times, start <= end; format() -> read() keeps every label.
#include "FuzzFiles.h"
#include "core/datasets/interchange/AudacityLabels.h"

#include <cmath>

using namespace timbre::datasets;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString path = timbre::fuzz::writeFile(QStringLiteral("labels.txt"),
                                                 timbre::fuzz::bytesOf(data, size));
    QList<AudacityLabel> labels;
    QList<DatasetIssue> issues;
    QString error;
    if (!AudacityLabels::read(path, &labels, &issues, &error))
        return 0;
    for (const AudacityLabel &label : labels)
        TIMBRE_FUZZ_CHECK(std::isfinite(label.start) && std::isfinite(label.end)
                                  && label.start <= label.end,
                          "a label has finite times, start <= end");
    const QString again
            = timbre::fuzz::writeFile(QStringLiteral("again.txt"), AudacityLabels::format(labels));
    QList<AudacityLabel> reread;
    TIMBRE_FUZZ_CHECK(AudacityLabels::read(again, &reread, nullptr, &error),
                      "formatted labels read");
    TIMBRE_FUZZ_CHECK(reread.size() == labels.size(), "format -> read keeps every label");
    return 0;
}
