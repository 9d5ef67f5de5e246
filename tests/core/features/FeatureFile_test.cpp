// SPDX-License-Identifier: GPL-3.0-or-later
// FeatureFile / FeatureFileReader: float16 and uint8 round trips within their error bounds,
// binary16 rounding on known bit patterns, the XXH64 checksum against the reference
// implementation's outputs, clear refusals of damaged files, and atomic replacement: a writer
// killed in the middle of writing leaves the previous file whole and readable.
#include "core/features/FeatureFile.h"
#include "core/features/FeatureFileReader.h"
#include "core/features/Float16.h"
#include "core/features/XxHash64.h"
#include "support/SelfChild.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <sys/resource.h>

#include <cmath>
#include <csignal>
#include <cstring>
#include <limits>

using namespace timbre::features;

using timbre::testing::startSelf;
using timbre::testing::waitForLine;

namespace {

constexpr char kChildModeEnv[] = "TIMBRE_FEATURE_FILE_CHILD";
constexpr char kChildPathEnv[] = "TIMBRE_FEATURE_FILE_PATH";
constexpr int kBigRows = 16384; // 16384 x 128 float16 = 4 MiB per write
constexpr int kCols = 128;

float bitsToFloat(quint32 bits)
{
    float f;
    std::memcpy(&f, &bits, sizeof f);
    return f;
}

// Multiples of 1/64 in [-7.8, 7.8]: exact in float16, and different for every k.
float pattern(int row, int col, int k)
{
    return float((row * 131 + col * 7 + k * 13) % 1000 - 500) / 64.0f;
}

std::vector<float> patternMatrix(int rows, int cols, int k)
{
    std::vector<float> v(size_t(rows) * cols);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            v[size_t(r) * cols + c] = pattern(r, c, k);
    return v;
}

FeatureFileMeta metaFor(int version)
{
    FeatureFileMeta meta;
    meta.extractorId = QStringLiteral("melstat");
    meta.extractorVersion = version;
    meta.instanceHopS = 0.96;
    meta.source.size = 1234567;
    meta.source.mtimeMs = 1700000000123;
    meta.source.contentHash = QByteArray::fromHex("00112233445566778899aabbccddeeff01234567");
    return meta;
}

// Child processes: the test binary started again with kChildModeEnv set.
//   "limited": writes a 4 MiB file with a 1 MiB file-size limit, so the kernel kills it with
//              SIGXFSZ inside write(), after part of the bytes reached the disk.
//   "loop":    rewrites the file forever with version k = 1, 2, ..., printing "committed k"
//              after each, until the parent SIGKILLs it.
int runChild()
{
    const QByteArray mode = qgetenv(kChildModeEnv);
    const QString path = qEnvironmentVariable(kChildPathEnv);
    if (mode == "limited") {
        signal(SIGXFSZ, SIG_DFL); // a runner that ignores it would turn the kill into EFBIG
        const rlimit noCore {0, 0};
        setrlimit(RLIMIT_CORE, &noCore);
        const rlimit limit {1 << 20, 1 << 20};
        setrlimit(RLIMIT_FSIZE, &limit);
        const std::vector<float> v = patternMatrix(kBigRows, kCols, 99);
        const FeatureFileError e = FeatureFile::write(path, metaFor(99), v.data(), kBigRows, kCols,
                                                      FeatureEncoding::Float16);
        fprintf(stderr, "child survived the size limit: %s\n", qPrintable(e.message));
        return 3;
    }
    if (mode == "loop") {
        for (int k = 1;; ++k) {
            const std::vector<float> v = patternMatrix(kBigRows, kCols, k);
            const FeatureFileError e = FeatureFile::write(path, metaFor(k), v.data(), kBigRows,
                                                          kCols, FeatureEncoding::Float16);
            if (e.isError()) {
                fprintf(stderr, "%s\n", qPrintable(e.message));
                return 2;
            }
            printf("committed %d\n", k);
            fflush(stdout);
        }
    }
    return 4;
}

} // namespace

