#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Within-track localisation with a frame-level auxiliary loss (docs/METHOD.md §5.4; issue 23).
# ATT heads on the shipped cnn front end, trained on `timbre synth` corpora rendered with the
# four training SoundFonts whose parts also rest inside the clip (--rests, so that the strong
# labels say something about *when*), with instance_loss W in WEIGHTS and seeds SEEDS, then
# evaluated under the per-second scores of SCORES, with their within-track 1 s AUROC:
#   PHASE=dev   on the Planet Blupi songs rendered with FluidR3 (the development set: every
#               choice is made here)
#   PHASE=test  on the 31 openttd-openmsx songs rendered with MuseScore_General_Lite (never
#               used for a choice); CHOSEN="W SCORE" names what dev chose
#   CNN_DATA=/work/cnn-data PHASE=dev bash scripts/experiments/instance_loss.sh
# MMA_SONGS > 0 adds four corpora of that many mma accompaniment songs (one per training
# SoundFont, 2 excerpts each) to the training data, as the starter model v2 had.
# TRAIN_ARGS adds `timbre train` options to every head (e.g. "--set temporal_context=3"; give
# such a run its own OUT). SYNTH_ARGS adds `timbre synth` options to the training corpora
# (e.g. "--level-spread 12 --variants"), which are then named rests-<SYNTH_TAG>-<SoundFont>.
# Results: $OUT/results-$PHASE.csv and a Markdown table on stdout.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${CNN_DATA:-build/cnn-data}
OUT=${OUT:-$DATA/instance-loss}
FEAT=${FEAT:-$DATA/features-cnn}
CLIPS=${CLIPS:-300}
RESTS=${RESTS:-1.0}
WEIGHTS=${WEIGHTS:-"0 1"}
SEEDS=${SEEDS:-"1 2 3"}
SCORES=${SCORES:-evidence,instance,instance+mean3,clip-evidence+mean5,clip}
PHASE=${PHASE:-dev}
THREADS=${THREADS:-2}
EPOCHS=${EPOCHS:-}
TRAIN_ARGS=${TRAIN_ARGS:-}
SYNTH_ARGS=${SYNTH_ARGS:-}
SYNTH_TAG=${SYNTH_TAG:-x}
MMA_SONGS=${MMA_SONGS:-0}
BUILD_DIR=${BUILD_DIR:-build}
T="$BUILD_DIR/app/cli/timbre"
# shellcheck source=scripts/experiments/song_corpora.sh
. scripts/experiments/song_corpora.sh
mkdir -p "$OUT/ckpt"

TRAIN=()
read -r -a synth_extra <<< "$SYNTH_ARGS"
rest_corpora "rests-${SYNTH_ARGS:+$SYNTH_TAG-}%s" 601 "$CLIPS" "$RESTS" "${synth_extra[@]}"
[ "$MMA_SONGS" -gt 0 ] && mma_corpora "mma-%s" "$MMA_SONGS"
phase_songs "$PHASE"
COMBINED="$OUT/combined-$TEST"
combine "$COMBINED" "$TEST" "${TRAIN[@]}"

RESULTS="$OUT/results-$PHASE.csv"
echo "weight,seed,seconds,score,clip_auroc,loc1s,within1s" > "$RESULTS"
for W in $WEIGHTS; do
  for S in $SEEDS; do
    CK="$OUT/ckpt/att-w$W-s$S.ckpt"
    t0=$(date +%s)
    if [ ! -f "$CK" ]; then
      read -r -a extra <<< "$TRAIN_ARGS"
      [ -n "$EPOCHS" ] && extra+=(--epochs "$EPOCHS")
      "$T" train --model att --data "$COMBINED" --out "$CK" --seed "$S" --threads "$THREADS" \
        --set instance_loss="$W" --quiet "${extra[@]}" > "$CK.train.log" 2>&1
    fi
    t1=$(date +%s)
    cp "$CK" "$OUT/eval.ckpt" # evaluate records its metrics in the checkpoint it reads
    "$T" evaluate --model "$OUT/eval.ckpt" --data "$COMBINED" --threads "$THREADS" \
      --localisation "$SCORES" > "$CK.$PHASE.txt" 2>&1
    python3 scripts/experiments/localisation_rows.py rows "$W" "$S" $((t1 - t0)) \
      < "$CK.$PHASE.txt" >> "$RESULTS"
  done
done
python3 scripts/experiments/localisation_rows.py table "$RESULTS" "weight:instance_loss" \
  "score:per-second score" "seed:seeds"
