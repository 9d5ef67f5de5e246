#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Track view launch, side by side with Sonic Visualiser (goal: docs/ARCHITECTURE.md §9;
# docs/BENCHMARKS.md "Track view: launch side by side"). Under one Xvfb screen of 1600 x 1000,
# in turn:
#
#   timbre-workbench FILE.mp3       a 10-minute mp3 without a library: spectrogram + overview
#                                   (the lanes pane shows its note at once)
#   timbre-workbench                reopening the same mp3 as the last track of a library with
#                                   a trained model: spectrogram + overview + attention lanes
#   sonic-visualiser SESSION.sv     the same mp3 with a waveform pane and a spectrogram pane
#
# Every program is timed by the same settle detector: launched at t0; its first visible window
# is moved to 0,0 and sized 1600 x 1000 as soon as it maps (and again whenever it is not); then
# the whole screen is grabbed (xwd) about every 50 ms, and "settled" is the time of the last grab that differed from the
# one before, confirmed by QUIET_MS of no change. The workbench also reports its own times
# (TIMBRE_TIMING=1: first-screen and settled since process start).
#
#   scripts/bench/launch_side_by_side.sh [RUNS]      (default 3; env: WORK, QUIET_MS, DISPLAY_NUM)
#
# Needs: a built tree (build/app/cli/timbre, build/app/gui/timbre-workbench), xvfb, xdotool,
# x11-apps (xwd), sqlite3, bzip2 and Debian's sonic-visualiser (installed here with apt when
# missing and run as root; without it only the workbench rows are printed).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
RUNS=${1:-3}
WORK=${WORK:-/tmp/timbre-launch-bench}
QUIET_MS=${QUIET_MS:-1500}
DISPLAY_NUM=${DISPLAY_NUM:-97}
T=$ROOT/build/app/cli/timbre
WB=$ROOT/build/app/gui/timbre-workbench
mkdir -p "$WORK"

for tool in Xvfb xdotool xwd sqlite3 bzip2; do
  command -v $tool >/dev/null || { echo "launch_side_by_side: $tool is missing" >&2; exit 1; }
