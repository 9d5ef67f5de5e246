#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""PyTorch twin of the C++ trainers for the quality side by side (docs/RESULTS.md, "Parity
with PyTorch").

Trains one model (att, fct, fct-plain, fc, rnn or mt) the way a PyTorch user would write it -- PyTorch's
default initialisation and stock modules (nn.Linear, nn.BatchNorm1d, F.dropout) -- with the
architecture, loss, optimiser, batch and learning rate of the C++ trainers (see
docs/METHOD.md §3 to §6, §10), on an OpenMIC-2018-layout folder
(openmic-2018.npz, partitions/split01_{train,test}.csv, class-map.json; the layout that
core/datasets/OpenMicDataset.cpp reads) or a feature folder (<clip>.npy [instances x dim],
labels.csv, partitions/; what `timbre features --write` and cnn_combine.py make and
core/datasets/trainsets/FeatureDirectory.cpp reads, with every bag the same length), and writes a JSON report shaped like the one of
`timbre train --report`. No validation hold-out: the model of the last epoch is tested
(Mean Teacher: the teacher).

    OMP_NUM_THREADS=2 python3 scripts/bench/twin_pytorch.py --data DIR --model att \\
        --epochs 100 --seed 1 --threads 2 --test-every-epoch --out /tmp/py_att_s1.json
    python3 scripts/bench/twin_pytorch.py --selftest     # check the metric functions

