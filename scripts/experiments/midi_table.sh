#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# melstat against the CNN front end (docs/METHOD.md §2.3) on MIDI material nobody in this
# project wrote: the songs of Debian's openttd-openmsx (31 songs by several OpenTTD musicians,
# GPL-2) and planetblupi-music-midi (10 songs of the game Planet Blupi), rendered with
# MuseScore_General_Lite, a SoundFont the front end never trained on, as excerpts of 10 s every
# 20 s, at most 6 per song (`timbre midi-corpus`). The heads of cnn_table.sh (melstat and cnn,
# ATT and MT, seeds 1-3) and of cnn_seeds.sh (CNN seeds 2 and 3) are evaluated on it as they
# are: they saw only the train split, so nothing is trained or tuned on these songs. Every head
# is also scored under the three localisation scores of docs/RESULTS.md.
#   CNN_DATA=build/cnn-data bash scripts/experiments/midi_table.sh
# Needs the corpora and tables of starter_model.sh, cnn_table.sh and cnn_seeds.sh in CNN_DATA
# (missing heads are trained); the two packages are fetched from the Debian archive once.
# "cnn" is the built-in extractor: v1 when docs/RESULTS.md's table was taken (d2f868f), v2
# since a3867d2 (its own table: scripts/experiments/mma_cnn.sh with TEST_CORPUS=midi-openmsx).
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${CNN_DATA:-build/cnn-data}
BUILD_DIR=${BUILD_DIR:-build}
T="$BUILD_DIR/app/cli/timbre"
SOUNDFONT=${SOUNDFONT:-/usr/share/sounds/sf3/MuseScore_General_Lite.sf3}
SONGS="$DATA/extmidi"
CORPUS="$DATA/corpus/midi-test"
SCORES=evidence,clip-evidence+mean5,clip

if [ ! -d "$SONGS/x/usr/share" ]; then
  mkdir -p "$SONGS"
  (cd "$SONGS" && apt-get download openttd-openmsx planetblupi-music-midi)
  for deb in "$SONGS"/*.deb; do dpkg-deb -x "$deb" "$SONGS/x"; done
fi
if [ ! -f "$CORPUS/labels.csv" ]; then
  /usr/bin/time -f "midi-corpus: %e s" "$T" midi-corpus "$SONGS/x/usr/share" --out "$CORPUS" \
    --soundfont "$SOUNDFONT" --per-song 6 --no-stems --quiet
fi

# Seed-1 front end (the shipped cnn) and melstat: heads of seeds 1-3.
CNN_DATA="$DATA" TEST_CORPUS=midi-test REUSE=1 OUT="$DATA/table" \
  bash scripts/experiments/cnn_table.sh
# CNN seeds 2 and 3: their heads of seed 1.
for s in 2 3; do
  CNN_DATA="$DATA" CNN="$DATA/cnn-seed$s" EXTRACTORS=cnn SEEDS=1 TEST_CORPUS=midi-test REUSE=1 \
    OUT="$DATA/table-seed$s" bash scripts/experiments/cnn_table.sh
done

# Every head under the three localisation scores, within-track included.
for ck in "$DATA"/table/ckpt/*-[123].ckpt "$DATA/table/end-to-end-att.ckpt" \
          "$DATA"/table-seed[23]/ckpt/cnn-*-1.ckpt "$DATA"/table-seed[23]/end-to-end-att.ckpt; do
  dir=$(dirname "$ck")
  [ "$(basename "$dir")" = ckpt ] && dir=$(dirname "$dir")
  name=$(basename "$ck" .ckpt)
  E=cnn
  [[ "$name" == melstat-* ]] && E=melstat
  "$T" evaluate --model "$ck" --data "$dir/combined-midi-test/$E" --threads 2 \
    --localisation "$SCORES" > "$ck.midi-test.txt" 2>&1
  echo "== $dir $name"
  grep -E "test \(threshold|localisation AUROC.*\(" "$ck.midi-test.txt"
done
