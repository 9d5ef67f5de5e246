#!/usr/bin/env bash
# Issue 11: does the CNN front end generalise better to songs when it also trains on arranged
# accompaniments written by others? Writes 4 x SONGS songs with Debian's mma
# (scripts/experiments/mma_songs.py; apt-get install mma), renders each set with one of the
# four training SoundFonts through `timbre midi-corpus` (2 excerpts per song), trains the CNN
# on the starter's four synth corpora plus these four, and scores ATT / MT heads (head seed 1)
# on TEST_CORPUS (default midi-dev, the Planet Blupi development set of docs/RESULTS.md) with
# cnn_table.sh.
#   CNN_DATA=/work/cnn-data SEEDS="1 2" bash scripts/experiments/mma_cnn.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${CNN_DATA:-build/cnn-data}
SONGS=${SONGS:-250}
EPOCHS=${EPOCHS:-8}
TEST_CORPUS=${TEST_CORPUS:-midi-dev}
BUILD_DIR=${BUILD_DIR:-build}
T="$BUILD_DIR/app/cli/timbre"
SF2=/usr/share/sounds/sf2
command -v mma >/dev/null || { echo "mma_cnn: needs mma (apt-get install mma)" >&2; exit 1; }

render() { # name song-seed soundfont
  if [ ! -f "$DATA/corpus/mma-$1/labels.csv" ]; then
    python3 scripts/experiments/mma_songs.py --out "$DATA/mma-songs/$1" --songs "$SONGS" --seed "$2"
    "$T" midi-corpus "$DATA/mma-songs/$1" --out "$DATA/corpus/mma-$1" --soundfont "$3" \
      --per-song 2 --no-stems --quiet
  fi
}
render fluid 201 "$SF2/FluidR3_GM.sf2"
render timgm 202 "$SF2/TimGM6mb.sf2"
render gmbank 203 "$SF2/sf_GMbank.sf2"
render opl3 204 "$SF2/OPL-3_FM_128M.sf2"

for s in ${SEEDS:-1}; do
  CNN="$DATA/cnn-mma-seed$s"
  if [ ! -f "$CNN/summary.json" ]; then
    args=()
    for c in fluid timgm gmbank opl3; do args+=(--corpus "$DATA/corpus/$c" --corpus "$DATA/corpus/mma-$c"); done
    "$T" train-cnn "${args[@]}" --out "$CNN" --epochs "$EPOCHS" --seed "$s" --threads 2 \
      --augment none > "$CNN.log" 2>&1
  fi
  CNN_DATA="$DATA" CNN="$CNN" EXTRACTORS=cnn MODELS="att mt" SEEDS=1 TEST_CORPUS="$TEST_CORPUS" \
    REUSE=1 OUT="$DATA/table-mma-seed$s" \
    TRAIN_CORPORA="fluid timgm gmbank opl3 mma-fluid mma-timgm mma-gmbank mma-opl3" \
    bash scripts/experiments/cnn_table.sh
done
