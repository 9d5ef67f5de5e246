#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The lanes library of docs/RESULTS.md ("The lanes before and after", "Overlapping instances in
# the lanes"): the 31 openttd-openmsx songs rendered with MuseScore_General_Lite as one 60 s
# excerpt each, labels and activity regions imported, every clip a test clip, cnn features;
# version 1 the shipped starter, version 2 the two-rests ATT head with instance_loss 3 (seed 1,
# overlap_heads.sh's). Then `timbre evaluate --library` of both under SCORES, one line each:
#   CNN_DATA=/work/cnn-data bash scripts/experiments/lanes_library.sh
# The '+overlap' scores decode every song once more half an instance later (the lanes' shifted
# grid, docs/METHOD.md §10.6); the '+level' scores read each song's levels (§10.7).
# SONGS=npm builds the same kind of library from the npm development songs instead (one 60 s
# excerpt per song long enough; $DATA/lanes-npm), a development set of whole minutes.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${CNN_DATA:-build/cnn-data}
SONGS=${SONGS:-openmsx}
if [ "$SONGS" = npm ]; then D=${OUT:-$DATA/lanes-npm}; else D=${OUT:-$DATA/lanes}; fi
HEAD=${HEAD:-$DATA/overlap/ckpt/att-w3-s1.ckpt}
SCORES=${SCORES:-"evidence evidence+overlap instance instance+overlap"}
THREADS=${THREADS:-2}
BUILD_DIR=${BUILD_DIR:-build}
T="$BUILD_DIR/app/cli/timbre"
# shellcheck source=scripts/experiments/song_corpora.sh
. scripts/experiments/song_corpora.sh
fetch_songs
SONG_DIR=$OPENMSX_DIR
if [ "$SONGS" = npm ]; then
  fetch_npm_songs
  SONG_DIR=$NPM_DIR
fi
L="$D/library"
if [ ! -f "$D/ready" ]; then
  rm -rf "$D"
  "$T" midi-corpus "$SONG_DIR" --out "$D/corpus" \
    --soundfont /usr/share/sounds/sf3/MuseScore_General_Lite.sf3 --seconds 60 --per-song 1 \
    --no-stems --quiet
  "$T" library init "$L" > /dev/null
  "$T" library scan "$L" "$D/corpus/mixes" --quiet > /dev/null
  "$T" labels import "$L" "$D/corpus/labels.csv" > /dev/null
  "$T" labels import "$L" "$D/corpus/activity.csv" --format activity > /dev/null
  "$T" library split "$L" --test-fraction 0.99 --seed 1 > /dev/null
  "$T" extract "$L" --extractor cnn --threads "$THREADS" > /dev/null
  "$T" models "$L" --import-starter
  "$T" models "$L" --import "$HEAD"
  "$T" predict --library "$L" > /dev/null
  "$T" predict --library "$L" --model 2 > /dev/null
  touch "$D/ready"
fi
for S in $SCORES; do
  "$T" evaluate --library "$L" --models 1,2 --localisation "$S" | grep -E "localisation|AUROC"
done
