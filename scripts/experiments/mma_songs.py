#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes N accompaniment songs as MIDI with Debian's `mma` (Musical MIDI Accompaniment):
each song a random groove of mma's standard library (759 grooves from 119 styles, written by
mma's authors, not by this project), a chord progression from a small pool in a random key,
tempo and length, sometimes switching to a second groove half way. The same seed writes the
same MIDI files (a song already in DIR is kept, so a larger N with the same seed only adds
songs). They are then rendered and labelled by `timbre midi-corpus` like any other
songs.

usage: mma_songs.py --out DIR --songs N --seed S
"""
import argparse
import glob
import os
import random
import re
import subprocess

PROGRESSIONS = [  # scale degrees as chord symbols relative to the tonic (major keys)
    ['I', 'vi', 'ii7', 'V7'], ['I', 'IV', 'V7', 'I'], ['I', 'V', 'vi', 'IV'],
    ['ii7', 'V7', 'Imaj7', 'Imaj7'], ['I', 'I', 'IV', 'IV', 'I', 'I', 'V7', 'V7'],
    ['I7', 'I7', 'I7', 'I7', 'IV7', 'IV7', 'I7', 'I7', 'V7', 'IV7', 'I7', 'V7'],
    ['vi', 'IV', 'I', 'V'], ['I', 'iii', 'IV', 'V'], ['Imaj7', 'vi7', 'ii7', 'V7'],
]
MINOR_PROGRESSIONS = [['i', 'iv', 'v', 'i'], ['i', 'VI', 'III', 'VII'], ['i', 'iv', 'VII', 'III'],
                      ['im7', 'iv7', 'v7', 'im7'], ['i', 'VII', 'VI', 'V7']]
NOTES = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B']
DEGREE = {'I': 0, 'II': 2, 'III': 4, 'IV': 5, 'V': 7, 'VI': 9, 'VII': 11}
MINOR_DEGREE = {'I': 0, 'II': 2, 'III': 3, 'IV': 5, 'V': 7, 'VI': 8, 'VII': 10}


def chord(symbol, tonic, minor):
    m = re.match(r'(i{1,3}|iv|v|vi{0,2}|I{1,3}|IV|V|VI{0,2})(.*)', symbol)
    roman, rest = m.group(1), m.group(2)
    table = MINOR_DEGREE if minor else DEGREE
    root = NOTES[(tonic + table[roman.upper()]) % 12]
    lower = roman.islower()
    if rest == 'maj7':
        return root + 'maj7'
    if rest == '7':
        return root + ('m7' if lower else '7')
    if rest == 'm7':
        return root + 'm7'
    return root + ('m' if lower else '')


def grooves():
    names = []
    for path in sorted(glob.glob('/usr/share/mma/lib/stdlib/*.mma')):
        for line in open(path, encoding='latin-1'):
            m = re.match(r'\s*DefGroove\s+(\S+)', line)
            if m and not re.search(r'intro|end|fill', m.group(1), re.I):
                names.append(m.group(1))
    return sorted(set(names))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', required=True)
    ap.add_argument('--songs', type=int, default=100)
    ap.add_argument('--seed', type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    names = grooves()
    os.makedirs(a.out, exist_ok=True)
    written = 0
    for n in range(a.songs):
        minor = rng.random() < 0.35
        prog = rng.choice(MINOR_PROGRESSIONS if minor else PROGRESSIONS)
        tonic = rng.randrange(12)
        bars = rng.choice([16, 24, 32])
        first = rng.choice(names)
        second = rng.choice(names) if rng.random() < 0.4 else None
        # mma randomises volumes, timing and skipped notes: seeded, a song is the same each run.
        lines = [f'RndSeed {a.seed * 100000 + n}', f'Tempo {rng.randint(72, 168)}',
                 f'Groove {first}']
        for bar in range(bars):
            if second and bar == bars // 2:
                lines.append(f'Groove {second}')
            lines.append(f'{bar + 1} {chord(prog[bar % len(prog)], tonic, minor)}')
        base = os.path.join(a.out, f'song_{n:04d}')
        if os.path.exists(base + '.mid'):  # an earlier run with this seed wrote the same song
            written += 1
            continue
        with open(base + '.mma', 'w') as f:
            f.write('\n'.join(lines) + '\n')
        r = subprocess.run(['mma', '-f', base + '.mid', base + '.mma'], capture_output=True,
                           text=True)
        if r.returncode == 0 and os.path.exists(base + '.mid'):
            written += 1
            os.remove(base + '.mma')
        else:
            print(f'{base}.mma: mma failed: {r.stdout[-200:]} {r.stderr[-200:]}')
    print(f'mma_songs: {written} of {a.songs} songs -> {a.out}')


if __name__ == '__main__':
    main()