class FeatureFileTest : public QObject
{
    Q_OBJECT

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QByteArray encoded(const QString &name, int rows = 6, int cols = 5);
    void expectRefused(const QString &name, const QByteArray &bytes, FeatureFileError::Code code,
                       const QString &words);
    // Whole 4 MiB pattern file with version k, or a failure message.
    QString checkPatternFile(const QString &file, int *k);

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void float16KnownPatterns_data();
    void float16KnownPatterns();
    void float16SpecialValues();
    void float16RoundTripsEveryHalf();
    void float16MatchesCompiler();
    void xxHash64ReferenceVectors();
    void roundTripFloat16();
    void roundTripUInt8();
    void uint8ConstantAndNonFinite();
    void emptyMatrixAndRowRanges();
    void readHeaderOnly();
    void refusesDamagedFiles();
    void refusesBadArguments();
    void writerKilledInsideWriteLeavesOldFile();
    void writerKilledWhileRewritingLeavesWholeFile();
};

void FeatureFileTest::float16KnownPatterns_data()
{
    QTest::addColumn<float>("value");
    QTest::addColumn<int>("half");
    const float two24 = std::ldexp(1.0f, -24);
    QTest::newRow("+0") << 0.0f << 0x0000;
    QTest::newRow("-0") << -0.0f << 0x8000;
    QTest::newRow("1") << 1.0f << 0x3C00;
    QTest::newRow("-2") << -2.0f << 0xC000;
    QTest::newRow("0.5") << 0.5f << 0x3800;
    QTest::newRow("0.1") << 0.1f << 0x2E66;
    QTest::newRow("1/3") << 1.0f / 3.0f << 0x3555;
    QTest::newRow("max 65504") << 65504.0f << 0x7BFF;
    QTest::newRow("below overflow tie") << 65519.996f << 0x7BFF;
    QTest::newRow("overflow tie 65520 -> inf") << 65520.0f << 0x7C00;
    QTest::newRow("1e6 -> inf") << 1e6f << 0x7C00;
    QTest::newRow("-1e6 -> -inf") << -1e6f << 0xFC00;
    QTest::newRow("min normal 2^-14") << std::ldexp(1.0f, -14) << 0x0400;
    QTest::newRow("min subnormal 2^-24") << two24 << 0x0001;
    QTest::newRow("max subnormal") << 1023.0f * two24 << 0x03FF;
    QTest::newRow("2^-25 ties to 0") << std::ldexp(1.0f, -25) << 0x0000;
    QTest::newRow("just above 2^-25") << std::nextafter(std::ldexp(1.0f, -25), 1.0f) << 0x0001;
    QTest::newRow("-2^-26 -> -0") << -std::ldexp(1.0f, -26) << 0x8000;
    QTest::newRow("1.5 ulp sub ties even") << 1.5f * two24 << 0x0002;
    QTest::newRow("2.5 ulp sub ties even") << 2.5f * two24 << 0x0002;
    QTest::newRow("subnormal rounds into normal") << 1023.5f * two24 << 0x0400;
    QTest::newRow("1+2^-11 ties to even 1") << 1.0f + std::ldexp(1.0f, -11) << 0x3C00;
    QTest::newRow("1+3*2^-11 ties to even") << 1.0f + 3 * std::ldexp(1.0f, -11) << 0x3C02;
    QTest::newRow("just above tie rounds up")
            << 1.0f + std::ldexp(1.0f, -11) + std::ldexp(1.0f, -20) << 0x3C01;
    QTest::newRow("carry into exponent") << 2.0f - std::ldexp(1.0f, -11) << 0x4000;
    QTest::newRow("float subnormal -> 0") << bitsToFloat(0x00000001) << 0x0000;
}

void FeatureFileTest::float16KnownPatterns()
{
    QFETCH(float, value);
    QFETCH(int, half);
    QCOMPARE(int(float16::fromFloat(value)), half);
}

