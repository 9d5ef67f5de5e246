#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Label efficiency of the review queues (docs/METHOD.md §11; docs/RESULTS.md, "Label efficiency
# of the review queues (issue 19)"). Everything goes through the `timbre` CLI.
#
# Per seed: a generated corpus (`timbre synth`, CLIPS clips, every label known), a library of it
# (scan, split TEST_FRACTION test clips by the seed, 'cnn' features), and two experiments.
#
# 1. A simulated annotator. Start: every label of the test clips and of LABELLED x CLIPS randomly
#    drawn non-test clips; Mean Teacher from scratch (its defaults, 200 epochs) on those. Then,
#    from a copy of that same library per strategy, ROUNDS rounds of: pick PAIRS (clip,
#    instrument) labels, reveal their corpus truth (a CSV, `timbre labels import`), retrain
#    warm-started from the active version (`--warm-start active`, WARM_EPOCHS epochs) and keep
#    its test AUROC (the test clips' metrics `timbre train` prints).
#      queue:  the first PAIRS entries of `timbre review --queue uncertain --exclude-test` (one
#              entry per clip: its most uncertain unknown instrument) after `--predict`;
#      random: PAIRS unknown (clip, instrument) labels of non-test clips drawn at random;
#      none:   nothing revealed, the same retrain (a control: how far a retrain alone moves the
#              test AUROC). STRATEGIES picks them (default "queue random").
# 2. The errors queue: every label known, FLIP of the non-test present labels written absent;
#    Mean Teacher from scratch, `timbre review --cross-fit --folds FOLDS`, then the errors queue's
#    top 200; precision@50 = planted flips among the first 50, and flips among the first 200.
#    Then the whole errors queue (--limit 0): how many flips it flags at all, and a what-if
#    re-ranking of its entries by their margin over their own threshold (a diagnostic).
#
#   BUILD_DIR=/work/wt-queues/build OUT=/tmp/effic SEEDS="1 2 3" CLIPS=1000 \
#     nice -n 19 bash scripts/experiments/label_efficiency.sh
#   CLIPS=200 SEEDS=1 ROUNDS=2 ...      # a quick look
#
# Resumable: a seed's corpus and base library are kept in OUT/s<seed>/ and reused; a finished
# strategy (its curve rows) or errors.json is not run again. OUT/table.md is the result.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BUILD_DIR=${BUILD_DIR:-build}
T="$BUILD_DIR/app/cli/timbre"
PY="python3 $HERE/label_efficiency.py"
OUT=${OUT:-/tmp/timbre-label-efficiency}
SEEDS=${SEEDS:-"1 2 3"}
CLIPS=${CLIPS:-1000}
ROUNDS=${ROUNDS:-6}
PAIRS=${PAIRS:-50}
LABELLED=${LABELLED:-0.1}
TEST_FRACTION=${TEST_FRACTION:-0.2}
WARM_EPOCHS=${WARM_EPOCHS:-10}
FLIP=${FLIP:-0.02}
FOLDS=${FOLDS:-5}
THREADS=${THREADS:-1}
FORMATS=${FORMATS:-wav}
ERRORS=${ERRORS:-1}
STRATEGIES=${STRATEGIES:-"queue random"}
export OMP_NUM_THREADS=$THREADS
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
now() { date +%s.%N; }
since() { python3 -c "print(f'{$(now) - $1:.1f}')"; }
field() { grep -o "$1=[^ ]*" | head -1 | cut -d= -f2; }   # field NAME < line

echo "label_efficiency: commit $(git -C "$HERE" rev-parse --short HEAD) timbre $("$T" --version 2>&1 | head -1)" \
    "clips=$CLIPS seeds=$SEEDS rounds=$ROUNDS pairs=$PAIRS labelled=$LABELLED warm_epochs=$WARM_EPOCHS" \
    "start $(date -u +%FT%TZ)" | tee -a "$OUT/log.txt"

