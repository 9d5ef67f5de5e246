#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The demo-corpus table of docs/RESULTS.md: the planted table's comparisons (ATT vs FC_T vs FC
# at ~15 % observed labels, MT vs ATT at ~15 % and ~2 %) on audio rendered by `timbre synth`
# with melstat features, plus localisation AUROC against the corpus' true activity.
#
#   scripts/experiments/demo_table.sh                 # defaults below
#   CLIPS=300 EPOCHS=10 SEEDS="0" scripts/experiments/demo_table.sh   # quick look
#
# The corpus is rendered once with every label observed; each data set then hides labels of
# the train split only (test labels all observed), drawn uniformly with a fixed seed, so both
# rows see the same clips, split and features.
set -euo pipefail
cd "$(dirname "$0")/../.."

TIMBRE=${TIMBRE:-build/app/cli/timbre}
OUT=${OUT:-/tmp/timbre-demo-table}
CLIPS=${CLIPS:-1000}
EPOCHS=${EPOCHS:-60}
PATIENCE=${PATIENCE:-15}
LR=${LR:-1e-3}
THREADS=${THREADS:-2}
RUNS=${RUNS:-"obs15:att obs15:fct obs15:fc obs15:mt obs02:att obs02:mt"}
SEEDS=${SEEDS:-"0 1 2"}
MT_RAMP=${MT_RAMP:-$(( EPOCHS * 2 / 5 > 0 ? EPOCHS * 2 / 5 : 1 ))}
MT_HALVING=${MT_HALVING:-0}

mkdir -p "$OUT/runs"
if [ ! -f "$OUT/corpus/labels.csv" ]; then
    "$TIMBRE" synth --out "$OUT/corpus" --clips "$CLIPS" --seed 11 --observed 1.0 \
        --formats wav,flac,ogg,mp3 --no-stems --quiet
fi
if [ ! -d "$OUT/corpus/features" ]; then
    "$TIMBRE" features "$OUT/corpus/mixes" --write "$OUT/corpus/features" > /dev/null
fi
for spec in obs15:0.15 obs02:0.02; do
    name=${spec%%:*} fraction=${spec##*:}
    [ -f "$OUT/$name/mask.csv" ] && continue
    python3 scripts/experiments/hide_labels.py "$OUT/corpus" "$OUT/$name" "$fraction"
done

source scripts/experiments/train_run.sh

for seed in $SEEDS; do
    for pair in $RUNS; do train_run "${pair%%:*}" "${pair##*:}" "$seed"; done
done
python3 scripts/experiments/summarise.py "$OUT/runs" | tee "$OUT/table.md"
