// SPDX-License-Identifier: GPL-3.0-or-later
// NpzArchive::read (libzip: entries, sizes, CRC, deflate; each member through NpyArray::fromNpy)
// on the bytes as a file, then require() and the conversions on every member.
#include "FuzzFiles.h"
#include "core/datasets/interchange/NpzArchive.h"

using namespace timbre::datasets;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString path = timbre::fuzz::writeFile(QStringLiteral("input.npz"),
                                                 timbre::fuzz::bytesOf(data, size));
    NpzArchive npz;
    if (!NpzArchive::read(path, &npz).ok())
        return 0;
    for (const QString &name : npz.names()) {
        NpyArray array;
        TIMBRE_FUZZ_CHECK(npz.require(name, {}, -1, &array).ok(), "a listed member is there");
        (void)npz.require(name, {QStringLiteral("<f4"), QStringLiteral("<U")}, 2, &array);
        const NpyArray *member = npz.find(name);
        TIMBRE_FUZZ_CHECK(member != nullptr, "find() sees a listed member");
        std::vector<float> floats;
        (void)member->toFloat(&floats, path);
        QStringList strings;
        (void)member->toStrings(&strings, path);
    }
    NpyArray x;
    (void)npz.require(QStringLiteral("X"), {QStringLiteral("|u1")}, 3, &x);
    return 0;
}
