#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Turns the run reports of planted_table.sh / demo_table.sh into markdown tables:
mean ± std over seeds of overall precision, recall, F1 (threshold 0.5), AUROC and mAP, plus
the F1 with validation-tuned thresholds, epochs run and seconds per epoch."""
import glob
import json
import math
import os
import sys
from collections import defaultdict


def mean_std(values):
    values = [v for v in values if v is not None and not math.isnan(v)]
    if not values:
        return float("nan"), float("nan"), 0
    m = sum(values) / len(values)
    s = math.sqrt(sum((v - m) ** 2 for v in values) / (len(values) - 1)) if len(values) > 1 else 0.0
    return m, s, len(values)


def cell(values, scale=100.0):
    m, s, n = mean_std(values)
    if n == 0:
        return "–"
    return f"{scale * m:.2f} ± {scale * s:.2f}"


def main(folder):
    groups = defaultdict(list)
    for path in sorted(glob.glob(os.path.join(folder, "*.report.json"))):
        name = os.path.basename(path)[: -len(".report.json")]
        data, model, _seed = name.rsplit("_", 2)
        with open(path) as f:
            groups[(data, model)].append(json.load(f))
    print("| data | model | seeds | overall P | overall R | overall F1 | AUROC | mAP | F1 tuned thr. | epochs run (best) | s/epoch | loc. AUROC 1 s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for (data, model), runs in sorted(groups.items()):
        ok = [r for r in runs if "metrics" in r]
        overall = [r["metrics"]["test"]["overall"] for r in ok]
        tuned = [r["metrics"].get("test_tuned_thresholds", {}).get("overall", {}) for r in ok]
        loc = []
        for r in ok:
            res = r["metrics"].get("localisation", {}).get("resolutions", [])
            loc.append(res[0]["mean_auroc"] if res else None)
        epochs = [r["timing"]["epochs_run"] for r in ok]
        best = [r.get("best_epoch", 0) for r in ok]
        spe = [r["timing"]["seconds_per_epoch"] for r in ok]
        get = lambda key, rows: [o.get(key) for o in rows]
        print(f"| {data} | {model.upper()} | {len(ok)} | {cell(get('precision', overall))} | "
              f"{cell(get('recall', overall))} | {cell(get('f1', overall))} | "
              f"{cell(get('auroc', overall))} | {cell(get('mAP', overall))} | "
              f"{cell(get('f1', tuned))} | "
              f"{'/'.join(str(e) for e in epochs)} ({'/'.join(str(b) for b in best)}) | "
              f"{mean_std(spe)[0]:.1f} | {cell(loc)} |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/timbre-planted/runs")
