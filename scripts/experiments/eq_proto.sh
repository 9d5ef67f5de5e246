#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Random equalisation of the training mixes, prototyped with ffmpeg before any C++ (issue 23,
# item 3; docs/RESULTS.md, "Random equalisation of the training clips, prototyped"): does a
# head trained on one SoundFont carry to another synthesiser better when its training clips
# also come with their spectrum bent? Every clip of one_soundfont.sh's FluidR3 synth corpus
# gets a second copy through a random low shelf (100-300 Hz), high shelf (2-6 kHz) and one
# peak (200-4000 Hz, one octave), gains drawn per clip within +-EQ_DB dB (seeded); the heads
# (`timbre train`, ATT, seeds SEEDS) train on the clips, their copies and the mma excerpts,
# and are tested as one_soundfont.sh tests (PHASE dev or test).
#   CNN_DATA=/work/cnn-data PHASE=dev bash scripts/experiments/eq_proto.sh
# AUG=pitch makes the copies another way instead: each clip played faster or slower by a random
# factor within +-PITCH semitones (seeded; pitch, tempo and every partial shift together, as
# a larger or smaller instrument would sound), in $DATA/corpus/fluid-1000-pitch<PITCH>.
# AUG=formant: each clip's spectral envelope moved by a random factor within +-FORMANT
# semitones, pitch and tempo kept (rubberband shifts pitch and tempo with the formants
# preserved, then the whole clip is played back slower or faster by the same factor: an
# instrument of another body with the same notes), in $DATA/corpus/fluid-1000-formant<FORMANT>.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${CNN_DATA:-build/cnn-data}
OUT=${OUT:-$DATA/eq-proto}
FEAT=${FEAT:-$DATA/features-cnn}
SEEDS=${SEEDS:-"1 2 3"}
THREADS=${THREADS:-2}
EQ_DB=${EQ_DB:-9}
AUG=${AUG:-eq}
PITCH=${PITCH:-2}
FORMANT=${FORMANT:-3}
PHASE=${PHASE:-dev}
BUILD_DIR=${BUILD_DIR:-build}
T="$BUILD_DIR/app/cli/timbre"
PY=${PY:-/usr/bin/python3}
# shellcheck source=scripts/experiments/song_corpora.sh
. scripts/experiments/song_corpora.sh
mkdir -p "$OUT"

synth_corpus fluid-1000 701 /usr/share/sounds/sf2/FluidR3_GM.sf2 1000
mma_corpus mma-fluid-250 250 201 /usr/share/sounds/sf2/FluidR3_GM.sf2
EQ_NAME="fluid-1000-eq$EQ_DB"
[ "$AUG" = pitch ] && EQ_NAME="fluid-1000-pitch$PITCH"
[ "$AUG" = formant ] && EQ_NAME="fluid-1000-formant$FORMANT" && PITCH=$FORMANT
if [ ! -d "$FEAT/$EQ_NAME" ]; then
  command -v ffmpeg >/dev/null || apt-get install -y -q ffmpeg >/dev/null
  src="$DATA/corpus/fluid-1000/mixes" dst="$DATA/corpus/$EQ_NAME/mixes"
  mkdir -p "$dst"
  "$PY" - "$src" "$dst" "$EQ_DB" "$AUG" "$PITCH" <<'PY'
import os, random, subprocess, sys
src, dst, db, aug, semis = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4], float(sys.argv[5])
rng = random.Random(901)
for f in sorted(os.listdir(src)):
    out = os.path.join(dst, os.path.splitext(f)[0] + '.wav')
    if aug in ('pitch', 'formant'):
        rate = int(subprocess.run(['ffprobe', '-v', 'error', '-select_streams', 'a:0', '-show_entries',
                                   'stream=sample_rate', '-of', 'csv=p=0', os.path.join(src, f)],
                                  capture_output=True, text=True, check=True).stdout.split()[0])
        factor = 2 ** (rng.uniform(-semis, semis) / 12)
        chain = f'asetrate={rate * factor:.0f},aresample={rate}'
        if aug == 'formant':
            chain = (f'rubberband=tempo={factor:.5f}:pitch={factor:.5f}:formant=preserved,'
                     f'asetrate={rate / factor:.0f},aresample={rate}')
    else:
        g = [rng.uniform(-db, db) for _ in range(3)]
        chain = (f'bass=g={g[0]:.2f}:f={rng.uniform(100, 300):.0f},'
                 f'treble=g={g[1]:.2f}:f={rng.uniform(2000, 6000):.0f},'
                 f'equalizer=f={rng.uniform(200, 4000):.0f}:t=o:w=1:g={g[2]:.2f}')
    if not os.path.exists(out):
        subprocess.run(['ffmpeg', '-nostdin', '-loglevel', 'error', '-i', os.path.join(src, f),
                        '-af', chain, '-c:a', 'pcm_f32le', out], check=True)
PY
  "$T" features "$dst" --extractor cnn --threads "$THREADS" --write "$FEAT/$EQ_NAME" | tail -n 1
fi
# The equalised copies keep their clips' labels and activity.
for f in labels.csv activity.csv; do
  ln -sf "$(realpath "$DATA/corpus/fluid-1000/$f")" "$DATA/corpus/$EQ_NAME/$f"
done
TRAIN=(fluid-1000 "$EQ_NAME" mma-fluid-250)

transfer_songs "$PHASE"
transfer_heads "$PHASE" evidence
