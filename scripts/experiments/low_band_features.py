#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A front end that hears lower, prototyped (issue 23, item 3; docs/RESULTS.md, "Below the
front end's 125 Hz"). The cnn front end's log-mel starts at 125 Hz (docs/METHOD.md §2.1), so
a bass line's fundamental never reaches it; on the npm songs the share of a clip's energy in
60-125 Hz alone told the bass's clips apart better than the FluidR3 heads did. This writes,
for every clip of a corpus, its cnn instance matrix with BANDS more columns: per 0.96 s
instance, the log share of the instance's power in each of BANDS log-spaced bands between
LOW and HIGH Hz (a 4096-point STFT, 3.9 Hz bins), standardised with the statistics of the
first corpus it was run on (--stats FILE: written when missing, read otherwise), so the
heads see the same scale on every corpus. A share, not a level: synthesisers play at
different gains. The audio is decoded by ffmpeg to 16 kHz mono, as `timbre features` hears
it; instance n is samples [n * 15360, (n + 1) * 15360).

usage: low_band_features.py --corpus CORPUS --cnn FEATDIR --out DIR --stats FILE
                            [--bands 8] [--low 30] [--high 250] [--threads 2]"""
import argparse
import json
import multiprocessing
import os
import subprocess
import sys

import numpy as np

RATE = 16000
INSTANCE = 15360
WINDOW = 4096
HOP = 1024
FLOOR = 1e-6


def decode(path):
    raw = subprocess.run(['ffmpeg', '-v', 'error', '-i', path, '-ac', '1', '-ar', str(RATE),
                          '-f', 'f32le', '-'], check=True, stdout=subprocess.PIPE).stdout
    return np.frombuffer(raw, dtype=np.float32)


def band_shares(audio, instances, edges):
    """(instances, bands) log10 share of each instance's power (30 Hz - 7.5 kHz) per band."""
    freqs = np.fft.rfftfreq(WINDOW, 1.0 / RATE)
    total = (freqs >= edges[0]) & (freqs < 7500)
    masks = [(freqs >= lo) & (freqs < hi) for lo, hi in zip(edges[:-1], edges[1:])]
    window = np.hanning(WINDOW).astype(np.float32)
    out = np.full((instances, len(masks)), np.log10(FLOOR), dtype=np.float32)
    need = instances * INSTANCE
    if audio.size < need:
        audio = np.concatenate([audio, np.zeros(need - audio.size, np.float32)])
    for n in range(instances):
        x = audio[n * INSTANCE:(n + 1) * INSTANCE]
        starts = range(0, INSTANCE - WINDOW + 1, HOP)
        frames = np.stack([x[s:s + WINDOW] * window for s in starts])
        power = (np.abs(np.fft.rfft(frames, axis=1)) ** 2).mean(axis=0)
        whole = power[total].sum()
        if whole < 1e-8:  # digital silence: every share at the floor
            continue
        out[n] = [np.log10(power[m].sum() / whole + FLOOR) for m in masks]
    return out


def shares_of_file(path, instances, edges):
    return band_shares(decode(path), instances, edges)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--corpus', required=True)
    ap.add_argument('--cnn', required=True)
    ap.add_argument('--out', required=True)
    ap.add_argument('--stats', required=True)
    ap.add_argument('--bands', type=int, default=8)
    ap.add_argument('--low', type=float, default=30.0)
    ap.add_argument('--high', type=float, default=250.0)
    ap.add_argument('--threads', type=int, default=2)
    a = ap.parse_args()
    edges = np.geomspace(a.low, a.high, a.bands + 1)
    mixes = os.path.join(a.corpus, 'mixes')
    by_stem = {os.path.splitext(f)[0]: os.path.join(mixes, f) for f in os.listdir(mixes)}
    clips = sorted(f[:-4] for f in os.listdir(a.cnn) if f.endswith('.npy'))
    missing = [c for c in clips if c not in by_stem]
    if missing:
        sys.exit(f'{a.corpus}: no mix for the feature file {missing[0]}.npy')
    cnns = [np.load(os.path.join(a.cnn, c + '.npy')) for c in clips]
    jobs = [(by_stem[c], x.shape[0], edges) for c, x in zip(clips, cnns)]
    with multiprocessing.Pool(a.threads) as pool:
        shares = pool.starmap(shares_of_file, jobs, chunksize=8)
    low = {c: (x, s) for c, x, s in zip(clips, cnns, shares)}
    if os.path.exists(a.stats):
        with open(a.stats) as f:
            st = json.load(f)
        if st['edges'] != [round(e, 3) for e in edges]:
            sys.exit(f'{a.stats}: written for other bands')
        mean, sd, scale = np.array(st['mean']), np.array(st['sd']), st['scale']
    else:
        every = np.concatenate([v[1] for v in low.values()])
        cnn_every = np.concatenate([v[0] for v in low.values()])
        mean, sd = every.mean(axis=0), every.std(axis=0) + 1e-6
        scale = float(cnn_every.std(axis=0).mean())  # the cnn columns' typical spread
        with open(a.stats, 'w') as f:
            json.dump({'edges': [round(e, 3) for e in edges], 'mean': mean.tolist(),
                       'sd': sd.tolist(), 'scale': scale, 'from': a.corpus}, f, indent=1)
    os.makedirs(a.out, exist_ok=True)
    for clip, (cnn, bands) in low.items():
        extra = ((bands - mean) / sd * scale).astype(np.float32)
        np.save(os.path.join(a.out, clip + '.npy'),
                np.concatenate([cnn.astype(np.float32), extra], axis=1))
    lv = os.path.join(a.cnn, 'levels.csv')
    if os.path.exists(lv):
        with open(lv) as src, open(os.path.join(a.out, 'levels.csv'), 'w') as dst:
            dst.write(src.read())
    print(f'{a.corpus}: {len(low)} clips, {a.bands} bands {a.low:g}-{a.high:g} Hz -> {a.out}')


if __name__ == '__main__':
    main()
