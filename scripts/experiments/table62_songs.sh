#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The song half of docs/RESULTS.md's Table 6.2 of our own: every model kind of the thesis
# trained (its defaults, seeds 1-3) on the cnn features of instance_loss.sh's training corpora
# (synth clips whose parts rest, four SoundFonts) and tested on the openmsx songs
# (MuseScore_General_Lite). Needs instance_loss.sh's PHASE=test combined folder.
#   CNN_DATA=/work/cnn-data bash scripts/experiments/table62_songs.sh
set -u
cd "$(dirname "$0")/../.."
T=${BUILD_DIR:-build}/app/cli/timbre
DATA=${CNN_DATA:-build/cnn-data}
D=$DATA/instance-loss/combined-midi-openmsx
O=${OUT:-$DATA/table62-songs}
mkdir -p $O
echo "model,seed,f1,auroc,seconds" > $O/results.csv
for M in att mt fct fc rnn dgm rf; do
  for S in 1 2 3; do
    CK=$O/$M-$S.ckpt
    t0=$(date +%s)
    [ -f $CK ] || $T train --model $M --data $D --out $CK --seed $S --threads 2 --quiet > $CK.log 2>&1 || { echo "$M $S failed"; tail -3 $CK.log; continue; }
    t1=$(date +%s)
    cp $CK $O/eval.ckpt
    $T evaluate --model $O/eval.ckpt --data $D --threads 2 > $CK.eval.txt 2>&1
    line=$(grep "test (threshold 0.5)" $CK.eval.txt)
    f1=$(echo "$line" | sed -n 's/.*F1 \([0-9.]*\).*/\1/p'); au=$(echo "$line" | sed -n 's/.*AUROC \([0-9.]*\).*/\1/p')
    echo "$M,$S,$f1,$au,$((t1-t0))" >> $O/results.csv
    tail -1 $O/results.csv
  done
done
echo done
