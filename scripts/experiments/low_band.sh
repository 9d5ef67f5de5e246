#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A front end that hears lower, prototyped before any C++ (issue 23, item 3; docs/RESULTS.md,
# "Below the front end's 125 Hz"): the one-SoundFont heads of one_soundfont.sh (FluidR3 synth
# clips + 250 mma songs, ATT, seeds SEEDS) on the cnn embedding with BANDS more columns per
# instance, the log share of its power in log-spaced bands LOW-HIGH Hz
# (low_band_features.py, standardised on the FluidR3 synth clips), tested as one_soundfont.sh
# tests (PHASE dev-npm or test). The cnn features come from $FEAT as one_soundfont.sh leaves
# them; the widened ones go to $LOW_FEAT.
#   CNN_DATA=/work/cnn-data PHASE=dev-npm bash scripts/experiments/low_band.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${CNN_DATA:-build/cnn-data}
FEAT=${FEAT:-$DATA/features-cnn}
BANDS=${BANDS:-8}
LOW=${LOW:-30}
HIGH=${HIGH:-250}
TAG="b$BANDS-$LOW-$HIGH"
LOW_FEAT=${LOW_FEAT:-$DATA/features-low-$TAG}
OUT=${OUT:-$DATA/low-band-$TAG}
SEEDS=${SEEDS:-"1 2 3"}
THREADS=${THREADS:-2}
PHASE=${PHASE:-dev-npm}
BUILD_DIR=${BUILD_DIR:-build}
T="$BUILD_DIR/app/cli/timbre"
PY=${PY:-/usr/bin/python3}
# shellcheck source=scripts/experiments/song_corpora.sh
. scripts/experiments/song_corpora.sh
mkdir -p "$OUT" "$LOW_FEAT"

synth_corpus fluid-1000 701 /usr/share/sounds/sf2/FluidR3_GM.sf2 1000
mma_corpus mma-fluid-250 250 201 /usr/share/sounds/sf2/FluidR3_GM.sf2
TRAIN=(fluid-1000 mma-fluid-250)
transfer_songs "$PHASE"
for c in "${TRAIN[@]}" $TESTS; do # fluid-1000 first: its statistics standardise every corpus
  [ -d "$LOW_FEAT/$c" ] || "$PY" scripts/experiments/low_band_features.py --corpus "$DATA/corpus/$c" \
    --cnn "$FEAT/$c" --out "$LOW_FEAT/$c" --stats "$LOW_FEAT/stats.json" --bands "$BANDS" \
    --low "$LOW" --high "$HIGH"
done
FEAT="$LOW_FEAT" transfer_heads "$PHASE" evidence
