#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""PyTorch twin of the semi-supervised DGM (thesis Ch. 4), written from the thesis' text, for
the quality side by side (scripts/bench/quality_side_by_side.sh, MODELS=dgm; docs/RESULTS.md).

What the thesis says, and what this script does with it:
- Binary relevance (Sec. 4.2): one model per instrument; for instrument c the labelled set Dl
  are the bags where c is observed, the unlabelled set Du all the others.
- M2 of Kingma et al. (Sec. 4.3): encoder q(z|x,y) = N(mu, diag sigma^2) fed x concatenated
  with one-hot y; decoder p(x|y,z) fed z concatenated with one-hot y; classifier q(y|x).
  L(x,y) = -(E[log p(x|y,z)] + log p(y) - KL(q(z|x,y) || N(0,I))) (Eq. 4.5), one
  reparameterised sample; U(x) = sum_y q(y|x) L(x,y) - H(q(y|x)) (Eq. 4.6), both y encoded
  for every unlabelled bag (Sec. 4.4); J^alpha = sum_Dl L + sum_Du U + alpha E_Dl[-log q(y|x)]
  (Eq. 4.7, 4.8), here with batch means; alpha = beta |Du| / |Dl|, beta = 32.
- Architecture (Table 4.1, Sec. 4.4): h1 = 512, h2 = 256, h3 = 0, each layer followed by ReLU,
  the decoder mirroring the encoder; z of 64 dimensions; the classifier a feed-forward net with
  3 hidden layers and dropout, "similar to the FC model" (256 units, dropout 0.5).
- Training (Sec. 4.4.1, Algorithm 1): Adam, lr 1e-4, betas (0.9, 0.999), weight decay 1e-5,
  mini-batch 128, 100 epochs; an epoch is one pass over Du, each step paired with a batch
  sampled from Dl (Dl passed over as often as needed). When every bag is labelled for c the
  pass is over Dl (there is no Du).
- Input: the thesis feeds VGGish features (bytes / 255). A bag of instances becomes one row by
  averaging its instances; a Bernoulli decoder needs values in [0, 1], so each column is
  rescaled to [0, 1] by its range on the training rows (the choice docs/METHOD.md §7 records).
- No validation hold-out: the model of the last epoch is tested, as in twin_pytorch.py.

Instruments are independent, so they train in WORKERS processes at once (one torch thread each).

    /usr/bin/python3 scripts/bench/dgm_twin_pytorch.py --data DIR --epochs 100 --seed 1 \\
        --threads 2 --out /tmp/py_dgm_s1.json
