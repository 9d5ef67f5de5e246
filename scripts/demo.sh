#!/usr/bin/env bash
# Command (1) of README.md: install, build, render the demo corpus, extract its features,
# catalog it as a library and open the workbench on it (when a display is there).
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

# The demo library: catalog of the mixes with the corpus' labels, opened in the workbench.
TIMBRE="$BUILD_DIR/app/cli/timbre"
if [ ! -f "$DEMO_DIR/library/catalog.sqlite" ]; then
  "$TIMBRE" library init "$DEMO_DIR/library"
  "$TIMBRE" library scan "$DEMO_DIR/library" "$DEMO_DIR/corpus/mixes"
  "$TIMBRE" labels import "$DEMO_DIR/library" "$DEMO_DIR/corpus/labels.csv"
fi
"$TIMBRE" library status "$DEMO_DIR/library" | head -n 3
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${TIMBRE_NO_GUI:-}" ]; then
  exec "$BUILD_DIR/app/gui/timbre-workbench" "$DEMO_DIR/library"
else
  echo "demo: no display; open the library with: $BUILD_DIR/app/gui/timbre-workbench $DEMO_DIR/library"
fi
