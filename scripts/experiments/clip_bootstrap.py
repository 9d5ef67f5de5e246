#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""How much a clip AUROC (mean over classes, as `timbre evaluate` reports it) moves with the
choice of test songs (docs/RESULTS.md, "Statistics of the target recordings, prototyped"):
300 resamples with replacement of the songs of CORPUS.json (the clips of each as `timbre
midi-corpus` lists them), on the dumps of `adabn_proto.py --dump` (one per seed, averaged per
resample). Prints, per scoring in the dumps (plain, adabn), the spread and 95 % interval.
usage: clip_bootstrap.py CORPUS.json DUMP..."""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'bench'))
import twin_pytorch as tp  # noqa: E402
from within_support import song_groups  # noqa: E402


def clip_auroc(q, y, o, clips):
    return 100 * tp.evaluate(q[clips], y[clips], o[clips])[0]['auroc']


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    dumps = [np.load(p) for p in sys.argv[2:]]
    groups = song_groups(sys.argv[1], dumps[0]['keys'])
    rng = np.random.default_rng(0)
    for name in ('plain', 'adabn'):
        full = np.mean([clip_auroc(d[name], d['labels'], d['observed'],
                                   np.arange(len(d['keys']))) for d in dumps])
        res = []
        for _ in range(300):
            clips = np.array([i for g in rng.integers(0, len(groups), len(groups))
                              for i in groups[g]])
            res.append(np.mean([clip_auroc(d[name], d['labels'], d['observed'], clips)
                                for d in dumps]))
        res = np.array(res)
        print(f'{name}: {full:.2f} on all {len(groups)} songs; sd over song resamples '
              f'{res.std():.2f}, 95 % {np.percentile(res, 2.5):.2f} - '
              f'{np.percentile(res, 97.5):.2f}')


if __name__ == '__main__':
    main()
