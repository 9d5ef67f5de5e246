// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QByteArray>
#include <QString>

class QIODevice;

namespace timbre::library {

// Identity of a file's content that survives a move or rename: SHA-1 of the first MiB, the
// last MiB and the size (docs/ARCHITECTURE.md §3.2, table `track`). Reads at most 2 MiB
// whatever the file's size, so a library of long recordings hashes at disk-seek speed. Two
// files that differ only in the middle collide; the scanner uses the hash only to pair a
// vanished track with a new path of the same size, where that is an acceptable risk.
class ContentHash
{
public:
    static constexpr qint64 kBlockBytes = 1 << 20;

    // The raw 20-byte digest; empty with `errorText` set when the file cannot be read.
    static QByteArray computeBlocking(const QString &path, QString *errorText = nullptr);
    // Same for an open, seekable device of `size` bytes.
    static QByteArray compute(QIODevice &device, qint64 size, QString *errorText = nullptr);
};

} // namespace timbre::library
