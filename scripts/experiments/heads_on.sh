#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# ATT heads (seeds SEEDS) trained on the corpora TRAIN_CORPORA and evaluated on the test
# corpora named as arguments (issue 23, item 3; docs/RESULTS.md, "What the one-SoundFont
# condition costs, and two diagnoses"): song_corpora.sh's transfer_heads on corpora that are
# already in $DATA/corpus, e.g. remixes by mix_balance.py or renders by other synthesisers.
# Heads already in $OUT/ckpt are reused, so new test corpora cost only their features.
#   CNN_DATA=/work/cnn-data OUT=/work/cnn-data/one-soundfont-mma \
#     bash scripts/experiments/heads_on.sh npm-timidity-drum6 midi-npm-sonivox
# TRAIN_CORPORA defaults to one_soundfont.sh's FluidR3 training set; another front end is
# named as in song_corpora.sh (EXTRACTOR, EXTRACTOR_LIBRARY, FEAT). PHASE names the results file.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -ge 1 ] || { echo "usage: OUT=DIR $0 TEST-CORPUS..." >&2; exit 2; }
DATA=${CNN_DATA:-build/cnn-data}
FEAT=${FEAT:-$DATA/features-cnn}
OUT=${OUT:?OUT: the heads folder}
SEEDS=${SEEDS:-"1 2 3"}
THREADS=${THREADS:-2}
BUILD_DIR=${BUILD_DIR:-build}
T="$BUILD_DIR/app/cli/timbre"
# shellcheck source=scripts/experiments/song_corpora.sh
. scripts/experiments/song_corpora.sh
read -r -a TRAIN <<< "${TRAIN_CORPORA:-fluid-1000 mma-fluid-250}"
for c in "${TRAIN[@]}" "$@"; do
  [ -f "$DATA/corpus/$c/labels.csv" ] || { echo "$DATA/corpus/$c: no such corpus" >&2; exit 1; }
  features "$c"
done
TESTS="$*"
transfer_heads "${PHASE:-extra}" evidence
