// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/library/StorageProblem.h"

#include <QFileInfo>
#include <QStorageInfo>

namespace timbre::library {

namespace {

// SQLite's primary result codes (the low byte of an extended code, which QSqlError carries).
constexpr int kSqliteCorrupt = 11;
constexpr int kSqliteNotADb = 26;
constexpr int kSqliteReadOnly = 8;
constexpr int kSqliteIoErr = 10;
constexpr int kSqliteFull = 13;
constexpr int kSqliteCantOpen = 14;

// Below this a database write (a WAL frame, the WAL index) can fail for want of space.
constexpr qint64 kNearlyFullBytes = 1 << 20;

int primaryCode(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? code & 0xff : -1;
}

} // namespace

QString storageProblem(const QString &path)
{
    const QFileInfo info(path);
    const QString folder = info.isDir() ? info.absoluteFilePath() : info.absolutePath();
    if (!QFileInfo::exists(folder))
        return QStringLiteral("the folder %1 no longer exists").arg(folder);
    const QStorageInfo storage(folder);
    if (storage.isValid() && storage.isReady()) {
        if (storage.isReadOnly())
            return QStringLiteral("the file system holding it (%1) is read-only")
                    .arg(storage.rootPath());
        if (storage.bytesAvailable() < kNearlyFullBytes)
            return QStringLiteral("the disk holding it (%1) is full: %2 bytes free")
                    .arg(storage.rootPath())
                    .arg(storage.bytesAvailable());
    }
    if (!QFileInfo(folder).isWritable())
        return QStringLiteral("the folder %1 is not writable").arg(folder);
    return QString();
}

QString describeSqlError(const QSqlError &error, const QString &path)
{
    const QString text = error.text().trimmed();
    switch (primaryCode(error)) {
    case kSqliteReadOnly:
    case kSqliteIoErr:
    case kSqliteFull:
    case kSqliteCantOpen: {
        const QString problem = storageProblem(path);
        return problem.isEmpty() ? text : QStringLiteral("%1; %2").arg(text, problem);
    }
    default:
        return text;
    }
}

bool isNotADatabase(const QSqlError &error)
{
    const int code = primaryCode(error);
    return code == kSqliteNotADb || code == kSqliteCorrupt;
}

} // namespace timbre::library
