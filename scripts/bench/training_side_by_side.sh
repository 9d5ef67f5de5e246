#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# ATT and Mean Teacher epoch times, C++ (tests/bench/bench_training) against PyTorch from
# Python (scripts/bench/att_pytorch.py, Debian's python3-torch), same data shape, batch,
# optimiser and threads, run alternately ROUNDS times so that drifts of a shared machine hit
# both sides alike. Prints every measurement and the medians (docs/BENCHMARKS.md, "Training").
#
#   scripts/bench/training_side_by_side.sh            # 2 threads, 3 rounds
#   THREADS=1 ROUNDS=5 scripts/bench/training_side_by_side.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
BENCH=${BENCH:-build/tests/bench/bench_training}
PYTHON=${PYTHON:-/usr/bin/python3}
THREADS=${THREADS:-2}
ROUNDS=${ROUNDS:-3}
export OMP_NUM_THREADS=$THREADS
"$PYTHON" -c 'import torch' 2>/dev/null || { echo "needs python3-torch (apt install python3-torch)" >&2; exit 2; }
[ -x "$BENCH" ] || { echo "build $BENCH first (scripts/build.sh)" >&2; exit 2; }

out=$(mktemp -d)
for round in $(seq "$ROUNDS"); do
    "$BENCH" --benchmark_filter="(AttEpoch|MeanTeacherEpoch)/$THREADS/|AttPredict" \
        --benchmark_format=json 2>/dev/null > "$out/cpp_$round.json"
    "$PYTHON" scripts/bench/att_pytorch.py --threads "$THREADS" --epochs 3 >> "$out/py_att.txt"
    "$PYTHON" scripts/bench/att_pytorch.py --threads "$THREADS" --epochs 3 --mt >> "$out/py_mt.txt"
    echo "round $round done" >&2
done

"$PYTHON" - "$out" "$THREADS" <<'PY'
import glob, json, re, statistics, sys
out, threads = sys.argv[1], sys.argv[2]
cpp = {"att": [], "mt": [], "predict": []}
for path in glob.glob(f"{out}/cpp_*.json"):
    for b in json.load(open(path))["benchmarks"]:
        name = b["name"]
        scale = {"ms": 1e-3, "us": 1e-6, "ns": 1e-9, "s": 1.0}[b["time_unit"]]
        if "AttEpoch" in name: cpp["att"].append(b["real_time"] * scale)
        elif "MeanTeacherEpoch" in name: cpp["mt"].append(b["real_time"] * scale)
        elif "AttPredict" in name: cpp["predict"].append(b["bags/s"])
def py_values(path, label):
    vals, pred = [], []
    for line in open(path):
        m = re.match(rf"{label} epoch seconds \(median of \d+\): \S+ all: (.*)", line)
        if m: vals += [float(v) for v in m.group(1).split()]
        m = re.match(r"prediction: (\d+) bags/s", line)
        if m: pred.append(float(m.group(1)))
    return vals, pred
py_att, py_pred = py_values(f"{out}/py_att.txt", "ATT")
py_mt, _ = py_values(f"{out}/py_mt.txt", "MT")
fmt = lambda v: " ".join(f"{x:.2f}" for x in v)
print(f"threads {threads}")
for kind, c, p in (("ATT", cpp["att"], py_att), ("MT", cpp["mt"], py_mt)):
    mc, mp = statistics.median(c), statistics.median(p)
    print(f"{kind} epoch s  C++ median {mc:.2f} [{fmt(c)}]  Python median {mp:.2f} [{fmt(p)}]"
          f"  Python/C++ {mp / mc:.2f}x")
print(f"prediction bags/s  C++ median {statistics.median(cpp['predict']):.0f}"
      f"  Python median {statistics.median(py_pred):.0f}")
PY
rm -rf "$out"
