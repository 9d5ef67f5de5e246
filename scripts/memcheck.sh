#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Valgrind memcheck over the code that hands our structs to FFmpeg, FFTW and TagLib: the
# decoder, encoder, feature and spectrogram suites, and `timbre features` on one file of every
# format (also with the cnn extractor on wav/flac/ogg/mp3, and with --levels-only), a paired
# fine-tune of the shipped CNN (`train-cnn --paired --init-cnn`), and `timbre synth` rendering
# with Sonivox EAS. Once, an uninitialised AVChannelLayout crashed every mp3 and flac on a fresh
# machine while the tests passed on ours, because whether garbage on the stack crashes depends
# on the stack. Memcheck reports the uninitialised read itself, whatever the stack holds. Run by
# .ci/run after the tests; BUILD_DIR as scripts/build.sh. Exit status 0 = no errors.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
ROOT=$PWD
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export QT_QPA_PLATFORM=offscreen OMP_NUM_THREADS=1
# QRegularExpression's PCRE2 JIT code reads its subject 16 bytes at a time, past the end of a
# string inside its allocation; memcheck cannot tell that from a real overread in JIT code it
# has no symbols for. The interpreter matches the same.
export QT_ENABLE_REGEXP_JIT=0

# --error-exitcode makes any memcheck error fail the step; leaks are not this step's business
# (a sanitizer build's). The suppressions are known library noise only, each commented.
VALGRIND=(valgrind --tool=memcheck --error-exitcode=97 --leak-check=no --track-origins=yes
          --num-callers=30 --suppressions="$ROOT/scripts/valgrind/memcheck.supp" --quiet)
# See scripts/valgrind/hwy_timer_shim.cpp: without it every program linking FFmpeg dies of
# SIGILL under Valgrind 3.19 before main.
c++ -shared -fPIC -O2 -o "$WORK/libhwy_timer_shim.so" "$ROOT/scripts/valgrind/hwy_timer_shim.cpp"

failed=()
run() {
  local name=$1
  shift
  local start=$SECONDS
  if LD_PRELOAD="$WORK/libhwy_timer_shim.so" "${VALGRIND[@]}" --log-file="$WORK/$name.log" "$@" >"$WORK/$name.out" 2>&1; then
    echo "memcheck: $name clean ($((SECONDS - start)) s)"
  else
    echo "memcheck: $name FAILED (exit $?, $((SECONDS - start)) s)"
    cat "$WORK/$name.log"
    tail -n 30 "$WORK/$name.out"
    failed+=("$name")
  fi
}

# One clip of every format the workbench reads, rendered by our own generator (not under
# Valgrind: FluidSynth is not what this step checks).
"$BUILD_DIR/app/cli/timbre" synth --out "$WORK/corpus" --clips 7 --seconds 4 --seed 3 --no-stems \
  --formats wav,flac,ogg,opus,mp3,m4a,aiff --quiet >/dev/null
ls "$WORK/corpus/mixes"
run timbre-features "$BUILD_DIR/app/cli/timbre" features "$WORK/corpus/mixes"
# The learned cnn extractor on the four formats a library holds most (the LibTorch model
# engine loaded, features, levels.csv written).
mkdir -p "$WORK/four"
for f in clip_0000.wav clip_0001.flac clip_0002.ogg clip_0004.mp3; do
  cp "$WORK/corpus/mixes/$f" "$WORK/four/"
done
run timbre-features-cnn "$BUILD_DIR/app/cli/timbre" features "$WORK/four" --extractor cnn \
  --threads 1 --write "$WORK/cnn"
# The levels alone take their own path through the extractor (frames counted, not kept).
run timbre-features-levels "$BUILD_DIR/app/cli/timbre" features "$WORK/corpus/mixes" --levels-only \
  --write "$WORK/levels"

# The paired fine-tune of the shipped CNN (docs/METHOD.md §2.6): its script loaded back into a
# trainable CNN with fixed norms, two renders of one seed, the pair loss, a head-only epoch.
for sf in FluidR3_GM TimGM6mb; do
  "$BUILD_DIR/app/cli/timbre" synth --out "$WORK/pair-$sf" --clips 5 --seconds 3 --seed 5 \
    --soundfont "/usr/share/sounds/sf2/$sf.sf2" --no-stems --quiet >/dev/null
done
run timbre-train-cnn-paired "$BUILD_DIR/app/cli/timbre" train-cnn --corpus "$WORK/pair-FluidR3_GM" \
  --corpus "$WORK/pair-TimGM6mb" --paired --pair-loss 1 --init-cnn "$ROOT/resources/models/cnn-v2.pt" \
  --head-epochs 1 --epochs 2 --batch 2 --threads 1 --out "$WORK/pair-out"

# Sonivox EAS (C) reads each part's MIDI file through our callbacks and writes into our buffers
# (core/datasets/generators/SonivoxRenderer); a drum part and melodic parts, two clips.
run timbre-synth-sonivox "$BUILD_DIR/app/cli/timbre" synth --out "$WORK/sonivox" --clips 2 \
  --seconds 3 --seed 7 --soundfont sonivox --no-stems --quiet

SUITES=${SUITES:-core/audio/FfmpegDecoder core/audio/AudioEncoder core/features/TrackFeatureExtractor
                 core/dsp/TrackSpectrogram core/dsp/LogMelExtractor core/dsp/Stft}
for suite in $SUITES; do
  exe="$BUILD_DIR/tests/test_$(echo "$suite" | tr / _)"
  if [ ! -x "$exe" ]; then
    echo "memcheck: $exe is not built"
    failed+=("$(basename "$suite")")
    continue
  fi
  run "$(basename "$suite")" "$exe"
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "memcheck: errors in ${failed[*]}"
  exit 1
fi
echo "memcheck: all clean"
