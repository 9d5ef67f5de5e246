#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the music of Doom WAD files as MIDI files: every lump named D_* that is a Standard
MIDI File (Freedoom's music is stored as MIDI; the original game's MUS lumps are skipped and
counted). A lump whose bytes another one already wrote is skipped, so a song the two Freedoom
games share is kept once. Used for the second test set of songs other people wrote
(song_corpora.sh, fetch_freedoom_songs; docs/RESULTS.md).
usage: wad_midi.py --out DIR WAD [WAD ...]"""
import argparse
import hashlib
import os
import struct
import sys


def lumps(path):
    """(name, bytes) of every lump in a WAD file, in directory order."""
    with open(path, 'rb') as f:
        data = f.read()
    if len(data) < 12 or data[:4] not in (b'IWAD', b'PWAD'):
        sys.exit(f'{path}: not a WAD file')
    count, table = struct.unpack('<ii', data[4:12])
    if table < 0 or count < 0 or table + 16 * count > len(data):
        sys.exit(f'{path}: its lump directory lies outside the file')
    for i in range(count):
        pos, size, name = struct.unpack('<ii8s', data[table + 16 * i:table + 16 * i + 16])
        if pos < 0 or size < 0 or pos + size > len(data):
            sys.exit(f'{path}: lump {i} lies outside the file')
        yield name.split(b'\0')[0].decode('latin1'), data[pos:pos + size]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', required=True)
    ap.add_argument('wads', nargs='+')
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    seen, written, mus = set(), 0, 0
    for wad in a.wads:
        tag = os.path.splitext(os.path.basename(wad))[0]
        for name, data in lumps(wad):
            if not name.startswith('D_'):
                continue
            if data[:4] != b'MThd':
                mus += 1
                continue
            digest = hashlib.sha256(data).hexdigest()
            if digest in seen:
                continue
            seen.add(digest)
            with open(os.path.join(a.out, f'{tag}_{name}.mid'), 'wb') as f:
                f.write(data)
            written += 1
    print(f'{written} MIDI songs written to {a.out} ({mus} non-MIDI music lumps skipped)')


if __name__ == '__main__':
    main()