Options: --lr (default 5e-4; 1e-3 for mt), --batch (128), --lr-halving N (halve the learning
rate every N epochs; default 30 for mt, 0 = constant otherwise), --consistency-weight B (mt,
default 3), --ramp-epochs N (mt consistency ramp-up, default 100), --split (split01).
Metrics are fractions 0..1 in the JSON; the epoch line prints AUROC in percent.
"""
import argparse
import copy
import csv
import json
import math
import os
import statistics
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

# ----------------------------------------------------------------------------------------------
# Metrics (numpy), matching core/eval/BinaryMetrics.cpp and MultiLabelEvaluator.cpp


def two_class_scores(scores, positive, threshold=0.5):
    """Precision, recall and F1 of the positive and of the negative class, macro-averaged over
    the classes that occur in the truth or in the predictions (scikit-learn's
    precision_recall_fscore_support(average='macro'), zero_division=0). NaN when empty."""
    scores = np.asarray(scores, dtype=np.float32)
    positive = np.asarray(positive).astype(bool)
    if scores.size == 0:
        return math.nan, math.nan, math.nan
    predicted = scores.astype(np.float64) >= threshold
    tp = int(np.sum(positive & predicted))
    fn = int(np.sum(positive & ~predicted))
    fp = int(np.sum(~positive & predicted))
    tn = int(np.sum(~positive & ~predicted))

    def ratio(a, b):
        return a / b if b > 0 else 0.0

    def harmonic(p, r):
        return 2 * p * r / (p + r) if p + r > 0 else 0.0

    pp, rp = ratio(tp, tp + fp), ratio(tp, tp + fn)
    pn, rn = ratio(tn, tn + fn), ratio(tn, tn + fp)
    parts = []
    if tp + fn > 0 or tp + fp > 0:
        parts.append((pp, rp, harmonic(pp, rp)))
    if tn + fp > 0 or tn + fn > 0:
        parts.append((pn, rn, harmonic(pn, rn)))
    return tuple(sum(p[i] for p in parts) / len(parts) for i in range(3))


def _rank_key(scores):
    s = np.asarray(scores, dtype=np.float32).astype(np.float64)
    return np.where(np.isnan(s), -np.inf, s)  # NaN ranks below everything (as in C++)


def auroc(scores, positive):
    """Mann-Whitney U / (n+ n-) with average ranks for ties; NaN without both classes."""
    key = _rank_key(scores)
    positive = np.asarray(positive).astype(bool)
    n_pos = int(positive.sum())
    n_neg = positive.size - n_pos
    if n_pos == 0 or n_neg == 0:
        return math.nan
    order = np.argsort(key, kind="mergesort")
    sorted_key = key[order]
    # Groups of equal scores: each gets the average of the 1-based ranks it spans.
    starts = np.r_[0, np.flatnonzero(np.diff(sorted_key) != 0) + 1]
    ends = np.r_[starts[1:], sorted_key.size]
    avg = 0.5 * (starts + 1 + ends)
    ranks = np.empty(sorted_key.size)
    ranks[order] = np.repeat(avg, ends - starts)
    u = ranks[positive].sum() - n_pos * (n_pos + 1) / 2.0
    return float(u / (n_pos * n_neg))


def average_precision(scores, positive):
    """scikit-learn's average_precision_score: sum over distinct thresholds (tied scores form
    one) of (R_k - R_{k-1}) P_k; NaN without positives."""
    key = _rank_key(scores)
    positive = np.asarray(positive).astype(bool)
    total = int(positive.sum())
    if total == 0:
        return math.nan
    order = np.argsort(-key, kind="mergesort")
    sorted_key = key[order]
    tp = np.cumsum(positive[order])
    # Last index of each group of equal scores.
    last = np.r_[np.flatnonzero(np.diff(sorted_key) != 0), sorted_key.size - 1]
    tp_at = tp[last].astype(np.float64)
    precision = tp_at / (last + 1)
    recall = tp_at / total
    previous = np.r_[0.0, recall[:-1]]
    return float(np.sum((recall - previous) * precision))


def _mean_finite(values):
    finite = [v for v in values if v is not None and math.isfinite(v)]
    return sum(finite) / len(finite) if finite else math.nan


def evaluate(scores, labels, observed, class_names=None, threshold=0.5):
    """Per class over the observed labels only; overall = mean over classes of finite values."""
    per_class = []
    for c in range(scores.shape[1]):
        o = observed[:, c].astype(bool)
        s = scores[o, c]
        y = labels[o, c] >= 0.5
        p, r, f = two_class_scores(s, y, threshold)
        per_class.append({
            "name": class_names[c] if class_names else f"class{c}",
            "observed": int(o.sum()), "positives": int(y.sum()),
            "precision": p, "recall": r, "f1": f,
            "auroc": auroc(s, y), "ap": average_precision(s, y)})
    overall = {
        "precision": _mean_finite([m["precision"] for m in per_class]),
        "recall": _mean_finite([m["recall"] for m in per_class]),
        "f1": _mean_finite([m["f1"] for m in per_class]),
        "auroc": _mean_finite([m["auroc"] for m in per_class]),
        "mAP": _mean_finite([m["ap"] for m in per_class]),
        "bags": int(scores.shape[0]),
        "observed_labels": int(observed.astype(bool).sum()),
    }
    return overall, per_class


def selftest():
    failures = []

    def check(name, got, want, tol=1e-9):
        ok = (math.isnan(want) and math.isnan(got)) or abs(got - want) <= tol
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {got!r} (want {want!r})")
        if not ok:
            failures.append(name)

    s, y = [0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]
    check("auroc basic", auroc(s, y), 0.75)
    check("ap basic", average_precision(s, y), 5 / 6)
    # Ties: positives {0.5, 0.5}, negatives {0.5, 0.2}: pairs 1 + 1 + 0.5 + 0.5 = 3 of 4.
    s, y = [0.5, 0.5, 0.5, 0.2], [1, 1, 0, 0]
    check("auroc ties", auroc(s, y), 0.75)
    # One threshold at 0.5 takes 3 bags with 2 positives: R 1, P 2/3.
    check("ap ties", average_precision(s, y), 2 / 3)
    check("auroc one class", auroc([0.2, 0.3], [1, 1]), math.nan)
    check("ap no positives", average_precision([0.2, 0.3], [0, 0]), math.nan)
    check("auroc perfect", auroc([0.9, 0.8, 0.1], [1, 1, 0]), 1.0)
    check("ap scattered", average_precision([0.9, 0.8, 0.7, 0.6], [1, 0, 1, 0]),
          0.5 * 1.0 + 0.5 * (2 / 3))
    # Threshold 0.5 on [0.1, 0.4, 0.35, 0.8] vs [0, 0, 1, 1]: tp 1, fn 1, fp 0, tn 2.
    # Positive P 1, R 0.5, F1 2/3; negative P 2/3, R 1, F1 0.8.
    p, r, f = two_class_scores([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])
    check("precision", p, (1 + 2 / 3) / 2)
    check("recall", r, (0.5 + 1) / 2)
    check("f1", f, (2 / 3 + 0.8) / 2)
    # Only negatives in truth and predictions: the positive class takes no part.
    p, r, f = two_class_scores([0.1, 0.2], [0, 0])
    check("f1 negatives only", f, 1.0)
    # Only negatives in truth, one positive call: both classes take part; positive scores 0.
    p, r, f = two_class_scores([0.7, 0.2], [0, 0])
    check("precision one false call", p, (0.0 + 1.0) / 2)
    check("recall one false call", r, (0.0 + 0.5) / 2)
    check("f1 one false call", f, (0.0 + 2 / 3) / 2)
    check("threshold inclusive", two_class_scores([0.5], [1])[2], 1.0)
    check("empty", two_class_scores([], [])[2], math.nan)
    # evaluate(): class 1 has no observed label and drops out of the means.
    scores = np.array([[0.1, 0.9], [0.4, 0.9], [0.35, 0.9], [0.8, 0.9]], dtype=np.float32)
    labels = np.array([[0, 1], [0, 1], [1, 1], [1, 1]], dtype=np.float32)
    observed = np.array([[1, 0]] * 4, dtype=bool)
    overall, _ = evaluate(scores, labels, observed)
    check("evaluate auroc", overall["auroc"], 0.75)
    check("evaluate mAP", overall["mAP"], 5 / 6)
    check("evaluate f1", overall["f1"], (2 / 3 + 0.8) / 2)
    # Against brute force on random data with ties.
    rng = np.random.default_rng(0)
    for trial in range(20):
        n = int(rng.integers(2, 40))
        s = (rng.integers(0, 6, n) / 5.0).astype(np.float32)
        y = rng.integers(0, 2, n).astype(bool)
        if y.all() or not y.any():
            continue
        pos, neg = s[y], s[~y]
        brute = np.mean([(a > b) + 0.5 * (a == b) for a in pos for b in neg])
        check(f"auroc brute {trial}", auroc(s, y), float(brute), 1e-12)
        ap = 0.0
        prev = 0.0
        for t in sorted(set(s.tolist()), reverse=True):
            sel = s >= t
            rec = (sel & y).sum() / y.sum()
            ap += (rec - prev) * (sel & y).sum() / sel.sum()
            prev = rec
        check(f"ap brute {trial}", average_precision(s, y), float(ap), 1e-12)
    print("selftest", "FAILED: " + ", ".join(failures) if failures else "passed")
    return 1 if failures else 0


# ----------------------------------------------------------------------------------------------
# Data


def read_partition(path):
    keys = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            key = line.strip().split(",", 1)[0].strip()
            if key and key != "sample_key":
                keys.append(key)
    return keys


def load_openmic(folder, split="split01"):
    npz = np.load(os.path.join(folder, "openmic-2018.npz"), allow_pickle=False)
    x = npz["X"]
    x = x.astype(np.float32) / 255.0 if x.dtype == np.uint8 else x.astype(np.float32)
    labels = (npz["Y_true"] >= 0.5).astype(np.float32)
    observed = npz["Y_mask"].astype(bool)
    keys = [k.decode() if isinstance(k, bytes) else str(k) for k in npz["sample_key"]]
    with open(os.path.join(folder, "class-map.json"), encoding="utf-8") as f:
        class_map = json.load(f)
    names = [None] * len(class_map)
    for name, index in class_map.items():
        names[int(index)] = name
    if x.ndim != 3 or labels.shape != observed.shape or labels.shape[1] != len(names):
        sys.exit(f"{folder}: X {x.shape}, Y_true {labels.shape}, Y_mask {observed.shape}, "
                 f"{len(names)} classes do not fit together")
    row_of = {k: i for i, k in enumerate(keys)}
    seen = set()
    parts = {}
    for part in ("train", "test"):
        path = os.path.join(folder, "partitions", f"{split}_{part}.csv")
        rows = []
        for key in read_partition(path):
            if key not in row_of:
                sys.exit(f"{path}: sample_key '{key}' is not in openmic-2018.npz")
            if key in seen:
                sys.exit(f"{path}: sample_key '{key}' is listed twice or in both partitions")
            seen.add(key)
            rows.append(row_of[key])
        rows = np.asarray(rows, dtype=np.int64)
        parts[part] = (x[rows], labels[rows], observed[rows].astype(np.float32))
    return parts, names


# The OpenMIC-2018 taxonomy in core/util/OpenMicClasses' order: a feature folder's classes are
# these, then any other instrument of labels.csv in order of first appearance (as in C++).
# tests/core/util/OpenMicClasses_test holds this list to the C++ one.
OPENMIC_CLASSES = ["accordion", "banjo", "bass", "cello", "clarinet", "cymbals", "drums",
                   "flute", "guitar", "mallet_percussion", "mandolin", "organ", "piano",
                   "saxophone", "synthesizer", "trombone", "trumpet", "ukulele", "violin",
                   "voice"]


INSTANCE_SECONDS = 0.96  # one instance (a VGGish patch: 96 hops of 10 ms)
ACTIVE_SHARE = 0.1  # core/datasets/trainsets/InstanceActivity::kDefaultOverlap


def activity_truth(path, index, instances, names, hop=INSTANCE_SECONDS, offset=0.0):
    """Strong labels [clips, instances, classes] from an activity.csv (clip,instrument,start,
    end) as docs/METHOD.md §5.4 states them: instance i covers [i, i + 1) x 0.96 s and carries
    an instrument whose regions cover more than 10 % of it. index maps clip -> row; rows of
    other clips or instruments, and unusable rows, are left out. A grid of overlapping or
    shifted instances starts instance i at offset + i * hop (each still 0.96 s long)."""
    covered = np.zeros((len(index), instances, len(names)))
    starts = offset + np.arange(instances) * hop
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            try:
                a, b = float(row["start"]), float(row["end"])
            except ValueError:
                continue
            if row["clip"] not in index or row["instrument"] not in names or not b > a:
                continue
            overlap = np.clip(np.minimum(starts + INSTANCE_SECONDS, b) - np.maximum(starts, a),
                              0, None)
            covered[index[row["clip"]], :, names.index(row["instrument"])] += overlap
    return (covered > ACTIVE_SHARE * INSTANCE_SECONDS).astype(np.float32)


def find_beside(folder, name):
    for where in (folder, os.path.dirname(os.path.abspath(folder))):
        path = os.path.join(where, name)
        if os.path.exists(path):
            return path
    return None


def load_feature_folder(folder, split="split01"):
    """A feature folder as FeatureDirectory reads it: present 1/0, "", "?", "unknown" or -1
    unknown, an optional 4th column 0 hiding the label; a class without a row is unobserved.
    The split comes from partitions/ (no hash split here)."""
    labels_path = find_beside(folder, "labels.csv")
    if not labels_path:
        sys.exit(f"{folder}: no labels.csv in the folder or its parent")
    names = list(OPENMIC_CLASSES)
    cells = {}
    with open(labels_path, encoding="utf-8") as f:
        for line in f:
            row = [c.strip() for c in line.strip().split(",")]
            if len(row) < 3 or row[0] == "clip":
                continue
            clip, instrument, value = row[0], row[1], row[2].lower()
            if instrument not in names:
                names.append(instrument)
            known = value not in ("", "?", "unknown", "-1") and not (len(row) > 3 and row[3] == "0")
            cells[(clip, instrument)] = (1.0 if known and float(value) >= 0.5 else 0.0, known)
    parts = {}
    length = None
    for part in ("train", "test"):
        path = os.path.join(folder, "partitions", f"{split}_{part}.csv")
        xs, ys, os_ = [], [], []
        for key in read_partition(path):
            npy = os.path.join(folder, key + ".npy")
            if not os.path.exists(npy):
                continue  # FeatureDirectory skips such a clip with a warning
            x = np.load(npy).astype(np.float32)
            if length is None:
                length = x.shape[0]
            if x.shape[0] != length:
                sys.exit(f"{npy}: {x.shape[0]} instances, other bags {length}; the twin needs "
                         "bags of one length")
            xs.append(x)
            ys.append([cells.get((key, n), (0.0, False))[0] for n in names])
            os_.append([1.0 if cells.get((key, n), (0.0, False))[1] else 0.0 for n in names])
        parts[part] = (np.stack(xs), np.asarray(ys, dtype=np.float32),
                       np.asarray(os_, dtype=np.float32))
    return parts, names


def load_data(folder, split="split01"):
    if os.path.exists(os.path.join(folder, "openmic-2018.npz")):
        return load_openmic(folder, split)
    return load_feature_folder(folder, split)


# ----------------------------------------------------------------------------------------------
# Models (stock PyTorch modules, default initialisation)


class Att(nn.Module):
    """ATT (Sec. 3.2.2 + the author's code): BN on the input, 3 x (bias-free Linear, BN, ReLU,
    dropout), skip from the input, sigmoid instance and attention heads."""

    def __init__(self, dim, classes, hidden=128, dropout=0.6):
        super().__init__()
        self.input_norm = nn.BatchNorm1d(dim)
        self.layers = nn.ModuleList(
            [nn.Linear(dim if i == 0 else hidden, hidden, bias=False) for i in range(3)])
        self.norms = nn.ModuleList([nn.BatchNorm1d(hidden) for _ in range(3)])
        self.projection = nn.Linear(dim, hidden, bias=False) if dim != hidden else None
        self.instance_head = nn.Linear(hidden, classes)
        self.attention_head = nn.Linear(hidden, classes)
        self.dropout = dropout

    def embed(self, rows):
        h = self.input_norm(rows)
        for layer, norm in zip(self.layers, self.norms):
            h = F.dropout(torch.relu(norm(layer(h))), self.dropout, self.training)
        return h + (self.projection(rows) if self.projection is not None else rows)

    def forward(self, x):
        b, t, d = x.shape
        h = self.embed(x.reshape(b * t, d))
        f = torch.sigmoid(self.instance_head(h)).view(b, t, -1)
        a = torch.sigmoid(self.attention_head(h)).clamp(1e-7, 1 - 1e-7).view(b, t, -1)
        w = a / a.sum(1, keepdim=True)
        return (w * f).sum(1).clamp(0, 1)


class FcT(Att):
    """FC_T as Sec. 3.3.1 describes it: "essentially the same model as ATT using mean pooling
    instead of attention" -- ATT's embedding and instance head, the clip score the mean of the
    bag's instance scores, no attention head."""

    def __init__(self, dim, classes, hidden=128, dropout=0.5):
        super().__init__(dim, classes, hidden, dropout)
        del self.attention_head

    def forward(self, x):
        b, t, d = x.shape
        h = self.embed(x.reshape(b * t, d))
        return torch.sigmoid(self.instance_head(h)).view(b, t, -1).mean(1)


