// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/datasets/interchange/LabelsCsvImport.h"
#include "core/datasets/interchange/LabelsImportPlan.h"
#include "core/library/CatalogError.h"

namespace timbre::library {
class Library;
}

namespace timbre::datasets {

// A labels CSV of the user's own into a library, in two steps a dialog or the CLI can show:
// preview (read and match, write nothing) and import (read, match and write the matched rows
// as ONE label batch with source Import, inside one transaction: all or nothing). Both read
// the file afresh, so an import writes what the file and the catalog hold at that moment.
//
// Errors (CatalogError, message naming the file): the file is missing or unreadable
// (Io), its header lacks a column (ParseError, names the names accepted), it has no rows, or
// importing would be refused as a whole (InvalidArgument: no row matched a clip, or named a
// known instrument, or could be read; the message names the first such row). Rows that cannot
// be used are skipped and summarised in the issues (up to kBadRowsListed unreadable rows
// with their line numbers, then a count).
//
// Blocking: reads the whole file and the catalog's tracks and clips; call off the GUI thread.
class LabelsFileImport
{
public:
    static constexpr int kBadRowsListed = 20;

    static library::CatalogResult<LabelsPreview>
    previewBlocking(const library::Library &library, const QString &csvPath, int keepRows = 200);
    static library::CatalogResult<ImportReport> importBlocking(const library::Library &library,
                                                               const QString &csvPath,
                                                               const QString &author);
};

} // namespace timbre::datasets
