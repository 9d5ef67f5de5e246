#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Builds one feature folder (what `timbre train/evaluate --data` read) from the feature
folders of several corpora, with an explicit split: every clip of the --train corpora in
partitions/split01_train.csv, every clip of the --test corpus in split01_test.csv. Clip keys
get the corpus name as prefix ("fluid__clip_0001"); labels.csv and activity.csv are merged
the same way. Feature files are symlinked, not copied. The extractor.json that `timbre
features --write` leaves in each feature folder is carried over when every folder has the
same one (a head trained on the result then names that extractor); so are the folders'
levels.csv rows (each clip's instance levels, for `timbre evaluate`'s '+level' scores), with
the same prefixed keys.

usage: cnn_combine.py --out DIR --train NAME=FEATDIR:CORPUS ... --test NAME=FEATDIR:CORPUS
"""
import argparse
import csv
import os
import sys


def parse(spec):
    name, rest = spec.split('=', 1)
    feat, corpus = rest.split(':', 1)
    return name, feat, corpus


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', required=True)
    ap.add_argument('--train', action='append', default=[])
    ap.add_argument('--test', action='append', default=[])
    a = ap.parse_args()
    os.makedirs(os.path.join(a.out, 'partitions'), exist_ok=True)
    parts = {'train': [], 'test': []}
    with open(os.path.join(a.out, 'labels.csv'), 'w', newline='') as lf, \
            open(os.path.join(a.out, 'activity.csv'), 'w', newline='') as af:
        lw, aw = csv.writer(lf), csv.writer(af)
        lw.writerow(['clip', 'instrument', 'present'])
        aw.writerow(['clip', 'instrument', 'start', 'end'])
        for part, specs in (('train', a.train), ('test', a.test)):
            for spec in specs:
                name, feat, corpus = parse(spec)
                clips = set()
                for f in sorted(os.listdir(feat)):
                    if not f.endswith('.npy'):
                        continue
                    clip = f[:-4]
                    key = f'{name}__{clip}'
                    dst = os.path.join(a.out, key + '.npy')
                    if os.path.lexists(dst):
                        os.remove(dst)
                    os.symlink(os.path.abspath(os.path.join(feat, f)), dst)
                    clips.add(clip)
                    parts[part].append(key)
                with open(os.path.join(corpus, 'labels.csv')) as f:
                    for row in csv.DictReader(f):
                        if row['clip'] in clips:
                            lw.writerow([f"{name}__{row['clip']}", row['instrument'], row['present']])
                act = os.path.join(corpus, 'activity.csv')
                if os.path.exists(act):
                    with open(act) as f:
                        for row in csv.DictReader(f):
                            if row['clip'] in clips:
                                aw.writerow([f"{name}__{row['clip']}", row['instrument'],
                                             row['start'], row['end']])
    levels = []
    for spec in a.train + a.test:
        name, feat, _ = parse(spec)
        path = os.path.join(feat, 'levels.csv')
        if os.path.exists(path):
            with open(path) as f:
                levels += [(f"{name}__{row['clip']}", row['levels_db']) for row in csv.DictReader(f)]
    target = os.path.join(a.out, 'levels.csv')
    if levels:
        with open(target, 'w', newline='') as f:
            w = csv.writer(f)
            w.writerow(['clip', 'levels_db'])
            w.writerows(sorted(levels))
    elif os.path.exists(target):
        os.remove(target)
    extractors = set()
    for spec in a.train + a.test:
        path = os.path.join(parse(spec)[1], 'extractor.json')
        extractors.add(open(path).read() if os.path.exists(path) else None)
    target = os.path.join(a.out, 'extractor.json')
    if len(extractors) == 1 and None not in extractors:
        with open(target, 'w') as f:
            f.write(extractors.pop())
    elif os.path.exists(target):
        os.remove(target)
    for part, keys in parts.items():
        with open(os.path.join(a.out, 'partitions', f'split01_{part}.csv'), 'w') as f:
            f.write('sample_key\n')
            for k in keys:
                f.write(k + '\n')
    print(f"{a.out}: {len(parts['train'])} train clips, {len(parts['test'])} test clips",
          file=sys.stderr)


if __name__ == '__main__':
    main()
