#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Python side of the ATT / Mean Teacher training benchmark (docs/BENCHMARKS.md, "Training").

The same model, data shape, batch size and optimiser as tests/bench/bench_training.cpp:
ATT (thesis Sec. 3.2.2) on 15 000 random bags of 10 x 128 with 20 classes, about 10 % of the
labels observed, batch 128, Adam, partial BCE; Mean Teacher adds an EMA teacher (dropout on)
and the consistency term. Prints wall and process-CPU seconds per epoch (median of the timed epochs) and prediction
throughput in bags per second.

    OMP_NUM_THREADS=2 python3 scripts/bench/att_pytorch.py --threads 2 --epochs 3
"""
import argparse
import statistics
import time

import torch


# The same model, loss and EMA as the quality twin (twin_pytorch.py, in this folder).
from twin_pytorch import Att, ema_update as ema, partial_bce  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bags", type=int, default=15000)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--mt", action="store_true", help="time Mean Teacher instead of ATT")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    x = torch.rand(args.bags, 10, 128)
    y = (torch.rand(args.bags, 20) < 0.3).float()
    o = (torch.rand(args.bags, 20) < 0.1).float()
    y = y * o

    student = Att(128, 20)
    teacher = Att(128, 20) if args.mt else None
    if teacher is not None:
        teacher.load_state_dict(student.state_dict())
        for q in teacher.parameters():
            q.requires_grad_(False)
        teacher.train()
    opt = torch.optim.Adam(student.parameters(), lr=1e-3 if args.mt else 5e-4)
    student.train()
    times = []
    cpu_times = []
    step = 0
    for epoch in range(args.epochs):
        order = torch.randperm(args.bags)
        start = time.perf_counter()
        cpu_start = time.process_time()
        for first in range(0, args.bags, args.batch):
            idx = order[first:first + args.batch]
            xb = x.index_select(0, idx)
            q = student(xb)
            loss = partial_bce(q, y.index_select(0, idx), o.index_select(0, idx))
            if teacher is not None:
                with torch.no_grad():
                    qt = teacher(xb)
                loss = loss + 3.0 * ((q - qt) ** 2).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            if teacher is not None:
                ema(teacher, student, min(1 - 1 / (step + 1), 0.999))
            step += 1
        times.append(time.perf_counter() - start)
        cpu_times.append(time.process_time() - cpu_start)
    kind = "MT" if args.mt else "ATT"
    print(f"{kind} epoch seconds (median of {len(times)}): {statistics.median(times):.3f} "
          f"all: {' '.join(f'{t:.3f}' for t in times)}")
    # Process CPU time (all threads): what still means something on a shared machine.
    print(f"{kind} epoch CPU seconds (median): {statistics.median(cpu_times):.3f} "
          f"all: {' '.join(f'{t:.3f}' for t in cpu_times)}")

    student.eval()
    with torch.no_grad():
        start = time.perf_counter()
        for first in range(0, args.bags, 256):
            student(x[first:first + 256])
        elapsed = time.perf_counter() - start
    print(f"prediction: {args.bags / elapsed:.0f} bags/s (batch 256)")


if __name__ == "__main__":
    main()
