#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Markdown summary of a quality side by side (scripts/bench/quality_side_by_side.sh).

Reads OUT/runs/cpp_<model>_s<seed>.json (`timbre train --report`) and
OUT/runs/py_<model>_s<seed>.json (scripts/bench/twin_pytorch.py) and prints, per model:
  a) the learning curve: train BCE mean +- sd over seeds at epochs 1, 2, 5, 10, 20, 50, 100
     (those that exist, and the last), the difference C++ - PyTorch and whether it is within
     the seeds' noise (|diff| <= 2 max(sd) or <= 0.005);
  b) final test F1 / AUROC / mAP in percent, mean +- sd, differences in percentage points,
     "parity" when |dF1| <= 1 and |dAUROC| <= 1;
  c) time to quality: target = the twin's mean final test AUROC; per side and seed the
     cumulative training seconds at the first epoch whose test AUROC reaches it; the mean per
     side, the ratio twin / C++, and the median seconds per epoch of each side.

    python3 scripts/bench/quality_summary.py /tmp/quality > summary.md

Dependency-free (json, statistics, sys, glob).
"""
import glob
import json
import math
import os
import re
import statistics
import sys

CURVE_EPOCHS = [1, 2, 5, 10, 20, 50, 100]
SIDES = (("cpp", "C++"), ("py", "PyTorch"))


def finite(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def mean_sd(values):
    values = [v for v in values if finite(v)]
    if not values:
        return None, None, 0
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    return statistics.fmean(values), sd, len(values)


def fmt(m, sd, n, scale=1.0, digits=2):
    if m is None:
        return "—"
    text = f"{m * scale:.{digits}f} ± {sd * scale:.{digits}f}"
    return text if n > 1 else f"{m * scale:.{digits}f} (1 seed)"


def load_runs(out):
    runs = {}  # model -> side -> seed -> report
    for path in sorted(glob.glob(os.path.join(out, "runs", "*.json"))):
        m = re.fullmatch(r"(cpp|py)_([\w-]+?)_s(\d+)\.json", os.path.basename(path))
        if not m:
            continue
        side, model, seed = m.group(1), m.group(2), int(m.group(3))
        try:
            with open(path) as f:
                report = json.load(f)
        except (OSError, ValueError) as e:
            print(f"<!-- skipped {path}: {e} -->")
            continue
        runs.setdefault(model, {"cpp": {}, "py": {}})[side][seed] = report
    return runs


def epochs_of(report):
    return {e["epoch"]: e for e in report.get("epochs", []) if "epoch" in e}


# Compare the two sides at this epoch (the per-epoch test record) instead of the last one, so
# that both may train on to show when they reach the target (COMPARE_EPOCH=100).
COMPARE_EPOCH = int(os.environ.get("COMPARE_EPOCH") or "0") or None


def final_metric(report, key):
    if COMPARE_EPOCH is not None:
        v = epochs_of(report).get(COMPARE_EPOCH, {}).get("test", {}).get(key)
    else:
        v = report.get("metrics", {}).get("test", {}).get("overall", {}).get(key)
    return v if finite(v) else None


def epoch_seconds(report):
    """Training seconds of each epoch: "train_seconds", else differences of "seconds"."""
    eps = sorted(report.get("epochs", []), key=lambda e: e["epoch"])
    out, previous = [], 0.0
    for e in eps:
        if finite(e.get("train_seconds")):
            out.append(e["train_seconds"])
        elif finite(e.get("seconds")):
            out.append(e["seconds"] - previous)
        if finite(e.get("seconds")):
            previous = e["seconds"]
    return out


def secs(seconds):
    return f"{seconds:.1f} s" if seconds >= 10 else f"{seconds:.2f} s"


def model_order(models):
    preferred = ["att", "fct", "fct-plain", "fc", "mt"]
    return [m for m in preferred if m in models] + sorted(m for m in models if m not in preferred)


def train_loss(train):
    """The epoch's training loss: the partial BCE, or the DGM's total objective."""
    return train.get("bce", train.get("total"))


def learning_curve(sides):
    print("Train BCE (partial BCE, mean of the epoch's batches; the DGM's J^alpha of Eq. 4.8, "
          "which has no BCE), mean ± sd over seeds:\n")
    print("| epoch | C++ | PyTorch | C++ − PyTorch | within noise |")
    print("|---:|---:|---:|---:|:---|")
    last = max((max(epochs_of(r), default=0) for s in sides.values() for r in s.values()),
               default=0)
    if COMPARE_EPOCH is not None:
        last = min(last, COMPARE_EPOCH)
    wanted = sorted({e for e in CURVE_EPOCHS if e <= last} | ({last} if last else set()))
    for epoch in wanted:
        stats = {}
        for side, _ in SIDES:
            values = [train_loss(epochs_of(r).get(epoch, {}).get("train", {}))
                      for r in sides[side].values()]
            stats[side] = mean_sd(values)
        (mc, sc, nc), (mp, sp, np_) = stats["cpp"], stats["py"]
        if mc is None and mp is None:
            continue
        if mc is not None and mp is not None:
            diff = mc - mp
            noise = abs(diff) <= 2 * max(sc, sp) or abs(diff) <= 0.005
            diff_text, noise_text = f"{diff:+.4f}", "yes" if noise else "**no**"
        else:
            diff_text, noise_text = "—", "—"
        print(f"| {epoch} | {fmt(mc, sc, nc, digits=4)} | {fmt(mp, sp, np_, digits=4)} "
              f"| {diff_text} | {noise_text} |")
    print()


def final_quality(model, sides, rows):
    cells = [model]
    diffs = {}
    for key, label in (("f1", "F1"), ("auroc", "AUROC"), ("mAP", "mAP")):
        stats = {side: mean_sd([final_metric(r, key) for r in sides[side].values()])
                 for side, _ in SIDES}
        (mc, sc, nc), (mp, sp, np_) = stats["cpp"], stats["py"]
        cells += [fmt(mc, sc, nc, 100), fmt(mp, sp, np_, 100)]
        if mc is not None and mp is not None:
            diffs[key] = 100 * (mc - mp)
            cells.append(f"{diffs[key]:+.2f}")
        else:
            cells.append("—")
    if "f1" in diffs and "auroc" in diffs:
        parity = abs(diffs["f1"]) <= 1 and abs(diffs["auroc"]) <= 1
        cells.append("parity" if parity else "**differs**")
    else:
        cells.append("incomplete")
    cells.append(f"{len(sides['cpp'])} / {len(sides['py'])}")
    rows.append("| " + " | ".join(cells) + " |")


def time_to_quality(model, sides, rows):
    target_values = [final_metric(r, "auroc") for r in sides["py"].values()]
    target, _, n = mean_sd(target_values)
    per_epoch = {side: [s for r in sides[side].values() for s in epoch_seconds(r)]
                 for side, _ in SIDES}
    med = {side: statistics.median(v) if v else None for side, v in per_epoch.items()}
    cells = [model, f"{100 * target:.2f}" if target is not None else "—"]
    means = {}
    for side, _ in SIDES:
        reached, detail = [], []
        for seed in sorted(sides[side]):
            eps = sorted(sides[side][seed].get("epochs", []), key=lambda e: e["epoch"])
            hit = None
            if target is not None:
                for e in eps:
                    auroc = e.get("test", {}).get("auroc")
                    if finite(auroc) and auroc >= target and finite(e.get("seconds")):
                        hit = e
                        break
            if hit is None:
                has_curve = any(finite(e.get("test", {}).get("auroc")) for e in eps)
                detail.append(f"s{seed}: not reached" if has_curve else f"s{seed}: no test curve")
            else:
                reached.append(hit["seconds"])
                detail.append(f"s{seed}: {secs(hit['seconds'])} (ep {hit['epoch']})")
        means[side] = statistics.fmean(reached) if reached else None
        mean_text = secs(means[side]) if means[side] is not None else "—"
        cells.append(f"{mean_text} [{len(reached)}/{len(sides[side])}]; " + ", ".join(detail))
    if means["cpp"] and means["py"] is not None:
        cells.append(f"{means['py'] / means['cpp']:.2f}")
    else:
        cells.append("—")
    for side, _ in SIDES:
        cells.append(f"{med[side]:.3f}" if med[side] is not None else "—")
    if med["cpp"] and med["py"] is not None:
        cells.append(f"{med['py'] / med['cpp']:.2f}")
    else:
        cells.append("—")
    rows.append("| " + " | ".join(cells) + " |")


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    out = sys.argv[1]
    runs = load_runs(out)
    if not runs:
        print(f"no cpp_*/py_* reports under {out}/runs", file=sys.stderr)
        return 1
    models = model_order(runs)
    torch_versions = {r.get("torch") for m in models for r in runs[m]["py"].values()} - {None}
    threads = {r.get("threads") for m in models for r in runs[m]["py"].values()}
    print("# Quality side by side: C++ trainers vs a PyTorch twin\n")
    print(f"Runs under `{out}/runs`; C++ = `timbre train`, PyTorch = "
          f"`scripts/bench/twin_pytorch.py` (torch {', '.join(sorted(torch_versions)) or '?'}"
          f"{', threads ' + ', '.join(str(t) for t in sorted(threads, key=str)) if threads else ''}"
          "). No validation hold-out: "
          + (f"each side's model after epoch {COMPARE_EPOCH} is compared"
             if COMPARE_EPOCH else "the last epoch's model is tested")
          + " (MT: the teacher); metrics over the observed test labels, threshold 0.5.\n")

    print("## a) Learning curves\n")
    for model in models:
        print(f"### {model}\n")
        learning_curve(runs[model])

    print("## b) Final test quality (percent, mean ± sd over seeds)\n")
    print("| model | C++ F1 | PyTorch F1 | ΔF1 pp | C++ AUROC | PyTorch AUROC | ΔAUROC pp "
          "| C++ mAP | PyTorch mAP | ΔmAP pp | verdict | runs C++ / PyTorch |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---|---:|")
    rows = []
    for model in models:
        final_quality(model, runs[model], rows)
    print("\n".join(rows))
    print("\nΔ = C++ − PyTorch; parity when |ΔF1| <= 1 pp and |ΔAUROC| <= 1 pp.\n")

    print("## c) Time to quality\n")
    print("Target = the PyTorch twin's mean test AUROC "
          + (f"after epoch {COMPARE_EPOCH}" if COMPARE_EPOCH else "at its last epoch")
          + "; time = cumulative training "
          "seconds (test evaluation excluded) at the first epoch whose test AUROC reaches it; "
          "mean over the seeds that reach it [reached/seeds].\n")
    print("| model | target AUROC % | C++ | PyTorch | time ratio PyTorch / C++ "
          "| C++ s/epoch (median) | PyTorch s/epoch (median) | s/epoch ratio PyTorch / C++ |")
    print("|---|---:|:---|:---|---:|---:|---:|---:|")
    rows = []
    for model in models:
        time_to_quality(model, runs[model], rows)
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
