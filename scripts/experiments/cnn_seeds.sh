#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The CNN front end (docs/METHOD.md §2.3) trained with other seeds (same data and settings as
# the shipped seed-1 starter model, scripts/starter_model.sh), each evaluated as cnn_table.sh
# does (ATT and MT heads on its features, head seed 1, on the MuseScore test clips), every head
# also under the three localisation scores of docs/RESULTS.md (evidence, the chosen
# clip-evidence+mean5, and the clip reference). Needs the corpora of starter_model.sh and
# cnn_table.sh in CNN_DATA.
#   CNN_DATA=build/cnn-data CNN_SEEDS="2 3" bash scripts/experiments/cnn_seeds.sh
# About 16 min of training and 10 min of features and heads per seed on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${CNN_DATA:-build/cnn-data}
BUILD_DIR=${BUILD_DIR:-build}
T="$BUILD_DIR/app/cli/timbre"
for s in ${CNN_SEEDS:-2 3}; do
  CNN="$DATA/cnn-seed$s"
  if [ ! -f "$CNN/summary.json" ]; then
    rm -rf "$CNN"
    CNN_DATA="$DATA" SEED=$s INSTALL=0 MMA=0 OUT="$CNN" THREADS=2 bash scripts/starter_model.sh \
      > "$CNN.log" 2>&1
  fi
  OUT="$DATA/table-seed$s"
  CNN_DATA="$DATA" CNN="$CNN" EXTRACTORS=cnn MODELS="att mt" SEEDS=1 OUT="$OUT" \
    bash scripts/experiments/cnn_table.sh > "$OUT.log" 2>&1
  for ck in "$OUT/ckpt/cnn-att-1.ckpt" "$OUT/ckpt/cnn-mt-1.ckpt" "$OUT/end-to-end-att.ckpt"; do
    "$T" evaluate --model "$ck" --data "$OUT/combined/cnn" --threads 2 \
      --localisation evidence,clip-evidence+mean5,clip > "$ck.eval.txt" 2>&1
    echo "== seed $s $(basename "$ck")"
    grep -E "test \(threshold|localisation AUROC.*\(" "$ck.eval.txt"
  done
done
