#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Rebuilds the starter model (docs/METHOD.md §2.3) from nothing, with fixed seeds:
#   1. renders four training corpora of `timbre synth` clips, one per SoundFont from Debian's
#      packages (FluidR3, TimGM6mb, csound's sf_GMbank, OPL-3 FM), CLIPS clips each, and (MMA=1,
#      the default) four more from MMA_SONGS accompaniment songs each written with Debian's mma
#      (scripts/experiments/mma_songs.py, seeds 201-204), rendered and labelled by
#      `timbre midi-corpus` with the same four SoundFonts, 2 excerpts per song;
#   2. `timbre train-cnn`: decodes every mix once into VGGish log-mel patches (cached as
#      binary16 in each corpus), trains the CNN embedding end to end with the ATT head on the
#      weak clip labels (label-true augmentations available with AUGMENT=all or a list; off by
#      default, see docs/RESULTS.md), keeps the best validation epoch
#      (15 % of the training clips, seeded), exports the CNN as TorchScript and the ATT head
#      as a checkpoint;
#   3. installs them as resources/models/cnn-vN.pt and starter-att-cnn-vN.ckpt, N being
#      BuiltInCnn::kVersion (bump it first when the weights change, so that libraries keep the
#      old features apart), and records the weights' hash in core/features/BuiltInCnn.cpp
#      (rebuild afterwards).
# MuseScore_General is never rendered here: it is the test SoundFont of
# scripts/experiments/cnn_table.sh. Run time is printed at the end (docs/RESULTS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${CNN_DATA:-build/cnn-data}
CLIPS=${CLIPS:-500}
EPOCHS=${EPOCHS:-8}
THREADS=${THREADS:-2}
SEED=${SEED:-1}
AUGMENT=${AUGMENT:-none}
# Extra `timbre synth` options for the training corpora (--variants, --level-spread DB,
# --max-parts N); a CNN_DATA of its own per setting, as the corpora are reused when present.
SYNTH_ARGS=${SYNTH_ARGS:-}
MMA=${MMA:-1}
MMA_SONGS=${MMA_SONGS:-250}
# SONIVOX=1 adds a fifth sample set: a synth corpus (seed 105) and, with MMA=1, an mma corpus
# (song seed 205) rendered by Sonivox EAS' built-in wavetable (docs/RESULTS.md, "A fifth sample
# set for the front end"); not part of the shipped recipe. Give it its own OUT and INSTALL=0.
SONIVOX=${SONIVOX:-0}
# RECORDED=FILE.sf2 adds recordings of real instruments as one more sample set: a synth corpus
# (seed 106) and, with MMA=1, an mma corpus (song seed 206) rendered with the SoundFont that
# scripts/experiments/tonejs_soundfont.py writes (docs/RESULTS.md, "Recorded instruments");
# development only, never the shipped recipe. Give it its own OUT and INSTALL=0.
RECORDED=${RECORDED:-}
OUT=${OUT:-$DATA/starter}
INSTALL=${INSTALL:-1}
BUILD_DIR=${BUILD_DIR:-build}
T="$BUILD_DIR/app/cli/timbre"
SF2=/usr/share/sounds/sf2
bash scripts/install-deps.sh
[ -x "$T" ] || bash scripts/build.sh
start=$(date +%s)

render() { # name seed soundfont
  if [ ! -f "$DATA/corpus/$1/labels.csv" ]; then
    # shellcheck disable=SC2086
    "$T" synth --out "$DATA/corpus/$1" --clips "$CLIPS" --seed "$2" --soundfont "$3" --no-stems \
      --quiet $SYNTH_ARGS
  fi
}
render fluid 101 "$SF2/FluidR3_GM.sf2"
render timgm 102 "$SF2/TimGM6mb.sf2"
render gmbank 103 "$SF2/sf_GMbank.sf2"
render opl3 104 "$SF2/OPL-3_FM_128M.sf2"
tags=(fluid timgm gmbank opl3)
if [ "$SONIVOX" = 1 ]; then
  render sonivox 105 sonivox
  tags+=(sonivox)
fi
if [ -n "$RECORDED" ]; then
  [ -f "$RECORDED" ] || { echo "starter_model: $RECORDED: no such SoundFont" >&2; exit 1; }
  render recorded 106 "$RECORDED"
  tags+=(recorded)
fi
corpora=()
for c in "${tags[@]}"; do corpora+=(--corpus "$DATA/corpus/$c"); done

render_mma() { # name song-seed soundfont
  if [ ! -f "$DATA/corpus/mma-$1/labels.csv" ]; then
    python3 scripts/experiments/mma_songs.py --out "$DATA/mma-songs/$1" --songs "$MMA_SONGS" --seed "$2"
    "$T" midi-corpus "$DATA/mma-songs/$1" --out "$DATA/corpus/mma-$1" --soundfont "$3" \
      --per-song 2 --no-stems --quiet
  fi
}
if [ "$MMA" = 1 ]; then
  command -v mma >/dev/null || apt-get install -y -q mma
  render_mma fluid 201 "$SF2/FluidR3_GM.sf2"
  render_mma timgm 202 "$SF2/TimGM6mb.sf2"
  render_mma gmbank 203 "$SF2/sf_GMbank.sf2"
  render_mma opl3 204 "$SF2/OPL-3_FM_128M.sf2"
  if [ "$SONIVOX" = 1 ]; then render_mma sonivox 205 sonivox; fi
  if [ -n "$RECORDED" ]; then render_mma recorded 206 "$RECORDED"; fi
  for c in "${tags[@]}"; do corpora+=(--corpus "$DATA/corpus/mma-$c"); done
fi
rendered=$(date +%s)

"$T" train-cnn "${corpora[@]}" \
  --out "$OUT" --epochs "$EPOCHS" --seed "$SEED" --threads "$THREADS" --augment "$AUGMENT"
trained=$(date +%s)

if [ "$INSTALL" = 1 ]; then
  V=$(sed -n 's/.*kVersion = \([0-9]*\);.*/\1/p' core/features/BuiltInCnn.h)
  install -m 644 "$OUT/cnn.pt" "resources/models/cnn-v$V.pt"
  install -m 644 "$OUT/head.ckpt" "resources/models/starter-att-cnn-v$V.ckpt"
  hash=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["cnn_pt_xxh64"])' "$OUT/summary.json")
  sed -i "/QString BuiltInCnn::weightsHash()/,/^}/ s/QStringLiteral(\"[0-9a-f]*\")/QStringLiteral(\"$hash\")/" \
    core/features/BuiltInCnn.cpp
  echo "starter_model: installed resources/models/cnn-v$V.pt (xxh64 $hash) and starter-att-cnn-v$V.ckpt;"
  echo "starter_model: rebuild (cmake --build $BUILD_DIR) to compile them in"
fi
echo "starter_model: render $((rendered - start)) s, patches + training $((trained - rendered)) s," \
     "total $((trained - start)) s"
