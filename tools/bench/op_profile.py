#!/usr/bin/env python3
"""Native time per operator of a training step: Kindling's (from StepProfile.java's Chrome trace)
beside PyTorch eager's on the same model (torch.profiler), per step.

Only top-level events are summed (an event inside another on the same thread is part of it), so
the total is the native time the step spent in libtorch calls; the rest of the step's wall time
is the caller's (JNI and DJL's bookkeeping for Kindling, the Python interpreter for PyTorch).

    python tools/bench/op_profile.py --kindling k.json --steps 500 --threads 1
"""
import argparse
import collections
import json
import os
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_vs_kindling import BATCH, fashion_mnist, mlp  # noqa: E402


def top_level(path, steps):
    d = json.load(open(path))
    events = [e for e in (d["traceEvents"] if isinstance(d, dict) else d) if e.get("ph") == "X"
              and not e["name"].startswith("PyTorch Profiler")]
    by_thread = collections.defaultdict(list)
    for e in events:
        by_thread[e.get("tid")].append(e)
    time_by, calls = collections.Counter(), collections.Counter()
    for es in by_thread.values():
        es.sort(key=lambda e: (e["ts"], -e["dur"]))
        end = -1
        for e in es:
            if e["ts"] >= end:
                time_by[e["name"]] += e["dur"]
                calls[e["name"]] += 1
                end = e["ts"] + e["dur"]
    total = sum(time_by.values())
    print(f"{path}: {total / steps:.0f} us native per step in {sum(calls.values()) / steps:.0f}"
          " top-level calls")
    for name, us in time_by.most_common(20):
        print(f"  {us / steps:8.1f} us/step {calls[name] / steps:5.1f} calls/step  {name}")


def torch_trace(path, steps, threads):
    torch.set_num_threads(threads)
    torch.set_num_interop_threads(1)
    x, y, _ = fashion_mnist()
    x = x.reshape(x.shape[0], -1)
    torch.manual_seed(0)
    model = mlp(2, 64)
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    order = torch.randperm(x.shape[0])
    per_epoch = x.shape[0] // BATCH

    def run(k):
        for i in range(k):
            rows = order[(i % per_epoch) * BATCH:(i % per_epoch + 1) * BATCH]
            xb, yb = x.index_select(0, rows), y.index_select(0, rows)
            opt.zero_grad()
            loss = F.cross_entropy(model(xb), yb)
            loss.backward()
            opt.step()
            loss.item()

    run(steps)
    t0 = time.perf_counter()
    run(steps)
    print(f"pytorch: {(time.perf_counter() - t0) / steps * 1e6:.1f} us/step unprofiled")
    with torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU]) as p:
        run(steps)
    p.export_chrome_trace(path)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--kindling", required=True, help="StepProfile.java's trace")
    p.add_argument("--steps", type=int, default=500)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--torch-trace", default="/tmp/pytorch_step_trace.json")
    a = p.parse_args()
    top_level(a.kindling, a.steps)
    torch_trace(a.torch_trace, a.steps, a.threads)
    top_level(a.torch_trace, a.steps)


if __name__ == "__main__":
    main()
