#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Two or more front ends side by side: writes, for every corpus folder of the first feature
root, each clip's instance features of every root concatenated along the feature axis
([10, 128] + [10, 128] -> [10, 256]), with the first root's levels.csv and an extractor.json
naming the parts. The heads of one_soundfont.sh then train on the concatenation (FEAT=OUT):
an ensemble of cnn front ends trained with different seeds (docs/RESULTS.md, "A fifth sample
set for the front end"). A clip missing from any root, or of another instance count, stops the
script with its name; nothing is written for a corpus that fails.

usage: concat_features.py --out OUT_ROOT ROOT1 ROOT2 [...] [--corpora NAME ...]"""
import argparse
import json
import os
import shutil
import sys

import numpy as np


def concat_corpus(name, roots, out):
    first = os.path.join(roots[0], name)
    target = os.path.join(out, name)
    if os.path.isfile(os.path.join(target, 'extractor.json')):
        return 0
    clips = sorted(f for f in os.listdir(first) if f.endswith('.npy'))
    tmp = target + '.tmp'
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    for clip in clips:
        parts = []
        for root in roots:
            path = os.path.join(root, name, clip)
            if not os.path.isfile(path):
                sys.exit(f'{path}: missing (every root needs the same clips)')
            parts.append(np.load(path))
        if len({p.shape[0] for p in parts}) != 1:
            sys.exit(f'{name}/{clip}: instance counts differ between roots '
                     f'({", ".join(str(p.shape[0]) for p in parts)})')
        np.save(os.path.join(tmp, clip), np.concatenate(parts, axis=1).astype(np.float32))
    levels = os.path.join(first, 'levels.csv')
    if os.path.isfile(levels):
        shutil.copy(levels, os.path.join(tmp, 'levels.csv'))
    infos = []
    for root in roots:
        with open(os.path.join(root, name, 'extractor.json')) as f:
            infos.append(json.load(f))
    info = {'dimension': int(sum(i['dimension'] for i in infos)),
            'id': '+'.join(str(i['id']) for i in infos),
            'version': 1, 'parts': infos}
    with open(os.path.join(tmp, 'extractor.json'), 'w') as f:
        json.dump(info, f, indent=4)
    shutil.rmtree(target, ignore_errors=True)
    os.rename(tmp, target)
    return len(clips)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--out', required=True)
    ap.add_argument('--corpora', nargs='*', help='corpus folders (default: all of ROOT1)')
    ap.add_argument('roots', nargs='+')
    a = ap.parse_args()
    if len(a.roots) < 2:
        sys.exit('give at least two feature roots')
    names = a.corpora or sorted(d for d in os.listdir(a.roots[0])
                                if os.path.isfile(os.path.join(a.roots[0], d, 'extractor.json')))
    os.makedirs(a.out, exist_ok=True)
    for name in names:
        n = concat_corpus(name, a.roots, a.out)
        print(f'{name}: {n} clips' if n else f'{name}: already there')


if __name__ == '__main__':
    main()
