#!/usr/bin/env bash
# Command (1) of README.md: install, build, render the demo corpus, run the main job on it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
BUILD_DIR=${BUILD_DIR:-build}
DEMO_DIR=${DEMO_DIR:-demo}
CLIPS=${CLIPS:-120}
if [ ! -f "$DEMO_DIR/corpus/labels.csv" ]; then
  "$BUILD_DIR/app/cli/timbre" synth --out "$DEMO_DIR/corpus" --clips "$CLIPS" --seed 7 --observed 1.0
fi
"$BUILD_DIR/app/cli/timbre" features "$DEMO_DIR/corpus/mixes" --write "$DEMO_DIR/corpus/features"
