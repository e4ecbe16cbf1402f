#!/usr/bin/env python3
"""Initialization time of Kindling against PyTorch 2.x's torch.nn.init on the same shapes and threads.

Issue 15's target: every initializer within 1.5x PyTorch's time. The script runs
`./kindling bench --init EXPR (--model EXPR | --shape D1,D2) --threads N --json`, which times
Kindling's static init in-process (median of --repeats fresh models; model building and data
loading untimed) and lists every tensor it initialized with its shape and initializer. It then
times PyTorch on exactly those tensors: for each, `w = torch.empty(shape)` then the matching
`torch.nn.init.*_` (normal_, uniform_, trunc_normal_, orthogonal_, kaiming_*, xavier_*, zeros_,
ones_, constant_), with torch.set_num_threads(N) and one inter-op thread, median of the same
number of repeats. PyTorch runs before and after Kindling and the two medians are averaged, so
drift hits both alike. An initializer PyTorch does not have is reported as such (no ratio).

Run from the repository root (the venv setup is in torch_vs_kindling.py's docstring):
    python tools/bench/torch_init.py --init "normal(std=0.02)" \
        --model "mlp(depth=12, width=3072)"
    python tools/bench/torch_init.py --init orthogonal --shape 2048,2048
    python tools/bench/torch_init.py --table    # every row of docs/performance.md's table
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time

import torch

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIG = "mlp(depth=12, width=3072)"  # 784-3072x12-10: 13 linear layers, 106M parameters

# The init rows of docs/performance.md's table: (initializer, --model or None, --shape or None).
TABLE = [
    ("normal(std=0.02)", BIG, None),
    ("uniform(a=-0.05, b=0.05)", BIG, None),
    ("trunc_normal(std=0.02, a=-0.04, b=0.04)", BIG, None),
    ("kaiming_uniform", BIG, None),
    ("orthogonal", BIG, None),
    ("orthogonal", None, "2048,2048"),
]


def args_of(expr):
    """name(key=value, ...) -> (name, {key: value}) for the flat expressions Kindling prints."""
    m = re.fullmatch(r"\s*(\w+)\s*(?:\((.*)\))?\s*", expr)
    if not m:
        return None, {}
    out = {}
    for part in filter(None, (p.strip() for p in (m.group(2) or "").split(","))):
        k, _, v = part.partition("=")
        v = v.strip()
        try:
            out[k.strip()] = float(v)
        except ValueError:
            out[k.strip()] = v
    return m.group(1), out


def torch_init(expr):
    """The torch.nn.init call for a Kindling initializer expression, or None if there is none."""
    name, a = args_of(expr)
    nn = torch.nn.init
    if name == "zeros":
        return nn.zeros_
    if name == "ones":
        return nn.ones_
    if name == "constant":
        return lambda w: nn.constant_(w, a.get("value", 0.0))
    if name == "normal":
        return lambda w: nn.normal_(w, a.get("mean", 0.0), a.get("std", 1.0))
    if name == "uniform":
        return lambda w: nn.uniform_(w, a.get("a", 0.0), a.get("b", 1.0))
    if name == "trunc_normal":
        return lambda w: nn.trunc_normal_(w, a.get("mean", 0.0), a.get("std", 1.0),
                                          a.get("a", -2.0), a.get("b", 2.0))
    if name == "orthogonal" and isinstance(a.get("gain", 1.0), float):
        return lambda w: nn.orthogonal_(w, a.get("gain", 1.0))
    if name in ("kaiming_normal", "kaiming_uniform") and isinstance(a.get("a", 0.0), float):
        f = nn.kaiming_normal_ if name == "kaiming_normal" else nn.kaiming_uniform_
        return lambda w: f(w, a.get("a", 0.0), a.get("mode", "fan_in"),
                           a.get("nonlinearity", "leaky_relu"))
    if name in ("xavier_normal", "xavier_uniform") and isinstance(a.get("gain", 1.0), float):
        f = nn.xavier_normal_ if name == "xavier_normal" else nn.xavier_uniform_
        return lambda w: f(w, a.get("gain", 1.0))
    return None


def torch_seconds(tensors, repeats):
    """Median seconds of allocating and initializing every tensor, or None without a reference."""
    calls = [(tuple(t["shape"]), torch_init(t["init"])) for t in tensors]
    if any(f is None for _, f in calls):
        return None
    runs = []
    for r in range(repeats):
        torch.manual_seed(r)
        t0 = time.perf_counter()
        made = []
        with torch.no_grad():
            for shape, f in calls:
                w = torch.empty(shape)
                f(w)
                made.append(w)
        runs.append(time.perf_counter() - t0)
        del made
    return statistics.median(runs)


def kindling(init, model, shape, threads, repeats):
    cmd = [os.path.join(ROOT, "kindling"), "bench", "--init", init, "--threads", str(threads),
           "--repeats", str(repeats), "--json"]
    cmd += ["--shape", shape] if shape else ["--model", model]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit("kindling bench failed (" + " ".join(cmd) + "):\n" + done.stderr + done.stdout)
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(init, model, shape, threads, repeats):
    # Kindling first: its tensor list says what PyTorch must initialize.
    k = kindling(init, model, shape, threads, repeats)
    before = torch_seconds(k["tensors"], repeats)
    k2 = kindling(init, model, shape, threads, repeats)
    after = torch_seconds(k["tensors"], repeats)
    ks = (k["seconds"] + k2["seconds"]) / 2
    ts = None if before is None else (before + after) / 2
    return {"init": init, "model": model, "shape": shape, "parameters": k["parameters"],
            "kindling": ks, "kindling_runs": k["runs"] + k2["runs"], "pytorch": ts,
            "ratio": None if ts is None else ks / ts, "data_passes": k["data_passes"],
            "load": os.getloadavg()[0]}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--init", help="Kindling initializer expression")
    p.add_argument("--model", default=BIG, help="Kindling model expression (default %(default)s)")
    p.add_argument("--shape", help="one lone weight of this shape instead of a model, e.g. 2048,2048")
    p.add_argument("--threads", type=int, default=2, help="intra-op threads on both sides")
    p.add_argument("--repeats", type=int, default=3, help="timed runs per side and pass")
    p.add_argument("--table", action="store_true", help="every row of docs/performance.md's table")
    p.add_argument("--json", action="store_true", help="print the measurements as JSON too")
    a = p.parse_args()
    if not a.table and not a.init:
        sys.exit("give --init EXPR (with --model or --shape), or --table")
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    rows = TABLE if a.table else [(a.init, None if a.shape else a.model, a.shape)]
    print(f"torch {torch.__version__}, threads {a.threads} (interop 1), repeats {a.repeats}",
          flush=True)
    print("| init | on | values | kindling s | pytorch s | kindling / pytorch | load |")
    print("|---|---|---|---|---|---|---|", flush=True)
    out = []
    for init, model, shape in rows:
        m = measure(init, model, shape, a.threads, a.repeats)
        out.append(m)
        on = f"`{model}`" if model else f"one {shape.replace(',', 'x')} tensor"
        pt = "no reference" if m["pytorch"] is None else f"{m['pytorch']:.3f}"
        ratio = "-" if m["ratio"] is None else f"{m['ratio']:.2f}x"
        print(f"| `{init}` | {on} | {m['parameters']:,} | {m['kindling']:.3f} | {pt} | {ratio}"
              f" | {m['load']:.1f} |", flush=True)
        for line in m["data_passes"]:
            print("    " + line)
    if a.json:
        print(json.dumps(out))


if __name__ == "__main__":
    main()
