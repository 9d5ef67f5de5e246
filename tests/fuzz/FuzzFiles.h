// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// For fuzz targets whose reader takes a path: the input's bytes go to a fixed file in a folder
// of this process under QDir::tempPath() (TMPDIR), removed when the process exits normally.
#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <unistd.h>

// Aborts (a crash for libFuzzer, a failure for the replay) when an invariant does not hold.
#define TIMBRE_FUZZ_CHECK(condition, what) \
    do { \
        if (!(condition)) \
            qFatal("fuzz invariant failed: %s (%s:%d)", what, __FILE__, __LINE__); \
    } while (false)

namespace timbre::fuzz {

inline QString folder()
{
    static const QString path = [] {
        const QString p
                = QDir(QDir::tempPath())
                          .filePath(QStringLiteral("timbre-fuzz-%1").arg(qint64(::getpid())));
        QDir().mkpath(p);
        static std::string native;
        native = QFile::encodeName(p).toStdString();
        std::atexit([] {
            std::error_code ec;
            std::filesystem::remove_all(native, ec);
        });
        return p;
    }();
    return path;
}

// Writes `bytes` to <folder>/<name> (replacing it) and returns the path.
inline QString writeFile(const QString &name, const QByteArray &bytes)
{
    const QString path = QDir(folder()).filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || file.write(bytes) != bytes.size()) {
        qFatal("fuzz: cannot write %s", qPrintable(path));
    }
    return path;
}

inline void removeFile(const QString &name)
{
    QFile::remove(QDir(folder()).filePath(name));
}

inline QByteArray bytesOf(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

} // namespace timbre::fuzz