void FeatureFileTest::float16SpecialValues()
{
    const float inf = std::numeric_limits<float>::infinity();
    QCOMPARE(int(float16::fromFloat(inf)), 0x7C00);
    QCOMPARE(int(float16::fromFloat(-inf)), 0xFC00);
    const quint16 nan = float16::fromFloat(std::numeric_limits<float>::quiet_NaN());
    QCOMPARE(nan & 0x7C00, 0x7C00);
    QVERIFY(nan & 0x03FF);
    // A NaN whose payload lives only in the low bits must not turn into infinity.
    const quint16 lowNan = float16::fromFloat(bitsToFloat(0x7F800001));
    QVERIFY((lowNan & 0x7C00) == 0x7C00 && (lowNan & 0x03FF));

    QCOMPARE(float16::toFloat(0x3C00), 1.0f);
    QCOMPARE(float16::toFloat(0xC000), -2.0f);
    QCOMPARE(float16::toFloat(0x7BFF), 65504.0f);
    QCOMPARE(float16::toFloat(0x0400), std::ldexp(1.0f, -14));
    QCOMPARE(float16::toFloat(0x0001), std::ldexp(1.0f, -24));
    QCOMPARE(float16::toFloat(0x03FF), 1023.0f * std::ldexp(1.0f, -24));
    QCOMPARE(float16::toFloat(0x0200), std::ldexp(1.0f, -15));
    QCOMPARE(float16::toFloat(0x2E66), 0.0999755859375f);
    const float zero = float16::toFloat(0x0000);
    const float negZero = float16::toFloat(0x8000);
    QVERIFY(zero == 0.0f && !std::signbit(zero));
    QVERIFY(negZero == 0.0f && std::signbit(negZero));
    QCOMPARE(float16::toFloat(0x7C00), inf);
    QCOMPARE(float16::toFloat(0xFC00), -inf);
    QVERIFY(std::isnan(float16::toFloat(0x7E00)));
    QVERIFY(std::isnan(float16::toFloat(0x7C01))); // signalling NaN
    QVERIFY(std::isnan(float16::toFloat(0xFFFF)));
}

void FeatureFileTest::float16RoundTripsEveryHalf()
{
    // Every binary16 value is exact in float and must come back as the same bits.
    for (int h = 0; h < 0x10000; ++h) {
        const float f = float16::toFloat(quint16(h));
        if ((h & 0x7C00) == 0x7C00 && (h & 0x03FF)) {
            QVERIFY2(std::isnan(f), qPrintable(QString::number(h, 16)));
            continue;
        }
        if (float16::fromFloat(f) != h)
            QFAIL(qPrintable(QStringLiteral("0x%1 -> %2 -> 0x%3")
                                     .arg(h, 4, 16, QLatin1Char('0'))
                                     .arg(double(f))
                                     .arg(float16::fromFloat(f), 4, 16, QLatin1Char('0'))));
    }
    // Midpoints between neighbours round to the even one; just above rounds up.
    for (int h = 0; h < 0x7BFF; ++h) {
        const double mid
                = (double(float16::toFloat(quint16(h))) + double(float16::toFloat(quint16(h + 1))))
                / 2;
        const float midF = float(mid); // exact: a half's midpoint needs 12 significant bits
        QCOMPARE(double(midF), mid);
        const int even = (h & 1) ? h + 1 : h;
        QCOMPARE(int(float16::fromFloat(midF)), even);
        QCOMPARE(int(float16::fromFloat(std::nextafter(midF, 1e9f))), h + 1);
        QCOMPARE(int(float16::fromFloat(std::nextafter(midF, 0.0f))), h);
    }
}

void FeatureFileTest::float16MatchesCompiler()
{
#if defined(__FLT16_MAX__)
    // The compiler's own conversion (hardware F16C or libgcc, round to nearest even) as an
    // independent reference, on random float bit patterns of every magnitude.
    QRandomGenerator rng(7);
    for (int i = 0; i < 200000; ++i) {
        const float f = bitsToFloat(rng.generate());
        if (std::isnan(f))
            continue;
        const _Float16 h = _Float16(f);
        quint16 bits;
        std::memcpy(&bits, &h, sizeof bits);
        if (float16::fromFloat(f) != bits)
            QFAIL(qPrintable(QStringLiteral("%1: 0x%2, compiler 0x%3")
                                     .arg(double(f))
                                     .arg(float16::fromFloat(f), 4, 16, QLatin1Char('0'))
                                     .arg(bits, 4, 16, QLatin1Char('0'))));
    }
#else
    QSKIP("no _Float16 in this compiler");
#endif
}