class FcTPlain(nn.Module):
    """The plain FC_T (fct-plain; the C++ fct with fct_embedding=0): 3 x (Linear, leaky ReLU
    0.01, dropout), skip, sigmoid instance scores, mean."""

    def __init__(self, dim, classes, hidden=128, dropout=0.5):
        super().__init__()
        self.layers = nn.ModuleList(
            [nn.Linear(dim if i == 0 else hidden, hidden) for i in range(3)])
        self.projection = nn.Linear(dim, hidden, bias=False) if dim != hidden else None
        self.instance_head = nn.Linear(hidden, classes)
        self.dropout = dropout

    def forward(self, x):
        b, t, d = x.shape
        rows = x.reshape(b * t, d)
        h = rows
        for layer in self.layers:
            h = F.dropout(F.leaky_relu(layer(h), 0.01), self.dropout, self.training)
        h = h + (self.projection(rows) if self.projection is not None else rows)
        f = torch.sigmoid(self.instance_head(h)).view(b, t, -1)
        return f.mean(1)


class Fc(nn.Module):
    """FC baseline: the first 10 instances flattened (zero padded), 512-512-128 with dropout
    then leaky ReLU 0.01, sigmoid output."""

    def __init__(self, dim, classes, instances=10, hidden=(512, 512, 128), dropout=0.5):
        super().__init__()
        self.instances = instances
        sizes = [instances * dim] + list(hidden)
        self.layers = nn.ModuleList([nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:])])
        self.output = nn.Linear(sizes[-1], classes)
        self.dropout = dropout

    def forward(self, x):
        b, t, d = x.shape
        k = self.instances
        x = x[:, :k] if t >= k else F.pad(x, (0, 0, 0, k - t))
        h = x.reshape(b, k * d)
        for layer in self.layers:
            h = F.leaky_relu(F.dropout(layer(h), self.dropout, self.training), 0.01)
        return torch.sigmoid(self.output(h))


