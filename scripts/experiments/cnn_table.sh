#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# melstat against the CNN front end (docs/METHOD.md §2.3) on a SoundFont and MIDI material the
# front end never trained on. Train split: the four training corpora of scripts/starter_model.sh
# (FluidR3, TimGM6mb, sf_GMbank, OPL-3; seeds 101-104). Test split: TEST_CLIPS clips rendered
# with MuseScore_General (seed 900: other music, other SoundFont). For each extractor, ATT and
# MT are trained on the train split's features (their own 15 % validation hold-out picks the
# epoch; the test split is never looked at) with seeds 1-3 and evaluated on the test split: clip
# F1 / AUROC (threshold 0.5) and localisation AUROC at 1 s against activity.csv. The end-to-end
# head shipped with the CNN is evaluated too.
#   CNN=DIR   evaluate DIR/cnn.pt + DIR/head.ckpt (a `timbre train-cnn --out DIR`) instead of
#             the built-in "cnn" (shipped weights)
#   TEST_CORPUS  the test split: musescore-test (default, rendered here) or any corpus folder
#             name under $DATA/corpus (midi-test: scripts/experiments/midi_test_corpus.sh)
#   REUSE=1   keep a head checkpoint that exists in OUT instead of training it again (heads
#             see only the train split, so one head serves every test corpus)
#   LOC_SCORE per-second localisation score (`timbre evaluate --localisation`); default
#             "evidence", the score of the published table (the workbench's default since
#             loc_dev_select.sh is clip-evidence+mean5)
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${CNN_DATA:-build/cnn-data}
TEST_CLIPS=${TEST_CLIPS:-300}
SEEDS=${SEEDS:-"1 2 3"}
MODELS=${MODELS:-"att mt"}
THREADS=${THREADS:-2}
LOC_SCORE=${LOC_SCORE:-evidence}
EXTRACTORS=${EXTRACTORS:-"melstat cnn"}
OUT=${OUT:-$DATA/table}
TEST_CORPUS=${TEST_CORPUS:-musescore-test}
REUSE=${REUSE:-0}
# The default test corpus keeps the folder names of the published table.
SUFFIX=""
[ "$TEST_CORPUS" != musescore-test ] && SUFFIX="-$TEST_CORPUS"
BUILD_DIR=${BUILD_DIR:-build}
T="$BUILD_DIR/app/cli/timbre"
TRAIN_CORPORA=${TRAIN_CORPORA:-"fluid timgm gmbank opl3"}
mkdir -p "$OUT"

if [ "$TEST_CORPUS" = musescore-test ] && [ ! -f "$DATA/corpus/musescore-test/labels.csv" ]; then
  "$T" synth --out "$DATA/corpus/musescore-test" --clips "$TEST_CLIPS" --seed 900 \
    --soundfont /usr/share/sounds/sf3/MuseScore_General_Lite.sf3 --no-stems --quiet
fi

LIB_ARGS=()
HEAD=resources/models/starter-att-cnn-v$(sed -n 's/.*kVersion = \([0-9]*\);.*/\1/p' core/features/BuiltInCnn.h).ckpt
if [ -n "${CNN:-}" ]; then
  # A candidate CNN: registered in a scratch library under the id "cnn-candidate".
  mkdir -p "$OUT/lib"
  "$T" extractors "$OUT/lib" --add-torchscript "$CNN/cnn.pt" --id cnn-candidate >/dev/null
  LIB_ARGS=(--library "$OUT/lib")
  HEAD="$CNN/head.ckpt"
fi

for E in $EXTRACTORS; do
  ID=$E
  [ "$E" = cnn ] && [ -n "${CNN:-}" ] && ID=cnn-candidate
  specs=()
  for C in $TRAIN_CORPORA $TEST_CORPUS; do
    F="$OUT/features/$E/$C"
    if [ ! -d "$F" ]; then
      "$T" features "$DATA/corpus/$C/mixes" --extractor "$ID" "${LIB_ARGS[@]}" --threads "$THREADS" \
        --write "$F" | tail -n 2
    fi
  done
  args=()
  for C in $TRAIN_CORPORA; do args+=(--train "$C=$OUT/features/$E/$C:$DATA/corpus/$C"); done
  args+=(--test "${TEST_CORPUS%-test}=$OUT/features/$E/$TEST_CORPUS:$DATA/corpus/$TEST_CORPUS")
  python3 scripts/experiments/cnn_combine.py --out "$OUT/combined$SUFFIX/$E" "${args[@]}"
done

# One results file per set of extractors, so runs for different extractors can share OUT.
RESULTS="$OUT/results-${EXTRACTORS// /-}$SUFFIX.csv"
echo "extractor,model,seed,f1,auroc,loc1s,seconds" > "$RESULTS"
parse() { # extractor model seed seconds < evaluate output
  python3 -c '
import re, sys
text = sys.stdin.read()
m = re.search(r"test \(threshold 0.5\):.*", text)
f1 = re.search(r"F1 ([0-9.]+)", m.group(0)).group(1)
au = re.search(r"AUROC ([0-9.]+)", m.group(0)).group(1)
loc = re.search(r"localisation AUROC 1s/5s/10s/track: ([0-9.nan]+)", text)
print(",".join(sys.argv[1:4] + [f1, au, loc.group(1) if loc else "", sys.argv[4]]))
' "$@"
}
for E in $EXTRACTORS; do
  for M in $MODELS; do
    for S in $SEEDS; do
      CK="$OUT/ckpt/$E-$M-$S.ckpt"
      mkdir -p "$OUT/ckpt"
      t0=$(date +%s)
      if [ "$REUSE" != 1 ] || [ ! -f "$CK" ]; then
        "$T" train --model "$M" --data "$OUT/combined$SUFFIX/$E" --out "$CK" --seed "$S" \
          --threads "$THREADS" --quiet > "$OUT/ckpt/$E-$M-$S.train.log" 2>&1
      fi
      t1=$(date +%s)
      "$T" evaluate --model "$CK" --data "$OUT/combined$SUFFIX/$E" --localisation "$LOC_SCORE" | parse "$E" "$M" "$S" $((t1 - t0)) >> "$RESULTS"
      tail -n 1 "$RESULTS"
    done
  done
done
if [[ " $EXTRACTORS " == *" cnn "* ]]; then
  cp "$HEAD" "$OUT/end-to-end-att.ckpt"
  "$T" evaluate --model "$OUT/end-to-end-att.ckpt" --data "$OUT/combined$SUFFIX/cnn" --localisation "$LOC_SCORE" | parse cnn end-to-end-att 1 0 >> "$RESULTS"
  tail -n 1 "$RESULTS"
fi
python3 - "$RESULTS" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
groups = {}
for r in rows:
    groups.setdefault((r['extractor'], r['model']), []).append(r)
print('| front end | model | seeds | clip F1 | clip AUROC | localisation AUROC (1 s) |')
print('|---|---|---|---|---|---|')
for (e, m), rs in groups.items():
    def cell(key):
        v = [float(r[key]) for r in rs if r[key] not in ('', 'nan')]
        if not v:
            return '-'
        return f'{statistics.mean(v):.2f} ± {statistics.pstdev(v):.2f}' if len(v) > 1 else f'{v[0]:.2f}'
    print(f'| {e} | {m} | {len(rs)} | {cell("f1")} | {cell("auroc")} | {cell("loc1s")} |')
PY
