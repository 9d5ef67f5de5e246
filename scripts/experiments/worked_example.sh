#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# docs/RESULTS.md, "A worked example in the workbench": on a copy of the demo library (command
# (1) made it), degrade the trainable clips' labels, train a starter Mean Teacher on them, walk
# the "likely label errors" and "uncertain" queues in the real window correcting 50 labels with
# the editor's keys, retrain from the window, and compare the two versions on the test clips.
# The steps are tests/app/gui/WorkedExample_test.cpp's; this only points it at the demo.
#   bash scripts/experiments/worked_example.sh [DEMO_LIBRARY] [OUT]
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD_DIR=${BUILD_DIR:-build}
DEMO=${1:-demo/library}
OUT=${2:-/tmp/timbre-worked-example}
[ -f "$DEMO/catalog.sqlite" ] || { echo "worked_example: no demo library at $DEMO (run command (1))" >&2; exit 1; }
bash scripts/build.sh test_app_gui_WorkedExample timbre >/dev/null
rm -rf "$OUT"
mkdir -p "$OUT"
# A consistent copy of the catalog (WAL included) and its files.
python3 -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).backup(sqlite3.connect(sys.argv[2]))' \
  "$DEMO/catalog.sqlite" "$OUT/catalog.sqlite"
for d in features models; do [ -d "$DEMO/$d" ] && cp -r "$DEMO/$d" "$OUT/"; done
TIMBRE_WORKED_LIBRARY="$OUT" QT_QPA_PLATFORM=offscreen \
  "$BUILD_DIR/tests/test_app_gui_WorkedExample" 2>&1 | grep -E "QINFO|PASS|FAIL|error"
# The same comparison as the CLI prints it.
ids=$("$BUILD_DIR/app/cli/timbre" models "$OUT" | tail -n 3 | awk '{print ($1=="*") ? $2 : $1}' | paste -sd,)
"$BUILD_DIR/app/cli/timbre" evaluate --library "$OUT" --models "$ids"
