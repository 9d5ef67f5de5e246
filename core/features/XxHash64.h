// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QtGlobal>

#include <cstddef>

namespace timbre::features {

// XXH64 (Yann Collet's xxHash, 64-bit variant, https://github.com/Cyan4973/xxHash, spec in
// doc/xxhash_spec.md), reimplemented here so the feature files need no new library. Chosen over
// FNV-1a because it runs at memory speed (several GB/s) rather than a multiply per byte, and
// every file is verified on open. Not cryptographic: it catches torn writes and bit rot, not
// tampering. Output equals the reference XXH64(data, length, seed).
quint64 xxHash64(const void *data, size_t length, quint64 seed = 0);

} // namespace timbre::features
