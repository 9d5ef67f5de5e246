#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Head-side augmentations of the cnn features for the one-SoundFont transfer (issue 23, item
3; docs/RESULTS.md, "Noise on the heads' input, and a second test set"), screened with the
twin's ATT (within_track_proto.py's, as adabn_proto.py trains it: 15 % hold-out picks the
epoch) before any C++: the heads train on a combined folder's train part (FluidR3 clips only)
and are scored on the test part of every --data folder (same train part), per seed and as the
mean of the seeds' clip scores (ens). Each training batch's features get, when set:
  --noise S   Gaussian noise, S x each dimension's sd over the training instances (what
              `timbre train --set input_noise=S` does, models/training/InputNoise)
  --scale S   every dimension of a bag times exp(S N(0,1)), one draw per bag and dimension
  --shift S   every dimension of a bag plus S x sd N(0,1), one draw per bag and dimension
  --mixup A   mixup of bags (Beta(A, A)), labels mixed alike, observed where both are
--curve prints each epoch's validation BCE and test AUROC (the C++ side: `timbre train
--test-every-epoch`), for the side by side of docs/RESULTS.md.
usage: head_augment_proto.py --data COMBINED [COMBINED ...] [--seeds 1,2,3,4,5] [--noise S] ..."""
import argparse
import os
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, '..', 'bench'))
import twin_pytorch as tp  # noqa: E402
import within_track_proto as wp  # noqa: E402
from adabn_proto import clip_auroc  # noqa: E402


def train(a, rng, Xtr, Ytr, Otr, names, Xtes):
    """One head per the module text; its clip scores on each of Xtes."""
    order = rng.permutation(len(Xtr)); nv = int(round(0.15 * len(Xtr)))
    val, tr = order[:nv], order[nv:]
    net = wp.Att(Xtr.shape[2], len(names), 'plain', 128, 0.6)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    sd = torch.from_numpy(Xtr.reshape(-1, Xtr.shape[2]).std(0) + 1e-6)
    X = torch.from_numpy(Xtr); Y = torch.from_numpy(Ytr); O = torch.from_numpy(Otr)
    best, state = 1e9, None
    for ep in range(a.epochs):
        net.train(); p = rng.permutation(tr)
        for i in range(0, len(p), 32):
            j = torch.from_numpy(p[i:i+32])
            if len(j) < 2: continue
            x, y, o = X[j], Y[j], O[j]
            if a.noise > 0: x = x + a.noise * sd * torch.randn_like(x)
            if a.scale > 0: x = x * torch.exp(a.scale * torch.randn(x.shape[0], 1, x.shape[2]))
            if a.shift > 0: x = x + a.shift * sd * torch.randn(x.shape[0], 1, x.shape[2])
            if a.mixup > 0:
                lam = float(np.random.beta(a.mixup, a.mixup)); k = torch.randperm(len(j))
                x = lam * x + (1 - lam) * x[k]; y = lam * y + (1 - lam) * y[k]; o = o * o[k]
            q, f = net(x)
            loss = wp.bce(q, y, o)
            opt.zero_grad(); loss.backward(); opt.step()
        net.eval()
        with torch.no_grad():
            q, _ = net(X[torch.from_numpy(val)])
            vl = wp.bce(q, Y[torch.from_numpy(val)], O[torch.from_numpy(val)]).item()
        if a.curve:  # the learning curve: validation BCE and the first --data's test AUROC
            with torch.no_grad():
                qt = net(torch.from_numpy(Xtes[0]))[0].numpy()
            print(f'curve,{ep + 1},{vl:.4f},{clip_auroc(qt, *a.curve_truth):.2f}', flush=True)
        if vl < best: best = vl; state = {k: v.clone() for k, v in net.state_dict().items()}
    net.load_state_dict(state); net.eval()
    with torch.no_grad():
        return [net(torch.from_numpy(x))[0].numpy() for x in Xtes]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', nargs='+'); ap.add_argument('--seeds', default='1,2,3,4,5')
    ap.add_argument('--noise', type=float, default=0); ap.add_argument('--scale', type=float, default=0)
    ap.add_argument('--shift', type=float, default=0); ap.add_argument('--mixup', type=float, default=0)
    ap.add_argument('--epochs', type=int, default=100); ap.add_argument('--tag', default='')
    ap.add_argument('--curve', action='store_true', help='print epoch,validation BCE,test AUROC')
    a = ap.parse_args()
    torch.set_num_threads(1)
    parts0, names = tp.load_feature_folder(a.data[0])
    Xtr, Ytr, Otr = parts0['train']
    tests = [tp.load_feature_folder(d)[0]['test'] for d in a.data]
    a.curve_truth = (tests[0][1], tests[0][2])
    per = []
    for s in [int(x) for x in a.seeds.split(',')]:
        torch.manual_seed(s); np.random.seed(s); rng = np.random.default_rng(s)
        per.append(train(a, rng, Xtr, Ytr, Otr, names, [t[0] for t in tests]))
    for ti, d in enumerate(a.data):
        Yte, Ote = tests[ti][1], tests[ti][2]
        vals = [clip_auroc(p[ti], Yte, Ote) for p in per]
        ens = clip_auroc(np.mean([p[ti] for p in per], 0), Yte, Ote)
        print(f'{a.tag} {os.path.basename(d)} seeds ' + ' '.join(f'{v:.2f}' for v in vals) +
              f' mean {np.mean(vals):.2f} ens {ens:.2f}', flush=True)


if __name__ == '__main__':
    main()
