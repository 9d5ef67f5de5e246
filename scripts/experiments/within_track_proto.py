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
  --shifted DIR  the same combined folder with features of the audio cut 0.48 s later (a
                 grid of instances shifted by half an instance), for --overlap:
     tta  heads trained on the plain grid; an instance's score is averaged with the two
          shifted instances that overlap it half (weights 2, 1, 1)
     aug  both grids as separate training bags (a shift augmentation), scored as tta
     bag  the two grids interleaved into one bag of instances at a 0.48 s hop (overlapping
          instances), trained and scored on it; scored as tta on the plain grid
usage: within_track_proto.py --data COMBINED [--mode M] [--w 3] [--seed 1] [--epochs 100]"""
import argparse
import os
import sys

import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'bench'))
import twin_pytorch as tp  # noqa: E402
import within_support as ws  # noqa: E402

def truth_for(folder, keys, names, instances, hop=tp.INSTANCE_SECONDS, offset=0.0):
    return tp.activity_truth(os.path.join(folder, 'activity.csv'),
                             {k: i for i, k in enumerate(keys)}, instances, names, hop, offset)


def interleave(plain, shifted):
    """[clips, T, d] and [clips, T - 1, d] -> [clips, 2T - 1, d] at a 0.48 s hop."""
    n, t, d = plain.shape
    out = np.zeros((n, 2 * t - 1, d), plain.dtype)
    out[:, 0::2] = plain
    out[:, 1::2] = shifted[:, :t - 1]
    return out


def neighbour_mean(plain):
    """The control for overlap_mean on the plain grid alone: weights 1, 2, 1 over the
    neighbouring instances (one neighbour at the ends)."""
    num = 2 * plain.copy(); den = np.full(plain.shape, 2.0)
    num[:, 1:] += plain[:, :-1]; den[:, 1:] += 1
    num[:, :-1] += plain[:, 1:]; den[:, :-1] += 1
    return num / den


def overlap_mean(plain, shifted):
    """Each plain instance's score averaged with the shifted instances that overlap it half,
    weights 2, 1, 1 (one neighbour at the ends)."""
    t = plain.shape[1]
    num = 2 * plain.copy(); den = np.full(plain.shape, 2.0)
    sh = shifted[:, :t - 1]
    num[:, :t - 1] += sh; den[:, :t - 1] += 1   # the one starting half an instance later
    num[:, 1:] += sh; den[:, 1:] += 1           # the one starting half an instance earlier
    return num / den


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
    return ws.figures(scores, truth, range(truth.shape[0]))[0]

def train_one(a, rng, Xtr, Ytr, Otr, Atr, Xte, names, extra=None, Xsh_te=None):
    order = rng.permutation(len(Xtr)); nv = int(round(0.15 * len(Xtr)))
    val, tr = order[:nv], order[nv:]
    net = Att(Xtr.shape[2], len(names), a.mode, a.hidden, a.dropout)
    if extra is not None:  # the shifted grid of the same training clips: more bags, same split
        Xs, As = torch.from_numpy(extra[0]), torch.from_numpy(extra[1])
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
            if extra is not None:
                q, f = net(Xs[j])
                loss = bce(q, Y[j], O[j]) + a.w * bce(f, As[j])
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
        fs = net(torch.from_numpy(Xsh_te))[1] if Xsh_te is not None else None
    return q, f, fs, net

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
    ap.add_argument('--dump', help='saves centre / smooth scores, truth, names, keys (.npz)')
    ap.add_argument('--shifted')
    ap.add_argument('--overlap', default='none', choices=['none', 'tta', 'aug', 'bag'])
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
    extra = Ste = None
    if a.overlap != 'none':
        sparts, _ = tp.load_feature_folder(a.shifted)
        Str, Ste = sparts['train'][0], sparts['test'][0]
        assert Str.shape[0] == Xtr.shape[0] and Ste.shape[0] == Xte.shape[0], 'shifted keys differ'
        half = tp.INSTANCE_SECONDS / 2
        if a.overlap == 'bag':
            Xtr = interleave(Xtr, Str); Xte = interleave(Xte, Ste)
            Atr = truth_for(a.data, keys_of(a.data, 'train'), names, Xtr.shape[1], half)
        elif a.overlap == 'aug':
            Ash = truth_for(a.data, keys_of(a.data, 'train'), names, Str.shape[1],
                            tp.INSTANCE_SECONDS, half)
            extra = (Str, Ash)
    qs, fs = [], []
    for e in range(a.ensemble):
        torch.manual_seed(a.seed * 100 + e); rng = np.random.default_rng(a.seed * 100 + e)
        q, f, fsh, _ = train_one(a, rng, Xtr, Ytr, Otr, Atr, Xte, names, extra,
                              Ste if a.overlap in ('aug', 'tta') else None)
        qs.append(q); fs.append((f, fsh))
    q = torch.stack(qs).mean(0).numpy()
    plain = np.mean([f.numpy() for f, _ in fs], 0)
    if a.overlap == 'bag':
        centre = plain[:, 0::2]; smooth = overlap_mean(centre, plain[:, 1::2])
    elif a.overlap in ('aug', 'tta'):
        centre = plain; smooth = overlap_mean(plain, np.mean([x.numpy() for _, x in fs], 0))
    else:
        centre = smooth = plain
    f = centre
    if a.dump:
        np.savez(a.dump, centre=f, smooth=smooth, truth=Ate, names=np.array(names),
                 keys=np.array(keys_of(a.data, 'test')))
    clip = 100 * tp.evaluate(q, Yte, Ote)[0]['auroc']
    print(f'{"x" if a.extra else ""}{a.mode},{a.w},{a.seed},e{a.ensemble},h{a.hidden},d{a.dropout},clip={clip:.2f},within={within(f, Ate):.2f},within_ovl={within(smooth, Ate):.2f},within_121={within(neighbour_mean(f), Ate):.2f},{a.overlap}', flush=True)

if __name__ == '__main__':
    main()
