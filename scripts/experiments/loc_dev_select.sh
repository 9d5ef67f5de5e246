#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Which per-second localisation score (docs/METHOD.md §10.5; core/eval/Localisation,
# LocalisationScoring), chosen on a DEVELOPMENT set, then measured once on the MuseScore test
# set.
#   dev:  new music (synth seeds 951-954, 60 clips each) rendered with the four TRAINING
#         SoundFonts, so the test SoundFont stays unheard; every candidate score is measured on
#         it with the heads cnn_table.sh trained (att/mt, seeds 1-3, melstat and cnn), and the
#         candidate with the best mean 1 s AUROC over the cnn heads is printed ("clip", the
#         clip score for every second, is a reference without localisation, not a candidate).
#   test: PHASE=test CHOSEN=SCORE evaluates the old score (evidence), CHOSEN and the clip
#         reference on the test
#         split of cnn_table.sh (MuseScore_General, seed 900).
# Needs the outputs of cnn_table.sh (features, combined folders, ckpt/) under $CNN_DATA/table.
# Checkpoints are copied first: `timbre evaluate` records its metrics in the checkpoint it reads.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${CNN_DATA:-build/cnn-data}
TABLE=${TABLE:-$DATA/table}
OUT=${OUT:-$TABLE/loc-select}
PHASE=${PHASE:-dev}
DEV_CLIPS=${DEV_CLIPS:-60}
THREADS=${THREADS:-1}
BUILD_DIR=${BUILD_DIR:-build}
T="$BUILD_DIR/app/cli/timbre"
EXTRACTORS="cnn melstat"
TRAIN_CORPORA="fluid timgm gmbank opl3"
CANDIDATES=""
for S in evidence instance clip-attention clip-evidence; do
  CANDIDATES+="$S,$S+mean3,$S+mean5,$S+median3,$S+median5,"
done
# The clip score for every second (no localisation) is a reference, never a candidate.
CANDIDATES+="clip"
mkdir -p "$OUT/ckpt"

if [ "$PHASE" = dev ]; then
  declare -A SF=([fluid]=/usr/share/sounds/sf2/FluidR3_GM.sf2 [timgm]=/usr/share/sounds/sf2/TimGM6mb.sf2
                 [gmbank]=/usr/share/sounds/sf2/sf_GMbank.sf2 [opl3]=/usr/share/sounds/sf2/OPL-3_FM_128M.sf2)
  declare -A SEED=([fluid]=951 [timgm]=952 [gmbank]=953 [opl3]=954)
  for C in $TRAIN_CORPORA; do
    D="$DATA/corpus/dev-$C"
    [ -f "$D/labels.csv" ] || "$T" synth --out "$D" --clips "$DEV_CLIPS" --seed "${SEED[$C]}" \
      --soundfont "${SF[$C]}" --no-stems --quiet
    for E in $EXTRACTORS; do
      F="$TABLE/features/$E/dev-$C"
      [ -d "$F" ] || "$T" features "$D/mixes" --extractor "$E" --threads "$THREADS" --write "$F" | tail -n 1
    done
  done
  for E in $EXTRACTORS; do
    args=()
    for C in $TRAIN_CORPORA; do args+=(--train "$C=$TABLE/features/$E/$C:$DATA/corpus/$C"); done
    for C in $TRAIN_CORPORA; do args+=(--test "dev$C=$TABLE/features/$E/dev-$C:$DATA/corpus/dev-$C"); done
    python3 scripts/experiments/cnn_combine.py --out "$OUT/dev-$E" "${args[@]}"
  done
  SCORES="$CANDIDATES"
else
  : "${CHOSEN:?PHASE=test needs CHOSEN=SCORE (the dev choice)}"
  SCORES="evidence,$CHOSEN,clip"
fi

RESULTS="$OUT/$PHASE.csv"
echo "extractor,model,seed,scoring,loc1s,loc5s,loc10s,loctrack,within1s" > "$RESULTS"
for E in $EXTRACTORS; do
  DIR="$OUT/dev-$E"
  [ "$PHASE" = test ] && DIR="$TABLE/combined/$E"
  for M in att mt; do
    for S in 1 2 3; do
      CK="$OUT/ckpt/$E-$M-$S.ckpt"
      cp "$TABLE/ckpt/$E-$M-$S.ckpt" "$CK"
      "$T" evaluate --model "$CK" --data "$DIR" --threads "$THREADS" --localisation "$SCORES" \
        | python3 -c '
import re, sys
for line in sys.stdin:
    m = re.match(r"localisation AUROC 1s/5s/10s/track \((\S+)\): (\S+) / (\S+) / (\S+) / (\S+), within-track 1s (\S+)", line)
    if m:
        print(",".join(sys.argv[1:4] + list(m.groups())))
' "$E" "$M" "$S" >> "$RESULTS"
    done
  done
done

python3 - "$RESULTS" "$PHASE" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
phase = sys.argv[2]
def ms(v):
    return f'{statistics.mean(v):.2f} ± {statistics.pstdev(v):.2f}'
if phase == 'dev':
    order = list(dict.fromkeys(r['scoring'] for r in rows))
    print('| per-second score | cnn att | cnn mt | cnn mean (6 heads) | melstat att | melstat mt | melstat mean | within-track 1 s, cnn / melstat mean |')
    print('|---|---|---|---|---|---|---|---|')
    best = None
    for sc in order:
        cells, means = [], {}
        for e in ('cnn', 'melstat'):
            allv = []
            for m in ('att', 'mt'):
                v = [float(r['loc1s']) for r in rows if (r['extractor'], r['model'], r['scoring']) == (e, m, sc)]
                cells.append(ms(v)); allv += v
            means[e] = statistics.mean(allv)
            cells.append(f'**{means[e]:.2f}**' if False else f'{means[e]:.2f}')
        w = {e: statistics.mean(float(r['within1s']) for r in rows if (r['extractor'], r['scoring']) == (e, sc)) for e in ('cnn', 'melstat')}
        cells.append(f"{w['cnn']:.2f} / {w['melstat']:.2f}")
        print(f'| {sc} | ' + ' | '.join(cells) + ' |')
        if sc != 'clip' and (best is None or means['cnn'] > best[1]):
            best = (sc, means['cnn'])
    print(f'chosen (best mean 1 s AUROC over the cnn heads): {best[0]} ({best[1]:.2f})')
else:
    print('| front end | model | per-second score | 1 s | 5 s | 10 s | track | within-track 1 s |')
    print('|---|---|---|---|---|---|---|---|')
    for e in ('melstat', 'cnn'):
        for m in ('att', 'mt'):
            for sc in dict.fromkeys(r['scoring'] for r in rows):
                rs = [r for r in rows if (r['extractor'], r['model'], r['scoring']) == (e, m, sc)]
                print(f'| {e} | {m} | {sc} | ' + ' | '.join(ms([float(r[k]) for r in rs]) for k in ('loc1s', 'loc5s', 'loc10s', 'loctrack', 'within1s')) + ' |')
PY
