# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by planted_table.sh and demo_table.sh: one training run per call,
#   train_run DATA MODEL SEED
# with TIMBRE, OUT, EPOCHS, PATIENCE, LR, THREADS, MT_RAMP and MT_HALVING from the caller;
# MT_EPOCHS, MT_LR and MT_PATIENCE (default: EPOCHS, LR, PATIENCE) give Mean Teacher its own
# schedule (the thesis: 200 epochs at 1e-3 against 250 at 5e-4 for the others).
# A run whose report exists is skipped, so an interrupted table resumes where it stopped.
train_run() {
    local data=$1 model=$2 seed=$3
    local name="${data}_${model}_s${seed}"
    [ -f "$OUT/runs/$name.report.json" ] && return 0
    local extra=() epochs=$EPOCHS lr=$LR patience=$PATIENCE
    if [ "$model" = mt ]; then
        extra=(--ramp-epochs "$MT_RAMP" --lr-halving "$MT_HALVING")
        epochs=${MT_EPOCHS:-$EPOCHS} lr=${MT_LR:-$LR} patience=${MT_PATIENCE:-$PATIENCE}
    fi
    echo "== $name"
    OMP_NUM_THREADS=$THREADS "$TIMBRE" train --model "$model" --data "$OUT/$data" \
        --out "$OUT/runs/$name.ckpt" --epochs "$epochs" --patience "$patience" --lr "$lr" \
        --seed "$seed" --threads "$THREADS" --report "$OUT/runs/$name.report.json" --quiet \
        "${extra[@]}" | tail -n 4
}
