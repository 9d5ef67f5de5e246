// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/features/FeatureFile.h"

#include <QString>

#include <memory>
#include <vector>

class QFile;

namespace timbre::features {

// Reads a feature file (FeatureFile.h) through a read-only memory map: open() checks the magic,
// version, header fields, length and checksum up front, after which rows are decoded to floats
// on demand without copying the file. Because writers replace files by rename, a mapped file
// never changes underneath the reader (it keeps the old inode until close()).
//
// Not thread-safe for open()/close(); the const decode methods may run on several threads at
// once.
class FeatureFileReader
{
public:
    FeatureFileReader();
    ~FeatureFileReader();
    FeatureFileReader(const FeatureFileReader &) = delete;
    FeatureFileReader &operator=(const FeatureFileReader &) = delete;
    FeatureFileReader(FeatureFileReader &&) noexcept;
    FeatureFileReader &operator=(FeatureFileReader &&) noexcept;

    // Closes any open file first. On error the reader stays closed.
    FeatureFileError open(const QString &path);
    void close();
    bool isOpen() const { return m_data != nullptr; }

    QString path() const { return m_path; }
    const FeatureFileHeader &header() const { return m_header; }
    int rows() const { return m_header.rows; }
    int cols() const { return m_header.cols; }

    // Rows [first, first + count) into `out` (count * cols() floats). False, with `out`
    // untouched, when the range is outside the matrix or nothing is open.
    bool decodeRows(int first, int count, float *out) const;
    std::vector<float> decodeRows(int first, int count) const; // empty on a bad range
    // The whole matrix (durationSeconds left 0: the file does not record it).
    FeatureMatrix toMatrix() const;

private:
    std::unique_ptr<QFile> m_file;
    const uchar *m_data = nullptr;
    QString m_path;
    FeatureFileHeader m_header;
};

} // namespace timbre::features