done
[ -x "$T" ] && [ -x "$WB" ] || { echo "launch_side_by_side: build timbre and timbre-workbench first" >&2; exit 1; }
if ! command -v sonic-visualiser >/dev/null && [ "$(id -u)" -eq 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends sonic-visualiser \
    >/dev/null 2>&1 || echo "launch_side_by_side: sonic-visualiser cannot be installed" >&2
fi
HAVE_SV=0
command -v sonic-visualiser >/dev/null && HAVE_SV=1

# --- data: the 10-minute mp3 and a library holding it with a trained model ---------------------
MP3=$WORK/long/mixes/clip_0000.mp3
if [ ! -f "$MP3" ]; then
  "$T" synth --out "$WORK/long" --clips 1 --seconds 600 --no-stems --formats mp3 --seed 3 >/dev/null 2>&1
fi
LIB=$WORK/lib
if [ ! -f "$LIB/.ready" ]; then
  rm -rf "$LIB" "$WORK/demo"
  "$T" synth --out "$WORK/demo" --clips 40 --no-stems --seed 7 >/dev/null 2>&1
  "$T" library init "$LIB" >/dev/null 2>&1
  "$T" library scan "$LIB" "$WORK/demo/mixes" "$WORK/long/mixes" --quiet >/dev/null 2>&1
  "$T" labels import "$LIB" "$WORK/demo/labels.csv" >/dev/null 2>&1
  "$T" extract "$LIB" >/dev/null 2>&1
  "$T" train --library "$LIB" --model mt --epochs 30 >/dev/null 2>&1
  touch "$LIB/.ready"
fi
TRACK=$(sqlite3 "$LIB/catalog.sqlite" "SELECT id FROM track WHERE path = '$MP3'")
[ -n "$TRACK" ] || { echo "launch_side_by_side: $MP3 is not in $LIB" >&2; exit 1; }

# Sonic Visualiser: a session with the mp3 in a waveform pane and a spectrogram pane (what
# `sonic-visualiser FILE.mp3` then Pane > Add Spectrogram gives); a home without first-run dialog.
FRAMES=$(( 600 * 44100 ))
cat > "$WORK/session.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE sonic-visualiser>
<sv>
  <data>
    <model id="1" name="clip_0000.mp3" sampleRate="44100" start="0" end="$FRAMES" type="wavefile" file="$MP3" mainModel="true"/>
    <layer id="2" type="timeruler" name="Ruler" model="1"/>
    <layer id="3" type="waveform" name="Waveform" model="1" gain="1" showMeans="1" greyscale="0" channelMode="0" channel="-1" scale="0" aggressive="0" autoNormalize="0"/>
    <layer id="4" type="spectrogram" name="Spectrogram" model="1" channel="-1" windowSize="1024" windowHopLevel="2" gain="1" threshold="0" minFrequency="0" maxFrequency="0" colourScale="2" colourMap="0" colourRotation="0" frequencyScale="0" binDisplay="0"/>
  </data>
  <display>
    <window width="1600" height="1000"/>
    <view centre="0" zoom="1024" followPan="1" followZoom="1" tracking="page" type="pane" centreLineVisible="1" height="400">
      <layer id="2" type="timeruler" name="Ruler" model="1" visible="true"/>
      <layer id="3" type="waveform" name="Waveform" model="1" visible="true"/>
    </view>
    <view centre="0" zoom="1024" followPan="1" followZoom="1" tracking="page" type="pane" centreLineVisible="1" height="400">
      <layer id="4" type="spectrogram" name="Spectrogram" model="1" visible="true"/>
    </view>
  </display>
</sv>
EOF
bzip2 -c "$WORK/session.xml" > "$WORK/session.sv"
SVHOME=$WORK/svhome
mkdir -p "$SVHOME/.config/sonic-visualiser"
printf '[Preferences]\nnetwork-permission-4.5.1=false\n' \
  > "$SVHOME/.config/sonic-visualiser/Sonic Visualiser.conf"

# --- the screen -----------------------------------------------------------------------------
export DISPLAY=:$DISPLAY_NUM
XVFB_PID=
if ! xdpyinfo >/dev/null 2>&1; then
  Xvfb "$DISPLAY" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
  XVFB_PID=$!
  sleep 1
fi
APP_PID=
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true
}
trap cleanup EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# measure NAME LOG TITLE COMMAND... : prints "NAME window=MS settled=MS" (ms since launch);
# window = its first visible window (a splash screen counts), TITLE = a pattern of the main
# window's title, the window held at 1600 x 1000.
measure() {
  local name=$1 log=$2 title=$3; shift 3
  xdotool mousemove 1599 999 >/dev/null 2>&1 || true
  local t0; t0=$(now_ms)
  "$@" >"$log" 2>&1 &
  APP_PID=$!
  local appeared=""
  while [ -z "$appeared" ]; do
    if [ -n "$(xdotool search --onlyvisible --pid "$APP_PID" 2>/dev/null || true)" ]; then
      appeared=$(( $(now_ms) - t0 ))
    elif [ $(( $(now_ms) - t0 )) -gt 30000 ]; then
      echo "$name: no window" >&2; return 1
    else
      sleep 0.02
    fi
  done
  local last="" changed=$appeared now hash win
  while :; do
    # Programs size their main window themselves after mapping it: hold it at the screen's size.
    for win in $(xdotool search --onlyvisible --pid "$APP_PID" --name "$title" 2>/dev/null || true); do
      if ! xdotool getwindowgeometry "$win" 2>/dev/null | grep -q 'Geometry: 1600x1000'; then
        xdotool windowmove "$win" 0 0 windowsize "$win" 1600 1000 >/dev/null 2>&1 || true
      fi
    done
    hash=$(xwd -root -silent | md5sum)
    now=$(( $(now_ms) - t0 ))
    if [ "$hash" != "$last" ]; then last=$hash; changed=$now; fi
    [ $(( now - changed )) -ge "$QUIET_MS" ] && break
    [ "$now" -gt 60000 ] && { echo "$name: never settled" >&2; break; }
    sleep 0.05
  done
  xwd -root -silent > "$log.xwd"
  kill "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=
  sleep 0.5
  echo "$name window=$appeared settled=$changed"
}

echo "# $(date -u +%FT%TZ) commit $(git rev-parse --short HEAD) $(nproc) cores," \
     "load $(cut -d' ' -f1-3 /proc/loadavg), QUIET_MS=$QUIET_MS"
echo "# file $MP3 ($(du -h "$MP3" | cut -f1)), library track $TRACK of $LIB"
for run in $(seq "$RUNS"); do
  CFG=$WORK/cfg-file; rm -rf "$CFG"; mkdir -p "$CFG"
  measure "run$run timbre-workbench-file" "$WORK/wb-file.log" "Timbre Workbench" \
    env XDG_CONFIG_HOME="$CFG" TIMBRE_TIMING=1 TIMBRE_LANG=en "$WB" "$MP3"
  echo "run$run timbre-workbench-file self: $(grep -E '^(first-screen|settled) ' "$WORK/wb-file.log" | tr '\n' ' ')"

  CFG=$WORK/cfg-lib; rm -rf "$CFG"; mkdir -p "$CFG/Timbre Workbench"
  printf '[library]\nlast=%s\n\n[session]\nlastTrack=%s\nlastTrackLibrary=%s\n' "$LIB" "$TRACK" "$LIB" \
    > "$CFG/Timbre Workbench/timbre-workbench.conf"
  measure "run$run timbre-workbench-library-track" "$WORK/wb-lib.log" "Timbre Workbench" \
    env XDG_CONFIG_HOME="$CFG" TIMBRE_TIMING=1 TIMBRE_LANG=en "$WB"
  echo "run$run timbre-workbench-library-track self: $(grep -E '^(first-screen|settled) ' "$WORK/wb-lib.log" | tr '\n' ' ')"

  if [ "$HAVE_SV" = 1 ]; then
    measure "run$run sonic-visualiser" "$WORK/sv.log" "Sonic Visualiser" \
      env HOME="$SVHOME" XDG_CONFIG_HOME="$SVHOME/.config" sonic-visualiser "$WORK/session.sv"
  fi
done
