#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Random equalisation of the training mixes, prototyped with ffmpeg before any C++ (issue 23,
# item 3; docs/RESULTS.md, "Random equalisation of the training clips, prototyped"): does a
# head trained on one SoundFont carry to another synthesiser better when its training clips
# also come with their spectrum bent? Every clip of one_soundfont.sh's FluidR3 synth corpus
# gets a second copy through a random low shelf (100-300 Hz), high shelf (2-6 kHz) and one
# peak (200-4000 Hz, one octave), gains drawn per clip within +-EQ_DB dB (seeded); the heads
# (`timbre train`, ATT, seeds SEEDS) train on the clips, their copies and the mma excerpts,
# and are tested as one_soundfont.sh tests (PHASE dev or test).
#   CNN_DATA=/work/cnn-data PHASE=dev bash scripts/experiments/eq_proto.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${CNN_DATA:-build/cnn-data}
OUT=${OUT:-$DATA/eq-proto}
FEAT=${FEAT:-$DATA/features-cnn}
SEEDS=${SEEDS:-"1 2 3"}
THREADS=${THREADS:-2}
EQ_DB=${EQ_DB:-9}
PHASE=${PHASE:-dev}
BUILD_DIR=${BUILD_DIR:-build}
T="$BUILD_DIR/app/cli/timbre"
PY=${PY:-/usr/bin/python3}
# shellcheck source=scripts/experiments/song_corpora.sh
. scripts/experiments/song_corpora.sh
mkdir -p "$OUT/ckpt"

synth_corpus fluid-1000 701 /usr/share/sounds/sf2/FluidR3_GM.sf2 1000
mma_corpus mma-fluid-250 250 201 /usr/share/sounds/sf2/FluidR3_GM.sf2
EQ_NAME="fluid-1000-eq$EQ_DB"
if [ ! -d "$FEAT/$EQ_NAME" ]; then
  command -v ffmpeg >/dev/null || apt-get install -y -q ffmpeg >/dev/null
  src="$DATA/corpus/fluid-1000/mixes" dst="$DATA/corpus-eq/$EQ_NAME/mixes"
  mkdir -p "$dst"
  "$PY" - "$src" "$dst" "$EQ_DB" <<'PY'
import os, random, subprocess, sys
src, dst, db = sys.argv[1], sys.argv[2], float(sys.argv[3])
rng = random.Random(901)
for f in sorted(os.listdir(src)):
    out = os.path.join(dst, os.path.splitext(f)[0] + '.wav')
    g = [rng.uniform(-db, db) for _ in range(3)]
    chain = (f'bass=g={g[0]:.2f}:f={rng.uniform(100, 300):.0f},'
             f'treble=g={g[1]:.2f}:f={rng.uniform(2000, 6000):.0f},'
             f'equalizer=f={rng.uniform(200, 4000):.0f}:t=o:w=1:g={g[2]:.2f}')
    if not os.path.exists(out):
        subprocess.run(['ffmpeg', '-nostdin', '-loglevel', 'error', '-i', os.path.join(src, f),
                        '-af', chain, '-c:a', 'pcm_f32le', out], check=True)
PY
  "$T" features "$dst" --extractor cnn --threads "$THREADS" --write "$FEAT/$EQ_NAME" | tail -n 1
fi

fetch_songs
if [ "$PHASE" = dev ]; then
  TESTS="midi-dev-musescore midi-dev-timidity"
  song_corpus midi-dev-musescore "$BLUPI_DIR" /usr/share/sounds/sf3/MuseScore_General_Lite.sf3 15 10
  song_corpus midi-dev-timidity "$BLUPI_DIR" /etc/timidity/freepats.cfg 15 10
else
  TESTS="midi-openmsx midi-openmsx-timidity"
  song_corpus midi-openmsx "$OPENMSX_DIR" /usr/share/sounds/sf3/MuseScore_General_Lite.sf3 6 20
  song_corpus midi-openmsx-timidity "$OPENMSX_DIR" /etc/timidity/freepats.cfg 6 20
fi

RESULTS="$OUT/results-$PHASE.csv"
echo "test,seed,clips,clip_f1,score,clip_auroc,loc1s,within1s" > "$RESULTS"
for TEST in $TESTS; do
  COMBINED="$OUT/combined-$TEST"
  # The equalised copies keep their clips' labels and activity (same corpus folder).
  [ -f "$COMBINED/labels.csv" ] || "$PY" scripts/experiments/cnn_combine.py --out "$COMBINED" \
    --train "fluid-1000=$FEAT/fluid-1000:$DATA/corpus/fluid-1000" \
    --train "$EQ_NAME=$FEAT/$EQ_NAME:$DATA/corpus/fluid-1000" \
    --train "mma-fluid-250=$FEAT/mma-fluid-250:$DATA/corpus/mma-fluid-250" \
    --test "$TEST=$FEAT/$TEST:$DATA/corpus/$TEST"
  for S in $SEEDS; do
    CK="$OUT/ckpt/att-s$S.ckpt"
    [ -f "$CK" ] || "$T" train --model att --data "$COMBINED" --out "$CK" --seed "$S" \
      --threads "$THREADS" --quiet > "$CK.train.log" 2>&1
    cp "$CK" "$OUT/eval.ckpt"
    "$T" evaluate --model "$OUT/eval.ckpt" --data "$COMBINED" --threads "$THREADS" \
      --localisation evidence > "$CK.$TEST.txt" 2>&1
    "$PY" scripts/experiments/localisation_rows.py rows --clip-f1 "$TEST" "$S" \
      < "$CK.$TEST.txt" >> "$RESULTS"
  done
done
"$PY" scripts/experiments/localisation_rows.py table "$RESULTS" \
  "test:test songs rendered with" "score:per-second score" "seed:seeds"
