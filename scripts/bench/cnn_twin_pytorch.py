#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""PyTorch twin of `timbre train-cnn` (docs/METHOD.md §2.3; models/training/PatchMilTrainer):
the same network (PatchCnn: input batch norm, 3x3 conv + BN + ReLU blocks with 2x2 max pooling
between them, mean over time, linear to the embedding; then ATT of thesis Sec. 3.2.2 with
bias-free linear layers, batch norms, dropout, skip connection, sigmoid instance and attention
heads), the same loss (partial BCE, Eq. 3.5), optimiser (Adam, weight decay), batch of clips and
15 % seeded validation hold-out, trained on the same cached log-mel patches
(<corpus>/patches-vggish.f16 written by `timbre train-cnn`). No augmentation: the twin checks
the trainer, so compare it with `timbre train-cnn --augment none`.

With --instance-loss W the twin adds the frame-level auxiliary loss of docs/METHOD.md §5.4 as
it reads it there, not from the C++: W times the mean BCE between every patch's instance score
and its truth, 1 where the instrument's regions in <corpus>/activity.csv cover more than 10 %
of the patch's 0.96 s (compare with `timbre train-cnn --augment none --instance-loss W`).

usage: cnn_twin_pytorch.py --corpus DIR [--corpus DIR ...] [--monitor DIR] --epochs N
       --seed S --threads T [--instance-loss W] --out history.csv
"""
import argparse
import csv
import os
import struct
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

# The C++ class order (core/util/OpenMicClasses.h) and the strong-label rule, held once on the
# Python side.
from twin_pytorch import OPENMIC_CLASSES as OPENMIC  # noqa: E402
from twin_pytorch import activity_truth  # noqa: E402


def read_cache(path):
    """core/datasets/trainsets/CorpusPatches' cache: QDataStream little endian."""
    with open(path, 'rb') as f:
        data = f.read()
    magic, count = struct.unpack_from('<Ii', data, 0)
    assert magic == 0x54504231, path
    pos = 8
    keys, sizes = [], []
    for _ in range(count):
        (n,) = struct.unpack_from('<I', data, pos)
        pos += 4
        keys.append(data[pos:pos + n].decode('utf-16-le'))
        pos += n
        (p,) = struct.unpack_from('<i', data, pos)
        pos += 4
        sizes.append(p)
    patches = np.frombuffer(data, dtype='<f2', offset=pos).reshape(-1, 96, 64)
    assert patches.shape[0] == sum(sizes)
    return keys, sizes, patches


def load_corpus(corpus, activity=False):
    keys, sizes, patches = read_cache(os.path.join(corpus, 'patches-vggish.f16'))
    index = {k: i for i, k in enumerate(keys)}
    y = np.zeros((len(keys), len(OPENMIC)), np.float32)
    with open(os.path.join(corpus, 'labels.csv')) as f:
        for row in csv.DictReader(f):
            y[index[row['clip']], OPENMIC.index(row['instrument'])] = float(row['present'])
    assert all(s == 10 for s in sizes), 'the twin expects 10 s clips (10 patches)'
    truth = (activity_truth(os.path.join(corpus, 'activity.csv'), index, 10, OPENMIC)
             if activity else None)
    return patches.reshape(len(keys), 10, 96, 64), y, truth


class PatchCnn(nn.Module):
    def __init__(self, channels=(8, 16, 32, 64), embed=128):
        super().__init__()
        self.inputNorm = nn.BatchNorm2d(1)
        self.convs = nn.ModuleList()
        self.norms = nn.ModuleList()
        c = 1
        for o in channels:
            self.convs.append(nn.Conv2d(c, o, 3, padding=1, bias=False))
            self.norms.append(nn.BatchNorm2d(o))
            c = o
        bands = 64 // 2 ** (len(channels) - 1)
        self.head = nn.Linear(c * bands, embed)

    def forward(self, x):
        x = self.inputNorm(x).contiguous(memory_format=torch.channels_last)
        for i, (conv, norm) in enumerate(zip(self.convs, self.norms)):
            x = F.relu(norm(conv(x)))
            if i + 1 < len(self.convs):
                x = F.max_pool2d(x, 2)
        return self.head(x.mean(2).flatten(1))


class Att(nn.Module):
    def __init__(self, d, classes, hidden=128, layers=3, dropout=0.3):
        super().__init__()
        self.inputNorm = nn.BatchNorm1d(d)
        self.lins = nn.ModuleList([nn.Linear(d if i == 0 else hidden, hidden, bias=False)
                                   for i in range(layers)])
        self.norms = nn.ModuleList([nn.BatchNorm1d(hidden) for _ in range(layers)])
        self.proj = nn.Linear(d, hidden, bias=False) if d != hidden else None
        self.inst = nn.Linear(hidden, classes)
        self.att = nn.Linear(hidden, classes)
        self.dropout = dropout

    def forward(self, x):  # [B, T, D]
        B, T, D = x.shape
        r = x.reshape(B * T, D)
        h = self.inputNorm(r)
        for lin, norm in zip(self.lins, self.norms):
            h = F.dropout(F.relu(norm(lin(h))), self.dropout, self.training)
        h = h + (self.proj(r) if self.proj is not None else r)
        f = torch.sigmoid(self.inst(h)).view(B, T, -1)
        a = torch.sigmoid(self.att(h)).clamp(1e-7, 1 - 1e-7).view(B, T, -1)
        w = a / a.sum(1, keepdim=True)
        return (w * f).sum(1).clamp(0, 1), f


