// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// TIMBRE_VECTOR_CLONES: compile a hot loop for AVX2 and for the x86-64 baseline and let the
// loader pick one (GCC function multi-versioning), so the release build stays portable.
// TIMBRE_VECTOR_CLONES_NO_ERRNO also lets sqrt vectorise (no errno is read after maths; a
// per-file -fno-math-errno would cost the file the models' precompiled header).
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define TIMBRE_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#define TIMBRE_VECTOR_CLONES_NO_ERRNO \
    __attribute__((target_clones("avx2", "default"), optimize("no-math-errno")))
#else
#define TIMBRE_VECTOR_CLONES
#define TIMBRE_VECTOR_CLONES_NO_ERRNO
#endif
