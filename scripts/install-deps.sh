#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian 12 packages Timbre Workbench builds, tests and runs with.
# Idempotent: apt is skipped entirely when every package is already present.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config ccache git
  qt6-base-dev libqt6opengl6-dev qt6-charts-dev qt6-multimedia-dev qt6-tools-dev
  qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev libqt6sql6-sqlite libqt6sql6-psql libgl-dev
  libtorch-dev libopenblas0-openmp
  libfftw3-dev libtag1-dev libavformat-dev libavcodec-dev libswresample-dev libavutil-dev
  libfluidsynth-dev fluid-soundfont-gm libzip-dev zlib1g-dev libopencv-dev libsqlite3-dev
  timgm6mb-soundfont musescore-general-soundfont-small csound-soundfont opl3-soundfont
  timidity freepats libsonivox-dev
  libbenchmark-dev xvfb xauth nlohmann-json3-dev valgrind sqlite3 bc
  qt6-translations-l10n
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"

# LibTorch calls the system BLAS; OpenBLAS' OpenMP build is ~5x faster than the reference
# BLAS for training here. Make it the alternative in use when several are installed.
for alt in libblas.so.3-x86_64-linux-gnu liblapack.so.3-x86_64-linux-gnu; do
  candidate=$(update-alternatives --list "$alt" 2>/dev/null | grep openblas | grep -v pthread | head -n1 || true)
  if [ -n "$candidate" ]; then $SUDO update-alternatives --set "$alt" "$candidate" >/dev/null; fi
done
