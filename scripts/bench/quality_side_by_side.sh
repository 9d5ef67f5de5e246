#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Quality side by side (docs/RESULTS.md, "Parity with PyTorch"; goal: docs/ARCHITECTURE.md §9):
# the C++ trainers (`timbre train`) against a PyTorch twin written the way a PyTorch user would
# (scripts/bench/twin_pytorch.py: default initialisation, stock modules, same architecture,
# loss, optimiser, batch and learning rate), for every model in MODELS and seed in SEEDS, C++
# and twin run alternately so that drifts of a shared machine hit both sides alike. No
# validation hold-out: each side tests the model of its last epoch and records the test metrics
# after every epoch. Runs whose report exists are skipped, so an interrupted sweep resumes where
# it stopped. Ends with scripts/bench/quality_summary.py (Markdown on stdout, also written to
# $OUT/summary.md).
#
#   DATA=/path/to/openmic-2018 scripts/bench/quality_side_by_side.sh
#   DATA=/tmp/planted EPOCHS=20 MODELS="att mt" SEEDS="1 2" THREADS=1 \
#       scripts/bench/quality_side_by_side.sh
#
# Environment: DATA (required; an OpenMIC-2018-layout folder: openmic-2018.npz, partitions/,
# class-map.json; or a feature folder with partitions/, e.g. cnn_combine.py's, bags of one length), TIMBRE (build/app/cli/timbre), OUT (/tmp/quality), EPOCHS (100),
# THREADS (2), MODELS ("att fct fc mt"; also fct-plain, FC_T's earlier embedding, rnn, and dgm, whose
# twin is scripts/bench/dgm_twin_pytorch.py), SEEDS ("1 2 3"), MT_RAMP (Mean Teacher consistency
# ramp-up epochs, 100), PYTHON (/usr/bin/python3, which has Debian's python3-torch),
# COMPARE_EPOCH (compare the sides after this epoch instead of the last: train on with EPOCHS
# beyond it to see when each reaches the twin's quality).
set -euo pipefail
cd "$(dirname "$0")/../.."
TIMBRE=${TIMBRE:-build/app/cli/timbre}
PYTHON=${PYTHON:-/usr/bin/python3}
OUT=${OUT:-/tmp/quality}
EPOCHS=${EPOCHS:-100}
THREADS=${THREADS:-2}
MODELS=${MODELS:-att fct fc mt}
SEEDS=${SEEDS:-1 2 3}
MT_RAMP=${MT_RAMP:-100}
: "${DATA:?set DATA to an OpenMIC-2018-layout folder (openmic-2018.npz, partitions/, class-map.json) or a feature folder}"
export OMP_NUM_THREADS=$THREADS

[ -f "$DATA/openmic-2018.npz" ] || [ -f "$DATA/partitions/split01_train.csv" ] \
    || { echo "$DATA has neither openmic-2018.npz nor partitions/split01_train.csv" >&2; exit 2; }
"$PYTHON" -c 'import torch, numpy' 2>/dev/null \
    || { echo "$PYTHON needs torch and numpy (apt install python3-torch)" >&2; exit 2; }
mkdir -p "$OUT/runs" "$OUT/logs"

need_cpp=0
for model in $MODELS; do
    for seed in $SEEDS; do
        [ -f "$OUT/runs/cpp_${model}_s${seed}.json" ] || need_cpp=1
    done
done
if [ "$need_cpp" = 1 ] && [ ! -x "$TIMBRE" ]; then
    echo "build $TIMBRE first (scripts/build.sh) or set TIMBRE" >&2
    exit 2
fi

run() {  # run NAME LOG COMMAND...: skip when the report exists, log stdout and stderr
    local report=$1 log=$2
    shift 2
    if [ -f "$report" ]; then
        echo "skip $(basename "$report") (exists)" >&2
        return 0
    fi
    echo "run  $(basename "$report")" >&2
    local start=$SECONDS
    if ! "$@" > "$log" 2>&1; then
        echo "FAILED: $* (log $log):" >&2
        tail -n 20 "$log" >&2
        exit 1
    fi
    echo "     done in $((SECONDS - start)) s" >&2
}

for seed in $SEEDS; do
    for model in $MODELS; do
        cpp_extra=()
        py_extra=()
        cpp_model=$model
        if [ "$model" = fct-plain ]; then
            # FC_T's earlier embedding (no batch norm), kept as an option (models/networks/MilNet.cpp).
            cpp_model=fct
            cpp_extra=(--set fct_embedding=0)
        fi
        if [ "$model" = mt ]; then
            cpp_extra=(--lr-halving 30 --ramp-epochs "$MT_RAMP")
            py_extra=(--lr-halving 30 --ramp-epochs "$MT_RAMP")
        fi
        twin=scripts/bench/twin_pytorch.py
        twin_model=(--model "$model")
        if [ "$model" = dgm ]; then
            # The DGM's twin is a script of its own (per-instrument M2 networks, thesis Ch. 4).
            twin=scripts/bench/dgm_twin_pytorch.py
            twin_model=()
        fi
        name="${model}_s${seed}"
        run "$OUT/runs/cpp_$name.json" "$OUT/logs/cpp_$name.log" \
            "$TIMBRE" train --model "$cpp_model" --data "$DATA" --out "$OUT/runs/cpp_$name.ckpt" \
            --epochs "$EPOCHS" --seed "$seed" --threads "$THREADS" --validation-fraction 0 \
            --test-every-epoch --report "$OUT/runs/cpp_$name.json" --quiet "${cpp_extra[@]}"
        run "$OUT/runs/py_$name.json" "$OUT/logs/py_$name.log" \
            "$PYTHON" "$twin" --data "$DATA" "${twin_model[@]}" \
            --epochs "$EPOCHS" --seed "$seed" --threads "$THREADS" --test-every-epoch \
            --out "$OUT/runs/py_$name.json" "${py_extra[@]}"
    done
done

COMPARE_EPOCH=${COMPARE_EPOCH:-} "$PYTHON" scripts/bench/quality_summary.py "$OUT" | tee "$OUT/summary.md"