void FeatureFileTest::xxHash64ReferenceVectors()
{
    // Outputs of the reference libxxhash 0.8.1, XXH64(data, len, 0).
    QCOMPARE(xxHash64("", 0), 0xEF46DB3751D8E999ull);
    QCOMPARE(xxHash64("a", 1), 0xD24EC4F1A98C6E5Bull);
    QCOMPARE(xxHash64("abc", 3), 0x44BC2CF5AD770999ull);
    const char *sentence = "Nobody inspects the spammish repetition";
    QCOMPARE(xxHash64(sentence, strlen(sentence)), 0xFBCEA83C8A378BF1ull);
    QByteArray bytes;
    for (int i = 0; i < 3 * 256; ++i)
        bytes.append(char(i & 0xFF));
    QCOMPARE(xxHash64(bytes.constData(), 768), 0x8E03C838C596036Full); // 24 stripes
    QCOMPARE(xxHash64(bytes.constData(), 37), 0xD93FA2DFEE5C24C9ull); // stripe + 5 tail
}

void FeatureFileTest::roundTripFloat16()
{
    const int rows = 37, cols = 128;
    std::vector<float> v(size_t(rows) * cols);
    QRandomGenerator rng(42);
    for (float &x : v)
        x = float((rng.generateDouble() - 0.5) * 100.0);
    v[0] = 0.0f;
    v[1] = -0.0f;
    v[2] = 1e-6f; // subnormal in float16
    v[3] = 7e4f; // beyond float16: infinity
    v[4] = std::numeric_limits<float>::quiet_NaN();
    v[5] = -std::numeric_limits<float>::infinity();
    const QString file = path(QStringLiteral("f16.tfeat"));
    FeatureFileHeader written;
    const FeatureFileError e = FeatureFile::write(file, metaFor(3), v.data(), rows, cols,
                                                  FeatureEncoding::Float16, &written);
    QVERIFY2(e.ok(), qPrintable(e.message));
    // Nothing but the finished file: the temporary was renamed (or linked) into place.
    QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral("f16.tfeat*")}, QDir::Files),
             QStringList {QStringLiteral("f16.tfeat")});

    FeatureFileReader reader;
    const FeatureFileError opened = reader.open(file);
    QVERIFY2(opened.ok(), qPrintable(opened.message));
    const FeatureFileHeader &h = reader.header();
    QCOMPARE(reader.rows(), rows);
    QCOMPARE(reader.cols(), cols);
    QCOMPARE(h.formatVersion, FeatureFile::kFormatVersion);
    QCOMPARE(h.encoding, FeatureEncoding::Float16);
    QCOMPARE(h.meta.extractorId, QStringLiteral("melstat"));
    QCOMPARE(h.meta.extractorVersion, 3);
    QCOMPARE(h.meta.extractorKey(), QStringLiteral("melstat-v3"));
    QCOMPARE(h.meta.instanceHopS, 0.96);
    QVERIFY(h.meta.source == metaFor(3).source);
    QCOMPARE(h.checksum, written.checksum);
    QCOMPARE(h.checksumHex().size(), 16);
    QCOMPARE(h.payloadOffset % 8, 0);
    QCOMPARE(h.fileSize, QFileInfo(file).size());
    QCOMPARE(h.fileSize, h.payloadOffset + qint64(rows) * cols * 2 + 8);

    const FeatureMatrix m = reader.toMatrix();
    QCOMPARE(m.rows, rows);
    QCOMPARE(m.cols, cols);
    QVERIFY(m.values[0] == 0.0f && !std::signbit(m.values[0]));
    QVERIFY(m.values[1] == 0.0f && std::signbit(m.values[1]));
    QVERIFY(std::abs(m.values[2] - 1e-6f) <= std::ldexp(1.0f, -25));
    QCOMPARE(m.values[3], std::numeric_limits<float>::infinity());
    QVERIFY(std::isnan(m.values[4]));
    QCOMPARE(m.values[5], -std::numeric_limits<float>::infinity());
    for (size_t i = 6; i < v.size(); ++i) {
        const float bound = std::max(std::abs(v[i]) * std::ldexp(1.0f, -11), std::ldexp(1.0f, -25));
        if (std::abs(m.values[i] - v[i]) > bound)
            QFAIL(qPrintable(QStringLiteral("value %1: %2 read back as %3")
                                     .arg(i)
                                     .arg(double(v[i]))
                                     .arg(double(m.values[i]))));
    }
}

