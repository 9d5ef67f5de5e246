#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Are two builds' trainers bit-identical? Trains every bag model kind with the same seed on one
# planted OpenMIC-layout set with an old and a new `timbre` (each with its own model engine),
# with the default 15 % validation hold-out, and compares the training reports (every epoch's
# losses, the chosen epoch, every test metric, localisation) with timings and paths removed.
# Used for refactorings that must not change a result (docs/RESULTS.md, "Bit-identical").
#
#   OLD=/tmp/oldbin/timbre OLD_ENGINE=/tmp/oldbin/lib/libtimbre_model_engine.so \
#       scripts/experiments/bit_identity.sh
#
# Environment: OLD, OLD_ENGINE (required), NEW (build/app/cli/timbre), NEW_ENGINE (the build's
# plugin), OUT (/tmp/bit-identity), KINDS ("att fct fc mt rnn dgm rf"), EPOCHS (4), SEEDS
# ("1 2"), BAGS (600). Exit status 1 when a report differs.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${OLD:?set OLD to the old timbre binary}" "${OLD_ENGINE:?set OLD_ENGINE to its model engine}"
NEW=${NEW:-build/app/cli/timbre}
NEW_ENGINE=${NEW_ENGINE:-$PWD/build/lib/libtimbre_model_engine.so}
OUT=${OUT:-/tmp/bit-identity}
KINDS=${KINDS:-att fct fc mt rnn dgm rf}
EPOCHS=${EPOCHS:-4}
SEEDS=${SEEDS:-1 2}
BAGS=${BAGS:-600}

mkdir -p "$OUT"
[ -f "$OUT/data/openmic-2018.npz" ] || "$NEW" plant --out "$OUT/data" --bags "$BAGS" --seed 3 > /dev/null
status=0
for kind in $KINDS; do
    for seed in $SEEDS; do
        for side in old new; do
            if [ $side = old ]; then bin=$OLD engine=$OLD_ENGINE; else bin=$NEW engine=$NEW_ENGINE; fi
            TIMBRE_MODEL_ENGINE=$engine "$bin" train --model "$kind" --data "$OUT/data" \
                --out "$OUT/${side}_${kind}_s$seed.ckpt" --epochs "$EPOCHS" --threads 1 \
                --seed "$seed" --quiet > /dev/null
        done
        if python3 - "$OUT/old_${kind}_s$seed.ckpt.report.json" \
                "$OUT/new_${kind}_s$seed.ckpt.report.json" <<'PY'
import json, sys
def strip(v):
    if isinstance(v, dict):
        return {k: strip(x) for k, x in v.items()
                if not any(w in k.lower()
                           for w in ("second", "time", "started", "checkpoint", "created"))}
    if isinstance(v, list):
        return [strip(x) for x in v]
    return v
a, b = (strip(json.load(open(p))) for p in sys.argv[1:3])
sys.exit(0 if a == b else 1)
PY
        then
            echo "$kind seed $seed: identical"
        else
            echo "$kind seed $seed: DIFFERENT"
            status=1
        fi
    done
done
exit $status
