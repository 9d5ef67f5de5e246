#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Configures and builds Timbre Workbench in Release into build/ (BUILD_DIR overrides).
# Arguments name the targets to build (command (1) builds only the programs it runs: the CLI,
# the workbench and the model engine); none builds everything, tests and benchmarks included.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
JOBS=${JOBS:-$(nproc)}
# ccache (when installed) keys on paths relative to the checkout, so a fresh clone elsewhere
# still hits the cache; the precompiled LibTorch header needs the pch sloppiness to be cached.
export CCACHE_BASEDIR="$PWD"
export CCACHE_SLOPPINESS="pch_defines,time_macros,include_file_mtime,include_file_ctime"
export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-5G}"
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release >/dev/null
targets=()
for target in "$@"; do targets+=(--target "$target"); done
cmake --build "$BUILD_DIR" -j"$JOBS" "${targets[@]}"
