#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Overlapping instances in C++ (docs/RESULTS.md, "Overlapping instances in the C++ evaluation";
# docs/METHOD.md §10.6): the two-rests ATT heads of instance_loss.sh (instance_loss 3, seeds
# SEEDS; trained here when $OUT/ckpt has none) evaluated by `timbre evaluate --shifted` on
# PHASE's songs, whose features also exist half an instance later (`timbre features --start
# 0.48`), under the per-second scores of SCORES, plain and with '+overlap':
#   CNN_DATA=/work/cnn-data PHASE=dev-npm bash scripts/experiments/overlap_heads.sh
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

overlap_folders "$PHASE" "$CLIPS"

RESULTS="$OUT/heads-$PHASE.csv"
echo "seed,score,clip_auroc,loc1s,within1s,within1s_pairs" > "$RESULTS"
for S in $SEEDS; do
  CK="$OUT/ckpt/att-w3-s$S.ckpt"
  [ -f "$CK" ] || "$T" train --model att --data "$COMBINED" --out "$CK" --seed "$S" \
    --threads "$THREADS" --set instance_loss=3 --quiet > "$CK.train.log" 2>&1
  cp "$CK" "$OUT/eval.ckpt" # evaluate records its metrics in the checkpoint it reads
  "$T" evaluate --model "$OUT/eval.ckpt" --data "$COMBINED" --shifted "$SHIFTED" \
    --threads "$THREADS" --localisation "$SCORES" --per-instrument > "$CK.$PHASE.txt" 2>&1
  python3 scripts/experiments/localisation_rows.py rows --pairs "$S" < "$CK.$PHASE.txt" \
    >> "$RESULTS"
done
python3 scripts/experiments/localisation_rows.py table "$RESULTS" "score:per-second score" \
  "seed:seeds"
