// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/datasets/interchange/LabelsCsvImport.h"

namespace timbre::datasets {

struct OpenMicImportOptions
{
    QString split = QStringLiteral("split01");
    QString author;
};

// OpenMIC-2018 into a catalog: one track and whole-track clip per sample_key, the
// clip keyed by the sample key and marked "test" when the key is in the test partition;
// labels from Y_true where Y_mask is set (Y_mask false = unknown = no label), source
// "import", one label batch. The dataset is read by OpenMicDataset (npz through libzip).
//
// The track of a key is the release's audio file, <folder>/audio/<first 3 digits>/<key>.ogg:
// read like the scanner does when it is there; otherwise stored with scan state "missing"
// (the npz carries features, not audio), so a later scan of that folder fills it in.
// Classes the taxonomy lacks are added to it. Importing again changes nothing.
class OpenMicImport
{
public:
    static QString audioPath(const QString &folder, const QString &sampleKey);
    static library::CatalogResult<ImportReport>
    importInto(const library::Library &library, const QString &folder,
               const OpenMicImportOptions &options = {});
};

} // namespace timbre::datasets
