#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What a within-track AUROC rests on (docs/RESULTS.md, "Overlapping instances, prototyped"),
from the score dumps of `within_track_proto.py --dump FILE` (one per seed: centre = the plain
grid's instance scores, smooth = the scores with the overlap, truth, names):

  within_support.py classes DUMP...    per class: clips where it both sounds and rests,
                                       (sounding, silent) pairs, AUROC plain / smooth, the
                                       change (mean over the dumps), as a Markdown table
  within_support.py bootstrap [--songs CORPUS.json] DUMP...
                                       class mean and pair-weighted figure, plain and
                                       smooth, over resamples of the clips (with
                                       replacement; the dumps' mean per resample): spread,
                                       95 % interval, and the paired smooth - plain change.
                                       --songs resamples whole songs instead (the clips of
                                       each song as `timbre midi-corpus` lists them), since
                                       the excerpts of one song are not independent

  --levels LEVELS.csv (before the subcommand's dumps, either subcommand): compare the overlap
                       scores ('plain' above) with the same scores moved by each instance's
                       level relative to its clip (docs/METHOD.md §10.7, weight 0.4 per dB;
                       'smooth' above); LEVELS.csv as `timbre features --write` leaves it for
                       the dumps' test corpus; --weight W another weight per dB

The within-track AUROC is `timbre evaluate`'s: per class, Mann-Whitney U and pairs summed over
the clips, then the mean over classes (or U and pairs summed over everything: pair-weighted).
"""
import csv
import json
import sys

import numpy as np


def per_class(scores, truth, clips):
    """[(U, pairs, clips used)] per class over the given clip indices (repeats count)."""
    out = []
    for c in range(truth.shape[2]):
        u = p = used = 0
        for i in clips:
            y, x = truth[i, :, c], scores[i, :, c]
            pos, neg = x[y > 0.5], x[y < 0.5]
            if len(pos) == 0 or len(neg) == 0:
                continue
            d = pos[:, None] - neg[None, :]
            u += (d > 0).sum() + 0.5 * (d == 0).sum()
            p += d.size
            used += 1
        out.append((u, p, used))
    return out


def figures(scores, truth, clips):
    rows = [r for r in per_class(scores, truth, clips) if r[1] > 0]
    return (100 * np.mean([u / p for u, p, _ in rows]),
            100 * sum(u for u, _, _ in rows) / sum(p for _, p, _ in rows))


def classes(dumps):
    names = dumps[0]['names']
    all_clips = range(dumps[0]['truth'].shape[0])
    plain = [per_class(d['centre'], d['truth'], all_clips) for d in dumps]
    smooth = [per_class(d['smooth'], d['truth'], all_clips) for d in dumps]
    print('| class | clips | pairs | plain | smooth | change |')
    print('|---|---|---|---|---|---|')
    order = sorted(range(len(names)), key=lambda c: -plain[0][c][1])
    for c in order:
        _, pairs, used = plain[0][c]
        if pairs == 0:
            continue
        a = np.mean([100 * r[c][0] / r[c][1] for r in plain])
        b = np.mean([100 * r[c][0] / r[c][1] for r in smooth])
        print(f'| {names[c]} | {used} | {int(pairs)} | {a:.1f} | {b:.1f} | {b - a:+.1f} |')


def song_groups(corpus_json, keys):
    """Clip indices per song: keys are "<corpus>__<clip>" as cnn_combine.py names them."""
    with open(corpus_json, encoding='utf-8') as f:
        songs = json.load(f)['songs']
    where = {str(k).split('__', 1)[-1]: i for i, k in enumerate(keys)}
    groups = [[where[c] for c in s['clips'] if c in where] for s in songs]
    return [g for g in groups if g]


def bootstrap(dumps, songs=None, resamples=300, seed=0):
    rng = np.random.default_rng(seed)
    n = dumps[0]['truth'].shape[0]
    groups = song_groups(songs, dumps[0]['keys']) if songs else [[i] for i in range(n)]
    print(f'resampling {len(groups)} {"songs" if songs else "clips"} ({n} clips)')
    res = []
    for _ in range(resamples):
        clips = [i for g in rng.integers(0, len(groups), len(groups)) for i in groups[g]]
        res.append(np.mean([figures(d['centre'], d['truth'], clips)
                            + figures(d['smooth'], d['truth'], clips) for d in dumps], 0))
    res = np.array(res)  # plain class, plain pair, smooth class, smooth pair
    for k, name in enumerate(['class mean, plain', 'pair-weighted, plain',
                              'class mean, smooth', 'pair-weighted, smooth']):
        v = res[:, k]
        print(f'{name}: sd {v.std():.2f}, 95 % {np.percentile(v, 2.5):.2f} - '
              f'{np.percentile(v, 97.5):.2f}')
    for k, name in ((0, 'class mean'), (1, 'pair-weighted')):
        d = res[:, k + 2] - res[:, k]
        print(f'smooth - plain, {name}: mean {d.mean():+.2f}, 95 % {np.percentile(d, 2.5):+.2f}'
              f' - {np.percentile(d, 97.5):+.2f}')


def level_blend(scores, levels, weight=0.4, floor=60.0):
    """inference::InstanceLevel::blend on [clips, T, classes] with levels [clips, T] (dB)."""
    lv = np.maximum(levels, levels.max(1, keepdims=True) - floor)
    rel = (lv - lv.mean(1, keepdims=True))[:, :, None]
    p = np.clip(scores.astype(np.float64), 1e-6, 1 - 1e-6)
    return 1 / (1 + np.exp(-(np.log(p / (1 - p)) + weight * rel)))


def with_levels(dump, levels_csv, weight=0.4):
    """The dump with 'centre' = its overlap scores and 'smooth' = those moved by the level."""
    with open(levels_csv, encoding='utf-8') as f:
        rows = {r['clip']: [float(v) for v in r['levels_db'].split()] for r in csv.DictReader(f)}
    t = dump['truth'].shape[1]
    levels = np.array([rows[str(k).split('__', 1)[-1]][:t] for k in dump['keys']])
    out = {k: dump[k] for k in dump.files}
    out['centre'] = dump['smooth']
    out['smooth'] = level_blend(dump['smooth'], levels, weight)
    return out


if __name__ == '__main__':
    args = sys.argv[1:]
    if len(args) < 2 or args[0] not in ('classes', 'bootstrap'):
        sys.exit(__doc__)
    songs = levels_csv = None
    weight = 0.4
    while len(args) > 2 and args[1] in ('--songs', '--levels', '--weight'):
        if args[1] == '--songs':
            songs = args[2]
        elif args[1] == '--levels':
            levels_csv = args[2]
        else:
            weight = float(args[2])
        args = [args[0]] + args[3:]
    loaded = [np.load(p) for p in args[1:]]
    if levels_csv:
        loaded = [with_levels(d, levels_csv, weight) for d in loaded]
    if args[0] == 'classes':
        classes(loaded)
    else:
        bootstrap(loaded, songs)
