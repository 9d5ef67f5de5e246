#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The localisation experiments' bookkeeping (instance_loss.sh, cnn_instance_loss.sh,
one_soundfont.sh).

  localisation_rows.py rows [--clip-f1] [--pairs] [--support] FIELD... < `timbre evaluate --localisation A,B` output
      one CSV row per scoring: FIELD...,score,clip_auroc,loc1s,within1s; with --clip-f1
      FIELD...,clips,clip_f1,score,clip_auroc,loc1s,within1s (the test clips and the clip F1
      at threshold 0.5 besides); --pairs appends within1s_pairs, the within-track figure
      counted by pair; --support appends clip_auroc_ws, the clip AUROC over the instruments
      with at least 5 test clips with and 5 without (`test AUROC by support`): a mean that one
      or two excerpts of a thin class cannot swing (docs/RESULTS.md, "A fifth sample set for
      the front end, and the front end's own seed")
  localisation_rows.py table CSV GROUP:TITLE... SEED:TITLE
      a Markdown table: one line per GROUP value combination, mean ± sd over its rows (one
      per SEED value; a rerun's row replaces the earlier one) of clip AUROC (and clip F1 when
      the CSV has it), pooled 1 s and within-track 1 s
"""
import csv
import re
import statistics
import sys


def rows(fields):
    text = sys.stdin.read()
    line = re.search(r"test \(threshold 0.5\):.*", text).group(0)
    clip = re.search(r"AUROC ([0-9.]+)", line).group(1)
    extra = []
    pairs = "--pairs" in fields
    support = "--support" in fields
    fields = [f for f in fields if f not in ("--pairs", "--support")]
    well = ""
    if support:
        m = re.search(r"test AUROC by support: ([0-9.na]+) over", text)
        well = m.group(1) if m else ""
    if fields and fields[0] == "--clip-f1":
        fields = fields[1:]
        clips = re.search(r"([0-9]+) test bags", text)  # not "at least 5 test clips"
        extra = [clips.group(1) if clips else "", re.search(r"F1 ([0-9.]+)", line).group(1)]
    for m in re.finditer(r"localisation AUROC 1s/5s/10s/track \(([^)]+)\): ([0-9.na]+).*"
                         r"within-track 1s ([0-9.na]+)(?: \(pair-weighted ([0-9.na]+)\))?", text):
        row = [m.group(1), clip, m.group(2), m.group(3)] + ([m.group(4) or ""] if pairs else [])
        row += [well] if support else []
        print(",".join(list(fields) + extra + row))


def cell(rs, key):
    v = [float(r[key]) for r in rs if r[key] not in ("", "nan")]
    if not v:
        return "-"
    return f"{statistics.mean(v):.2f} ± {statistics.pstdev(v):.2f}" if len(v) > 1 else f"{v[0]:.2f}"


def table(path, specs):
    *groups, seed = [s.split(":", 1) for s in specs]
    by_group = {}
    reader = csv.DictReader(open(path))
    for r in reader:
        by_group.setdefault(tuple(r[g] for g, _ in groups), {})[r[seed[0]]] = r
    metrics = [("clip_f1", "clip F1")] if "clip_f1" in (reader.fieldnames or []) else []
    metrics += [("clip_auroc", "clip AUROC")]
    if "clip_auroc_ws" in (reader.fieldnames or []):
        metrics.append(("clip_auroc_ws", "clip AUROC, well supported"))
    metrics += [("loc1s", "pooled 1 s"), ("within1s", "within-track 1 s")]
    if "within1s_pairs" in (reader.fieldnames or []):
        metrics.append(("within1s_pairs", "within-track 1 s, by pair"))
    titles = [t for _, t in groups] + [seed[1]] + [t for _, t in metrics]
    print("| " + " | ".join(titles) + " |")
    print("|" + "---|" * len(titles))
    for key, by_seed in sorted(by_group.items()):
        rs = list(by_seed.values())
        print("| " + " | ".join(list(key) + [str(len(rs))] + [cell(rs, k) for k, _ in metrics])
              + " |")


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "rows":
        rows(sys.argv[2:])
    elif len(sys.argv) >= 4 and sys.argv[1] == "table":
        table(sys.argv[2], sys.argv[3:])
    else:
        sys.exit(__doc__)
