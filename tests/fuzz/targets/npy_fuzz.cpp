// SPDX-License-Identifier: GPL-3.0-or-later
// NpyArray::fromNpy (magic, version, header dict, dtype, shape, size) on raw .npy bytes, then
// every conversion of a parsed array and the write -> read round trip.
#include "FuzzFiles.h"
#include "core/datasets/interchange/NpyArray.h"

using namespace timbre::datasets;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    NpyArray array;
    if (!NpyArray::fromNpy(timbre::fuzz::bytesOf(data, size), QStringLiteral("fuzz.npy"), &array)
                 .ok())
        return 0;
    TIMBRE_FUZZ_CHECK(array.data.size() == array.elementCount() * array.itemSize(),
                      "data size is element count x item size");
    (void)array.shapeString();
    std::vector<float> floats;
    (void)array.toFloat(&floats, QStringLiteral("fuzz"));
    std::vector<uint8_t> bytes;
    (void)array.toUint8(&bytes, QStringLiteral("fuzz"));
    QStringList strings;
    (void)array.toStrings(&strings, QStringLiteral("fuzz"));

    NpyArray again;
    TIMBRE_FUZZ_CHECK(NpyArray::fromNpy(array.toNpy(), QStringLiteral("again"), &again).ok(),
                      "a parsed array written back parses");
    TIMBRE_FUZZ_CHECK(again.descr == array.descr && again.shape == array.shape
                              && again.data == array.data,
                      "write -> read gives the same array");
    return 0;
}
