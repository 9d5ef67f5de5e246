// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/datasets/interchange/NpyArray.h"

#include <QRegularExpression>

#include <algorithm>
#include <cstring>
#include <limits>

namespace timbre::datasets {

namespace {

const char kMagic[] = "\x93NUMPY";

template<typename T> T readLe(const char *p)
{
    T v;
    std::memcpy(&v, p, sizeof(T)); // x86-64 and ARM64 are little-endian, as NPY's '<' is
    return v;
}

template<typename T>
NpyArray fromValues(const QString &name, const QString &descr, const std::vector<int64_t> &shape,
                    const T *values, size_t count)
{
    NpyArray a;
    a.name = name;
    a.descr = descr;
    a.shape = shape;
    a.data = QByteArray(reinterpret_cast<const char *>(values), qsizetype(count * sizeof(T)));
    return a;
}

// Normalises a dtype descriptor: single-byte types take '|', '=' becomes '<'.
QString normaliseDescr(const QString &raw)
{
    if (raw.size() < 2)
        return raw;
    QChar order = raw.at(0);
    const QString rest = raw.mid(1);
    if (rest == QLatin1String("u1") || rest == QLatin1String("b1") || rest == QLatin1String("i1")
        || rest.startsWith(QLatin1Char('S')))
        order = QLatin1Char('|');
    else if (order == QLatin1Char('='))
        order = QLatin1Char('<');
    return order + rest;
}

} // namespace

int64_t NpyArray::elementCount() const
{
    // With a zero dimension the product of the others need not fit (fromNpy checks the rest).
    if (std::find(shape.begin(), shape.end(), 0) != shape.end())
        return 0;
    int64_t n = 1;
    for (int64_t d : shape)
        n *= d;
    return n;
}

int NpyArray::itemSize(const QString &descr)
{
    if (descr == QLatin1String("|u1") || descr == QLatin1String("|b1"))
        return 1;
    if (descr == QLatin1String("<i4") || descr == QLatin1String("<f4"))
        return 4;
    if (descr == QLatin1String("<i8") || descr == QLatin1String("<f8"))
        return 8;
    static const QRegularExpression strings(QStringLiteral("^(<U|\\|S)(\\d+)$"));
    const QRegularExpressionMatch m = strings.match(descr);
    if (m.hasMatch()) {
        // Widths whose item size does not fit an int are unsupported ("<U999999999" overflowed).
        const qint64 n = qMin<qint64>(m.captured(2).toLongLong(), std::numeric_limits<int>::max());
        const qint64 size = m.captured(1) == QLatin1String("<U") ? 4 * n : n;
        return size > 0 && size <= std::numeric_limits<int>::max() ? int(size) : 0;
    }
    return 0;
}

bool NpyArray::isNumeric() const
{
    return itemSize() > 0 && !isString();
}

bool NpyArray::isString() const
{
    return descr.startsWith(QLatin1String("<U")) || descr.startsWith(QLatin1String("|S"));
}

QString NpyArray::shapeString() const
{
    QStringList parts;
    for (int64_t d : shape)
        parts << QString::number(d);
    return QLatin1Char('(') + parts.join(QStringLiteral(", "))
            + (shape.size() == 1 ? QStringLiteral(",)") : QStringLiteral(")"));
}

NpzError NpyArray::toFloat(std::vector<float> *out, const QString &origin) const
{
    const int64_t n = elementCount();
    out->resize(size_t(n));
    const char *p = data.constData();
    if (descr == QLatin1String("<f4")) {
        if (n > 0) // an empty vector's data() may be null, which memcpy must not get
            std::memcpy(out->data(), p, size_t(n) * sizeof(float));
    } else if (descr == QLatin1String("<f8")) {
        for (int64_t i = 0; i < n; ++i)
            (*out)[size_t(i)] = float(readLe<double>(p + 8 * i));
    } else if (descr == QLatin1String("|u1") || descr == QLatin1String("|b1")) {
        for (int64_t i = 0; i < n; ++i)
            (*out)[size_t(i)] = float(static_cast<uint8_t>(p[i]));
    } else if (descr == QLatin1String("<i8")) {
        for (int64_t i = 0; i < n; ++i)
            (*out)[size_t(i)] = float(readLe<int64_t>(p + 8 * i));
    } else if (descr == QLatin1String("<i4")) {
        for (int64_t i = 0; i < n; ++i)
            (*out)[size_t(i)] = float(readLe<int32_t>(p + 4 * i));
    } else {
        out->clear();
        return NpzError::make(NpzErrorCode::WrongDtype, {},
                              QStringLiteral("%1: array '%2' has dtype %3, expected a number")
                                      .arg(origin, name, descr));
    }
    return {};
}

NpzError NpyArray::toUint8(std::vector<uint8_t> *out, const QString &origin) const
{
    if (descr != QLatin1String("|u1") && descr != QLatin1String("|b1")) {
        out->clear();
        return NpzError::make(NpzErrorCode::WrongDtype, {},
                              QStringLiteral("%1: array '%2' has dtype %3, expected uint8 or bool")
                                      .arg(origin, name, descr));
    }
    out->assign(reinterpret_cast<const uint8_t *>(data.constData()),
                reinterpret_cast<const uint8_t *>(data.constData()) + elementCount());
    return {};
}

NpzError NpyArray::toStrings(QStringList *out, const QString &origin) const
{
    out->clear();
    if (!isString())
        return NpzError::make(NpzErrorCode::WrongDtype, {},
                              QStringLiteral("%1: array '%2' has dtype %3, expected strings")
                                      .arg(origin, name, descr));
    const int size = itemSize();
    const int64_t n = elementCount();
    const bool unicode = descr.startsWith(QLatin1String("<U"));
    for (int64_t i = 0; i < n; ++i) {
        const char *p = data.constData() + i * size;
        if (unicode) {
            const int chars = size / 4;
            int len = 0;
            while (len < chars && readLe<uint32_t>(p + 4 * len) != 0)
                ++len;
            std::vector<char32_t> codePoints(static_cast<size_t>(len));
            for (int k = 0; k < len; ++k)
                codePoints[size_t(k)] = char32_t(readLe<uint32_t>(p + 4 * k));
            out->append(QString::fromUcs4(codePoints.data(), len));
        } else {
            const int len = int(qstrnlen(p, uint(size)));
            out->append(QString::fromUtf8(p, len));
        }
    }
    return {};
}

NpyArray NpyArray::fromFloat32(const QString &name, const std::vector<int64_t> &shape,
                               const std::vector<float> &values)
{
    return fromValues(name, QStringLiteral("<f4"), shape, values.data(), values.size());
}

NpyArray NpyArray::fromFloat64(const QString &name, const std::vector<int64_t> &shape,
                               const std::vector<double> &values)
{
    return fromValues(name, QStringLiteral("<f8"), shape, values.data(), values.size());
}

NpyArray NpyArray::fromUint8(const QString &name, const std::vector<int64_t> &shape,
                             const std::vector<uint8_t> &values)
{
    return fromValues(name, QStringLiteral("|u1"), shape, values.data(), values.size());
}

NpyArray NpyArray::fromBool(const QString &name, const std::vector<int64_t> &shape,
                            const std::vector<uint8_t> &values)
{
    std::vector<uint8_t> bits(values.size());
    for (size_t i = 0; i < values.size(); ++i)
        bits[i] = values[i] ? 1 : 0;
    return fromValues(name, QStringLiteral("|b1"), shape, bits.data(), bits.size());
}

NpyArray NpyArray::fromInt64(const QString &name, const std::vector<int64_t> &shape,
                             const std::vector<int64_t> &values)
{
    return fromValues(name, QStringLiteral("<i8"), shape, values.data(), values.size());
}

NpyArray NpyArray::fromStrings(const QString &name, const QStringList &values)
{
    std::vector<QList<uint>> codePoints;
    int width = 1;
    for (const QString &s : values) {
        codePoints.push_back(s.toUcs4());
        width = std::max(width, int(codePoints.back().size()));
    }
    NpyArray a;
    a.name = name;
    a.descr = QStringLiteral("<U%1").arg(width);
    a.shape = {int64_t(values.size())};
    a.data = QByteArray(qsizetype(values.size()) * width * 4, '\0');
    for (size_t i = 0; i < codePoints.size(); ++i) {
        char *p = a.data.data() + qsizetype(i) * width * 4;
        for (qsizetype k = 0; k < codePoints[i].size(); ++k) {
            const uint32_t c = codePoints[i].at(k);
            std::memcpy(p + 4 * k, &c, 4);
        }
    }
    return a;
}

QByteArray NpyArray::toNpy() const
{
    QStringList dims;
    for (int64_t d : shape)
        dims << QString::number(d);
    const QString shapeText = shape.size() == 1
            ? QStringLiteral("(%1,)").arg(dims.first())
            : QStringLiteral("(%1)").arg(dims.join(QStringLiteral(", ")));
    QByteArray header = QStringLiteral("{'descr': '%1', 'fortran_order': False, 'shape': %2, }")
                                .arg(descr, shapeText)
                                .toLatin1();
    // Version 1.0 stores the header length in 16 bits; longer headers need 2.0.
    const bool v2 = header.size() + 1 + 10 > 65535;
    const int prefix = v2 ? 12 : 10;
    const int total = ((prefix + int(header.size()) + 1 + 63) / 64) * 64;
    header.append(QByteArray(total - prefix - int(header.size()) - 1, ' '));
    header.append('\n');
    QByteArray out(kMagic, 6);
    out.append(char(v2 ? 2 : 1));
    out.append(char(0));
    const uint32_t length = uint32_t(header.size());
    out.append(reinterpret_cast<const char *>(&length), v2 ? 4 : 2);
    out.append(header);
    out.append(data);
    return out;
}

NpzError NpyArray::fromNpy(const QByteArray &bytes, const QString &origin, NpyArray *out)
{
    auto fail = [&origin](NpzErrorCode code, const QString &what) {
        return NpzError::make(code, {}, QStringLiteral("%1: %2").arg(origin, what));
    };
    if (bytes.size() < 10 || std::memcmp(bytes.constData(), kMagic, 6) != 0) {
        if (bytes.size() < 10 && QByteArray(kMagic, 6).startsWith(bytes.left(6)))
            return fail(NpzErrorCode::Truncated, QStringLiteral("NPY data ends in its header"));
        return fail(NpzErrorCode::BadHeader, QStringLiteral("not an NPY array (bad magic)"));
    }
    const int major = static_cast<uint8_t>(bytes.at(6));
    if (major < 1 || major > 3)
        return fail(NpzErrorCode::BadHeader,
                    QStringLiteral("unsupported NPY format version %1").arg(major));
    const int prefix = major == 1 ? 10 : 12;
    if (bytes.size() < prefix)
        return fail(NpzErrorCode::Truncated, QStringLiteral("NPY data ends in its header"));
    const qint64 headerLength = major == 1 ? qint64(readLe<uint16_t>(bytes.constData() + 8))
                                           : qint64(readLe<uint32_t>(bytes.constData() + 8));
    if (bytes.size() < prefix + headerLength)
        return fail(NpzErrorCode::Truncated, QStringLiteral("NPY data ends in its header"));
    const QString header = major == 3
            ? QString::fromUtf8(bytes.constData() + prefix, qsizetype(headerLength))
            : QString::fromLatin1(bytes.constData() + prefix, qsizetype(headerLength));

    static const QRegularExpression descrRe(QStringLiteral("'descr'\\s*:\\s*'([^']*)'"));
    static const QRegularExpression fortranRe(
            QStringLiteral("'fortran_order'\\s*:\\s*(True|False)"));
    static const QRegularExpression shapeRe(QStringLiteral("'shape'\\s*:\\s*\\(([^)]*)\\)"));
    const QRegularExpressionMatch d = descrRe.match(header);
    const QRegularExpressionMatch f = fortranRe.match(header);
    const QRegularExpressionMatch s = shapeRe.match(header);
    if (!d.hasMatch() || !f.hasMatch() || !s.hasMatch())
        return fail(NpzErrorCode::BadHeader,
                    QStringLiteral("cannot parse NPY header %1").arg(header.trimmed()));
    NpyArray a;
    a.descr = normaliseDescr(d.captured(1));
    if (itemSize(a.descr) == 0)
        return fail(NpzErrorCode::UnsupportedDtype,
                    QStringLiteral("unsupported dtype '%1'").arg(d.captured(1)));
    if (f.captured(1) == QLatin1String("True"))
        return fail(NpzErrorCode::FortranOrder,
                    QStringLiteral("fortran_order arrays are not supported"));
    const QStringList dims = s.captured(1).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &dim : dims) {
        bool ok = false;
        const qlonglong v = dim.trimmed().toLongLong(&ok);
        if (!ok || v < 0)
            return fail(NpzErrorCode::BadHeader,
                        QStringLiteral("bad shape (%1)").arg(s.captured(1)));
        a.shape.push_back(int64_t(v));
    }
    // Shapes whose byte size does not fit 64 bits wrapped to a negative size that passed the
    // length check (found by fuzzing).
    qint64 count = 1;
    for (int64_t d : a.shape) {
        if (d > 0 && count > std::numeric_limits<qint64>::max() / d / a.itemSize()) {
            if (std::find(a.shape.begin(), a.shape.end(), 0) != a.shape.end())
                break; // an empty array
            return fail(NpzErrorCode::BadHeader,
                        QStringLiteral("shape (%1) is too large").arg(s.captured(1)));
        }
        count *= d;
    }
    const qint64 expected = a.elementCount() * a.itemSize();
    const qint64 available = bytes.size() - prefix - headerLength;
    if (available < expected)
        return fail(NpzErrorCode::Truncated,
                    QStringLiteral("array of shape %1 and dtype %2 needs %3 bytes, found %4")
                            .arg(a.shapeString(), a.descr)
                            .arg(expected)
                            .arg(available));
    a.data = bytes.mid(prefix + headerLength, expected);
    *out = std::move(a);
    return {};
}

} // namespace timbre::datasets
