#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Regenerates the seed corpora of the fuzz targets, tests/fuzz/corpus/<target>/seed-*, with the
# project's own writers (tests/fuzz/MakeSeeds.cpp). Builds fuzz_make_seeds in BUILD_DIR
# (default build-replay, configured with g++ and TIMBRE_FUZZ_LEAN=ON when missing, so no
# LibTorch code is compiled). Files not named seed-* (crash-*, kept inputs) are left alone.
#   scripts/fuzz/make_seeds.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build-replay}
if [[ ! -f "$build/CMakeCache.txt" ]]; then
  nice -n 19 cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DTIMBRE_FUZZ_LEAN=ON >/dev/null
fi
nice -n 19 cmake --build "$build" --target fuzz_make_seeds -j "${JOBS:-1}"
"$build/tests/fuzz/fuzz_make_seeds" tests/fuzz/corpus
du -sh tests/fuzz/corpus/* | sed 's|tests/fuzz/corpus/||'
