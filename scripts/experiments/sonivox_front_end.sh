#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The one-SoundFont transfer (issue 23, item 3) with a front end that heard a fifth sample set:
# the starter recipe (scripts/starter_model.sh, seed SEED, 8 epochs) with, beside its four
# SoundFonts' synth and mma corpora, a synth corpus (seed 105) and an mma corpus (song seed
# 205) rendered by Sonivox EAS' built-in wavetable (core/datasets/generators/SonivoxRenderer).
# The FluidR3-only heads of one_soundfont.sh (1 000 synth clips + 250 mma songs, seeds 1-3) are
# then trained on its features and tested on each phase of PHASES (pair_front_end.sh), in
# $DATA/one-soundfont-sonivox5. Neither test renderer (MuseScore_General_Lite, TiMidity++ /
# freepats) is heard in training.
#   CNN_DATA=/work/cnn-data bash scripts/experiments/sonivox_front_end.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${CNN_DATA:-build/cnn-data}
SEED=${SEED:-1}
TAG=${TAG:-sonivox5}
CNN_OUT="$DATA/starter-$TAG"
if [ ! -f "$CNN_OUT/cnn.pt" ]; then
  CNN_DATA="$DATA" SONIVOX=1 INSTALL=0 SEED="$SEED" OUT="$CNN_OUT" bash scripts/starter_model.sh
fi
for phase in ${PHASES:-dev-npm test test-freedoom}; do
  CNN_DATA="$DATA" PHASE="$phase" bash scripts/experiments/pair_front_end.sh "$CNN_OUT/cnn.pt" "$TAG"
done
