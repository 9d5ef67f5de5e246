#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Overlapping instances in C++ (docs/RESULTS.md, "Overlapping instances in the C++ evaluation";
# docs/METHOD.md §10.6): the two-rests ATT heads of instance_loss.sh (instance_loss 3, seeds
# SEEDS; trained here when $OUT/ckpt has none) evaluated by `timbre evaluate --shifted` on
# PHASE's songs, whose features also exist half an instance later (`timbre features --start
# 0.48`), under the per-second scores of SCORES, plain and with '+overlap':
#   CNN_DATA=/work/cnn-data PHASE=dev-npm bash scripts/experiments/overlap_heads.sh
# RECIPE=starter trains the heads instead on starter v2's data without rests (the four synth
# corpora of scripts/starter_model.sh, 500 clips each, and its mma accompaniments, 250 songs
# per SoundFont; instance_loss 0): $OUT/ckpt/starter-s<seed>.ckpt, $OUT/heads-starter-$PHASE.csv.
# The '+level' scores (docs/METHOD.md §10.7) read the test corpus' levels.csv.
# Results: $OUT/heads-$PHASE.csv (the within-track figure by class and by pair) and a
# Markdown table on stdout.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${CNN_DATA:-build/cnn-data}
OUT=${OUT:-$DATA/overlap}
FEAT=${FEAT:-$DATA/features-cnn}
SHIFT_FEAT=${SHIFT_FEAT:-$DATA/features-cnn-shift}
CLIPS=${CLIPS:-300}
SEEDS=${SEEDS:-"1 2 3"}
SCORES=${SCORES:-instance,instance+overlap,evidence,evidence+overlap}
PHASE=${PHASE:-dev-npm}
THREADS=${THREADS:-2}
BUILD_DIR=${BUILD_DIR:-build}
T="$BUILD_DIR/app/cli/timbre"
# shellcheck source=scripts/experiments/song_corpora.sh
. scripts/experiments/song_corpora.sh
mkdir -p "$OUT/ckpt"

RECIPE=${RECIPE:-two-rests}

overlap_folders "$PHASE" "$CLIPS"
RESULTS="$OUT/heads-$PHASE.csv"
HEAD=att-w3
LOSS=3
if [ "$RECIPE" = starter ]; then
  # The shifted folder above holds the same test clips; only the training corpora change.
  TRAIN=()
  seed=101
  for c in $TRAIN_TAGS; do
    synth_corpus "$c" "$seed" "${TRAIN_SF[$c]}" 500
    TRAIN+=("$c")
    seed=$((seed + 1))
  done
  mma_corpora "mma250-%s" 250
  COMBINED="$OUT/combined-starter-$TEST"
  combine "$COMBINED" "$TEST" "${TRAIN[@]}"
  RESULTS="$OUT/heads-starter-$PHASE.csv"
  HEAD=starter
  LOSS=0
fi

echo "seed,score,clip_auroc,loc1s,within1s,within1s_pairs" > "$RESULTS"
for S in $SEEDS; do
  CK="$OUT/ckpt/$HEAD-s$S.ckpt"
  [ -f "$CK" ] || "$T" train --model att --data "$COMBINED" --out "$CK" --seed "$S" \
    --threads "$THREADS" --set instance_loss="$LOSS" --quiet > "$CK.train.log" 2>&1
  cp "$CK" "$OUT/eval.ckpt" # evaluate records its metrics in the checkpoint it reads
  "$T" evaluate --model "$OUT/eval.ckpt" --data "$COMBINED" --shifted "$SHIFTED" \
    --threads "$THREADS" --localisation "$SCORES" --per-instrument > "$CK.$PHASE.txt" 2>&1
  python3 scripts/experiments/localisation_rows.py rows --pairs "$S" < "$CK.$PHASE.txt" \
    >> "$RESULTS"
done
python3 scripts/experiments/localisation_rows.py table "$RESULTS" "score:per-second score" \
  "seed:seeds"
