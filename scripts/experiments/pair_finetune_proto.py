#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fine-tune the shipped cnn front end so that renders of the same part by different
SoundFonts land on the same embedding (issue 23, item 3; docs/RESULTS.md, "Pulling renders of
the same part together, prototyped").

The corpora are `timbre synth` folders rendered from the same seed with different SoundFonts
(the same clips, labels and activity; the patches cached by `timbre train-cnn` in each as
patches-vggish.f16). Every step takes B clips in all S renders and minimises

  BCE(ATT(cnn(x)), y)  over all S renders (partial BCE, thesis Eq. 3.5; a fresh ATT head)
  + W * pair ratio     sum over patches of |e_s - mean_s e_s|^2 / sum of |e - mean e|^2

The pair ratio is the share of the batch's embedding variance that lies between renders of the
same patch: scale-free, so it cannot be lowered by shrinking the embedding. W = 0 is the
control (the same fine-tune without the pull). The network is the exported TorchScript one
(batch norms folded into the convolutions), so the result is saved as the same kind of module,
ready for `timbre extractors --add-torchscript`. The CNN learns at --cnn-lr, the head at --lr;
one epoch with the CNN frozen first lets the fresh head settle. 15 % of the clips (seeded) are
held out: their BCE, AUROC and pair ratio are printed after every epoch; the last epoch is kept.
usage: pair_finetune_proto.py --cnn cnn-v2.pt --corpus DIR --corpus DIR ... --out new.pt
       [--w 1] [--epochs 3] [--seed 1]"""
import argparse
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'bench'))
from cnn_twin_pytorch import Att, auroc, load_corpus  # noqa: E402
from twin_pytorch import OPENMIC_CLASSES as OPENMIC  # noqa: E402


class ScriptedCnn(nn.Module):
    """The exported module's forward (models/networks/PatchCnnScript) with its tensors as
    trainable parameters; in_scale and in_shift (the folded input norm) stay fixed."""

    def __init__(self, scripted):
        super().__init__()
        sd = scripted.state_dict()
        self.register_buffer('in_scale', sd['in_scale'].clone())
        self.register_buffer('in_shift', sd['in_shift'].clone())
        self.blocks = sum(1 for k in sd if k.startswith('w'))
        for k, v in sd.items():
            if k not in ('in_scale', 'in_shift'):
                setattr(self, k, nn.Parameter(v.clone()))

    def forward(self, x):
        x = (x * self.in_scale + self.in_shift).contiguous(memory_format=torch.channels_last)
        for i in range(self.blocks):
            x = F.relu(F.conv2d(x, getattr(self, f'w{i}'), getattr(self, f'b{i}'), 1, 1))
            if i + 1 < self.blocks:
                x = F.max_pool2d(x, 2)
        return F.linear(x.mean(2).flatten(1), self.head_w, self.head_b)


def pair_ratio(e):
    """e: [B, S, T, D] -> share of the variance between renders of the same patch."""
    within = (e - e.mean(1, keepdim=True)).pow(2).sum()
    total = (e - e.mean((0, 1, 2), keepdim=True)).pow(2).sum()
    return within / total.clamp_min(1e-8)


def bce(q, y):
    q = q.clamp(1e-7, 1 - 1e-7)
    return -(y * q.log() + (1 - y) * (1 - q).log()).mean()


def run(cnn, head, X, Y, idx, batch, train, w=0.0, opt=None, rng=None):
    """One pass over the clips idx (all S renders each); returns BCE, pair ratio, AUROC."""
    S = X.shape[0]
    if train:
        idx = rng.permutation(idx)
    cnn.train(train); head.train(train)
    sums, n, scores, labels = np.zeros(2), 0, [], []
    with torch.set_grad_enabled(train and opt is not None):
        for i in range(0, len(idx), batch):
            b = np.sort(idx[i:i + batch])
            if len(b) < 2:
                continue
            x = torch.from_numpy(X[:, b].astype(np.float32))  # [S, B, T, 96, 64]
            T = x.shape[2]
            e = cnn(x.reshape(-1, 1, 96, 64)).view(S, len(b), T, -1)
            q, _ = head(e.reshape(S * len(b), T, -1))
            y = torch.from_numpy(np.tile(Y[b], (S, 1)))
            lb, lp = bce(q, y), pair_ratio(e.transpose(0, 1))
            if opt is not None and train:
                opt.zero_grad()
                (lb + w * lp).backward()
                opt.step()
            sums += [lb.item() * len(b), lp.item() * len(b)]
            n += len(b)
            scores.append(q.detach().numpy()); labels.append(y.numpy())
    return sums[0] / n, sums[1] / n, auroc(np.concatenate(scores), np.concatenate(labels))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--cnn', required=True)
    ap.add_argument('--corpus', action='append', required=True)
    ap.add_argument('--out', required=True)
    ap.add_argument('--w', type=float, default=1.0)
    ap.add_argument('--epochs', type=int, default=3)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--batch', type=int, default=8)
    ap.add_argument('--lr', type=float, default=1e-3)
    ap.add_argument('--cnn-lr', type=float, default=1e-4)
    ap.add_argument('--threads', type=int, default=2)
    a = ap.parse_args()
    torch.set_num_threads(a.threads); torch.manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)
    parts = [load_corpus(c) for c in a.corpus]
    for c, p in zip(a.corpus[1:], parts[1:]):
        if p[0].shape != parts[0][0].shape or not np.array_equal(p[1], parts[0][1]):
            sys.exit(f'{c}: not the same clips and labels as {a.corpus[0]}')
    X = np.stack([p[0] for p in parts])  # [S, N, T, 96, 64] binary16
    Y = parts[0][1]
    order = rng.permutation(X.shape[1])
    nval = int(round(0.15 * len(order)))
    val, tr = order[:nval], order[nval:]
    scripted = torch.jit.load(a.cnn)
    cnn = ScriptedCnn(scripted)
    head = Att(cnn.head_w.shape[0], len(OPENMIC), dropout=0.3)
    print('epoch,phase,train_bce,train_pair,val_bce,val_pair,val_auroc,seconds', flush=True)
    v = run(cnn, head, X, Y, val, 32, False)
    print(f'0,start,,,{v[0]:.5f},{v[1]:.5f},{100 * v[2]:.2f},0', flush=True)
    start = time.time()
    warm = torch.optim.Adam(head.parameters(), lr=a.lr, weight_decay=1e-4)
    for p in cnn.parameters():
        p.requires_grad_(False)
    t = run(cnn, head, X, Y, tr, a.batch, True, 0.0, warm, rng)
    for p in cnn.parameters():
        p.requires_grad_(True)
    v = run(cnn, head, X, Y, val, 32, False)
    print(f'0,head,{t[0]:.5f},{t[1]:.5f},{v[0]:.5f},{v[1]:.5f},{100 * v[2]:.2f},'
          f'{time.time() - start:.0f}', flush=True)
    opt = torch.optim.Adam([{'params': cnn.parameters(), 'lr': a.cnn_lr},
                            {'params': head.parameters(), 'lr': a.lr}], weight_decay=1e-4)
    for epoch in range(1, a.epochs + 1):
        t = run(cnn, head, X, Y, tr, a.batch, True, a.w, opt, rng)
        v = run(cnn, head, X, Y, val, 32, False)
        print(f'{epoch},joint,{t[0]:.5f},{t[1]:.5f},{v[0]:.5f},{v[1]:.5f},{100 * v[2]:.2f},'
              f'{time.time() - start:.0f}', flush=True)
    with torch.no_grad():
        for k, value in scripted.state_dict().items():
            if k not in ('in_scale', 'in_shift'):
                value.copy_(getattr(cnn, k))
    torch.jit.save(scripted, a.out)


if __name__ == '__main__':
    main()