for seed in $SEEDS; do
    S="$OUT/s$seed"
    mkdir -p "$S"
    t0=$(now)
    # -- corpus and base library (once per seed) --------------------------------------------
    if [ ! -f "$S/corpus/labels.csv" ]; then
        rm -rf "$S/corpus"
        "$T" synth --out "$S/corpus" --clips "$CLIPS" --seed "$seed" --observed 1.0 --no-stems \
            --formats "$FORMATS" --quiet
    fi
    if [ ! -f "$S/base.done" ]; then
        rm -rf "$S/base"
        "$T" library init "$S/base" > /dev/null
        # One scan thread: a parallel scan numbers clips in completion order, and `library split
        # --seed` draws over clip ids, so only a serial scan gives the same test clips every run.
        "$T" library scan "$S/base" "$S/corpus/mixes" --threads 1 --quiet
        "$T" library split "$S/base" --test-fraction "$TEST_FRACTION" --seed "$seed"
        "$T" extract "$S/base" --extractor cnn --threads "$THREADS" --quiet
        "$T" labels export "$S/base" --format json --out "$S/base-export.json" > /dev/null
        touch "$S/base.done"
    fi
    echo "s$seed corpus+library $(since "$t0") s" | tee -a "$OUT/log.txt"

    # -- 1. simulated annotator ------------------------------------------------------------
    if [ ! -f "$S/init.done" ]; then
        t1=$(now)
        rm -rf "$S/init"
        cp -a "$S/base" "$S/init"
        $PY initial "$S/base-export.json" "$S/corpus/labels.csv" "$LABELLED" "$seed" "$S/initial.csv"
        "$T" labels import "$S/init" "$S/initial.csv"
        "$T" train --library "$S/init" --model mt --extractor cnn-v2 --seed "$seed" \
            --threads "$THREADS" --quiet --predict | tee "$S/init-train.txt"
        echo "s$seed initial model $(since "$t1") s" | tee -a "$OUT/log.txt"
        touch "$S/init.done"
    fi
    line=$(head -1 "$S/init-train.txt")
    [ -f "$S/curve.csv" ] || echo "strategy,round,labels_added,test_auroc,test_f1,labelled_clips,present_revealed,seconds" > "$S/curve.csv"
    for strategy in $STRATEGIES; do
        grep -q "^$strategy,$ROUNDS," "$S/curve.csv" && continue
        sed -i "/^$strategy,/d" "$S/curve.csv"
        echo "$strategy,0,0,$(field test_auroc <<< "$line"),$(field test_f1 <<< "$line"),$(field labelled_clips <<< "$line"),0,0" >> "$S/curve.csv"
        L="$S/$strategy"
        rm -rf "$L"
        cp -a "$S/init" "$L"
        added=0
        for round in $(seq 1 "$ROUNDS"); do
            t1=$(now)
            pick="$L/round$round.csv"
            if [ "$strategy" = queue ]; then
                "$T" review "$L" --queue uncertain --limit "$PAIRS" --format csv --exclude-test \
                    > "$L/review$round.csv"
                msg=$($PY queue "$L/review$round.csv" "$S/corpus/labels.csv" "$PAIRS" "$pick")
            elif [ "$strategy" = none ]; then
                msg="none present=0"
                echo "clip,instrument,present" > "$pick"
            else
                "$T" labels export "$L" --format json --out "$L/export$round.json" > /dev/null
                msg=$($PY random "$L/export$round.json" "$S/corpus/labels.csv" "$PAIRS" \
                    "$((seed * 1000 + round))" "$pick")
            fi
            if [ "$strategy" = none ]; then
                echo "imported rows=0 (nothing revealed)" > "$L/import$round.txt"
            else
                "$T" labels import "$L" "$pick" > "$L/import$round.txt"
            fi
            n=$(field rows < "$L/import$round.txt")
            added=$((added + n))
            "$T" train --library "$L" --model mt --warm-start active --epochs "$WARM_EPOCHS" \
                --seed "$seed" --threads "$THREADS" --quiet --predict > "$L/train$round.txt"
            tl=$(head -1 "$L/train$round.txt")
            secs=$(since "$t1")
            echo "$strategy,$round,$added,$(field test_auroc <<< "$tl"),$(field test_f1 <<< "$tl"),$(field labelled_clips <<< "$tl"),$(field present <<< "$msg"),$secs" >> "$S/curve.csv"
            echo "s$seed $strategy round $round: $msg; $(cat "$L/import$round.txt"); test_auroc=$(field test_auroc <<< "$tl") ${secs} s" | tee -a "$OUT/log.txt"
        done
        # Cross-check: the last version's test AUROC as `timbre evaluate --library` reports it.
        "$T" evaluate --library "$L" --models "$(field name <<< "$tl")" --threads "$THREADS" \
            > "$L/evaluate-last.txt"
        echo "s$seed $strategy evaluate: $(grep -m1 'AUROC' "$L/evaluate-last.txt")" | tee -a "$OUT/log.txt"
    done

    # -- 2. the errors queue on planted flips --------------------------------------------
    if [ "$ERRORS" = 1 ] && [ ! -f "$S/errors.json" ]; then
        t1=$(now)
        E="$S/errors"
        rm -rf "$E"
        cp -a "$S/base" "$E"
        $PY flips "$S/base-export.json" "$S/corpus/labels.csv" "$FLIP" "$seed" "$S/flipped.csv" \
            "$S/flips.csv" | tee -a "$OUT/log.txt"
        "$T" labels import "$E" "$S/flipped.csv"
        "$T" train --library "$E" --model mt --extractor cnn-v2 --seed "$seed" \
            --threads "$THREADS" --quiet | tee "$S/errors-train.txt"
        "$T" review "$E" --cross-fit --folds "$FOLDS" --seed "$seed" --threads "$THREADS" --quiet \
            | tee "$S/crossfit.txt"
        "$T" review "$E" --queue errors --limit 200 --format csv > "$S/errors-top200.csv"
        $PY errors "$S/errors-top200.csv" "$S/flips.csv" > "$S/errors.json.tmp"
        mv "$S/errors.json.tmp" "$S/errors.json"
        echo "s$seed errors queue: $(cat "$S/errors.json") $(since "$t1") s" | tee -a "$OUT/log.txt"
    fi
    # The whole errors queue (no training): what it flags at all, and an offline re-ranking.
    if [ "$ERRORS" = 1 ] && [ -f "$S/errors.json" ] && [ ! -f "$S/rerank.json" ]; then
        "$T" review "$S/errors" --queue errors --limit 0 --format csv > "$S/errors-all.csv"
        $PY rerank "$S/errors-all.csv" "$S/flips.csv" > "$S/rerank.json"
        echo "s$seed errors queue, whole: $(cat "$S/rerank.json")" | tee -a "$OUT/log.txt"
    fi
    echo "s$seed done $(since "$t0") s" | tee -a "$OUT/log.txt"
done
$PY table "$OUT" | tee "$OUT/table.md"
echo "label_efficiency: end $(date -u +%FT%TZ)" | tee -a "$OUT/log.txt"
