// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/features/FeatureFileReader.h"

#include "core/features/Float16.h"
#include "core/features/XxHash64.h"

#include <QFile>
#include <QtEndian>

#include <utility>

namespace timbre::features {

FeatureFileReader::FeatureFileReader() = default;
FeatureFileReader::~FeatureFileReader() = default; // QFile's destructor unmaps

// Hand-written so the moved-from reader forgets the map it no longer owns.
FeatureFileReader::FeatureFileReader(FeatureFileReader &&other) noexcept
    : m_file(std::move(other.m_file)), m_data(std::exchange(other.m_data, nullptr)),
      m_path(std::move(other.m_path)), m_header(std::move(other.m_header))
{ }

FeatureFileReader &FeatureFileReader::operator=(FeatureFileReader &&other) noexcept
{
    if (this != &other) {
        m_file = std::move(other.m_file);
        m_data = std::exchange(other.m_data, nullptr);
        m_path = std::move(other.m_path);
        m_header = std::move(other.m_header);
    }
    return *this;
}

void FeatureFileReader::close()
{
    m_data = nullptr;
    m_file.reset();
    m_path.clear();
    m_header = FeatureFileHeader();
}

FeatureFileError FeatureFileReader::open(const QString &path)
{
    using E = FeatureFileError;
    close();
    auto file = std::make_unique<QFile>(path);
    if (!file->exists())
        return E::make(E::NotFound, path, QStringLiteral("no such file"));
    if (!file->open(QIODevice::ReadOnly))
        return E::make(E::OpenFailed, path,
                       QStringLiteral("cannot open (%1)").arg(file->errorString()));
    const qint64 size = file->size();
    if (size < FeatureFile::kFixedHeaderBytes + FeatureFile::kChecksumBytes) {
        // Too short to be worth mapping; read what there is so the magic check still speaks.
        const QByteArray bytes = file->readAll();
        FeatureFileHeader unused;
        return FeatureFile::parseHeader(reinterpret_cast<const uchar *>(bytes.constData()),
                                        bytes.size(), size, path, &unused);
    }
    const uchar *data = file->map(0, size);
    if (!data)
        return E::make(E::OpenFailed, path,
                       QStringLiteral("cannot map (%1)").arg(file->errorString()));

    FeatureFileHeader header;
    E e = FeatureFile::parseHeader(data, size, size, path, &header);
    if (e.isError())
        return e;
    const quint64 computed = xxHash64(data, size_t(size - FeatureFile::kChecksumBytes));
    if (computed != header.checksum) {
        FeatureFileHeader shown;
        shown.checksum = computed;
        return E::make(E::ChecksumMismatch, path,
                       QStringLiteral("checksum mismatch: stored %1, computed %2 (damaged file)")
                               .arg(header.checksumHex(), shown.checksumHex()));
    }
    m_file = std::move(file);
    m_data = data;
    m_path = path;
    m_header = header;
    return {};
}

bool FeatureFileReader::decodeRows(int first, int count, float *out) const
{
    if (!m_data || first < 0 || count < 0 || first > m_header.rows - count)
        return false;
    const qint64 begin = qint64(first) * m_header.cols;
    const qint64 n = qint64(count) * m_header.cols;
    const uchar *payload = m_data + m_header.payloadOffset;
    if (m_header.encoding == FeatureEncoding::Float16) {
        float16::decodeLittleEndian(payload + 2 * begin, size_t(n), out);
    } else {
        const uchar *q = payload + begin;
        for (qint64 i = 0; i < n; ++i)
            out[i] = m_header.offset + m_header.scale * float(q[i]);
    }
    return true;
}

std::vector<float> FeatureFileReader::decodeRows(int first, int count) const
{
    if (!m_data || first < 0 || count < 0 || first > m_header.rows - count)
        return {};
    std::vector<float> out(size_t(count) * size_t(m_header.cols));
    decodeRows(first, count, out.data());
    return out;
}

FeatureMatrix FeatureFileReader::toMatrix() const
{
    FeatureMatrix m;
    if (!m_data)
        return m;
    m.rows = m_header.rows;
    m.cols = m_header.cols;
    m.values = decodeRows(0, m_header.rows);
    return m;
}

} // namespace timbre::features