void FeatureFileTest::roundTripUInt8()
{
    const int rows = 20, cols = 64;
    std::vector<float> v(size_t(rows) * cols);
    QRandomGenerator rng(5);
    for (float &x : v)
        x = float(rng.generateDouble() * 9.0 - 3.0);
    const QString file = path(QStringLiteral("u8.tfeat"));
    FeatureFileHeader written;
    FeatureFileError e = FeatureFile::write(file, metaFor(1), v.data(), rows, cols,
                                            FeatureEncoding::UInt8, &written);
    QVERIFY2(e.ok(), qPrintable(e.message));
    const float lo = *std::min_element(v.begin(), v.end());
    const float hi = *std::max_element(v.begin(), v.end());
    QCOMPARE(written.offset, lo);
    QCOMPARE(written.scale, float((double(hi) - lo) / 255.0));
    QCOMPARE(QFileInfo(file).size(), written.payloadOffset + qint64(rows) * cols + 8);

    FeatureFileReader reader;
    e = reader.open(file);
    QVERIFY2(e.ok(), qPrintable(e.message));
    QCOMPARE(reader.header().encoding, FeatureEncoding::UInt8);
    QCOMPARE(reader.header().scale, written.scale);
    const FeatureMatrix m = reader.toMatrix();
    QCOMPARE(m.rows, rows);
    QCOMPARE(m.cols, cols);
    // Half a quantisation step, plus float rounding of offset + scale * q.
    const float bound = written.scale * 0.5f + 1e-5f;
    float worst = 0;
    for (size_t i = 0; i < v.size(); ++i)
        worst = std::max(worst, std::abs(m.values[i] - v[i]));
    QVERIFY2(worst <= bound, qPrintable(QStringLiteral("worst %1 > %2").arg(worst).arg(bound)));
    QVERIFY(worst > 0); // it did quantise
}

void FeatureFileTest::uint8ConstantAndNonFinite()
{
    std::vector<float> constant(12, 2.5f);
    const QString file = path(QStringLiteral("const.tfeat"));
    FeatureFileError e
            = FeatureFile::write(file, metaFor(1), constant.data(), 3, 4, FeatureEncoding::UInt8);
    QVERIFY2(e.ok(), qPrintable(e.message));
    FeatureFileReader reader;
    QVERIFY(reader.open(file).ok());
    for (float x : reader.toMatrix().values)
        QCOMPARE(x, 2.5f);

    std::vector<float> withNan(12, 1.0f);
    withNan[7] = std::numeric_limits<float>::quiet_NaN();
    const QString nanFile = path(QStringLiteral("nan.tfeat"));
    e = FeatureFile::write(nanFile, metaFor(1), withNan.data(), 3, 4, FeatureEncoding::UInt8);
    QCOMPARE(e.code, FeatureFileError::InvalidArgument);
    QVERIFY2(e.message.contains(nanFile) && e.message.contains(QLatin1String("index 7")),
             qPrintable(e.message));
    QVERIFY(!QFile::exists(nanFile));
}

