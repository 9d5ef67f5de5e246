#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The initialisation choice (docs/METHOD.md §3.2), measured: the bag networks with LibTorch's
# default initialisation (PyTorch's, what they use now) against the initialisation they had
# before (`--set legacy_init=1`: He-uniform for ATT, Xavier-normal for FC_T and FC;
# models/networks/LegacyInit.h), same data, seeds and schedule, no validation hold-out, test
# scored after every epoch. Prints a Markdown table (docs/RESULTS.md, "The initialisation,
# chosen by measurement").
#
#   SETS="openmic:/data/openmic6k_s3 planted:/data/obs15 demo:/data/demo_obs15" \
#       scripts/experiments/init_compare.sh
#
# SETS: name:folder pairs (OpenMIC-layout folders or `timbre train --data` feature folders);
# MODELS ("att fct fc"), SEEDS ("1"), EPOCHS (100), THREADS (2), TIMBRE, OUT.
set -euo pipefail
cd "$(dirname "$0")/../.."
TIMBRE=${TIMBRE:-build/app/cli/timbre}
OUT=${OUT:-/tmp/timbre-init}
MODELS=${MODELS:-att fct fc}
SEEDS=${SEEDS:-1}
EPOCHS=${EPOCHS:-100}
THREADS=${THREADS:-2}
: "${SETS:?set SETS to name:folder pairs}"
export OMP_NUM_THREADS=$THREADS
mkdir -p "$OUT/runs"
for seed in $SEEDS; do
    for set in $SETS; do
        name=${set%%:*} data=${set#*:}
        for model in $MODELS; do
            for init in default legacy; do
                run="${name}_${model}_${init}_s${seed}"
                [ -f "$OUT/runs/$run.json" ] && continue
                extra=()
                [ "$init" = legacy ] && extra=(--set legacy_init=1)
                echo "== $run" >&2
                "$TIMBRE" train --model "$model" --data "$data" --out "$OUT/runs/$run.ckpt" \
                    --epochs "$EPOCHS" --seed "$seed" --threads "$THREADS" \
                    --validation-fraction 0 --test-every-epoch --report "$OUT/runs/$run.json" \
                    --quiet "${extra[@]}" > /dev/null
            done
        done
    done
done

python3 - "$OUT/runs" <<'PY'
import glob, json, os, statistics, sys
runs = {}
for path in glob.glob(os.path.join(sys.argv[1], "*.json")):
    name, model, init, seed = os.path.basename(path)[:-5].rsplit("_", 3)
    runs.setdefault((name, model), {}).setdefault(init, []).append(json.load(open(path)))
def curve(reports, epoch, key):
    vals = []
    for r in reports:
        e = [x for x in r["epochs"] if x["epoch"] == epoch]
        if not e:
            continue
        v = e[0]["train"]["bce"] if key == "bce" else e[0].get("test", {}).get(key)
        if v is not None:
            vals.append(v * (100 if key != "bce" else 1))
    if not vals:
        return "–"
    m = statistics.fmean(vals)
    return f"{m:.4f}" if key == "bce" else f"{m:.2f}"
last = max(e["epoch"] for group in runs.values() for reps in group.values() for r in reps for e in r["epochs"])
print(f"| data | model | init | seeds | train BCE ep 1 | ep 10 | ep {last} | test AUROC ep 10 | ep {last} | test F1 ep {last} |")
print("|---|---|---|---|---:|---:|---:|---:|---:|---:|")
for (name, model) in sorted(runs):
    for init in ("default", "legacy"):
        reps = runs[(name, model)].get(init, [])
        if not reps:
            continue
        print(f"| {name} | {model} | {init} | {len(reps)} | {curve(reps, 1, 'bce')} | {curve(reps, 10, 'bce')} "
              f"| {curve(reps, last, 'bce')} | {curve(reps, 10, 'auroc')} | {curve(reps, last, 'auroc')} "
              f"| {curve(reps, last, 'f1')} |")
PY
