#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The frame-level auxiliary loss inside the CNN's own end-to-end training (issue 23;
# docs/METHOD.md §5.4): `timbre train-cnn --instance-loss W` on the four training SoundFonts'
# `timbre synth --rests 1.0` corpora (CLIPS clips each, synth seeds 101-104, activity.csv as
# strong labels), CNN seeds SEEDS, for each W of WEIGHTS. Each CNN is then evaluated as a
# front end: its features of the training corpora and the songs, the end-to-end ATT head
# trained with it, and an ATT head trained on its features with instance_loss HEAD_LOSS
# (head seed 1), under the per-second scores SCORES, with their within-track 1 s AUROC.
#   PHASE=dev   the 10 Planet Blupi songs rendered with FluidR3 (every choice is made here)
#   PHASE=test  the 31 openttd-openmsx songs rendered with MuseScore_General_Lite
#   CNN_DATA=/work/cnn-data PHASE=dev WEIGHTS="0 3" SEEDS=1 bash scripts/experiments/cnn_instance_loss.sh
# MMA_SONGS > 0 adds starter v2's second kind of data to the CNN's (and the heads') training
# set: four corpora of that many mma accompaniment songs (one per training SoundFont, seeds
# 201-204, 2 excerpts each, activity.csv from their notes); give such a run its own OUT.
# Results: $OUT/results-$PHASE.csv and a Markdown table on stdout.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${CNN_DATA:-build/cnn-data}
OUT=${OUT:-$DATA/cnn-instance-loss}
CLIPS=${CLIPS:-500}
RESTS=${RESTS:-1.0}
WEIGHTS=${WEIGHTS:-"0 3"}
SEEDS=${SEEDS:-"1 2 3"}
HEAD_LOSS=${HEAD_LOSS:-3}
MMA_SONGS=${MMA_SONGS:-0}
SCORES=${SCORES:-evidence,instance,clip}
PHASE=${PHASE:-dev}
THREADS=${THREADS:-2}
EPOCHS=${EPOCHS:-8}
BUILD_DIR=${BUILD_DIR:-build}
T="$BUILD_DIR/app/cli/timbre"
FEAT=$OUT/unused SKIP_FEATURES=1 # the songs are rendered only; each CNN extracts its own
# shellcheck source=scripts/experiments/song_corpora.sh
. scripts/experiments/song_corpora.sh
mkdir -p "$OUT"

TRAIN=()
rest_corpora "rests1-%s-$CLIPS" 101 "$CLIPS" "$RESTS"
[ "$MMA_SONGS" -gt 0 ] && mma_corpora "mma-%s-$MMA_SONGS" "$MMA_SONGS"
phase_songs "$PHASE"

RESULTS="$OUT/results-$PHASE.csv"
[ -f "$RESULTS" ] || echo "cnn_weight,cnn_seed,head,score,clip_auroc,loc1s,within1s" > "$RESULTS"
for W in $WEIGHTS; do
  for S in $SEEDS; do
    DIR="$OUT/cnn-w$W-s$S"
    if [ ! -f "$DIR/summary.json" ]; then
      corpora=()
      for c in "${TRAIN[@]}"; do corpora+=(--corpus "$DATA/corpus/$c"); done
      "$T" train-cnn "${corpora[@]}" --out "$DIR" --epochs "$EPOCHS" --seed "$S" \
        --threads "$THREADS" --instance-loss "$W" > "$DIR.log" 2>&1 || { cat "$DIR.log"; exit 1; }
    fi
    tail -n 2 "$DIR.log"
    if [ ! -d "$DIR/lib" ]; then
      mkdir -p "$DIR/lib"
      "$T" extractors "$DIR/lib" --add-torchscript "$DIR/cnn.pt" --id cnn-candidate >/dev/null
    fi
    for c in "${TRAIN[@]}" "$TEST"; do
      if [ ! -d "$DIR/features/$c" ]; then
        "$T" features "$DATA/corpus/$c/mixes" --extractor cnn-candidate --library "$DIR/lib" \
          --threads "$THREADS" --write "$DIR/features/$c" | tail -n 1
      fi
    done
    args=()
    for c in "${TRAIN[@]}"; do args+=(--train "$c=$DIR/features/$c:$DATA/corpus/$c"); done
    args+=(--test "$TEST=$DIR/features/$TEST:$DATA/corpus/$TEST")
    COMBINED="$DIR/combined-$TEST"
    [ -f "$COMBINED/labels.csv" ] || python3 scripts/experiments/cnn_combine.py --out "$COMBINED" "${args[@]}"
    # The end-to-end head (evaluate records its metrics in the checkpoint it reads: a copy).
    cp "$DIR/head.ckpt" "$DIR/eval.ckpt"
    "$T" evaluate --model "$DIR/eval.ckpt" --data "$COMBINED" --threads "$THREADS" \
      --localisation "$SCORES" | python3 scripts/experiments/localisation_rows.py rows "$W" "$S" end-to-end >> "$RESULTS"
    HEAD="$DIR/att-w$HEAD_LOSS.ckpt"
    if [ ! -f "$HEAD" ]; then
      "$T" train --model att --data "$COMBINED" --out "$HEAD" --seed 1 --threads "$THREADS" \
        --set instance_loss="$HEAD_LOSS" --quiet > "$HEAD.log" 2>&1
    fi
    cp "$HEAD" "$DIR/eval.ckpt"
    "$T" evaluate --model "$DIR/eval.ckpt" --data "$COMBINED" --threads "$THREADS" \
      --localisation "$SCORES" | python3 scripts/experiments/localisation_rows.py rows "$W" "$S" "att-w$HEAD_LOSS" \
      >> "$RESULTS"
    grep "^$W,$S," "$RESULTS" | tail -n 6
  done
done
python3 scripts/experiments/localisation_rows.py table "$RESULTS" "cnn_weight:CNN instance loss" \
  "head:head" "score:per-second score" "cnn_seed:CNN seeds"
