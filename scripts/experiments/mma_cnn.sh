#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Does the CNN front end (docs/METHOD.md §2.3) generalise better to songs when it also trains on
# arranged accompaniments written by others? Trains the CNN by scripts/starter_model.sh's recipe
# with MMA=1 (its four synth corpora plus 4 x SONGS songs written with Debian's mma,
# scripts/experiments/mma_songs.py, each set rendered with one training SoundFont by
# `timbre midi-corpus`) for each seed in SEEDS, and scores ATT / MT heads (head seed 1) on
# TEST_CORPUS (default midi-dev, the Planet Blupi development set of docs/RESULTS.md) with
# cnn_table.sh.
#   CNN_DATA=/work/cnn-data SEEDS="1 2" bash scripts/experiments/mma_cnn.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${CNN_DATA:-build/cnn-data}
SONGS=${SONGS:-250}
EPOCHS=${EPOCHS:-8}
TEST_CORPUS=${TEST_CORPUS:-midi-dev}
for s in ${SEEDS:-1}; do
  CNN="$DATA/cnn-mma-seed$s"
  if [ ! -f "$CNN/summary.json" ]; then
    # The starter's recipe (its synth corpora plus the mma corpora, MMA=1), not installed.
    CNN_DATA="$DATA" SEED=$s INSTALL=0 MMA=1 MMA_SONGS="$SONGS" EPOCHS="$EPOCHS" OUT="$CNN" \
      THREADS=2 bash scripts/starter_model.sh > "$CNN.log" 2>&1
  fi
  CNN_DATA="$DATA" CNN="$CNN" EXTRACTORS=cnn MODELS="att mt" SEEDS=1 TEST_CORPUS="$TEST_CORPUS" \
    REUSE=1 OUT="$DATA/table-mma-seed$s" \
    TRAIN_CORPORA="fluid timgm gmbank opl3 mma-fluid mma-timgm mma-gmbank mma-opl3" \
    bash scripts/experiments/cnn_table.sh
done
