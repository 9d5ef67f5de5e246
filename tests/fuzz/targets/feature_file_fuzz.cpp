// SPDX-License-Identifier: GPL-3.0-or-later
// The feature-store file (.tfeat): FeatureFile::readHeader and FeatureFileReader::open (magic,
// version, header fields, length, XXH64) on the bytes as they are and, so that the fields
// behind the checksum are reached, once more with the last 8 bytes replaced by the right
// checksum; then every row decoded.
#include "FuzzFiles.h"
#include "core/features/FeatureFile.h"
#include "core/features/FeatureFileReader.h"
#include "core/features/XxHash64.h"

#include <QtEndian>

using namespace timbre::features;

namespace {

void readFile(const QByteArray &bytes)
{
    const QString path = timbre::fuzz::writeFile(QStringLiteral("input.tfeat"), bytes);
    FeatureFileHeader header;
    const bool headerOk = !FeatureFile::readHeader(path, &header).isError();
    FeatureFileReader reader;
    if (reader.open(path).isError())
        return;
    TIMBRE_FUZZ_CHECK(headerOk, "a file the reader opens has a readable header");
    TIMBRE_FUZZ_CHECK(header.rows == reader.rows() && header.cols == reader.cols(),
                      "readHeader and open agree");
    const FeatureMatrix matrix = reader.toMatrix();
    TIMBRE_FUZZ_CHECK(qint64(matrix.values.size()) == qint64(reader.rows()) * reader.cols(),
                      "the matrix holds rows x cols values");
    if (reader.rows() > 0) {
        std::vector<float> last = reader.decodeRows(reader.rows() - 1, 1);
        TIMBRE_FUZZ_CHECK(qint64(last.size()) == reader.cols(), "one row is cols values");
    }
    TIMBRE_FUZZ_CHECK(reader.decodeRows(reader.rows(), 1).empty(), "a row past the end is refused");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray bytes = timbre::fuzz::bytesOf(data, size);
    readFile(bytes);
    const qsizetype body = bytes.size() - FeatureFile::kChecksumBytes;
    if (body >= FeatureFile::kFixedHeaderBytes) {
        const quint64 sum = xxHash64(bytes.constData(), size_t(body));
        qToLittleEndian(sum, bytes.data() + body);
        readFile(bytes);
    }
    return 0;
}
