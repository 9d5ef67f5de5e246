// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QtGlobal>

#include <cstddef>

namespace timbre::features {

// IEEE 754 binary16 conversion, written out so the feature files need no half-float library
// and behave the same on every compiler (the F16C instructions and _Float16 are not portable).
// floatToHalf rounds to nearest, ties to even, like a hardware conversion: values from 65520
// up become infinity, values at or below 2^-25 become (signed) zero, and subnormals keep as
// many bits as binary16 has. NaN stays NaN (quiet, sign and top payload bits kept).
// halfToFloat is exact: every binary16 value is a float.
namespace float16 {

quint16 fromFloat(float value);
float toFloat(quint16 half);

// `count` little-endian binary16 values at `bytes` (no alignment needed) to floats.
void decodeLittleEndian(const uchar *bytes, size_t count, float *out);

} // namespace float16
} // namespace timbre::features
