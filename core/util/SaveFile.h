// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Every atomic file write of ours ends with commitSaveFile(file), never QSaveFile::commit()
// alone. Qt 6.4's QSaveFile buffers writes and flushes them inside commit(); when that flush
// fails (no space left on the device) commit() still links the temporary file over the target
// and returns true, so a good file is replaced by an empty one and the caller is told all went
// well (seen on a full tmpfs: tests/app/cli/LibraryFaults_test, docs/RELIABILITY.md). Flushing
// first surfaces the error while the old file is still in place.
#include <QSaveFile>

namespace timbre::util {

// Flushes and commits `file`; on failure the target is left as it was, false is returned and
// file.errorString() says why.
inline bool commitSaveFile(QSaveFile &file)
{
    if (!file.flush()) {
        file.cancelWriting();
        file.commit(); // discards the temporary file; errorString() keeps the flush's reason
        return false;
    }
    return file.commit();
}

} // namespace timbre::util
