#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Overlapping instances (issue 23), prototyped in PyTorch before any C++ (docs/RESULTS.md,
# "Overlapping instances, prototyped"): the cnn features of every clip once more on a grid
# shifted by half an instance (the audio cut 0.48 s later, then `timbre features`), and
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

TRAIN=()
rest_corpora "rests-r2-%s" 601 "$CLIPS" 1.0 --rests-per-part 2
phase_songs "$PHASE"
COMBINED="$OUT/combined-$TEST"
combine "$COMBINED" "$TEST" "${TRAIN[@]}"

# The same clips half an instance later: a sample-exact trim written as WAV (no second lossy
# encoding of the ogg / mp3 mixes), same file stems.
shifted() { # corpus name -> $SHIFT_FEAT/name
  local name=$1 src="$DATA/corpus/$1/mixes" dst="$DATA/corpus-shift/$1/mixes" f
  if [ ! -d "$SHIFT_FEAT/$name" ]; then
    command -v ffmpeg >/dev/null || apt-get install -y -q ffmpeg >/dev/null
    mkdir -p "$dst"
    for f in "$src"/*; do
      local wav="$dst/$(basename "${f%.*}").wav"
      [ -f "$wav" ] && continue
      ffmpeg -nostdin -loglevel error -i "$f" -af "atrim=start=0.48,asetpts=PTS-STARTPTS" \
        -c:a pcm_f32le "$wav"
    done
    "$T" features "$dst" --extractor cnn --threads "$THREADS" --write "$SHIFT_FEAT/$name" \
      | tail -n 1
  fi
}
for c in "${TRAIN[@]}" "$TEST"; do shifted "$c"; done
SHIFTED="$OUT/shifted-$TEST"
FEAT="$SHIFT_FEAT" combine "$SHIFTED" "$TEST" "${TRAIN[@]}"

RESULTS="$OUT/proto-$PHASE.csv"
: > "$RESULTS"
for M in $MODES; do
  for S in $SEEDS; do
    "$PY" scripts/experiments/within_track_proto.py --data "$COMBINED" --shifted "$SHIFTED" \
      --overlap "$M" --w "$W" --seed "$S" | tee -a "$RESULTS"
  done
done
