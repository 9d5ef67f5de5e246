// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `timbre library migrate DIR --to postgresql://...`: a library's SQLite catalog copied whole
// (tracks, clips, labels with their history and undo stack, models and their epochs,
// predictions and runs, held-out scores, jobs) into a fresh schema on a PostgreSQL server, the
// row count of every table checked, then the folder switched over: catalog.conf written and
// catalog.sqlite renamed to catalog.sqlite.migrated (kept, not deleted). Feature and model
// files stay where they are; the folder still holds them.
#include "core/library/CatalogError.h"

#include <QList>
#include <QString>

#include <functional>

namespace timbre::library {

struct CopiedTable
{
    QString name;
    qint64 rows = 0; // in the SQLite catalog, and (checked) on the server
};

struct CatalogCopyResult
{
    QString url; // the new catalog, with its schema
    QList<CopiedTable> tables;
    double seconds = 0;
};

// Refuses a folder whose catalog is already on a server, and a server schema that is not new
// (a fresh one is made). On any failure the server schema is dropped again and the folder is
// left exactly as it was. `progress` (may be empty) gets each table when it is done.
CatalogResult<CatalogCopyResult>
copyCatalogToServer(const QString &libraryFolder, const QString &serverUrl,
                    const std::function<void(const CopiedTable &)> &progress = {});

} // namespace timbre::library
