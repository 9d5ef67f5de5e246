#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Can the front end forget which synthesiser played a part (issue 23, item 3; docs/RESULTS.md,
"Removing the directions that tell SoundFonts apart, prototyped")? The same `timbre synth`
clips rendered with two SoundFonts the cnn front end trained on (FluidR3 and TimGM6mb: same
seed, same MIDI, the same labels and activity byte for byte) give pairs of instances that
differ only by the sound set. The directions of the 128-d embedding along which such pairs
differ most, relative to the spread of all training instances, are projected out of every
feature (nuisance attribute projection, as speaker recognition removes the channel):

  z = St^-1/2 (x - mu)          whitened by the training instances' covariance St
  Sw = cov of z_a - z_b         over the pairs' instances
  z' = z - U_k U_k^T z          U_k: Sw's k leading eigenvectors
  x' = St^1/2 z' + mu

No instrument label is used for the projection, and the test synthesiser (TiMidity++ /
freepats) is never heard: only renders of the training clips by SoundFonts the front end
already knew. The ATT head (the twin's, as adabn_proto.py trains it) is trained on the
projected FluidR3 features of a combined folder's train part and scored on its projected test
part. Prints one line per k: clip AUROC.
usage: pair_projection_proto.py --data COMBINED --pairs A:B [A:B ...] [--k 0,8,16] [--seed 1]"""
import argparse
import glob
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'bench'))
import twin_pytorch as tp  # noqa: E402
import within_track_proto as wp  # noqa: E402
from adabn_proto import clip_auroc  # noqa: E402


def pair_differences(pairs):
    """Instance differences of every clip present in both folders of each A:B pair."""
    out = []
    for pair in pairs:
        a, b = pair.split(':')
        for path in sorted(glob.glob(os.path.join(a, '*.npy'))):
            other = os.path.join(b, os.path.basename(path))
            if not os.path.exists(other):
                continue
            xa, xb = np.load(path), np.load(other)
            n = min(len(xa), len(xb))
            out.append(xa[:n] - xb[:n])
    if not out:
        sys.exit('no paired clips in ' + ' '.join(pairs))
    return np.concatenate(out).astype(np.float64)


def projection(Xtr, D, k, ridge=1e-3):
    """x -> x' as in the module's text; k = 0 is the identity."""
    flat = Xtr.reshape(-1, Xtr.shape[-1]).astype(np.float64)
    mu = flat.mean(0)
    St = np.cov(flat, rowvar=False) + ridge * np.eye(flat.shape[1])
    w, V = np.linalg.eigh(St)
    half, inv_half = (V * np.sqrt(w)) @ V.T, (V / np.sqrt(w)) @ V.T
    Dz = D @ inv_half
    Sw = Dz.T @ Dz / len(Dz)
    ev, U = np.linalg.eigh(Sw)
    U = U[:, ::-1][:, :k]
    P = inv_half @ (np.eye(len(mu)) - U @ U.T) @ half

    def apply(X):
        return ((X.astype(np.float64) - mu) @ P + mu).astype(np.float32)
    return apply, ev[::-1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', required=True)
    ap.add_argument('--pairs', nargs='+', required=True)
    ap.add_argument('--k', default='0,8,16,32')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--epochs', type=int, default=100)
    a = ap.parse_args()
    a.mode, a.hidden, a.dropout, a.batch, a.w = 'plain', 128, 0.6, 32, 0.0
    parts, names = tp.load_feature_folder(a.data)
    Xtr, Ytr, Otr = parts['train']; Xte, Yte, Ote = parts['test']
    Atr = wp.truth_for(a.data, wp.keys_of(a.data, 'train'), names, Xtr.shape[1])
    D = pair_differences(a.pairs)
    for k in (int(s) for s in a.k.split(',')):
        apply, ev = projection(Xtr, D, k)
        torch.manual_seed(a.seed); torch.set_num_threads(1)
        rng = np.random.default_rng(a.seed)
        q, _, _, net = wp.train_one(a, rng, apply(Xtr), Ytr, Otr, Atr, apply(Xte), names)
        with torch.no_grad():
            qt = net(torch.from_numpy(apply(Xte)))[0].numpy()
        print(f'{os.path.basename(a.data.rstrip("/"))},{a.seed},k={k},'
              f'auroc={clip_auroc(qt, Yte, Ote):.2f},removed_share={ev[:k].sum() / ev.sum():.3f}',
              flush=True)


if __name__ == '__main__':
    main()
