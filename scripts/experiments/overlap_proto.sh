#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Overlapping instances (issue 23), prototyped in PyTorch before any C++ (docs/RESULTS.md,
# "Overlapping instances, prototyped"): the cnn features of every clip once more on a grid
# shifted by half an instance (`timbre features --start 0.48`; until 2026-12-07 the audio was
# cut with ffmpeg first, which gives the same features), and
# scripts/experiments/within_track_proto.py's --overlap modes against the plain grid, ATT with
# instance_loss W, on the two-rests training corpora of instance_loss.sh.
#   CNN_DATA=/work/cnn-data PHASE=dev bash scripts/experiments/overlap_proto.sh
# Results: $OUT/proto-$PHASE.csv (one line per mode and seed, as within_track_proto prints).
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${CNN_DATA:-build/cnn-data}
OUT=${OUT:-$DATA/overlap}
FEAT=${FEAT:-$DATA/features-cnn}
SHIFT_FEAT=${SHIFT_FEAT:-$DATA/features-cnn-shift}
CLIPS=${CLIPS:-300}
SEEDS=${SEEDS:-"1 2 3"}
MODES=${MODES:-"none tta aug bag"}
W=${W:-3}
PHASE=${PHASE:-dev}
THREADS=${THREADS:-2}
BUILD_DIR=${BUILD_DIR:-build}
T="$BUILD_DIR/app/cli/timbre"
PY=${PY:-/usr/bin/python3}
# shellcheck source=scripts/experiments/song_corpora.sh
. scripts/experiments/song_corpora.sh
mkdir -p "$OUT"

overlap_folders "$PHASE" "$CLIPS"

RESULTS="$OUT/proto-$PHASE.csv"
: > "$RESULTS"
for M in $MODES; do
  for S in $SEEDS; do
    "$PY" scripts/experiments/within_track_proto.py --data "$COMBINED" --shifted "$SHIFTED" \
      --overlap "$M" --w "$W" --seed "$S" | tee -a "$RESULTS"
  done
done
