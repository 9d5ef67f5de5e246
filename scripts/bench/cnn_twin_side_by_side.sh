#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# `timbre train-cnn` beside its PyTorch twin (scripts/bench/cnn_twin_pytorch.py), docs/RESULTS.md
# "The trainer against a PyTorch twin": the same corpora, epochs, seed and one thread each, no
# augmentation, the OPL-3 clips scored after every epoch. Per weight W in WEIGHTS, the CNN is
# trained with the frame-level auxiliary loss of docs/METHOD.md §5.4 at W (0 = off) on
# TRAIN_CORPUS: "fluid" (500 FluidR3 clips, synth seed 101, the section's first table) or
# "fluid-rests" (the same seed with `--rests 1.0`, so that the activity says *when*).
#   CNN_DATA=/work/cnn-data WEIGHTS="0 3" TRAIN_CORPUS=fluid-rests bash scripts/bench/cnn_twin_side_by_side.sh
# Results: $OUT/<corpus>-w<W>-{cpp,py}.csv (one row per epoch) and a Markdown table on stdout.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${CNN_DATA:-build/cnn-data}
OUT=${OUT:-$DATA/cnn-twin}
EPOCHS=${EPOCHS:-3}
SEED=${SEED:-1}
WEIGHTS=${WEIGHTS:-"0"}
TRAIN_CORPUS=${TRAIN_CORPUS:-fluid}
BUILD_DIR=${BUILD_DIR:-build}
T="$BUILD_DIR/app/cli/timbre"
SF2=/usr/share/sounds/sf2
C="$OUT/corpus"
mkdir -p "$C"

render() { # name seed soundfont [synth args...]
  local name=$1 seed=$2 sf=$3
  shift 3
  [ -f "$C/$name/labels.csv" ] || "$T" synth --out "$C/$name" --clips 500 --seed "$seed" \
    --soundfont "$sf" --no-stems --quiet "$@"
}
render fluid 101 "$SF2/FluidR3_GM.sf2"
render opl3 104 "$SF2/OPL-3_FM_128M.sf2"
[ "$TRAIN_CORPUS" = fluid-rests ] && render fluid-rests 101 "$SF2/FluidR3_GM.sf2" --rests 1.0

for W in $WEIGHTS; do
  run="$OUT/$TRAIN_CORPUS-w$W"
  if [ ! -f "$run-cpp.csv" ]; then
    "$T" train-cnn --corpus "$C/$TRAIN_CORPUS" --monitor "$C/opl3" --out "$run-cpp" \
      --epochs "$EPOCHS" --threads 1 --augment none --seed "$SEED" --instance-loss "$W" \
      > "$run-cpp.log" 2>&1
    cp "$run-cpp/history.csv" "$run-cpp.csv"
  fi
  # The twin reads the patch cache train-cnn wrote into each corpus.
  [ -f "$run-py.csv" ] || /usr/bin/python3 scripts/bench/cnn_twin_pytorch.py \
    --corpus "$C/$TRAIN_CORPUS" --monitor "$C/opl3" --epochs "$EPOCHS" --threads 1 \
    --seed "$SEED" --instance-loss "$W" --out "$run-py.csv" > "$run-py.log" 2>&1
done

python3 - "$OUT" "$TRAIN_CORPUS" $WEIGHTS <<'PY'
import csv, sys
out, corpus, weights = sys.argv[1], sys.argv[2], sys.argv[3:]
print('| W | epoch | train loss C++ / twin | instance loss C++ / twin | validation AUROC C++ / twin'
      ' | OPL-3 AUROC C++ / twin | seconds C++ / twin |')
print('|---|---|---|---|---|---|---|')
for w in weights:
    rows = [list(csv.DictReader(open(f'{out}/{corpus}-w{w}-{side}.csv'))) for side in ('cpp', 'py')]
    for c, p in zip(*rows):
        def pair(key):
            return f"{c[key]} / {p[key]}"
        print(f"| {w} | {c['epoch']} | {pair('train_loss')} | {pair('train_instance_loss')} | "
              f"{pair('validation_auroc')} | {pair('monitor_auroc')} | {pair('seconds')} |")
PY