class Rnn(nn.Module):
    """RNN (Sec. 3.3.1): "A 3-layer bi-directional GRU model with 64 hidden units per direction"
    over the bag's instances; the last layer's final state of each direction, concatenated,
    feeds "a 20-class classifier using a fully connected layer with a sigmoid activation";
    dropout 0.5 between the GRU layers (the author's code)."""

    def __init__(self, dim, classes, hidden=64, dropout=0.5):
        super().__init__()
        self.gru = nn.GRU(dim, hidden, num_layers=3, bidirectional=True, batch_first=True,
                          dropout=dropout)
        self.output = nn.Linear(2 * hidden, classes)

    def forward(self, x):
        _, h = self.gru(x)  # h: [layers * 2, B, hidden]
        return torch.sigmoid(self.output(torch.cat([h[-2], h[-1]], 1)))


def build(kind, dim, classes):
    if kind in ("att", "mt"):
        return Att(dim, classes, dropout=0.6)
    if kind == "fct":
        return FcT(dim, classes, dropout=0.5)
    if kind == "fct-plain":
        return FcTPlain(dim, classes, dropout=0.5)
    if kind == "rnn":
        return Rnn(dim, classes, dropout=0.5)
    if kind == "fc":
        return Fc(dim, classes, dropout=0.5)
    raise ValueError(kind)