void FeatureFileTest::emptyMatrixAndRowRanges()
{
    const QString empty = path(QStringLiteral("empty.tfeat"));
    FeatureFileError e
            = FeatureFile::write(empty, metaFor(1), nullptr, 0, kCols, FeatureEncoding::Float16);
    QVERIFY2(e.ok(), qPrintable(e.message));
    FeatureFileReader reader;
    QVERIFY(reader.open(empty).ok());
    QCOMPARE(reader.rows(), 0);
    QCOMPARE(reader.cols(), kCols);
    QVERIFY(reader.toMatrix().values.empty());

    const int rows = 12;
    const std::vector<float> v = patternMatrix(rows, kCols, 4);
    const QString file = path(QStringLiteral("ranges.tfeat"));
    QVERIFY(FeatureFile::write(file, metaFor(1), v.data(), rows, kCols, FeatureEncoding::Float16)
                    .ok());
    QVERIFY(reader.open(file).ok());
    const std::vector<float> mid = reader.decodeRows(5, 4);
    QCOMPARE(mid.size(), size_t(4 * kCols));
    for (int r = 0; r < 4; ++r)
        for (int c = 0; c < kCols; ++c)
            QCOMPARE(mid[size_t(r) * kCols + c], pattern(5 + r, c, 4)); // exact in float16
    QVERIFY(reader.decodeRows(rows - 1, 1).size() == size_t(kCols));
    QVERIFY(reader.decodeRows(rows, 0).empty());
    std::vector<float> out(kCols, -1.0f);
    QVERIFY(!reader.decodeRows(rows, 1, out.data()));
    QVERIFY(!reader.decodeRows(-1, 1, out.data()));
    QVERIFY(!reader.decodeRows(10, 3, out.data()));
    QCOMPARE(out[0], -1.0f); // untouched on a bad range

    FeatureFileReader moved(std::move(reader));
    QVERIFY(!reader.isOpen());
    QVERIFY(moved.isOpen());
    QCOMPARE(moved.decodeRows(0, 1)[3], pattern(0, 3, 4));
}

void FeatureFileTest::readHeaderOnly()
{
    const QString file = path(QStringLiteral("header.tfeat"));
    FeatureFileHeader written;
    const std::vector<float> v = patternMatrix(3, 8, 1);
    QVERIFY(FeatureFile::write(file, metaFor(2), v.data(), 3, 8, FeatureEncoding::Float16, &written)
                    .ok());
    FeatureFileHeader h;
    const FeatureFileError e = FeatureFile::readHeader(file, &h);
    QVERIFY2(e.ok(), qPrintable(e.message));
    QCOMPARE(h.rows, 3);
    QCOMPARE(h.cols, 8);
    QCOMPARE(h.meta.extractorVersion, 2);
    QVERIFY(h.meta.source == metaFor(2).source);
    QCOMPARE(h.checksum, written.checksum);
    QCOMPARE(FeatureFile::readHeader(path(QStringLiteral("absent.tfeat")), &h).code,
             FeatureFileError::NotFound);
}

QByteArray FeatureFileTest::encoded(const QString &name, int rows, int cols)
{
    const std::vector<float> v = patternMatrix(rows, cols, 2);
    QByteArray bytes;
    const FeatureFileError e = FeatureFile::encode(path(name), metaFor(1), v.data(), rows, cols,
                                                   FeatureEncoding::Float16, &bytes);
    return e.ok() ? bytes : QByteArray();
}

void FeatureFileTest::expectRefused(const QString &name, const QByteArray &bytes,
                                    FeatureFileError::Code code, const QString &words)
{
    const QString file = path(name);
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(out.write(bytes), bytes.size());
    out.close();
    FeatureFileReader reader;
    const FeatureFileError e = reader.open(file);
    QVERIFY2(e.code == code, qPrintable(QStringLiteral("%1 (code %2)").arg(e.message).arg(e.code)));
    if (code == FeatureFileError::None) {
        QVERIFY(reader.isOpen());
        return;
    }
    QVERIFY2(e.message.startsWith(file) && e.message.contains(words), qPrintable(e.message));
    QVERIFY(!reader.isOpen());
    // The header-only check refuses it too, except damage it cannot see without the payload.
    FeatureFileHeader header;
    const FeatureFileError headerError = FeatureFile::readHeader(file, &header);
    if (code != FeatureFileError::ChecksumMismatch)
        QCOMPARE(headerError.code, code);
}

