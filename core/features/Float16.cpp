// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/features/Float16.h"

#include <QtEndian>

#include <cstring>

namespace timbre::features::float16 {

namespace {
constexpr quint32 kFloatExpMask = 0x7F800000u;
// 2^-14, the smallest normal binary16, as float bits.
constexpr quint32 kMinNormalHalfAsFloat = 0x38800000u;
// 65520 = 65504 + half an ulp: the tie rounds to the even neighbour, which is infinity.
constexpr quint32 kOverflowAsFloat = 0x477FF000u;
// float exponent bias 127 minus binary16 bias 15.
constexpr quint32 kBiasDelta = 112;

quint32 bitsOf(float value)
{
    quint32 bits;
    std::memcpy(&bits, &value, sizeof bits);
    return bits;
}

float floatOf(quint32 bits)
{
    float value;
    std::memcpy(&value, &bits, sizeof value);
    return value;
}

// Drops the low `shift` bits of `mantissa`, rounding to nearest and ties to even. A carry out
// of the mantissa field lands in the exponent field, which is the correct next value.
quint32 roundShift(quint32 mantissa, int shift)
{
    const quint32 kept = mantissa >> shift;
    const quint32 rest = mantissa & ((1u << shift) - 1);
    const quint32 half = 1u << (shift - 1);
    return kept + ((rest > half || (rest == half && (kept & 1u))) ? 1u : 0u);
}
} // namespace

quint16 fromFloat(float value)
{
    const quint32 bits = bitsOf(value);
    const quint32 sign = (bits >> 16) & 0x8000u;
    const quint32 magnitude = bits & 0x7FFFFFFFu;

    if (magnitude >= kFloatExpMask) {
        if (magnitude == kFloatExpMask)
            return quint16(sign | 0x7C00u);
        // NaN: keep the top payload bits and force the quiet bit so it cannot become inf.
        return quint16(sign | 0x7E00u | ((magnitude >> 13) & 0x03FFu));
    }
    if (magnitude >= kOverflowAsFloat)
        return quint16(sign | 0x7C00u);
    if (magnitude >= kMinNormalHalfAsFloat) {
        const quint32 rebased = magnitude - (kBiasDelta << 23);
        return quint16(sign | roundShift(rebased, 13));
    }
    // Subnormal result: the float's significand (with its implicit 1) in units of 2^-24.
    const int exponent = int(magnitude >> 23);
    const int shift = 126 - exponent; // >= 14 here
    if (shift > 24)
        return quint16(sign); // below 2^-25: rounds to zero
    const quint32 significand = (magnitude & 0x007FFFFFu) | 0x00800000u;
    return quint16(sign | roundShift(significand, shift));
}

float toFloat(quint16 half)
{
    const quint32 sign = quint32(half & 0x8000u) << 16;
    int exponent = (half >> 10) & 0x1F;
    quint32 mantissa = half & 0x03FFu;

    if (exponent == 0x1F)
        return floatOf(sign | kFloatExpMask | (mantissa << 13));
    if (exponent == 0) {
        if (mantissa == 0)
            return floatOf(sign);
        // Subnormal: normalise so the float gets an implicit leading 1.
        exponent = 1;
        while (!(mantissa & 0x0400u)) {
            mantissa <<= 1;
            --exponent;
        }
        mantissa &= 0x03FFu;
    }
    return floatOf(sign | (quint32(exponent + int(kBiasDelta)) << 23) | (mantissa << 13));
}

void decodeLittleEndian(const uchar *bytes, size_t count, float *out)
{
    for (size_t i = 0; i < count; ++i)
        out[i] = toFloat(qFromLittleEndian<quint16>(bytes + 2 * i));
}

} // namespace timbre::features::float16
