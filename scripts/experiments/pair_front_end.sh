#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The one-SoundFont transfer (issue 23, item 3; one_soundfont.sh) with another cnn front end:
# a TorchScript module such as pair_finetune_proto.py or sonivox_front_end.sh writes. It is
# registered as extractor TAG in its own library, every corpus' features are extracted with it
# into $DATA/features-TAG, and the heads of one_soundfont.sh (FluidR3 synth clips + MMA_SONGS
# mma songs, seeds SEEDS) are trained and tested on PHASE's songs in $DATA/one-soundfont-TAG.
#   CNN_DATA=/work/cnn-data PHASE=dev-npm bash scripts/experiments/pair_front_end.sh new.pt TAG
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -eq 2 ] || { echo "usage: $0 CNN.pt TAG" >&2; exit 2; }
DATA=${CNN_DATA:-build/cnn-data}
BUILD_DIR=${BUILD_DIR:-build}
LIB="$DATA/front-ends/$2"
if [ ! -d "$LIB/extractors" ]; then
  mkdir -p "$LIB"
  "$BUILD_DIR/app/cli/timbre" extractors "$LIB" --add-torchscript "$1" --id "$2"
fi
EXTRACTOR="$2" EXTRACTOR_LIBRARY="$LIB" FEAT="$DATA/features-$2" OUT="$DATA/one-soundfont-$2" \
  MMA_SONGS=${MMA_SONGS:-250} bash scripts/experiments/one_soundfont.sh
