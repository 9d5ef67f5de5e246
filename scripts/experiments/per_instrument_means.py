#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""How much of a clip AUROC rests on instruments with a handful of positive excerpts? Reads
`timbre evaluate --per-instrument` outputs, one group of seeds per head, and prints each
instrument's AUROC averaged over the seeds, then per group the mean over every instrument
(what `timbre evaluate` reports) and the mean over the instruments with at least --min
excerpts in each state (positive and negative: the support eval::aurocBySupport splits `timbre
evaluate`'s mean by), both mean ± population sd over the seeds (docs/RESULTS.md, "Below the
front end's 125 Hz, prototyped").

usage: per_instrument_means.py [--min 5] NAME=EVAL1,EVAL2,... NAME=..."""
import argparse
import re
import sys

import numpy as np

ROW = re.compile(r'(\S+)\s+n=(\d+) pos=(\d+) .*AUROC (\S+)')


def read(path):
    rows = {}
    with open(path) as f:
        for line in f:
            m = ROW.match(line)
            if m and m.group(4) != 'nan':  # (positives, support, AUROC)
                n, pos = int(m.group(2)), int(m.group(3))
                rows[m.group(1)] = (pos, min(pos, n - pos), float(m.group(4)))
    if not rows:
        sys.exit(f'{path}: no per-instrument rows (run `timbre evaluate --per-instrument`)')
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--min', type=int, default=5)
    ap.add_argument('groups', nargs='+')
    a = ap.parse_args()
    groups = []
    for g in a.groups:
        name, files = g.split('=', 1)
        groups.append((name, [read(f) for f in files.split(',')]))
    classes = sorted(groups[0][1][0])
    print('| instrument | positives | ' + ' | '.join(n for n, _ in groups) + ' |')
    print('|---|---|' + '---|' * len(groups))
    for k in classes:
        cells = [f'{np.mean([s[k][2] for s in seeds]):.1f}' for _, seeds in groups]
        print(f'| {k} | {groups[0][1][0][k][0]} | ' + ' | '.join(cells) + ' |')
    for name, seeds in groups:
        every = [np.mean([v for _, _, v in s.values()]) for s in seeds]
        many = [np.mean([v for _, n, v in s.values() if n >= a.min]) for s in seeds]
        sd = np.std  # population sd over the seeds, as localisation_rows.py writes it
        print(f'{name}: every instrument {np.mean(every):.2f} ± {sd(every):.2f}; '
              f'those with >= {a.min} clips in each state {np.mean(many):.2f} ± {sd(many):.2f}')


if __name__ == '__main__':
    main()
