#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""How loud each part sits in the mix, and remixes that change it (issue 23, item 3;
docs/RESULTS.md, "What the one-SoundFont condition costs, and two diagnoses").

Reads corpora that `timbre midi-corpus` or `timbre synth` wrote *with* their stems (no
--no-stems): every part's stem is at the mix's gain, so the mix is exactly the sum of the
stems. A remix adds (g - 1) x stem to the mix for a part played g times louder, then
peak-normalises to timbre's -1 dBFS (SynthRenderer::kMixPeak) and writes 32-bit float wav
with the source's labels.csv, activity.csv and corpus.json beside it.

  mix_balance.py levels A B          per instrument: stem level relative to the mix in render
                                     A and in render B of the same excerpts, and B - A
  mix_balance.py spectra A B         per instrument: how B's stems share their power among
                                     the octave bands against A's (dB; 40 parts at most)
  mix_balance.py remix SRC DST drums=-6 cymbals=-6     fixed gains (dB) per instrument
  mix_balance.py match A B DST       B's stems brought to A's stem-to-mix ratio of the same
                                     part (the balance of render A with the sounds of B)
  mix_balance.py random SRC DST G [--seed S]   every part within +-G dB, drawn per part
  mix_balance.py parteq SRC DST G [--seed S]   every part through its own random spectral
                                     curve: gains within +-G dB at the octaves 62.5 Hz-16 kHz,
                                     linear in log frequency between them (another sample
                                     set colours each instrument differently, not the mix)
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys

import numpy as np

MIX_PEAK = 0.891  # SynthRenderer::kMixPeak
RATE = 44100


def load(path):
    raw = subprocess.run(['ffmpeg', '-nostdin', '-loglevel', 'error', '-i', path, '-ac', '2',
                          '-ar', str(RATE), '-f', 'f32le', '-'],
                         capture_output=True, check=True).stdout
    return np.frombuffer(raw, dtype=np.float32).reshape(-1, 2).astype(np.float64)


def rms(x):
    return np.sqrt(np.mean(x ** 2) + 1e-20)


def corpus(root):
    with open(os.path.join(root, 'corpus.json')) as f:
        clips = json.load(f)['clips']
    if not any('stem' in p for c in clips for p in c.get('parts', [])):
        sys.exit(f'{root}: no stems (render it without --no-stems)')
    return clips


def excerpt_key(clip):
    # midi-corpus clips of the same song and start are the same music in two renders; synth
    # clips have neither and are matched by name.
    return (clip.get('source', ''), clip.get('start', 0), clip['name'] if 'source' not in clip else '')


def write_mix(dst, name, mix):
    peak = np.abs(mix).max()
    if peak > 0:
        mix = mix * (MIX_PEAK / peak)
    out = os.path.join(dst, 'mixes', name + '.wav')
    subprocess.run(['ffmpeg', '-nostdin', '-loglevel', 'error', '-y', '-f', 'f32le', '-ac', '2',
                    '-ar', str(RATE), '-i', '-', '-c:a', 'pcm_f32le', out],
                   input=mix.astype(np.float32).tobytes(), check=True)


def remix_corpus(src, dst, change):
    """change(clip, part, stem, mix) -> the part as it should sound instead, or None
    (unchanged); called for every part in corpus order, with stem None where the part has none,
    and mix the clip's mix as rendered (each stem decoded once)."""
    os.makedirs(os.path.join(dst, 'mixes'), exist_ok=True)
    for clip in corpus(src):
        rendered = load(os.path.join(src, clip['mix']))
        mix = rendered.copy()
        for part in clip.get('parts', []):
            stem = load(os.path.join(src, part['stem'])) if 'stem' in part else None
            changed = change(clip, part, stem, rendered)
            if changed is None or stem is None:
                continue
            n = min(len(stem), len(mix))
            mix[:n] += changed[:n] - stem[:n]
        write_mix(dst, clip['name'], mix)
    for f in ('labels.csv', 'activity.csv', 'corpus.json'):
        shutil.copyfile(os.path.join(src, f), os.path.join(dst, f))


def stem_levels(root):
    """{(excerpt, instrument): stem level relative to the mix, dB}"""
    out = {}
    for clip in corpus(root):
        mix_db = 20 * np.log10(rms(load(os.path.join(root, clip['mix']))))
        for part in clip.get('parts', []):
            if 'stem' in part:
                level = 20 * np.log10(rms(load(os.path.join(root, part['stem']))))
                out[(excerpt_key(clip), part['instrument'])] = level - mix_db
    return out


def cmd_levels(a):
    la, lb = stem_levels(a.a), stem_levels(a.b)
    per = {}
    for k, v in la.items():
        if k in lb:
            per.setdefault(k[1], []).append((v, lb[k]))
    print('| instrument | parts | A, dB re mix (median) | B | B - A (median) | B - A (sd) |')
    print('|---|---|---|---|---|---|')
    for inst in sorted(per):
        v = np.array(per[inst])
        d = v[:, 1] - v[:, 0]
        print(f'| {inst} | {len(v)} | {np.median(v[:, 0]):.1f} | {np.median(v[:, 1]):.1f} | '
              f'{np.median(d):+.1f} | {d.std():.1f} |')


BAND_EDGES = [31, 62, 125, 250, 500, 1000, 2000, 4000, 8000, 16000]


