#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Extraction throughput of `timbre extract` per extractor on 1 and 2 threads (tracks/s and
# x real time, decode included), on the demo corpus' mixes (wav/flac/ogg/mp3, 10 s clips).
#   CORPUS=demo/corpus CLIPS=240 SCRIPTED_CLIPS=40 scripts/bench/extract_throughput.sh
# The TorchScript row uses a VGGish-shaped module with random weights
# (scripts/bench/make_vggish_like.py, needs /usr/bin/python3 with python3-torch): it costs what
# an exported VGGish costs. Skipped when python3-torch is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
TIMBRE=${TIMBRE:-build/app/cli/timbre}
CORPUS=${CORPUS:-demo/corpus}
CLIPS=${CLIPS:-240}
SCRIPTED_CLIPS=${SCRIPTED_CLIPS:-40}
WORK=${WORK:-$(mktemp -d)}

make_library() { # name clips
  local lib="$WORK/$1" audio="$WORK/$1-audio"
  mkdir -p "$audio"
  find "$CORPUS/mixes" -maxdepth 1 -type f | sort | head -n "$2" | while read -r f; do
    ln -f "$f" "$audio/" 2>/dev/null || cp "$f" "$audio/"
  done
  "$TIMBRE" library init "$lib" > /dev/null
  "$TIMBRE" library scan "$lib" "$audio" --quiet > /dev/null
  echo "$lib"
}

row() { # lib extractor threads
  local line
  line=$("$TIMBRE" extract "$1" --extractor "$2" --threads "$3" --force --quiet)
  local tracks seconds xrt
  tracks=$(sed -E 's/.* extracted=([0-9]+).*/\1/' <<< "$line")
  seconds=$(sed -E 's/.* seconds=([0-9.]+).*/\1/' <<< "$line")
  xrt=$(sed -E 's/.* x_realtime=([0-9.]+).*/\1/' <<< "$line")
  printf '| %s | %s | %s | %s | %.1f | %s |\n' "$2" "$3" "$tracks" "$seconds" \
    "$(echo "$tracks / $seconds" | bc -l)" "$xrt"
}

echo "| extractor | threads | tracks | seconds | tracks/s | x real time |"
echo "|---|---|---|---|---|---|"
lib=$(make_library melstat "$CLIPS")
"$TIMBRE" extract "$lib" --quiet > /dev/null # warm the page cache
for t in 1 2; do row "$lib" melstat "$t"; done
if /usr/bin/python3 -c "import torch" 2> /dev/null; then
  /usr/bin/python3 scripts/bench/make_vggish_like.py "$WORK/vggish_like.pt" > /dev/null
  lib=$(make_library scripted "$SCRIPTED_CLIPS")
  "$TIMBRE" extractors "$lib" --add-torchscript "$WORK/vggish_like.pt" --id vggish-like > /dev/null
  for t in 1 2; do row "$lib" vggish-like "$t"; done
else
  echo "(no python3-torch: TorchScript row skipped)"
fi
