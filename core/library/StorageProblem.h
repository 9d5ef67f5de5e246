// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Says why a write to a library failed in the researcher's words: SQLite answers a full disk
// with "database or disk is full" at best and "disk I/O error" or "unable to open database
// file" when it cannot even create its WAL index, and a read-only mount with "attempt to write
// a readonly database" or the same "unable to open". The file system itself knows better.
#include <QSqlError>
#include <QString>

namespace timbre::library {

// The state of the file system holding `path` that explains a failed write, or "" when it
// looks fine: "the file system holding it (/mnt/x) is read-only", "the disk holding it (/mnt/x)
// is full: 0 bytes free", "the folder /x/lib is not writable". Blocking (statfs).
QString storageProblem(const QString &path);

// The driver's text for `error`, followed by storageProblem(path) when SQLite's code is one a
// full, read-only or vanished file system causes (I/O error, full, cannot open, read-only).
QString describeSqlError(const QSqlError &error, const QString &path);

// Whether `error` means the file is not a SQLite database at all (or a damaged one), as
// opposed to one that could not be read or written.
bool isNotADatabase(const QSqlError &error);

} // namespace timbre::library
