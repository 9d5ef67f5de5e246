// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/features/XxHash64.h"

#include <QtEndian>

namespace timbre::features {

namespace {
constexpr quint64 kPrime1 = 0x9E3779B185EBCA87ull;
constexpr quint64 kPrime2 = 0xC2B2AE3D27D4EB4Full;
constexpr quint64 kPrime3 = 0x165667B19E3779F9ull;
constexpr quint64 kPrime4 = 0x85EBCA77C2B2AE63ull;
constexpr quint64 kPrime5 = 0x27D4EB2F165667C5ull;

quint64 rotl(quint64 x, int r)
{
    return (x << r) | (x >> (64 - r));
}

quint64 round(quint64 acc, quint64 input)
{
    acc += input * kPrime2;
    return rotl(acc, 31) * kPrime1;
}

quint64 mergeRound(quint64 acc, quint64 value)
{
    acc ^= round(0, value);
    return acc * kPrime1 + kPrime4;
}

quint64 read64(const uchar *p)
{
    return qFromLittleEndian<quint64>(p);
}

quint64 read32(const uchar *p)
{
    return qFromLittleEndian<quint32>(p);
}
} // namespace

quint64 xxHash64(const void *data, size_t length, quint64 seed)
{
    const uchar *p = static_cast<const uchar *>(data);
    const uchar *const end = p + length;
    quint64 h;

    if (length >= 32) {
        quint64 v1 = seed + kPrime1 + kPrime2;
        quint64 v2 = seed + kPrime2;
        quint64 v3 = seed;
        quint64 v4 = seed - kPrime1;
        const uchar *const lastStripe = end - 32;
        do {
            v1 = round(v1, read64(p));
            v2 = round(v2, read64(p + 8));
            v3 = round(v3, read64(p + 16));
            v4 = round(v4, read64(p + 24));
            p += 32;
        } while (p <= lastStripe);
        h = rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18);
        h = mergeRound(h, v1);
        h = mergeRound(h, v2);
        h = mergeRound(h, v3);
        h = mergeRound(h, v4);
    } else {
        h = seed + kPrime5;
    }
    h += quint64(length);

    for (; p + 8 <= end; p += 8) {
        h ^= round(0, read64(p));
        h = rotl(h, 27) * kPrime1 + kPrime4;
    }
    if (p + 4 <= end) {
        h ^= read32(p) * kPrime1;
        h = rotl(h, 23) * kPrime2 + kPrime3;
        p += 4;
    }
    for (; p < end; ++p) {
        h ^= quint64(*p) * kPrime5;
        h = rotl(h, 11) * kPrime1;
    }

    // Avalanche.
    h ^= h >> 33;
    h *= kPrime2;
    h ^= h >> 29;
    h *= kPrime3;
    h ^= h >> 32;
    return h;
}

} // namespace timbre::features
