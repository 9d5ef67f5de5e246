#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Which label-true augmentation (docs/METHOD.md §2.3) helps, each on its own (docs/RESULTS.md
# "Which augmentations help"): trained on three SoundFonts (FluidR3, TimGM6mb, sf_GMbank), 5
# epochs, seed 1, one thread, the 500 OPL-3 clips (the development SoundFont, never the test
# one) scored after every epoch. Prints validation and OPL-3 AUROC per epoch for each run.
#   CNN_DATA=build/cnn-data AUGMENTS="none gain tilt pitch stretch mix noise all" \
#     bash scripts/experiments/cnn_ablation.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${CNN_DATA:-build/cnn-data}
BUILD_DIR=${BUILD_DIR:-build}
T="$BUILD_DIR/app/cli/timbre"
C="$DATA/corpus"
for a in ${AUGMENTS:-none gain tilt pitch stretch mix noise all}; do
  if [ ! -f "$DATA/abl-$a/summary.json" ]; then
    "$T" train-cnn --corpus "$C/fluid" --corpus "$C/timgm" --corpus "$C/gmbank" --monitor "$C/opl3" \
      --out "$DATA/abl-$a" --epochs 5 --threads 1 --augment "$a" --seed 1 > "$DATA/abl-$a.log" 2>&1
  fi
  echo "$a: $(grep -o 'validation [0-9.]* AUROC [0-9.]* monitor AUROC [0-9.]*' "$DATA/abl-$a.log" \
    | awk '{printf "%s/%s ", $4, $7}')"
done
