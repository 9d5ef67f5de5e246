#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Mean Teacher with few labels, the way thesis Sec. 5.5 tested it (docs/RESULTS.md, "Mean
# Teacher with few labels"): labelled and unlabelled bags disjoint (a ratio of the train bags
# has every label observed, the others none), labelled ratios 1, 2, 4 and 8 %, MT against a
# supervised ATT per ratio, 3 seeds.
#   MT:  100 epochs of the unlabelled subset, one labelled and one unlabelled batch per step,
#        dropout 0.5, Adam 1e-3, learning-rate ramp-up 10 / ramp-down 50 epochs and the
#        consistency weight's ramp-up 10 epochs (Appendix A), beta in {16, 32, 64}, EMA 0.999.
#   ATT: 200 epochs of the labelled subset only, Adam 1e-3, ramp-up 20 / ramp-down 100.
#   Both test the model with the best validation loss (15 % of the train bags held out).
#
#   scripts/experiments/few_labels_table.sh
#   RATIOS="0.02" SEEDS="1" BETAS="32" scripts/experiments/few_labels_table.sh   # quick look
#
# Every run writes OUT/runs/lab<ratio>_<model>_s<seed>.report.json and is skipped when that
# exists (resumable); summarise.py turns them into the table.
set -euo pipefail
cd "$(dirname "$0")/../.."

TIMBRE=${TIMBRE:-build/app/cli/timbre}
OUT=${OUT:-/tmp/timbre-few-labels}
BAGS=${BAGS:-6000}
SIGNAL=${SIGNAL:-3}          # the OpenMIC-shaped set of the quality side by side
RATIOS=${RATIOS:-"0.01 0.02 0.04 0.08"}
BETAS=${BETAS:-"16 32 64"}
SEEDS=${SEEDS:-"1 2 3"}
THREADS=${THREADS:-2}
MT_EPOCHS=${MT_EPOCHS:-100}
ATT_EPOCHS=${ATT_EPOCHS:-200}
DATA_SEED=${DATA_SEED:-1}
export OMP_NUM_THREADS=$THREADS

mkdir -p "$OUT/runs"
for ratio in $RATIOS; do
    data="lab$(printf '%02d' "$(python3 -c "print(round($ratio * 100))")")"
    [ -f "$OUT/$data/openmic-2018.npz" ] || "$TIMBRE" plant --out "$OUT/$data" --bags "$BAGS" \
        --signal "$SIGNAL" --labelled-bags "$ratio" --test-observed 0.15 --seed "$DATA_SEED"
done

run() {  # run NAME ARGS...
    local name=$1
    shift
    [ -f "$OUT/runs/$name.report.json" ] && return 0
    echo "== $name"
    "$TIMBRE" train --out "$OUT/runs/$name.ckpt" --report "$OUT/runs/$name.report.json" \
        --threads "$THREADS" --quiet "$@" | tail -n 3
}

# Seed-major, so that a cut-off sweep still has whole seeds.
for seed in $SEEDS; do
    for ratio in $RATIOS; do
        data="lab$(printf '%02d' "$(python3 -c "print(round($ratio * 100))")")"
        run "${data}_att_s$seed" --model att --data "$OUT/$data" --seed "$seed" --observed-only \
            --epochs "$ATT_EPOCHS" --lr 1e-3 --lr-ramp-up 20 --lr-ramp-down 100
        for beta in $BETAS; do
            run "${data}_mtb${beta}_s$seed" --model mt --data "$OUT/$data" --seed "$seed" \
                --separate-unlabelled --epochs "$MT_EPOCHS" --lr 1e-3 --lr-halving 0 \
                --lr-ramp-up 10 --lr-ramp-down 50 --ramp-epochs 10 --consistency-weight "$beta" \
                --dropout 0.5
        done
    done
done
python3 scripts/experiments/summarise.py "$OUT/runs" | tee "$OUT/table.md"
