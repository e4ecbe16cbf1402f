#!/usr/bin/env python3
"""Training throughput, page faults and resident memory of `kindling bench` under each allocator.

libtorch allocates and frees every activation and gradient of a step. Whether those buffers go back
to the kernel after each step (and fault in again, 4 KiB at a time, on the next) depends on the
allocator, its settings, the machine and the moment; when they do, a step can take several times
longer. This script measures it on the machine it runs on, so the launcher's default can be chosen
from numbers (see docs/performance.md, "The memory allocator").

Allocator configurations (CONFIGS below; the `kindling` launcher sets each one up through
KINDLING_ALLOCATOR and the environment, as a user would):
  glibc           glibc's malloc as the C library ships it
  glibc-tuned     glibc with GLIBC_TUNABLES: mmap threshold at its maximum (32 MiB) and a trim
                  threshold of 1 GiB, so freed blocks stay in the heap instead of going back
  jemalloc        Debian's libjemalloc2 preloaded, decay off (MALLOC_CONF=dirty_decay_ms:-1,
                  muzzy_decay_ms:-1): freed pages are kept for reuse (the launcher's default)
  jemalloc-decay  the same library with its default decay (freed pages returned after ~10 s)
  tcmalloc        Debian's libtcmalloc-minimal4 preloaded, default settings

Each round runs every model under every configuration, one `./kindling bench --json` process
each, configurations interleaved so that drift in the machine's state hits them alike. A figure
is Kindling's median window in samples/s (bench also times DJL's Trainer in the same process; its
figures are in the JSON). The table gives, per model and configuration, the median over processes
and their range, the median spread of windows inside one process ((max - min) / median), page
faults per step (median) and the peak resident memory.

`--memory-steps N` instead trains `mlp(depth=2, width=256, norm=batch, dropout=0.1)` (MemoryTest's
model) for N timed steps on each side under each configuration and reports resident memory after
the warm-up, at the end and at its peak, with the Java heap the JVM has committed meanwhile (it
grows toward -Xmx between collections; resident minus heap is the native side): an allocator that
never returns memory must still keep it flat.

Needs only Python 3 and the packages the configurations name (missing ones are skipped with a
line). Run from the repository root:
    python3 tools/bench/allocators.py --rounds 3
    python3 tools/bench/allocators.py --models lenet5,lstm --configs glibc,jemalloc --rounds 5
    python3 tools/bench/allocators.py --memory-steps 10000 --configs glibc,jemalloc,tcmalloc
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPT = os.path.join(ROOT, "tools", "lib", "allocator.sh")
GLIBC_TUNED = "glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=1073741824"

# name -> (KINDLING_ALLOCATOR, extra environment). The library and jemalloc's settings come from
# the launcher's own script (tools/lib/allocator.sh), so what is measured is what it ships.
CONFIGS = {
    "glibc": ("glibc", {}),
    "glibc-tuned": ("glibc", {"GLIBC_TUNABLES": GLIBC_TUNED}),
    "jemalloc": ("jemalloc", {}),
    # A MALLOC_CONF that changes nothing: the launcher keeps it, so jemalloc's default decay holds.
    "jemalloc-decay": ("jemalloc", {"MALLOC_CONF": "background_thread:false"}),
    "tcmalloc": ("tcmalloc", {}),
}

# name -> (Kindling model, data or None for fashion-mnist, batch, (warm-up, steps per window,
# windows)); the same models as tools/bench/torch_vs_kindling.py.
MODELS = {
    "mlp": ("mlp(depth=2, width=512)", None, 128, (100, 50, 9)),
    "lenet5": ("lenet5", None, 128, (50, 30, 9)),
    "lstm": ("lstm(hidden=128, layers=1)", "adding(steps=100)", 128, (10, 10, 9)),
    "gpt": ("gpt(layers=4, width=128, heads=4, context=64)",
            "text(path='examples/data/fortunes.txt', context=64)", 32, (5, 10, 5)),
}


def environment(config, kindling=True):
    """The environment that runs a process under `config`, or None when its library is missing.

    With kindling=True it is for the `kindling` launcher, which sets the allocator up itself from
    KINDLING_ALLOCATOR; else for any other process: LD_PRELOAD and MALLOC_CONF as the launcher's
    script would export them."""
    choice, extra = CONFIGS[config]
    env = {k: v for k, v in os.environ.items()
           if k not in ("LD_PRELOAD", "MALLOC_CONF", "GLIBC_TUNABLES", "KINDLING_ALLOCATOR")}
    env.update(extra)
    env["KINDLING_ALLOCATOR"] = choice
    done = subprocess.run(
        ["bash", "-c", 'source "$1" && kindling_allocator 2>/dev/null'
         ' && printf "%s\\n%s\\n" "${LD_PRELOAD:-}" "${MALLOC_CONF:-}"', "_", SCRIPT],
        env=env, capture_output=True, text=True, check=True)
    preload, conf = done.stdout.split("\n")[:2]
    if choice != "glibc" and not preload:
        return None
    if not kindling and preload:
        env["LD_PRELOAD"] = preload
        if conf:
            env["MALLOC_CONF"] = conf
    return env


def bench(model, config, threads, extra=()):
    """`./kindling bench --json` for a model under a configuration: the parsed JSON."""
    expr, data, batch, (w, s, k) = MODELS[model]
    cmd = [os.path.join(ROOT, "kindling"), "bench", "--model", expr, "--threads", str(threads),
           "--batch", str(batch), "--warmup", str(w), "--steps", str(s), "--windows", str(k),
           "--warmup-seconds", "3", "--json", *extra] + (["--data", data] if data else [])
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True,
                          env=environment(config))
    if done.returncode != 0:
        sys.exit("kindling bench failed (" + " ".join(cmd) + "):\n" + done.stderr + done.stdout)
    b = json.loads(done.stdout.strip().splitlines()[-1])
    expected = CONFIGS[config][0]
    if b["allocator"] != expected:
        sys.exit(f"{config}: the process ran on {b['allocator']}, not {expected}")
    return b


def spread(values, fmt=".2f"):
    """Median (min-max)."""
    return f"{statistics.median(values):,{fmt}} ({min(values):,{fmt}}-{max(values):,{fmt}})"


def survey(a, configs):
    models = a.models.split(",")
    for m in models:
        if m not in MODELS:
            sys.exit(f"unknown model {m!r}; known: {', '.join(MODELS)}")
    rows = {(m, c): [] for m in models for c in configs}
    for r in range(a.rounds):
        for m in models:
            for c in configs:
                b = bench(m, c, a.threads)
                rows[(m, c)].append(b)
                print(f"round {r + 1} {m:7s} {c:15s} {b['kindling']:9,.0f} samples/s"
                      f"  spread {b['kindling_spread']:.2f}"
                      f"  faults/step {b['kindling_faults_per_step']:8,.0f}"
                      f"  peak {b['peak_rss_mib']:6,.0f} MiB  (load {os.getloadavg()[0]:.1f})",
                      flush=True)
    print()
    print(f"Kindling, {a.threads} threads, {a.rounds} processes per cell")
    print()
    print("| model | allocator | samples/s, median (range over processes) | window spread"
          " in a process | page faults / step | peak RSS MiB |")
    print("|---|---|---|---|---|---|")
    for m in models:
        for c in configs:
            v = rows[(m, c)]
            print(f"| {m} | {c} | {spread([x['kindling'] for x in v], '.0f')}"
                  f" | {statistics.median(x['kindling_spread'] for x in v):.2f}"
                  f" | {spread([x['kindling_faults_per_step'] for x in v], '.0f')}"
                  f" | {max(x['peak_rss_mib'] for x in v):,.0f} |")
    return rows


MEMORY_MODEL = "mlp(depth=2, width=256, norm=batch, dropout=0.1)"


def memory(a, configs):
    windows = 20
    steps = max(1, a.memory_steps // windows)
    MODELS["memory"] = (MEMORY_MODEL, None, 256, (300, steps, windows))
    rows = {}
    for c in configs:
        b = bench("memory", c, a.threads)
        rows[c] = b
        print(f"{c:15s} RSS after warm-up {b['rss_after_warmup_mib']:6,.0f} MiB, end"
              f" {b['rss_mib']:6,.0f} MiB, peak {b['peak_rss_mib']:6,.0f} MiB; java heap"
              f" {b['heap_committed_after_warmup_mib']:6,.0f} -> {b['heap_committed_mib']:6,.0f}"
              f" MiB; {b['kindling']:9,.0f} samples/s", flush=True)
    print()
    print(f"`{MEMORY_MODEL}`, batch 256, {steps * windows} timed steps per side (Kindling's and"
          f" DJL's, one process), {a.threads} threads. Native = resident - Java heap committed.")
    print()
    print("| allocator | RSS after warm-up MiB | RSS at the end MiB | peak RSS MiB"
          " | Java heap committed MiB | native after warm-up MiB | native at the end MiB |")
    print("|---|---|---|---|---|---|---|")
    for c, b in rows.items():
        nw = b['rss_after_warmup_mib'] - b['heap_committed_after_warmup_mib']
        ne = b['rss_mib'] - b['heap_committed_mib']
        print(f"| {c} | {b['rss_after_warmup_mib']:,.0f} | {b['rss_mib']:,.0f}"
              f" | {b['peak_rss_mib']:,.0f} | {b['heap_committed_after_warmup_mib']:,.0f} ->"
              f" {b['heap_committed_mib']:,.0f} | {nw:,.0f} | {ne:,.0f} |")
    return rows


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--threads", type=int, default=2, help="libtorch intra-op threads")
    p.add_argument("--rounds", type=int, default=3, help="processes per model and configuration")
    p.add_argument("--models", default="mlp,lenet5,lstm,gpt", help="comma list of " + ",".join(MODELS))
    p.add_argument("--configs", default=",".join(CONFIGS), help="comma list of " + ",".join(CONFIGS))
    p.add_argument("--memory-steps", type=int, default=0,
                   help="measure resident memory over this many steps instead")
    p.add_argument("--json", action="store_true", help="print every measurement as JSON too")
    a = p.parse_args()
    configs = []
    for c in a.configs.split(","):
        if c not in CONFIGS:
            sys.exit(f"unknown configuration {c!r}; known: {', '.join(CONFIGS)}")
        if environment(c) is None:
            print(f"skipped {c}: {CONFIGS[c][0]} not found (Debian: libjemalloc2,"
                  " libtcmalloc-minimal4)", flush=True)
            continue
        configs.append(c)
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo")
                if l.startswith("model name")), "unknown")
    print(f"host: {cpu}, {os.cpu_count()} cores, {a.threads} threads", flush=True)
    rows = memory(a, configs) if a.memory_steps else survey(a, configs)
    if a.json:
        print(json.dumps({"threads": a.threads, "rows": {str(k): v for k, v in rows.items()}}))


if __name__ == "__main__":
    main()
