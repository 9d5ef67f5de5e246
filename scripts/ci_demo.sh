#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# CI runs command (1) itself, small: a dozen demo clips, no display, in a folder of its own,
# and checks what it left. A green test suite said nothing about the program a newcomer runs
# (once, every mp3 and flac crashed `timbre features` while all tests passed).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
DEMO=$(mktemp -d)
trap 'rm -rf "$DEMO"' EXIT
start=$SECONDS
CLIPS=${CLIPS:-12} DEMO_DIR="$DEMO/demo" TIMBRE_NO_GUI=1 bash scripts/demo.sh
status=$("$BUILD_DIR/app/cli/timbre" library status "$DEMO/demo/library")
echo "$status" | grep -v '^instrument '

fail() { echo "ci-demo: FAILED: $*"; exit 1; }
clips=${CLIPS:-12}
# The corpus' mixes come in four formats (wav, flac, ogg, mp3): every one catalogued, none
# unreadable, and features extracted for all of them.
echo "$status" | grep -q "^tracks ok=$clips missing=0 error=0\$" || fail "not all $clips tracks ok"
ls "$DEMO/demo/corpus/features"/*.npy | grep -c . | grep -qx "$clips" || fail "features not written for every mix"
[ -f "$DEMO/demo/corpus/features/extractor.json" ] || fail "features written without extractor.json"
for ext in wav flac ogg mp3; do
  ls "$DEMO/demo/corpus/mixes"/*."$ext" >/dev/null 2>&1 || fail "no .$ext mix in the demo corpus"
done
# Two versions (the starter and the library's Mean Teacher), the second active, its scores
# written for every clip and instrument by a finished predict run.
instruments=$(echo "$status" | grep -c '^instrument ')
echo "$status" | grep -q "^models versions=2 active=2 predictions=$((clips * instruments)) scored=yes\$" \
  || fail "expected 2 versions, the second active with $((clips * instruments)) scores"
echo "ci-demo: command (1) with $clips clips passed in $((SECONDS - start)) s"
