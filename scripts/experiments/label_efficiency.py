#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""CSV / JSON plumbing of scripts/experiments/label_efficiency.sh (docs/RESULTS.md, "Label
efficiency of the review queues").

Truth is the corpus labels.csv (clip,instrument,present with 0/1) that `timbre synth` wrote;
the library's state is read back with `timbre labels export --format json` and `timbre review
--format csv`. Nothing here trains or ranks: it picks which labels to reveal and scores outcomes.

  initial  EXPORT.json LABELS.csv FRACTION SEED OUT.csv    test clips + FRACTION of clips, all labels
  random   EXPORT.json LABELS.csv N SEED OUT.csv           N random unknown non-test (clip, instrument)
  queue    REVIEW.csv LABELS.csv N OUT.csv                 the first N entries of the uncertain queue
  flips    EXPORT.json LABELS.csv FRACTION SEED OUT.csv FLIPS.csv
                                                           all labels, FRACTION of the non-test present
                                                           ones written absent (FLIPS.csv lists them)
  errors   REVIEW.csv FLIPS.csv                            precision@50 and flips found in 200, as JSON
  rerank   REVIEW_ALL.csv FLIPS.csv                        the whole errors queue: what it flags, and
                                                           an offline re-ranking (a diagnostic, as JSON)
  table    OUT_DIR                                         the markdown tables of docs/RESULTS.md
"""
import csv
import json
import os
import random
import statistics
import sys


def clip_name(s):
    """A clip as the corpus names it: the review queue prints a track path, export a key."""
    return os.path.splitext(os.path.basename(s))[0]


def truth(path):
    t = {}
    with open(path, newline='') as f:
        for r in csv.DictReader(f):
            t[(r['clip'], r['instrument'])] = int(r['present'])
    return t


def export(path):
    with open(path) as f:
        d = json.load(f)
    clips = {}
    for c in d['clips']:
        known = {k for k, v in c['labels'].items() if v.get('value') in ('present', 'absent')}
        clips[clip_name(c['key'] or c['track'])] = (bool(c['test']), known)
    return clips


def write(path, rows):
    with open(path, 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(['clip', 'instrument', 'present'])
        for r in rows:
            w.writerow(r)


def initial(exp, labels, fraction, seed, out):
    clips, t = export(exp), truth(labels)
    test = sorted(c for c, (is_test, _) in clips.items() if is_test)
    train = sorted(c for c, (is_test, _) in clips.items() if not is_test)
    n = round(float(fraction) * len(clips))
    chosen = set(random.Random(int(seed)).sample(train, n))
    rows = [(c, i, v) for (c, i), v in sorted(t.items()) if c in chosen or c in set(test)]
    write(out, rows)
    print(f'initial test_clips={len(test)} labelled_clips={n} rows={len(rows)}')


def pick_random(exp, labels, n, seed, out):
    clips, t = export(exp), truth(labels)
    unknown = sorted((c, i) for (c, i) in t
                     if c in clips and not clips[c][0] and i not in clips[c][1])
    chosen = random.Random(int(seed)).sample(unknown, min(int(n), len(unknown)))
    write(out, [(c, i, t[(c, i)]) for c, i in sorted(chosen)])
    print(f'random pairs={len(chosen)} of_unknown={len(unknown)} '
          f'present={sum(t[p] for p in chosen)}')


def pick_queue(review, labels, n, out):
    t = truth(labels)
    rows, seen = [], set()
    with open(review, newline='') as f:
        for r in csv.DictReader(f):
            if len(rows) == int(n):
                break
            pair = (clip_name(r['clip']), r['instrument'])
            if r['label'] != 'unknown' or pair in seen or pair not in t:
                sys.exit(f'queue entry {r} is not an unknown label of the corpus')
            seen.add(pair)
            rows.append((pair[0], pair[1], t[pair]))
    write(out, rows)
    print(f'queue pairs={len(rows)} clips={len({r[0] for r in rows})} '
          f'present={sum(r[2] for r in rows)}')


def flips(exp, labels, fraction, seed, out, flips_out):
    clips, t = export(exp), truth(labels)
    present = sorted(p for p, v in t.items() if v == 1 and p[0] in clips and not clips[p[0]][0])
    n = round(float(fraction) * len(present))
    flipped = set(random.Random(int(seed)).sample(present, n))
    write(out, [(c, i, 0 if (c, i) in flipped else v) for (c, i), v in sorted(t.items())
                if c in clips])
    write(flips_out, [(c, i, 1) for c, i in sorted(flipped)])
    observed = sum(1 for (c, i) in t if c in clips and not clips[c][0])
    print(f'flips flipped={n} of_present_nontest={len(present)} nontest_labels={observed}')


def errors(review, flips_csv):
    planted = {(r['clip'], r['instrument']) for r in csv.DictReader(open(flips_csv, newline=''))}
    ranked = [(clip_name(r['clip']), r['instrument'], r['label'])
              for r in csv.DictReader(open(review, newline=''))]
    hits = [(c, i) in planted and lab == 'absent' for c, i, lab in ranked]
    top50 = hits[:50]
    # A diagnostic beside the goal: the queue ranks present and absent labels together; the flips
    # are all present -> absent, so how many of the top 200 are absent labels at all?
    absent = [h for (c, i, lab), h in zip(ranked[:200], hits[:200]) if lab == 'absent']
    print(json.dumps({'planted': len(planted), 'queue_entries': len(ranked),
                      'precision_at_50': sum(top50) / len(top50) if top50 else None,
                      'found_in_50': sum(top50), 'found_in_200': sum(hits[:200]),
                      'looks': min(200, len(ranked)),
                      'present_entries_in_50': sum(lab == 'present' for _, _, lab in ranked[:50]),
                      'present_entries_in_200': sum(lab == 'present' for _, _, lab in ranked[:200]),
                      'absent_entries_in_200': len(absent), 'flips_among_them': sum(absent)}))


def rerank(review, flips_csv):
    """The whole errors queue (`--limit 0`): how many flips it flags at all, and where they would
    rank if each entry's margin were measured against its own threshold (present: (t - s) / t,
    absent: (s - t) / (1 - t)) instead of 1 - self-confidence. Not the queue's ranking: a what-if
    on the entries and thresholds the CLI printed."""
    planted = {(r['clip'], r['instrument']) for r in csv.DictReader(open(flips_csv, newline=''))}
    rows = list(csv.DictReader(open(review, newline='')))
    def hit(r):
        return (clip_name(r['clip']), r['instrument']) in planted and r['label'] == 'absent'
    def margin(r):
        s, t = float(r['score']), float(r['threshold'])
        return (t - s) / t if r['label'] == 'present' else (s - t) / (1 - t)
    queue = [hit(r) for r in rows]
    normalised = [hit(r) for r in sorted(rows, key=lambda r: -margin(r))]
    print(json.dumps({'entries': len(rows), 'present_entries': sum(r['label'] == 'present' for r in rows),
                      'absent_entries': sum(r['label'] == 'absent' for r in rows),
                      'flips_flagged': sum(queue), 'planted': len(planted),
                      'flips_rank': [i + 1 for i, h in enumerate(queue) if h],
                      'normalised_precision_at_50': sum(normalised[:50]) / 50,
                      'normalised_found_in_200': sum(normalised[:200])}))


def table(out_dir):
    seeds = sorted(d for d in os.listdir(out_dir) if d.startswith('s') and
                   os.path.exists(os.path.join(out_dir, d, 'curve.csv')))
    curves = {}
    for s in seeds:
        for r in csv.DictReader(open(os.path.join(out_dir, s, 'curve.csv'), newline='')):
            curves.setdefault((r['strategy'], int(r['round'])), {})[s] = r
    rounds = sorted({k[1] for k in curves})
    control = any(k[0] == 'none' for k in curves)
    print('| round | labels added | ' + ' | '.join(
        f'{st} {s}' for st in ('queue', 'random') for s in seeds) + ' | queue mean | random mean |'
          + (' no labels (control) mean |' if control else ''))
    print('|---' * (2 + 2 * len(seeds) + 2 + control) + '|')
    means = {}
    fmt = lambda x: '—' if x[0] is None else (f'{x[0]:.2f}' + (f' ± {x[1]:.2f}' if x[1] is not None else ''))
    for rd in rounds:
        cells, added = [], ''
        for st in ('queue', 'random', 'none'):
            got = curves.get((st, rd), {})
            vals = []
            for s in seeds:
                r = got.get(s)
                if st != 'none':
                    cells.append(r['test_auroc'] if r else '—')
                if r:
                    vals.append(float(r['test_auroc']))
                    if st != 'none':
                        added = r['labels_added']
            means[(st, rd)] = (statistics.mean(vals) if vals else None,
                               statistics.stdev(vals) if len(vals) > 1 else None, len(vals))
        m = [means[(st, rd)] for st in ('queue', 'random', 'none')]
        print(f'| {rd} | {added} | ' + ' | '.join(cells) + f' | {fmt(m[0])} | {fmt(m[1])} |'
              + (f' {fmt(m[2])} |' if control else ''))
    # Beside the goal's AUROC: test F1 at 0.5 and how many revealed labels were present.
    sts = [st for st in ('queue', 'random', 'none') if any(k[0] == st for k in curves)]
    print('\n| round | ' + ' | '.join(f'{st}: test F1 mean' for st in sts) + ' | '
          + ' | '.join(f'{st}: present labels revealed (mean of {len(seeds)})' for st in sts
                       if st != 'none') + ' |')
    print('|---' * (1 + len(sts) + len([st for st in sts if st != 'none'])) + '|')
    for rd in rounds:
        f1 = [statistics.mean(float(r['test_f1']) for r in curves.get((st, rd), {}).values())
              for st in sts]
        pr = [statistics.mean(int(r['present_revealed']) for r in curves.get((st, rd), {}).values())
              for st in sts if st != 'none']
        print(f'| {rd} | ' + ' | '.join(f'{x:.2f}' for x in f1) + ' | '
              + ' | '.join(f'{x:.1f}' for x in pr) + ' |')
    # The goal: the first round at which the queue's mean reaches random's last-round mean.
    last = max(rounds) if rounds else 0
    target = means.get(('random', last), (None,))[0]
    if target is not None:
        reach = [rd for rd in rounds if means.get(('queue', rd), (None,))[0] is not None
                 and means[('queue', rd)][0] >= target]
        print(f'\nrandom round {last} mean test AUROC {target:.2f}; queue reaches it at round '
              f'{reach[0] if reach else "never (within the rounds run)"}'
              + (f' (goal: round <= {last / 2:g}: {"met" if reach[0] <= last / 2 else "not met"})'
                 if reach else ' (goal not met)'))
        for s in seeds:
            tq = [rd for rd in rounds if s in curves.get(('queue', rd), {}) and
                  float(curves[('queue', rd)][s]['test_auroc'])
                  >= float(curves.get(('random', last), {}).get(s, {'test_auroc': 'inf'})['test_auroc'])]
            print(f'  {s}: ' + (f'queue reaches random round {last} at round {tq[0]}' if tq
                                else f'queue never reaches random round {last}'))
    errs = []
    for s in seeds:
        p = os.path.join(out_dir, s, 'errors.json')
        if os.path.exists(p):
            e = json.load(open(p))
            errs.append((s, e))
    if errs:
        print('\n| seed | planted flips | precision@50 | flips in top 200 | present labels in top 50 '
              '/ 200 | flips among the absent entries of the top 200 |')
        print('|---|---|---|---|---|---|')
        for s, e in errs:
            ab = ('—' if 'present_entries_in_200' not in e else
                  f"{e['found_in_200']} of {min(200, e['queue_entries']) - e['present_entries_in_200']}")
            print(f"| {s} | {e['planted']} | {e['precision_at_50']:.2f} "
                  f"| {e['found_in_200']} of {e['planted']} "
                  f"| {e.get('present_entries_in_50', '?')} / {e.get('present_entries_in_200', '?')} "
                  f"| {ab} |")
        if len(errs) > 1:
            p50 = [e['precision_at_50'] for _, e in errs]
            f200 = [e['found_in_200'] for _, e in errs]
            print(f'| mean | | {statistics.mean(p50):.2f} | {statistics.mean(f200):.1f} | | |')
    rr = [(s, json.load(open(os.path.join(out_dir, s, 'rerank.json')))) for s in seeds
          if os.path.exists(os.path.join(out_dir, s, 'rerank.json'))]
    if rr:
        print('\n| seed | whole queue: entries (present / absent labels) | flips it flags at all '
              '| their ranks | what-if margin over threshold: precision@50, flips in top 200 |')
        print('|---|---|---|---|---|')
        for s, e in rr:
            ranks = e['flips_rank']
            print(f"| {s} | {e['entries']} ({e['present_entries']} / {e['absent_entries']}) "
                  f"| {e['flips_flagged']} of {e['planted']} | {', '.join(map(str, ranks))} "
                  f"| {e['normalised_precision_at_50']:.2f}, {e['normalised_found_in_200']} |")


if __name__ == '__main__':
    cmd, args = sys.argv[1], sys.argv[2:]
    {'initial': initial, 'random': pick_random, 'queue': pick_queue, 'flips': flips,
     'errors': errors, 'rerank': rerank, 'table': table}[cmd](*args)