# ----------------------------------------------------------------------------------------------
# Training


def partial_bce(q, y, o):
    """Mean BCE over each bag's observed labels, then over the bags that have any."""
    qc = q.clamp(1e-7, 1 - 1e-7)
    y = y * o
    bce = -(y * torch.log(qc) + (1 - y) * torch.log1p(-qc))
    count = o.sum(1)
    has = count > 0
    per_bag = torch.where(has, (bce * o).sum(1) / count.clamp(min=1), torch.zeros_like(count))
    return per_bag.sum() / has.sum().clamp(min=1)


def ramp_up(epoch_pos, ramp_epochs):
    if ramp_epochs <= 0 or epoch_pos >= ramp_epochs:
        return 1.0
    x = min(max(epoch_pos / ramp_epochs, 0.0), 1.0)
    return math.exp(-5.0 * (1.0 - x) ** 2)


def ema_update(teacher, student, alpha):
    with torch.no_grad():
        for t, s in zip(teacher.parameters(), student.parameters()):
            t.mul_(alpha).add_(s, alpha=1 - alpha)
        for t, s in zip(teacher.buffers(), student.buffers()):
            if t.is_floating_point():
                t.mul_(alpha).add_(s, alpha=1 - alpha)
            else:
                t.copy_(s)


def predict(model, x, batch=512):
    was_training = model.training
    model.eval()
    out = []
    with torch.no_grad():
        for first in range(0, x.shape[0], batch):
            out.append(model(x[first:first + batch]))
    model.train(was_training)
    return torch.cat(out).numpy().astype(np.float32) if out else np.zeros((0, 0), np.float32)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", help="OpenMIC-layout folder or feature folder")
    p.add_argument("--model", choices=["att", "fct", "fct-plain", "fc", "mt", "rnn"],
                   default="att")
    p.add_argument("--epochs", type=int, default=100)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--lr", type=float, default=None, help="default 5e-4 (mt: 1e-3)")
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--lr-halving", type=int, default=None, help="default 30 for mt, else 0")
    p.add_argument("--consistency-weight", type=float, default=3.0)
    p.add_argument("--ramp-epochs", type=int, default=100)
    p.add_argument("--split", default="split01")
    p.add_argument("--test-every-epoch", action="store_true")
    p.add_argument("--out", help="JSON report")
    p.add_argument("--selftest", action="store_true", help="check the metric functions")
    args = p.parse_args()
    if args.selftest:
        return selftest()
    if not args.data or not args.out:
        p.error("--data and --out are required")
    mt = args.model == "mt"
    lr = args.lr if args.lr is not None else (1e-3 if mt else 5e-4)
    halving = args.lr_halving if args.lr_halving is not None else (30 if mt else 0)

    torch.set_num_threads(args.threads)
    parts, names = load_data(args.data, args.split)
    x_train, y_train, o_train = (torch.from_numpy(a) for a in parts["train"])
    x_test_np, y_test_np, o_test_np = parts["test"]
    x_test = torch.from_numpy(x_test_np)
    n, _, dim = x_train.shape
    classes = y_train.shape[1]

    torch.manual_seed(args.seed)
    student = build(args.model, dim, classes)
    teacher = None
    if mt:
        teacher = copy.deepcopy(student)
        for q in teacher.parameters():
            q.requires_grad_(False)
        teacher.train()
    student.train()
    opt = torch.optim.Adam(student.parameters(), lr=lr)
    tested = teacher if mt else student

    steps_per_epoch = max(1, math.ceil(n / args.batch))
    history = []
    train_seconds_total = 0.0
    global_step = 0
    for epoch in range(1, args.epochs + 1):
        order = torch.randperm(n)
        sum_bce = sum_cons = sum_total = 0.0
        start = time.perf_counter()
        for step in range(steps_per_epoch):
            epoch_pos = (epoch - 1) + step / steps_per_epoch
            step_lr = lr * 0.5 ** math.floor(epoch_pos / halving) if halving > 0 else lr
            for group in opt.param_groups:
                group["lr"] = step_lr
            idx = order[step * args.batch:(step + 1) * args.batch]
            xb, yb, ob = x_train[idx], y_train[idx], o_train[idx]
            q = student(xb)
            bce = partial_bce(q, yb, ob) if ob.sum() > 0 else torch.zeros(())
            total = bce
            cons = torch.zeros(())
            if mt:
                with torch.no_grad():
                    qt = teacher(xb)
                cons = ((q - qt.detach()) ** 2).mean()
                total = bce + args.consistency_weight * ramp_up(epoch_pos, args.ramp_epochs) * cons
            opt.zero_grad()
            if total.requires_grad:  # a batch without any observed label is skipped (as in C++)
                total.backward()
                opt.step()
            if mt:
                ema_update(teacher, student, min(1 - 1 / (global_step + 1), 0.999))
            global_step += 1
            sum_bce += bce.item()
            sum_cons += cons.item()
            sum_total += total.item()
        epoch_seconds = time.perf_counter() - start
        train_seconds_total += epoch_seconds
        train = {"bce": sum_bce / steps_per_epoch, "total": sum_total / steps_per_epoch}
        if mt:
            train["consistency"] = sum_cons / steps_per_epoch
        record = {"epoch": epoch, "train": train, "seconds": train_seconds_total,
                  "train_seconds": epoch_seconds}
        line = f"epoch {epoch}/{args.epochs} bce {train['bce']:.4f}"
        if mt:
            line += f" consistency {train['consistency']:.5f}"
        if args.test_every_epoch:
            overall, _ = evaluate(predict(tested, x_test), y_test_np, o_test_np, names)
            record["test"] = {k: overall[k] for k in ("auroc", "f1", "mAP", "precision", "recall")}
            line += f" [test AUROC {100 * overall['auroc']:.2f}]"
        print(f"{line} {train_seconds_total:.1f} s", flush=True)
        history.append(record)

    overall, per_class = evaluate(predict(tested, x_test), y_test_np, o_test_np, names)

    def clean(v):  # JSON has no NaN: write null like the C++ report
        if isinstance(v, float) and not math.isfinite(v):
            return None
        if isinstance(v, dict):
            return {k: clean(w) for k, w in v.items()}
        if isinstance(v, list):
            return [clean(w) for w in v]
        return v

    report = {
        "side": "pytorch", "model": args.model, "seed": args.seed, "threads": args.threads,
        "torch": torch.__version__,
        "config": {"epochs": args.epochs, "lr": lr, "batch": args.batch, "lr_halving": halving,
                   "consistency_weight": args.consistency_weight if mt else None,
                   "ramp_epochs": args.ramp_epochs if mt else None, "split": args.split,
                   "train_bags": int(n), "test_bags": int(x_test.shape[0]),
                   "classes": names, "parameters": sum(q.numel() for q in student.parameters())},
        "epochs": history,
        "metrics": {"test": {"overall": overall, "instruments": per_class}},
        "seconds_per_epoch": statistics.median([e["train_seconds"] for e in history])
        if history else None,
    }
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    tmp = args.out + ".tmp"
    with open(tmp, "w") as f:
        json.dump(clean(report), f, indent=1)
    os.replace(tmp, args.out)  # a report exists only once complete (the driver resumes on it)
    print(f"test F1 {100 * overall['f1']:.2f} AUROC {100 * overall['auroc']:.2f} "
          f"mAP {100 * overall['mAP']:.2f}; report {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