void FeatureFileTest::refusesDamagedFiles()
{
    const QByteArray good = encoded(QStringLiteral("good.tfeat"));
    QVERIFY(!good.isEmpty());
    expectRefused(QStringLiteral("good.tfeat"), good, FeatureFileError::None, QString());

    QByteArray flipped = good;
    flipped[flipped.size() - 20] = char(flipped[flipped.size() - 20] ^ 0x10); // a payload bit
    expectRefused(QStringLiteral("flipped.tfeat"), flipped, FeatureFileError::ChecksumMismatch,
                  QStringLiteral("checksum mismatch"));

    QByteArray hopChanged = good;
    hopChanged[33] = char(hopChanged[33] ^ 0x01); // a header bit (the hop) is covered too
    expectRefused(QStringLiteral("hop.tfeat"), hopChanged, FeatureFileError::ChecksumMismatch,
                  QStringLiteral("checksum mismatch"));

    expectRefused(QStringLiteral("cut.tfeat"), good.left(good.size() - 9),
                  FeatureFileError::Truncated, QStringLiteral("truncated"));
    expectRefused(QStringLiteral("stub.tfeat"), good.left(20), FeatureFileError::Truncated,
                  QStringLiteral("truncated"));
    expectRefused(QStringLiteral("zero.tfeat"), QByteArray(), FeatureFileError::Truncated,
                  QStringLiteral("truncated"));
    expectRefused(QStringLiteral("long.tfeat"), good + QByteArray(3, 'x'),
                  FeatureFileError::BadHeader, QStringLiteral("header promises"));

    QByteArray magic = good;
    magic.replace(0, 8, "NOTFEATS");
    expectRefused(QStringLiteral("magic.tfeat"), magic, FeatureFileError::BadMagic,
                  QStringLiteral("bad magic"));
    expectRefused(QStringLiteral("text.tfeat"), QByteArray("hello"), FeatureFileError::BadMagic,
                  QStringLiteral("bad magic"));

    QByteArray version = good;
    version[8] = char(2);
    expectRefused(QStringLiteral("version.tfeat"), version, FeatureFileError::UnknownVersion,
                  QStringLiteral("unknown format version 2"));

    QByteArray encoding = good;
    encoding[16] = char(9);
    expectRefused(QStringLiteral("encoding.tfeat"), encoding, FeatureFileError::BadHeader,
                  QStringLiteral("unknown encoding 9"));

    FeatureFileReader reader;
    const QString absent = path(QStringLiteral("absent.tfeat"));
    const FeatureFileError e = reader.open(absent);
    QCOMPARE(e.code, FeatureFileError::NotFound);
    QVERIFY(e.message.startsWith(absent));
}

void FeatureFileTest::refusesBadArguments()
{
    const QString file = path(QStringLiteral("bad-args.tfeat"));
    std::vector<float> v(4, 1.0f);
    QCOMPARE(FeatureFile::write(file, metaFor(1), v.data(), 2, 0, FeatureEncoding::Float16).code,
             FeatureFileError::InvalidArgument);
    QCOMPARE(FeatureFile::write(file, metaFor(1), v.data(), -1, 2, FeatureEncoding::Float16).code,
             FeatureFileError::InvalidArgument);
    QCOMPARE(FeatureFile::write(file, metaFor(1), nullptr, 2, 2, FeatureEncoding::Float16).code,
             FeatureFileError::InvalidArgument);
    FeatureFileMeta badHop = metaFor(1);
    badHop.instanceHopS = std::numeric_limits<double>::quiet_NaN();
    QCOMPARE(FeatureFile::write(file, badHop, v.data(), 2, 2, FeatureEncoding::Float16).code,
             FeatureFileError::InvalidArgument);
    FeatureMatrix wrongSize;
    wrongSize.rows = 2;
    wrongSize.cols = 3;
    wrongSize.values = v;
    QCOMPARE(FeatureFile::write(file, metaFor(1), wrongSize, FeatureEncoding::Float16).code,
             FeatureFileError::InvalidArgument);
    QVERIFY(!QFile::exists(file));
}