"""
import argparse
import json
import math
import multiprocessing as mp
import os
import statistics
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from twin_pytorch import evaluate, load_data  # noqa: E402  (metrics and data as the twin)

LATENT = 64
HIDDEN = (512, 256)
CLASSIFIER = (256, 256, 256)
LOG_PRIOR = math.log(0.5)


def mlp(sizes):
    layers = []
    for a, b in zip(sizes[:-1], sizes[1:]):
        layers += [nn.Linear(a, b), nn.ReLU()]
    return layers


class M2(nn.Module):
    def __init__(self, dim, dropout):
        super().__init__()
        self.encoder = nn.Sequential(*mlp((dim + 2,) + HIDDEN))
        self.mu = nn.Linear(HIDDEN[-1], LATENT)
        self.log_var = nn.Linear(HIDDEN[-1], LATENT)
        back = tuple(reversed(HIDDEN))
        self.decoder = nn.Sequential(*mlp((LATENT + 2,) + back), nn.Linear(back[-1], dim))
        layers = []
        width = dim
        for size in CLASSIFIER:
            layers += [nn.Linear(width, size), nn.ReLU(), nn.Dropout(dropout)]
            width = size
        layers.append(nn.Linear(width, 1))
        self.classifier = nn.Sequential(*layers)

    def logit(self, x):
        return self.classifier(x).squeeze(1)

    def bound(self, x, y):
        """L(x, y) of Eq. 4.5 per example, one reparameterised z."""
        onehot = F.one_hot(y, 2).to(x.dtype)
        h = self.encoder(torch.cat([x, onehot], 1))
        mu, log_var = self.mu(h), self.log_var(h)
        z = mu + torch.exp(0.5 * log_var) * torch.randn_like(mu)
        recon = self.decoder(torch.cat([z, onehot], 1))
        log_px = -F.binary_cross_entropy_with_logits(recon, x, reduction="none").sum(1)
        kl = -0.5 * (1 + log_var - mu.pow(2) - log_var.exp()).sum(1)
        return -(log_px + LOG_PRIOR - kl)

    def objective(self, xl, yl, xu, alpha):
        labelled = self.bound(xl, yl).mean()
        classification = F.binary_cross_entropy_with_logits(self.logit(xl), yl.float())
        total = labelled + alpha * classification
        unlabelled = torch.zeros(())
        if xu is not None and len(xu) > 0:
            b = len(xu)
            both = self.bound(torch.cat([xu, xu]), torch.cat([torch.zeros(b, dtype=torch.long),
                                                              torch.ones(b, dtype=torch.long)]))
            logit = self.logit(xu)
            q = torch.sigmoid(logit)
            entropy = -(q * F.logsigmoid(logit) + (1 - q) * F.logsigmoid(-logit))
            unlabelled = (q * both[b:] + (1 - q) * both[:b] - entropy).mean()
            total = total + unlabelled
        return total, labelled.item(), unlabelled.item(), classification.item()


def train_instrument(job):
    """Trains instrument c's M2; returns its test probabilities (after every epoch when asked)
    and its per-epoch mean losses and seconds."""
    c, x, y, observed, x_test, args = job
    torch.set_num_threads(1)
    torch.manual_seed(args.seed * 1000 + c)
    rng = np.random.default_rng(args.seed * 1000 + c)
    labelled = np.flatnonzero(observed[:, c])
    unlabelled = np.flatnonzero(~observed[:, c])
    yc = torch.from_numpy((y[:, c] >= 0.5).astype(np.int64))
    positives = int(yc[labelled].sum()) if len(labelled) else 0
    if len(labelled) == 0 or positives in (0, len(labelled)):
        rate = 0.5 if len(labelled) == 0 else positives / len(labelled)
        return c, np.full(len(x_test), rate, np.float32), [], None
    alpha = args.beta * (len(unlabelled) / len(labelled) if len(unlabelled) else 1.0)
    xt = torch.from_numpy(x)
    xtest = torch.from_numpy(x_test)
    model = M2(x.shape[1], args.dropout)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr, betas=(0.9, 0.999),
                           weight_decay=args.weight_decay)
    pass_set = unlabelled if len(unlabelled) else labelled
    dl_order = rng.permutation(labelled)
    dl_next = 0
    history = []
    tests = []
    for _ in range(args.epochs):
        model.train()
        start = time.perf_counter()
        order = rng.permutation(pass_set)
        sums = np.zeros(4)
        steps = 0
        for first in range(0, len(order), args.batch):
            part = order[first:first + args.batch]
            if len(unlabelled):
                take = []
                while len(take) < args.batch:  # sample (X, Y) from Dl, reshuffled per pass
                    if dl_next == len(dl_order):
                        dl_order = rng.permutation(labelled)
                        dl_next = 0
                    take.append(dl_order[dl_next])
                    dl_next += 1
                li = torch.from_numpy(np.asarray(take))
                xu = xt[torch.from_numpy(part)]
            else:
                li = torch.from_numpy(part)
                xu = None
            total, lab, unl, cls = model.objective(xt[li], yc[li], xu, alpha)
            opt.zero_grad()
            total.backward()
            opt.step()
            sums += (lab, unl, cls, total.item())
            steps += 1
        history.append({"losses": (sums / max(steps, 1)).tolist(), "steps": steps,
                        "seconds": time.perf_counter() - start})
        if args.test_every_epoch:
            tests.append(probabilities(model, xtest))
    final = probabilities(model, xtest)
    return c, final, history, tests


def probabilities(model, x):
    model.eval()
    with torch.no_grad():
        return torch.sigmoid(model.logit(x)).numpy()


def rows(bags):
    return bags.mean(axis=1).astype(np.float32)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", required=True, help="OpenMIC-layout folder")
    p.add_argument("--epochs", type=int, default=100)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=2, help="worker processes (instruments at once)")
    p.add_argument("--lr", type=float, default=1e-4)
    p.add_argument("--weight-decay", type=float, default=1e-5)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--beta", type=float, default=32.0)
    p.add_argument("--dropout", type=float, default=0.5)
    p.add_argument("--split", default="split01")
    p.add_argument("--test-every-epoch", action="store_true")
    p.add_argument("--out", required=True, help="JSON report")
    args = p.parse_args()

    parts, names = load_data(args.data, args.split)
    x_train, y_train, o_train = parts["train"]
    x_test_bags, y_test, o_test = parts["test"]
    x = rows(x_train)
    x_test = rows(x_test_bags)
    low, high = x.min(0), x.max(0)
    span = np.where(high > low, high - low, 1.0)
    x = np.clip((x - low) / span, 0, 1).astype(np.float32)
    x_test = np.clip((x_test - low) / span, 0, 1).astype(np.float32)
    observed = o_train.astype(bool)
    classes = y_train.shape[1]

    start = time.perf_counter()
    jobs = [(c, x, y_train, observed, x_test, args) for c in range(classes)]
    with mp.get_context("fork").Pool(max(1, args.threads)) as pool:
        done = sorted(pool.map(train_instrument, jobs, chunksize=1), key=lambda r: r[0])
    wall = time.perf_counter() - start

    scores = np.stack([r[1] for r in done], axis=1)
    history = []
    cumulative = 0.0
    for e in range(args.epochs):
        per = [r[2][e] for r in done if r[2]]
        steps = sum(h["steps"] for h in per)
        mean = lambda i: sum(h["losses"][i] * h["steps"] for h in per) / max(steps, 1)  # noqa
        record = {"epoch": e + 1, "train": {"labelled": mean(0), "unlabelled": mean(1),
                                            "classification": mean(2), "total": mean(3)},
                  "train_seconds": sum(h["seconds"] for h in per) / max(1, args.threads)}
        cumulative += record["train_seconds"]
        record["seconds"] = cumulative
        if args.test_every_epoch:
            s = np.stack([r[3][e] if r[3] else r[1] for r in done], axis=1)
            overall, _ = evaluate(s, y_test, o_test, names)
            record["test"] = {k: overall[k] for k in ("auroc", "f1", "mAP", "precision", "recall")}
        history.append(record)
    overall, per_class = evaluate(scores, y_test, o_test, names)

    def clean(v):
        if isinstance(v, float) and not math.isfinite(v):
            return None
        if isinstance(v, dict):
            return {k: clean(w) for k, w in v.items()}
        if isinstance(v, list):
            return [clean(w) for w in v]
        return v

    report = {
        "side": "pytorch", "model": "dgm", "seed": args.seed, "threads": args.threads,
        "torch": torch.__version__,
        "config": {"epochs": args.epochs, "lr": args.lr, "batch": args.batch, "beta": args.beta,
                   "weight_decay": args.weight_decay, "split": args.split,
                   "train_bags": int(len(x)), "test_bags": int(len(x_test)), "classes": names},
        "epochs": history,
        "metrics": {"test": {"overall": overall, "instruments": per_class}},
        "seconds": wall,
        "seconds_per_epoch": wall / max(1, args.epochs),
    }
    tmp = args.out + ".tmp"
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(tmp, "w") as f:
        json.dump(clean(report), f, indent=1)
    os.replace(tmp, args.out)
    print(f"test F1 {100 * overall['f1']:.2f} AUROC {100 * overall['auroc']:.2f} "
          f"mAP {100 * overall['mAP']:.2f}; {wall:.0f} s; report {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
