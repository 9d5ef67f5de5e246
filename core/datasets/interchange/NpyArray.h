// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/datasets/interchange/NpzError.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace timbre::datasets {

// One NumPy array in memory: its dtype descriptor, C-order shape and raw little-endian bytes.
// Supported dtypes: |u1 (uint8), |b1 (bool), <i4, <i8, <f4, <f8, <U<n> (UTF-32 strings of n
// code points) and |S<n> (byte strings). Only fortran_order False.
struct NpyArray
{
    QString name;
    QString descr; // normalised: '|u1', '|b1', '<i4', '<i8', '<f4', '<f8', '<U12', '|S12'
    std::vector<int64_t> shape;
    QByteArray data;

    int64_t elementCount() const;
    // Bytes per element for the descriptor; 0 when unknown.
    static int itemSize(const QString &descr);
    int itemSize() const { return itemSize(descr); }
    bool isNumeric() const;
    bool isString() const;
    int rank() const { return int(shape.size()); }
    int64_t dim(int i) const { return i < rank() ? shape[size_t(i)] : 0; }
    QString shapeString() const; // "(20000, 10, 128)"

    // Conversions. A dtype the conversion cannot take gives WrongDtype naming `origin`.
    NpzError toFloat(std::vector<float> *out, const QString &origin) const; // any numeric
    NpzError toUint8(std::vector<uint8_t> *out, const QString &origin) const; // |u1 or |b1
    NpzError toStrings(QStringList *out, const QString &origin) const; // <U or |S

    static NpyArray fromFloat32(const QString &name, const std::vector<int64_t> &shape,
                                const std::vector<float> &values);
    static NpyArray fromFloat64(const QString &name, const std::vector<int64_t> &shape,
                                const std::vector<double> &values);
    static NpyArray fromUint8(const QString &name, const std::vector<int64_t> &shape,
                              const std::vector<uint8_t> &values);
    static NpyArray fromBool(const QString &name, const std::vector<int64_t> &shape,
                             const std::vector<uint8_t> &values);
    static NpyArray fromInt64(const QString &name, const std::vector<int64_t> &shape,
                              const std::vector<int64_t> &values);
    // '<U<n>' with n the longest string's length in code points (at least 1).
    static NpyArray fromStrings(const QString &name, const QStringList &values);

    // The .npy file image (format version 1.0, or 2.0 when the header needs it; the header is
    // padded so the data starts on a 64-byte boundary, as NumPy does).
    QByteArray toNpy() const;
    // Parses a .npy file image. `origin` names the file (and entry) in error messages.
    static NpzError fromNpy(const QByteArray &bytes, const QString &origin, NpyArray *out);
};

} // namespace timbre::datasets
