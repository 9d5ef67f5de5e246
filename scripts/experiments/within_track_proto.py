#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Quick PyTorch prototypes of head variants for within-track localisation (issue 23), tried
here before any is written in C++ (docs/RESULTS.md, "Head variants tried as prototypes first").
ATT as twin_pytorch.Att with the frame-level auxiliary loss of docs/METHOD.md §5.4 (weight
--w), trained on a combined feature folder's train part (scripts/experiments/cnn_combine.py;
15 % hold-out picks the epoch by clip-level loss), scored on its test part: clip AUROC and the
within-track AUROC on the instance grid (0.96 s; an instance is active when regions cover
more than 10 % of it; pairs pooled over clips per class, mean over classes).
  --mode plain | centre (x - bag mean) | cat ([x, x - bag mean]) | catstd (and / bag std)
  --extra ROOT   concatenates ROOT/<corpus>/<clip>.npy to each instance (another extractor)
  --ensemble K   averages K heads' scores; --hidden, --dropout as ATT's
usage: within_track_proto.py --data COMBINED [--mode M] [--w 3] [--seed 1] [--epochs 100]"""
import argparse
import os
import sys

import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'bench'))
import twin_pytorch as tp  # noqa: E402

def truth_for(folder, keys, names, instances):
    return tp.activity_truth(os.path.join(folder, 'activity.csv'),
                             {k: i for i, k in enumerate(keys)}, instances, names)


def keys_of(folder, part):
    return [k for k in tp.read_partition(os.path.join(folder, 'partitions', f'split01_{part}.csv'))
            if os.path.exists(os.path.join(folder, k + '.npy'))]

class Att(nn.Module):
    def __init__(self, dim, classes, mode, hidden=128, dropout=0.6, ctx=0):
        super().__init__()
        self.mode = mode
        d = dim * 2 if mode in ('cat', 'catstd') else dim
        self.net = tp.Att(d, classes, hidden, dropout)
    def prep(self, x):
        m = x.mean(1, keepdim=True)
        if self.mode == 'plain': return x
        if self.mode == 'centre': return x - m
        if self.mode == 'cat': return torch.cat([x, x - m], 2)
        if self.mode == 'catstd':
            s = x.std(1, keepdim=True) + 1e-3
            return torch.cat([x, (x - m) / s], 2)
    def forward(self, x):
        x = self.prep(x)
        b, t, d = x.shape
        n = self.net
        h = n.embed(x.reshape(b * t, d))
        f = torch.sigmoid(n.instance_head(h)).view(b, t, -1)
        a = torch.sigmoid(n.attention_head(h)).clamp(1e-7, 1 - 1e-7).view(b, t, -1)
        w = a / a.sum(1, keepdim=True)
        return (w * f).sum(1).clamp(0, 1), f

def bce(q, y, m=None):
    q = q.clamp(1e-7, 1 - 1e-7)
    l = -(y * q.log() + (1 - y) * (1 - q).log())
    return l.mean() if m is None else (l * m).sum() / m.sum().clamp_min(1)

def within(scores, truth):
    vals = []
    for c in range(truth.shape[2]):
        U = P = 0.0
        for i in range(truth.shape[0]):
            y = truth[i, :, c]; s = scores[i, :, c]
            pos, neg = s[y > 0.5], s[y < 0.5]
            if len(pos) == 0 or len(neg) == 0: continue
            d = pos[:, None] - neg[None, :]
            U += (d > 0).sum() + 0.5 * (d == 0).sum(); P += d.size
        if P > 0: vals.append(U / P)
    return 100 * float(np.mean(vals))

def train_one(a, rng, Xtr, Ytr, Otr, Atr, Xte, names):
    order = rng.permutation(len(Xtr)); nv = int(round(0.15 * len(Xtr)))
    val, tr = order[:nv], order[nv:]
    net = Att(Xtr.shape[2], len(names), a.mode, a.hidden, a.dropout)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    best, state = 1e9, None
    X = torch.from_numpy(Xtr); Y = torch.from_numpy(Ytr); O = torch.from_numpy(Otr); A = torch.from_numpy(Atr)
    for ep in range(a.epochs):
        net.train()
        p = rng.permutation(tr)
        for i in range(0, len(p), a.batch):
            j = torch.from_numpy(p[i:i + a.batch])
            if len(j) < 2: continue
            q, f = net(X[j])
            loss = bce(q, Y[j], O[j]) + a.w * bce(f, A[j])
            opt.zero_grad(); loss.backward(); opt.step()
        net.eval()
        with torch.no_grad():
            q, _ = net(X[torch.from_numpy(val)])
            vl = bce(q, Y[torch.from_numpy(val)], O[torch.from_numpy(val)]).item()
        if vl < best:
            best = vl; state = {k: v.clone() for k, v in net.state_dict().items()}
    net.load_state_dict(state); net.eval()
    with torch.no_grad():
        q, f = net(torch.from_numpy(Xte))
    return q, f

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', required=True)
    ap.add_argument('--mode', default='plain')
    ap.add_argument('--w', type=float, default=3.0)
    ap.add_argument('--epochs', type=int, default=100)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--batch', type=int, default=32)
    ap.add_argument('--ensemble', type=int, default=1)
    ap.add_argument('--extra')
    ap.add_argument('--hidden', type=int, default=128)
    ap.add_argument('--dropout', type=float, default=0.6)
    a = ap.parse_args()
    torch.manual_seed(a.seed); torch.set_num_threads(1)
    rng = np.random.default_rng(a.seed)
    parts, names = tp.load_feature_folder(a.data)
    Xtr, Ytr, Otr = parts['train']; Xte, Yte, Ote = parts['test']
    T = Xtr.shape[1]
    if a.extra:
        def more(part):
            out = []
            for k in keys_of(a.data, part):
                name, clip = k.split('__', 1)
                out.append(np.load(os.path.join(a.extra, name, clip + '.npy')).astype(np.float32))
            return np.stack(out)
        Xtr = np.concatenate([Xtr, more('train')], 2); Xte = np.concatenate([Xte, more('test')], 2)
    Atr = truth_for(a.data, keys_of(a.data, 'train'), names, T)
    Ate = truth_for(a.data, keys_of(a.data, 'test'), names, Xte.shape[1])
    qs, fs = [], []
    for e in range(a.ensemble):
        torch.manual_seed(a.seed * 100 + e); rng = np.random.default_rng(a.seed * 100 + e)
        q, f = train_one(a, rng, Xtr, Ytr, Otr, Atr, Xte, names)
        qs.append(q); fs.append(f)
    q = torch.stack(qs).mean(0); f = torch.stack(fs).mean(0)
    q = q.numpy(); f = f.numpy()
    aucs = []
    for c in range(len(names)):
        y = Yte[:, c]; o = Ote[:, c] > 0
        if o.sum() and y[o].min() != y[o].max():
            aucs.append(tp.auroc(q[o, c], y[o] > 0.5))
    print(f'{"x" if a.extra else ""}{a.mode},{a.w},{a.seed},e{a.ensemble},h{a.hidden},d{a.dropout},clip={100*np.mean(aucs):.2f},within={within(f, Ate):.2f}', flush=True)

if __name__ == '__main__':
    main()