def band_shares(stem):
    x = stem.mean(axis=1)
    n, hop = 4096, 2048
    if len(x) < n:
        x = np.pad(x, (0, n - len(x)))
    frames = np.lib.stride_tricks.sliding_window_view(x, n)[::hop] * np.hanning(n)
    power = (np.abs(np.fft.rfft(frames, axis=1)) ** 2).mean(axis=0)
    f = np.fft.rfftfreq(n, 1.0 / RATE)
    total = power.sum() + 1e-20
    return np.array([power[(f >= lo) & (f < hi)].sum() / total
                     for lo, hi in zip(BAND_EDGES[:-1], BAND_EDGES[1:])])


def cmd_spectra(a):
    ref = {excerpt_key(c): c for c in corpus(a.a)}
    per = {}
    for clip in corpus(a.b):
        r = ref.get(excerpt_key(clip))
        if r is None:
            continue
        stems = {p['instrument']: p['stem'] for p in r['parts'] if 'stem' in p}
        for part in clip.get('parts', []):
            inst = part['instrument']
            if 'stem' not in part or inst not in stems or len(per.get(inst, [])) >= 40:
                continue
            per.setdefault(inst, []).append((band_shares(load(os.path.join(a.a, stems[inst]))),
                                             band_shares(load(os.path.join(a.b, part['stem'])))))
    bands = [f'{lo}-{hi}' for lo, hi in zip(BAND_EDGES[:-1], BAND_EDGES[1:])]
    print('| instrument | parts | ' + ' | '.join(bands) + ' |')
    print('|---|---|' + '---|' * len(bands))
    for inst in sorted(per):
        if len(per[inst]) < 5:
            continue
        sa = np.mean([v[0] for v in per[inst]], axis=0)
        sb = np.mean([v[1] for v in per[inst]], axis=0)
        cells = ' | '.join(f'{10 * np.log10((y + 1e-9) / (x + 1e-9)):+.1f}' for x, y in zip(sa, sb))
        print(f'| {inst} | {len(per[inst])} | {cells} |')


def cmd_remix(a):
    gains = {}
    for spec in a.gains:
        inst, _, db = spec.partition('=')
        gains[inst] = 10 ** (float(db) / 20)
    def change(clip, part, stem, mix):
        g = gains.get(part['instrument'])
        return None if g is None or stem is None else g * stem

    remix_corpus(a.src, a.dst, change)


def cmd_match(a):
    ref = {excerpt_key(c): c for c in corpus(a.a)}
    ref_mix_rms = {}  # A's mix level, decoded once per excerpt

    def change(clip, part, stem, mix):
        r = ref.get(excerpt_key(clip))
        if r is None or stem is None:
            return None
        stems = {p['instrument']: p['stem'] for p in r['parts'] if 'stem' in p}
        if part['instrument'] not in stems:
            return None
        key = excerpt_key(clip)
        if key not in ref_mix_rms:
            ref_mix_rms.clear()
            ref_mix_rms[key] = rms(load(os.path.join(a.a, r['mix'])))
        target = rms(load(os.path.join(a.a, stems[part['instrument']]))) / ref_mix_rms[key] * rms(mix)
        return (target / rms(stem)) * stem

    remix_corpus(a.b, a.dst, change)


def cmd_random(a):
    rng = random.Random(a.seed)
    def change(clip, part, stem, mix):
        g = 10 ** (rng.uniform(-a.g, a.g) / 20)  # drawn for every part, stem or not
        return None if stem is None else g * stem

    remix_corpus(a.src, a.dst, change)


OCTAVES = 62.5 * 2.0 ** np.arange(9)  # 62.5 Hz .. 16 kHz


def spectral_curve(gains_db):
    """A filter: the stem's spectrum times the curve through (OCTAVES, gains_db), linear in
    log frequency, flat beyond the ends; zero phase, over the whole stem at once."""
    def apply(stem):
        spec = np.fft.rfft(stem, axis=0)
        f = np.fft.rfftfreq(len(stem), 1.0 / RATE)
        db = np.interp(np.log2(np.maximum(f, 1.0)), np.log2(OCTAVES), gains_db)
        return np.fft.irfft(spec * (10 ** (db / 20))[:, None], n=len(stem), axis=0)
    return apply


def cmd_parteq(a):
    rng = random.Random(a.seed)
    def change(clip, part, stem, mix):
        curve = spectral_curve([rng.uniform(-a.g, a.g) for _ in OCTAVES])  # every part draws
        return None if stem is None else curve(stem)

    remix_corpus(a.src, a.dst, change)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    sub = ap.add_subparsers(dest='cmd', required=True)
    # name, positional arguments, seed default (None: no --seed), handler
    commands = [('levels', ['a', 'b'], None, cmd_levels),
                ('spectra', ['a', 'b'], None, cmd_spectra),
                ('remix', ['src', 'dst', 'gains*'], None, cmd_remix),
                ('match', ['a', 'b', 'dst'], None, cmd_match),
                ('random', ['src', 'dst', 'g:float'], 903, cmd_random),
                ('parteq', ['src', 'dst', 'g:float'], 905, cmd_parteq)]
    for name, positionals, seed, run in commands:
        p = sub.add_parser(name)
        for arg in positionals:
            if arg.endswith('*'):
                p.add_argument(arg[:-1], nargs='*', help='INSTRUMENT=DB')
            elif arg.endswith(':float'):
                p.add_argument(arg[:-6], type=float)
            else:
                p.add_argument(arg)
        if seed is not None:
            p.add_argument('--seed', type=int, default=seed)
        p.set_defaults(run=run)
    a = ap.parse_args()
    a.run(a)


if __name__ == '__main__':
    main()
