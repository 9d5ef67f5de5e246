#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Does re-estimating ATT's batch-norm statistics on the test recordings carry a head trained
on one SoundFont to another synthesiser (issue 23, item 3; docs/RESULTS.md, "Batch-norm
statistics of the target recordings, prototyped")? Unsupervised: only the test clips'
features, never their labels. ATT as within_track_proto.py trains it (the twin's ATT, 15 %
hold-out picks the epoch, --w the auxiliary loss), on a combined feature folder's train part;
clip AUROC on its test part:
  plain   the head as trained
  adabn   every BatchNorm's running mean and variance recomputed over the test instances
          (AdaBN, Li et al. 2016), weights unchanged
  zscore  the test features standardised per dimension to the training features' mean and sd
--dump FILE keeps the test clips' plain and adabn clip scores, labels, mask and keys (.npz,
for clip_bootstrap.py).
usage: adabn_proto.py --data COMBINED [--seed 1] [--w 0] [--dump FILE]"""
import argparse
import os
import sys

import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'bench'))
import twin_pytorch as tp  # noqa: E402
import within_track_proto as wp  # noqa: E402


def clip_auroc(q, Y, O):
    """Mean AUROC over the classes with both states observed, as `timbre evaluate` reports it."""
    return 100 * tp.evaluate(q, Y, O)[0]['auroc']


def adabn(net, X):
    """Running statistics of every BatchNorm from X alone (cumulative average), no dropout."""
    bns = [m for m in net.modules() if isinstance(m, nn.BatchNorm1d)]
    for m in bns:
        m.reset_running_stats(); m.momentum = None
    net.train(); dropout = net.net.dropout; net.net.dropout = 0.0
    with torch.no_grad():
        net(torch.from_numpy(X))  # one pass over all test instances: their exact statistics
    net.net.dropout = dropout; net.eval()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', required=True)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--w', type=float, default=0.0)
    ap.add_argument('--epochs', type=int, default=100)
    ap.add_argument('--dump')
    a = ap.parse_args()
    a.mode, a.hidden, a.dropout, a.batch = 'plain', 128, 0.6, 32
    torch.manual_seed(a.seed); torch.set_num_threads(1)
    rng = np.random.default_rng(a.seed)
    parts, names = tp.load_feature_folder(a.data)
    Xtr, Ytr, Otr = parts['train']; Xte, Yte, Ote = parts['test']
    Atr = wp.truth_for(a.data, wp.keys_of(a.data, 'train'), names, Xtr.shape[1])
    q, _, _, net = wp.train_one(a, rng, Xtr, Ytr, Otr, Atr, Xte, names)
    out = {'plain': clip_auroc(q.numpy(), Yte, Ote)}
    mu, sd = Xtr.mean((0, 1)), Xtr.std((0, 1)) + 1e-6
    tm, ts = Xte.mean((0, 1)), Xte.std((0, 1)) + 1e-6
    with torch.no_grad():
        z = net(torch.from_numpy(((Xte - tm) / ts * sd + mu).astype(np.float32)))[0]
    out['zscore'] = clip_auroc(z.numpy(), Yte, Ote)
    adabn(net, Xte)
    with torch.no_grad():
        qa = net(torch.from_numpy(Xte))[0].numpy()
    out['adabn'] = clip_auroc(qa, Yte, Ote)
    if a.dump:
        np.savez(a.dump, plain=q.numpy(), adabn=qa, labels=Yte, observed=Ote,
                 keys=np.array(wp.keys_of(a.data, 'test')))
    print(f'{os.path.basename(a.data.rstrip("/"))},{a.seed},' +
          ','.join(f'{k}={v:.2f}' for k, v in out.items()), flush=True)


if __name__ == '__main__':
    main()
