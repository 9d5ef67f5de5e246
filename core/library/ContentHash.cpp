// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/library/ContentHash.h"

#include <QCryptographicHash>
#include <QFile>
#include <QtEndian>

namespace timbre::library {

QByteArray ContentHash::computeBlocking(const QString &path, QString *errorText)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (errorText)
            *errorText = QStringLiteral("%1: cannot open for hashing (%2)")
                                 .arg(path, file.errorString());
        return {};
    }
    QByteArray digest = compute(file, file.size(), errorText);
    if (digest.isEmpty() && errorText)
        *errorText = QStringLiteral("%1: %2").arg(path, *errorText);
    return digest;
}

QByteArray ContentHash::compute(QIODevice &device, qint64 size, QString *errorText)
{
    QCryptographicHash hash(QCryptographicHash::Sha1);
    auto readBlock = [&](qint64 offset, qint64 length) {
        if (!device.seek(offset))
            return false;
        const QByteArray block = device.read(length);
        if (block.size() != length)
            return false;
        hash.addData(block);
        return true;
    };
    // The head, then the tail if it does not overlap the head (small files are hashed once).
    const qint64 head = qMin(size, kBlockBytes);
    bool ok = readBlock(0, head);
    if (ok && size > kBlockBytes) {
        const qint64 tailStart = qMax(kBlockBytes, size - kBlockBytes);
        ok = readBlock(tailStart, size - tailStart);
    }
    if (!ok) {
        if (errorText)
            *errorText = QStringLiteral("read failed while hashing (%1)").arg(device.errorString());
        return {};
    }
    const quint64 sizeLe = qToLittleEndian(quint64(size));
    hash.addData(QByteArrayView(reinterpret_cast<const char *>(&sizeLe), sizeof sizeLe));
    return hash.result();
}

} // namespace timbre::library
