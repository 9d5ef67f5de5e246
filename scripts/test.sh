#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Command (2) of README.md: install, build and run every test through CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
BUILD_DIR=${BUILD_DIR:-build}
export QT_QPA_PLATFORM=offscreen
cd "$BUILD_DIR"
ctest --output-on-failure -j"${JOBS:-$(nproc)}" --timeout 900