class Net(nn.Module):
    def __init__(self, classes, dropout):
        super().__init__()
        self.cnn = PatchCnn()
        self.attention = Att(128, classes, dropout=dropout)

    def forward(self, x):  # [B, T, 96, 64]
        B, T = x.shape[:2]
        e = self.cnn(x.reshape(B * T, 1, 96, 64))
        return self.attention(e.view(B, T, -1))  # (clip scores [B, C], instance scores [B, T, C])


def bce(q, y):
    q = q.clamp(1e-7, 1 - 1e-7)
    return -(y * q.log() + (1 - y) * (1 - q).log()).mean()


def auroc(scores, labels):
    vals = []
    for c in range(labels.shape[1]):
        y = labels[:, c]
        if y.min() == y.max():
            continue
        s = scores[:, c]
        order = np.argsort(s, kind='mergesort')
        ranks = np.empty(len(s))
        sorted_s = s[order]
        i = 0
        while i < len(s):
            j = i
            while j < len(s) and sorted_s[j] == sorted_s[i]:
                j += 1
            ranks[order[i:j]] = 0.5 * (i + 1 + j)
            i = j
        p = y.sum()
        n = len(y) - p
        vals.append((ranks[y > 0.5].sum() - p * (p + 1) / 2) / (p * n))
    return float(np.mean(vals)) if vals else float('nan')


def evaluate(net, X, Y):
    net.eval()
    out, loss = [], 0.0
    with torch.no_grad():
        for i in range(0, len(X), 32):
            x = torch.from_numpy(X[i:i + 32].astype(np.float32))
            q, _ = net(x)
            loss += bce(q, torch.from_numpy(Y[i:i + 32])).item() * len(x)
            out.append(q.numpy())
    net.train()
    return loss / len(X), auroc(np.concatenate(out), Y)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--corpus', action='append', required=True)
    ap.add_argument('--monitor')
    ap.add_argument('--epochs', type=int, default=4)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--batch', type=int, default=16)
    ap.add_argument('--lr', type=float, default=1e-3)
    ap.add_argument('--weight-decay', type=float, default=1e-4)
    ap.add_argument('--dropout', type=float, default=0.3)
    ap.add_argument('--instance-loss', type=float, default=0.0)
    ap.add_argument('--out', required=True)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)
    W = a.instance_loss
    parts = [load_corpus(c, activity=W > 0) for c in a.corpus]
    X = np.concatenate([p[0] for p in parts])
    Y = np.concatenate([p[1] for p in parts])
    A = np.concatenate([p[2] for p in parts]) if W > 0 else None
    order = rng.permutation(len(X))
    nval = int(round(0.15 * len(X)))
    val, tr = np.sort(order[:nval]), np.sort(order[nval:])
    M = load_corpus(a.monitor)[:2] if a.monitor else None
    net = Net(len(OPENMIC), a.dropout)
    net.cnn.to(memory_format=torch.channels_last)  # as the C++ module (speed only)
    opt = torch.optim.Adam(net.parameters(), lr=a.lr, weight_decay=a.weight_decay)
    start = time.time()
    with open(a.out, 'w') as f:
        f.write('epoch,train_loss,validation_loss,validation_auroc,monitor_loss,monitor_auroc,'
                'seconds,patches_per_second,train_instance_loss\n')
        for epoch in range(1, a.epochs + 1):
            t0 = time.time()
            perm = rng.permutation(tr)
            total, instance_total, steps = 0.0, 0.0, 0
            for i in range(0, len(perm), a.batch):
                idx = perm[i:i + a.batch]
                x = torch.from_numpy(X[idx].astype(np.float32))
                q, inst = net(x)
                loss = bce(q, torch.from_numpy(Y[idx]))
                if W > 0:
                    inst_loss = bce(inst, torch.from_numpy(A[idx]))
                    loss = loss + W * inst_loss
                    instance_total += inst_loss.item()
                opt.zero_grad()
                loss.backward()
                opt.step()
                total += loss.item()
                steps += 1
            pps = len(perm) * 10 / (time.time() - t0)
            vl, va = evaluate(net, X[val], Y[val])
            ml, ma = evaluate(net, *M) if M else (float('nan'), float('nan'))
            il = f'{instance_total / steps:.5f}' if W > 0 else 'nan'
            line = (f'{epoch},{total / steps:.5f},{vl:.5f},{100 * va:.2f},{ml:.5f},{100 * ma:.2f},'
                    f'{time.time() - start:.1f},{pps:.0f},{il}')
            print(line, flush=True)
            f.write(line + '\n')
            f.flush()


if __name__ == '__main__':
    main()
