#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Adds a combined feature folder's test clips to its training split once more, under new
keys and with every label cell unobserved (mask.csv), so that Mean Teacher's consistency
cost sees the target recordings without their labels (issue 23, item 3; docs/RESULTS.md).
The test split and its labels stay as they are; only the features of the test clips are
used for training, as AdaBN and zscore use them.

usage: unlabelled_target.py COMBINED OUT
"""
import csv
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hide_labels import link_features  # noqa: E402


def main(src, out):
    os.makedirs(os.path.join(out, "partitions"), exist_ok=True)
    read = lambda p: [l.strip() for l in open(os.path.join(src, "partitions", p)) if l.strip()]
    train, test = read("split01_train.csv"), read("split01_test.csv")
    header_train, train = train[0], train[1:]
    header_test, test = test[0], test[1:]
    link_features(src, [f[:-4] for f in os.listdir(src) if f.endswith(".npy")], out)
    unl = {k: "unlabelled__" + k for k in test}
    link_features(src, test, out, unl.get)
    for name in ("extractor.json", "activity.csv"):
        if os.path.exists(os.path.join(src, name)):
            shutil.copy(os.path.join(src, name), os.path.join(out, name))
    rows = list(csv.reader(open(os.path.join(src, "labels.csv"))))
    with open(os.path.join(out, "labels.csv"), "w", newline="") as fl, \
         open(os.path.join(out, "mask.csv"), "w", newline="") as fm:
        wl, wm = csv.writer(fl), csv.writer(fm)
        wl.writerow(rows[0]); wm.writerow(["clip", "instrument", "observed"])
        for r in rows[1:]:
            wl.writerow(r); wm.writerow([r[0], r[1], 1])
            if r[0] in unl:
                wl.writerow([unl[r[0]], r[1], 0]); wm.writerow([unl[r[0]], r[1], 0])
    with open(os.path.join(out, "partitions", "split01_train.csv"), "w") as f:
        f.writelines(k + "\n" for k in [header_train] + train + [unl[k] for k in test])
    with open(os.path.join(out, "partitions", "split01_test.csv"), "w") as f:
        f.writelines(k + "\n" for k in [header_test] + test)
    print(f"{out}: {len(train)} labelled + {len(unl)} unlabelled train clips, {len(test)} test")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
