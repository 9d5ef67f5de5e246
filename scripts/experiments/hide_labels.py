#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Makes a feature-directory data set with part of the train labels hidden, for
scripts/experiments/demo_table.sh:

    hide_labels.py CORPUS OUT FRACTION [SEED]

CORPUS is a `timbre synth` folder with every label observed and `features/` written by
`timbre features --write`. OUT gets links to the feature files, copies of labels.csv and
activity.csv, partitions/split01_{train,test}.csv (25 % of the clips for test, drawn with SEED)
and mask.csv: in the train split round(FRACTION x cells) label cells drawn uniformly stay
observed, every test cell is observed.
"""
import csv
import os
import random
import shutil
import sys


def link_features(src, clips, out, key=lambda clip: clip):
    """Links each clip's src/<clip>.npy into out as <key(clip)>.npy (kept where it exists)."""
    for clip in clips:
        link = os.path.join(out, key(clip) + ".npy")
        if not os.path.lexists(link):
            os.symlink(os.path.abspath(os.path.join(src, clip + ".npy")), link)


def main(corpus, out, fraction, seed=0):
    rng = random.Random(seed)
    features = os.path.join(corpus, "features")
    os.makedirs(os.path.join(out, "partitions"), exist_ok=True)
    clips = sorted(f[:-4] for f in os.listdir(features) if f.endswith(".npy"))
    link_features(features, clips, out)
    for name in ("labels.csv", "activity.csv"):
        if os.path.exists(os.path.join(corpus, name)):
            shutil.copy(os.path.join(corpus, name), os.path.join(out, name))
    order = clips[:]
    rng.shuffle(order)
    test = set(order[: len(order) // 4])
    for part, keys in (("train", [c for c in clips if c not in test]), ("test", sorted(test))):
        with open(os.path.join(out, "partitions", f"split01_{part}.csv"), "w") as f:
            f.writelines(k + "\n" for k in keys)
    with open(os.path.join(corpus, "labels.csv")) as f:
        rows = [r for r in csv.reader(f) if r and r[0] != "clip"]
    # The corpus' labels name clips by their mix file; the features by the same stem.
    key = lambda clip: os.path.splitext(clip)[0]
    train_cells = [(r[0], r[1]) for r in rows if key(r[0]) not in test]
    keep = set(rng.sample(train_cells, round(fraction * len(train_cells))))
    with open(os.path.join(out, "mask.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["clip", "instrument", "observed"])
        for r in rows:
            observed = key(r[0]) in test or (r[0], r[1]) in keep
            w.writerow([r[0], r[1], 1 if observed else 0])
    print(f"{out}: {len(clips)} clips ({len(test)} test), {len(keep)} of {len(train_cells)} "
          f"train label cells observed")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]),
         int(sys.argv[4]) if len(sys.argv) > 4 else 0)
