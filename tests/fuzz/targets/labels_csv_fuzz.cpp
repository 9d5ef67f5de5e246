// SPDX-License-Identifier: GPL-3.0-or-later
// LabelsCsv::read (header columns in their many names, quoted fields, values, observed column)
// with the input up to its first NUL byte as labels.csv and the rest, when there is a NUL, as
// the corpus generator's mask.csv beside it; region keys of the clips; the write -> read round
// trip of the records read.
#include "FuzzFiles.h"
#include "core/datasets/interchange/LabelsCsv.h"
#include "core/datasets/interchange/LabelsCsvImport.h"

using namespace timbre::datasets;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = timbre::fuzz::bytesOf(data, size);
    const qsizetype nul = bytes.indexOf('\0');
    const QString path = timbre::fuzz::writeFile(QStringLiteral("labels.csv"),
                                                 nul < 0 ? bytes : bytes.left(nul));
    if (nul < 0)
        timbre::fuzz::removeFile(QStringLiteral("mask.csv"));
    else
        timbre::fuzz::writeFile(QStringLiteral("mask.csv"), bytes.mid(nul + 1));

    LabelsCsvData read;
    QString error;
    if (!LabelsCsv::read(path, &read, &error))
        return 0;
    for (const LabelRecord &record : read.records) {
        QString parent;
        double start = 0;
        double end = 0;
        if (LabelsCsvImport::parseRegionKey(record.clip, &parent, &start, &end))
            TIMBRE_FUZZ_CHECK(!parent.isEmpty() && start >= 0 && end > start, "a region key");
    }

    const QString written = QDir(timbre::fuzz::folder()).filePath(QStringLiteral("written.csv"));
    TIMBRE_FUZZ_CHECK(LabelsCsv::write(written, read.records, &error), "records can be written");
    LabelsCsvData again;
    TIMBRE_FUZZ_CHECK(LabelsCsv::read(written, &again, &error, false), "written records read");
    TIMBRE_FUZZ_CHECK(again.issues.isEmpty(), "written records read without issues");
    TIMBRE_FUZZ_CHECK(again.records == read.records, "write -> read gives the same records");
    return 0;
}
