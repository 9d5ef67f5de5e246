#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Command (1) of README.md: install, build, render the demo corpus, catalog it as a library
# (labels imported, a fifth of the clips held out as test clips), extract the library's
# features with the built-in "cnn" extractor, register the shipped starter model (ATT over
# the cnn's features, scripts/starter_model.sh) as the library's first model version, write
# its predictions, and open the workbench on it (when a display is there).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
# Only what it runs: the tests and benchmarks are command (2)'s to build.
bash scripts/build.sh timbre timbre-workbench timbre_model_engine
BUILD_DIR=${BUILD_DIR:-build}
DEMO_DIR=${DEMO_DIR:-demo}
CLIPS=${CLIPS:-120}
if [ ! -f "$DEMO_DIR/corpus/labels.csv" ]; then
  "$BUILD_DIR/app/cli/timbre" synth --out "$DEMO_DIR/corpus" --clips "$CLIPS" --seed 7 --observed 1.0
fi
"$BUILD_DIR/app/cli/timbre" features "$DEMO_DIR/corpus/mixes" --write "$DEMO_DIR/corpus/features"

# The demo library: catalog of the mixes with the corpus' labels, opened in the workbench.
TIMBRE="$BUILD_DIR/app/cli/timbre"
if [ ! -f "$DEMO_DIR/library/catalog.sqlite" ]; then
  "$TIMBRE" library init "$DEMO_DIR/library"
  "$TIMBRE" library scan "$DEMO_DIR/library" "$DEMO_DIR/corpus/mixes"
  "$TIMBRE" labels import "$DEMO_DIR/library" "$DEMO_DIR/corpus/labels.csv"
  "$TIMBRE" library split "$DEMO_DIR/library" --test-fraction 0.2 --seed 7
fi
"$TIMBRE" library status "$DEMO_DIR/library" | head -n 3
# Features of the built-in "cnn" extractor (only missing or stale ones), the shipped starter
# model as version 1 (active when the library has none; a second run leaves it), a Mean
# Teacher trained on the library as version 2, and the active model's scores for the browser.
"$TIMBRE" extract "$DEMO_DIR/library" --extractor cnn
"$TIMBRE" models "$DEMO_DIR/library" --import-starter
# The library's own Mean Teacher, warm-started from the starter on the demo's labels (every
# clip, labelled or not, is unlabelled data for it): version 2, active. Only once.
if [ "$("$TIMBRE" models "$DEMO_DIR/library" | wc -l)" -lt 2 ]; then
  "$TIMBRE" train --library "$DEMO_DIR/library" --model mt --warm-start active --epochs 40 \
    --seed 7 --note "starter Mean Teacher (scripts/demo.sh)"
fi
"$TIMBRE" predict --library "$DEMO_DIR/library"
"$TIMBRE" models "$DEMO_DIR/library"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${TIMBRE_NO_GUI:-}" ]; then
  exec "$BUILD_DIR/app/gui/timbre-workbench" "$DEMO_DIR/library"
else
  echo "demo: no display; open the library with: $BUILD_DIR/app/gui/timbre-workbench $DEMO_DIR/library"
fi