QString FeatureFileTest::checkPatternFile(const QString &file, int *k)
{
    FeatureFileReader reader;
    const FeatureFileError e = reader.open(file); // verifies the checksum of every byte
    if (e.isError())
        return e.message;
    *k = reader.header().meta.extractorVersion;
    if (reader.rows() != kBigRows || reader.cols() != kCols)
        return QStringLiteral("shape %1 x %2").arg(reader.rows()).arg(reader.cols());
    const std::vector<float> m = reader.toMatrix().values;
    for (int r = 0; r < kBigRows; r += 997)
        for (int c = 0; c < kCols; ++c)
            if (m[size_t(r) * kCols + c] != pattern(r, c, *k))
                return QStringLiteral("row %1 col %2 is not version %3's").arg(r).arg(c).arg(*k);
    return QString();
}

void FeatureFileTest::writerKilledInsideWriteLeavesOldFile()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("track.tfeat"));
    const std::vector<float> old = patternMatrix(kBigRows, kCols, 1);
    QVERIFY(FeatureFile::write(file, metaFor(1), old.data(), kBigRows, kCols,
                               FeatureEncoding::Float16)
                    .ok());
    const QByteArray before = [&] {
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();

    // The kernel stops the child with SIGXFSZ inside write() once 1 MiB of the new 4 MiB file
    // is on disk: a writer dying mid-write, deterministically.
    QProcess child;
    QVERIFY(startSelf(child,
                      {{QLatin1String(kChildModeEnv), QStringLiteral("limited")},
                       {QLatin1String(kChildPathEnv), file}}));
    QVERIFY(child.waitForFinished(30000));
    QVERIFY2(child.exitStatus() == QProcess::CrashExit, child.readAllStandardError().constData());

    int k = 0;
    const QString problem = checkPatternFile(file, &k);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(k, 1);
    QFile after(file);
    QVERIFY(after.open(QIODevice::ReadOnly));
    QVERIFY(after.readAll() == before);
}

void FeatureFileTest::writerKilledWhileRewritingLeavesWholeFile()
{
    // A writer rewriting the file in a loop is SIGKILLed at several moments after its second
    // commit; whatever the moment, the file is one complete version.
    for (int delayMs : {0, 9, 31}) {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("track.tfeat"));
        QProcess child;
        QVERIFY(startSelf(child,
                          {{QLatin1String(kChildModeEnv), QStringLiteral("loop")},
                           {QLatin1String(kChildPathEnv), file}}));
        QByteArray out;
        QVERIFY2(waitForLine(child, "committed 2\n", 30000, &out),
                 child.readAllStandardError().constData());
        QThread::msleep(delayMs);
        child.kill();
        QVERIFY(child.waitForFinished(10000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        out += child.readAllStandardOutput();
        const int lastCommitted = out.trimmed().split('\n').last().split(' ').last().toInt();

        int k = 0;
        const QString problem = checkPatternFile(file, &k);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        // Killed before the rename: the last committed version; after it but before the
        // print: the next one.
        QVERIFY2(
                k == lastCommitted || k == lastCommitted + 1,
                qPrintable(
                        QStringLiteral("version %1, last committed %2").arg(k).arg(lastCommitted)));
        // No stray finished-looking file: a leftover temporary never ends in .tfeat.
        const QStringList features
                = QDir(dir.path()).entryList({QStringLiteral("*.tfeat")}, QDir::Files);
        QCOMPARE(features, QStringList {QStringLiteral("track.tfeat")});
    }
}

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsSet(kChildModeEnv))
        return runChild();
    QCoreApplication app(argc, argv);
    FeatureFileTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "FeatureFile_test.moc"
