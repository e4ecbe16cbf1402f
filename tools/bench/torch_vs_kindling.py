#!/usr/bin/env python3
"""Training throughput of Kindling against PyTorch 2.x eager on the same model, batch and threads.

Issue 12's speed target: "LeNet-5 training throughput >= 1.0x PyTorch's", measured against
PyTorch eager from Python, which is our bar (docs/design.md, Compute), not DJL's own Trainer.

What is measured, on both sides: samples/s of plain training steps, batch 128,
SGD(lr=0.05, momentum=0.9), mean cross-entropy, float32 on the CPU, libtorch with N intra-op
threads and 1 inter-op thread (Kindling's default; torch.set_num_threads(N) and
torch.set_num_interop_threads(1) here). The data are the same Fashion-MNIST training images
Kindling's `fashion-mnist` dataset reads (Debian's full set in /usr/share/datasets/fashion-mnist
when present, else the subset shipped in kindling-core's resources), scaled to [0, 1] and
standardized with the training mean and std, held as one tensor; each epoch is a random
permutation cut into full batches, and a batch is gathered with index_select, which is what
Kindling does engine-side. The PyTorch step is the textbook loop:

    opt.zero_grad(); loss = F.cross_entropy(model(xb), yb); loss.backward(); opt.step(); loss.item()

Models (PyTorch definitions written from Kindling's architecture spec, default PyTorch init;
the init does not change the work done):
  mlp     mlp(depth=2, width=512)                 784-512-512-10, relu (the sanity anchor)
  mlp64   mlp(depth=2, width=64)                  784-64-64-10, relu (per-step overhead)
  lenet5  lenet5                                  conv 6@5x5 pad 2, tanh, avgpool 2, conv 16@5x5,
                                                  tanh, avgpool 2, fc 120, fc 84, fc 10
  resnet  resnet(blocks=9, width=16, norm=batch)  stem conv3x3 + bn + relu, 3 stages of 3 plain
                                                  basic blocks (16, 32, 64 channels; stride-2
                                                  1x1 projection + bn at stages 2 and 3),
                                                  global average pool, linear 10
  lstm    lstm(hidden=128, layers=1)              nn.LSTM(2, 128, batch_first=True), linear 1 on
                                                  the last step; on the adding problem (T = 100,
                                                  10000 sequences of 2 values, Kindling's
                                                  `adding(steps=100)`; the PyTorch side draws the
                                                  same distribution), mean squared error
  gpt     gpt(layers=4, width=128, heads=4,        pre-LN GPT-2 as in Gpt.java's Javadoc (separate
          context=64)                             q/k/v/out Linear, additive causal mask, softmax,
                                                  GELU MLP 4x, tied head), on the shipped fortunes
                                                  text (char vocabulary, windows of 64, first 90%),
                                                  batch 32, per-token cross-entropy; tokens/s =
                                                  samples/s x 64

Allocators (`--allocators`, default glibc,jemalloc; tools/bench/allocators.py defines them): the
step's speed can move several-fold with the malloc that serves libtorch's buffers, for PyTorch as
for Kindling, so each side is measured under each allocator, in its own process: PyTorch in a
worker process of this script (`--torch-worker`, with LD_PRELOAD and the allocator's settings),
Kindling through the `kindling` launcher (KINDLING_ALLOCATOR). Each round measures, for every model
and allocator, PyTorch, then `./kindling bench --model EXPR --threads N --json` (which also
measures DJL's Trainer in its own process, its windows alternating with Kindling's), then PyTorch
again; the round's PyTorch figure is the mean of the two medians, so drift during the round hits
both sides alike. Two comparisons come out:
  equal terms   Kindling / PyTorch under the same allocator, for each allocator;
  as shipped    Kindling as its launcher runs it (jemalloc without decay) / PyTorch as installed
                (glibc), which is what a user who changes nothing sees.
Page faults per step (median window) stand beside every figure. The tables give the median and
range over rounds of each round's ratio, and of each side's window spread ((max - min) / median of
its timed windows in the round). The host is shared: use several rounds and read the range, not
one number.

Needs a Python with torch 2.x (the figures in docs/performance.md used 2.13, CPU wheel) and
numpy, e.g. a virtual environment with the CPU wheel installed into it; `python` below is that
interpreter.

Run from the repository root (a round of all three models takes a few minutes on 2 cores):
    python tools/bench/torch_vs_kindling.py --threads 2 --rounds 3
    python tools/bench/torch_vs_kindling.py --models mlp,lenet5,lstm,gpt --rounds 3
    python tools/bench/torch_vs_kindling.py --allocators glibc --models lenet5
    python tools/bench/torch_vs_kindling.py --models lenet5 --rounds 5 --json
    python tools/bench/torch_vs_kindling.py --models gpt --threads 1 --rounds 3
"""
import argparse
import gzip
import json
import os
import statistics
import struct
import subprocess
import sys
import time

import allocators
import torch
import torch.nn as nn
import torch.nn.functional as F

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEBIAN_DIR = "/usr/share/datasets/fashion-mnist"
SUBSET_DIR = os.path.join(ROOT, "kindling-core/src/main/resources/io/kindling/data/fashion-mnist-subset")
BATCH = 128


def lenet5(activation=nn.Tanh, pool=nn.AvgPool2d):
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), activation(), pool(2, 2),
        nn.Conv2d(6, 16, 5), activation(), pool(2, 2),
        nn.Flatten(),
        nn.Linear(400, 120), activation(),
        nn.Linear(120, 84), activation(),
        nn.Linear(84, 10))


class PlainBlock(nn.Module):
    """conv3x3(stride) -> [bn] -> relu -> conv3x3 -> [bn]; + shortcut; relu."""

    def __init__(self, cin, cout, stride, norm):
        super().__init__()
        bias = not norm
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=bias)
        self.bn1 = nn.BatchNorm2d(cout) if norm else nn.Identity()
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=bias)
        self.bn2 = nn.BatchNorm2d(cout) if norm else nn.Identity()
        self.shortcut = nn.Identity()
        if stride != 1 or cin != cout:
            self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=bias),
                                          nn.BatchNorm2d(cout) if norm else nn.Identity())

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return F.relu(y + self.shortcut(x))


def resnet(blocks=9, width=16, norm=True, stages=3):
    layers = [nn.Conv2d(1, width, 3, 1, 1, bias=not norm),
              nn.BatchNorm2d(width) if norm else nn.Identity(), nn.ReLU()]
    cin = width
    for s in range(stages):
        n = blocks // stages + (1 if s < blocks % stages else 0)
        cout = width * 2 ** s
        for b in range(n):
            layers.append(PlainBlock(cin, cout, 2 if (s > 0 and b == 0) else 1, norm))
            cin = cout
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(cin, 10)]
    return nn.Sequential(*layers)


def mlp(depth=2, width=512):
    layers, n = [nn.Flatten()], 784
    for _ in range(depth):
        layers += [nn.Linear(n, width), nn.ReLU()]
        n = width
    return nn.Sequential(*layers, nn.Linear(n, 10))


class LastStepLstm(nn.Module):
    def __init__(self, inputs=2, hidden=128, outputs=1):
        super().__init__()
        self.lstm = nn.LSTM(inputs, hidden, batch_first=True)
        self.head = nn.Linear(hidden, outputs)

    def forward(self, x):
        out, _ = self.lstm(x)
        return self.head(out[:, -1])


ADDING_STEPS = 100


def adding(n=10000, steps=ADDING_STEPS, seed=0):
    """The adding problem: (n, steps, 2) of (number, marker), target the sum of the two marked."""
    g = torch.Generator().manual_seed(seed)
    u = torch.rand(n, steps, generator=g)
    half = steps // 2
    first = torch.randint(0, half, (n,), generator=g)
    second = torch.randint(half, steps, (n,), generator=g)
    m = torch.zeros(n, steps)
    m[torch.arange(n), first] = 1
    m[torch.arange(n), second] = 1
    return torch.stack([u, m], dim=2).contiguous(), (u * m).sum(1, keepdim=True)


class Gpt(nn.Module):
    """Kindling's gpt(norm=pre, tie_embeddings=true) in plain PyTorch ops."""

    def __init__(self, vocab, layers=4, width=128, heads=4, context=64):
        super().__init__()
        self.heads = heads
        self.wte = nn.Embedding(vocab, width)
        self.wpe = nn.Embedding(context, width)
        self.blocks = nn.ModuleList()
        for _ in range(layers):
            self.blocks.append(nn.ModuleDict(dict(
                ln_1=nn.LayerNorm(width), q=nn.Linear(width, width), k=nn.Linear(width, width),
                v=nn.Linear(width, width), o=nn.Linear(width, width), ln_2=nn.LayerNorm(width),
                fc=nn.Linear(width, 4 * width), proj=nn.Linear(4 * width, width))))
        self.ln_f = nn.LayerNorm(width)

    def forward(self, ids):
        B, T = ids.shape
        C = self.wte.weight.shape[1]
        H, d = self.heads, C // self.heads
        x = self.wte(ids) + self.wpe.weight[:T]
        mask = torch.full((T, T), float("-inf")).triu(1)
        for b in self.blocks:
            h = b["ln_1"](x)
            q, k, v = (b[n](h).view(B, T, H, d).transpose(1, 2) for n in ("q", "k", "v"))
            a = torch.softmax(q @ k.transpose(-2, -1) / d ** 0.5 + mask, dim=-1)
            x = x + b["o"]((a @ v).transpose(1, 2).reshape(B, T, C))
            x = x + b["proj"](F.gelu(b["fc"](b["ln_2"](x))))
        return F.linear(self.ln_f(x), self.wte.weight)


def per_token_cross_entropy(out, y):
    """Mean cross-entropy over every position: (B, T, V) logits against (B, T) next tokens."""
    return F.cross_entropy(out.reshape(-1, out.shape[-1]), y.reshape(-1))


FORTUNES = os.path.join(ROOT, "examples/data/fortunes.txt")
GPT_CONTEXT = 64
GPT_BATCH = 32


def fortunes():
    """Windows of 64 characters and their next characters from the first 90% of the text."""
    text = open(FORTUNES, encoding="utf-8").read()
    vocab = sorted(set(text))
    ids = torch.tensor([vocab.index(c) for c in text])
    train = ids[: round(len(ids) * 0.9)]
    n = (len(train) - GPT_CONTEXT - 1) // GPT_CONTEXT + 1
    starts = torch.arange(n) * GPT_CONTEXT
    x = torch.stack([train[s:s + GPT_CONTEXT] for s in starts])
    y = torch.stack([train[s + 1:s + GPT_CONTEXT + 1] for s in starts])
    return x, y, len(vocab)


# name -> (Kindling expression, PyTorch model, (warm-up steps, steps per window, windows),
#          Kindling data expression or None for fashion-mnist)
MODELS = {
    "mlp": ("mlp(depth=2, width=512)", mlp, (100, 50, 9), None),
    "mlp64": ("mlp(depth=2, width=64)", lambda: mlp(2, 64), (200, 100, 15), None),
    "lenet5": ("lenet5", lenet5, (50, 30, 9), None),
    "resnet": ("resnet(blocks=9, width=16, norm=batch)", resnet, (2, 3, 5), None),
    "lstm": ("lstm(hidden=128, layers=1)", LastStepLstm, (10, 10, 9),
             f"adding(steps={ADDING_STEPS})"),
    "gpt": ("gpt(layers=4, width=128, heads=4, context=64)", None, (5, 10, 5),
            f"text(path='examples/data/fortunes.txt', context={GPT_CONTEXT})"),
}


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return torch.frombuffer(bytearray(data[4 + 4 * dims:]), dtype=torch.uint8).reshape(shape)


def fashion_mnist():
    """The training split Kindling's fashion-mnist reads, standardized; and where it came from."""
    folder = DEBIAN_DIR if os.path.exists(os.path.join(DEBIAN_DIR, "train-images-idx3-ubyte.gz")) \
        else SUBSET_DIR
    x = idx(os.path.join(folder, "train-images-idx3-ubyte.gz")).float().div_(255)
    y = idx(os.path.join(folder, "train-labels-idx1-ubyte.gz")).long()
    x = ((x - x.mean()) / x.std()).reshape(-1, 1, 28, 28).contiguous()
    return x, y, folder


def torch_throughput(make, x, y, warmup, steps, windows, seed=0, loss_fn=F.cross_entropy,
                     batch=None):
    """Median samples/s over timed windows of PyTorch eager training steps, and the windows."""
    BATCH = batch or globals()["BATCH"]
    torch.manual_seed(seed)
    model = make()
    model.train()
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    n = x.shape[0] // BATCH
    state = {"order": torch.randperm(x.shape[0]), "i": 0}

    def run(k):
        for _ in range(k):
            if state["i"] == n:
                state["order"], state["i"] = torch.randperm(x.shape[0]), 0
            rows = state["order"][state["i"] * BATCH:(state["i"] + 1) * BATCH]
            state["i"] += 1
            xb, yb = x.index_select(0, rows), y.index_select(0, rows)
            opt.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            opt.step()
            loss.item()

    run(warmup)
    out, faults = [], []
    for _ in range(windows):
        f0 = page_faults()
        t0 = time.perf_counter()
        run(steps)
        out.append(steps * BATCH / (time.perf_counter() - t0))
        faults.append((page_faults() - f0) / steps)
    return statistics.median(out), out, faults


def page_faults():
    """Minor plus major page faults of this process so far (/proc/self/stat fields 10 and 12)."""
    with open("/proc/self/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[7]) + int(fields[9])


def kindling_throughput(expr, threads, warmup, steps, windows, data=None, batch=None,
                        allocator="jemalloc"):
    """`./kindling bench --json` on the model under an allocator: {kindling, baseline, ...}."""
    cmd = [os.path.join(ROOT, "kindling"), "bench", "--model", expr, "--threads", str(threads),
           "--warmup", str(warmup), "--steps", str(steps), "--windows", str(windows), "--json",
           "--batch", str(batch or BATCH)] + (["--data", data] if data else [])
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True,
                          env=allocators.environment(allocator))
    if done.returncode != 0:
        sys.exit("kindling bench failed (" + " ".join(cmd) + "):\n" + done.stderr + done.stdout)
    return json.loads(done.stdout.strip().splitlines()[-1])


def workload(name):
    """The PyTorch model factory, data, loss and batch of a model in MODELS."""
    expr, make, _, data = MODELS[name]
    if name == "gpt":
        xs, ys, vocab = fortunes()
        return (lambda: Gpt(vocab)), xs, ys, per_token_cross_entropy, GPT_BATCH
    if data:
        sx, sy = adding()
        return make, sx, sy, F.mse_loss, None
    x, y, _ = fashion_mnist()
    return make, x, y, F.cross_entropy, None


def torch_worker(a):
    """One PyTorch measurement in this process (started by torch_in): prints it as JSON."""
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    make, xs, ys, loss_fn, batch = workload(a.torch_worker)
    w, s, k = (int(v) for v in a.sizes.split(","))
    median, windows, faults = torch_throughput(make, xs, ys, w, s, k, a.round, loss_fn, batch)
    print(json.dumps({"median": median, "windows": windows,
                      "faults_per_step": statistics.median(faults)}))


def torch_in(allocator, name, threads, sizes, r):
    """PyTorch's figure for a model under an allocator, measured in a worker process."""
    cmd = [sys.executable, os.path.abspath(__file__), "--torch-worker", name, "--threads",
           str(threads), "--sizes", ",".join(map(str, sizes)), "--round", str(r)]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True,
                          env=allocators.environment(allocator, kindling=False))
    if done.returncode != 0:
        sys.exit("pytorch worker failed (" + " ".join(cmd) + "):\n" + done.stderr + done.stdout)
    return json.loads(done.stdout.strip().splitlines()[-1])


def width(windows):
    """The spread of one run's timed windows: (max - min) / median."""
    return (max(windows) - min(windows)) / statistics.median(windows)


spread = allocators.spread  # median (min-max)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--threads", type=int, default=2, help="libtorch intra-op threads (both sides)")
    p.add_argument("--rounds", type=int, default=3, help="rounds of (pytorch, kindling) per model")
    p.add_argument("--models", default="mlp,lenet5,resnet", help="comma list of " + ",".join(MODELS))
    p.add_argument("--allocators", default="glibc,jemalloc",
                   help="comma list of " + ",".join(allocators.CONFIGS))
    p.add_argument("--scale", type=float, default=1.0, help="multiplies warm-up and window steps")
    p.add_argument("--json", action="store_true", help="print every measurement as JSON too")
    p.add_argument("--torch-worker", help=argparse.SUPPRESS)
    p.add_argument("--sizes", help=argparse.SUPPRESS)
    p.add_argument("--round", type=int, default=0, help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.torch_worker:
        torch_worker(a)
        return
    names = a.models.split(",")
    for name in names:
        if name not in MODELS:
            sys.exit(f"unknown model {name!r}; known: {', '.join(MODELS)}")
    allocs = a.allocators.split(",")
    for c in allocs:
        if c not in allocators.CONFIGS:
            sys.exit(f"unknown allocator {c!r}; known: {', '.join(allocators.CONFIGS)}")
        if allocators.environment(c) is None:
            sys.exit(f"allocator {c}: {allocators.CONFIGS[c][0]} not found")
    _, _, folder = fashion_mnist()
    print(f"torch {torch.__version__}, threads {a.threads} (interop 1), batch {BATCH},"
          f" data {folder}, allocators {', '.join(allocs)}", flush=True)
    rows = {(n, c): [] for n in names for c in allocs}
    for r in range(a.rounds):
        for name in names:
            expr, _, (w, s, k), data = MODELS[name]
            w, s = max(1, round(w * a.scale)), max(1, round(s * a.scale))
            batch = GPT_BATCH if name == "gpt" else None
            for c in allocs:
                # PyTorch before and after Kindling, so drift during the round hits both alike.
                before = torch_in(c, name, a.threads, (w, s, k), r)
                kb = kindling_throughput(expr, a.threads, w, s, k, data, batch, c)
                after = torch_in(c, name, a.threads, (w, s, k), r)
                pt = (before["median"] + after["median"]) / 2
                rows[(name, c)].append({
                    "pytorch": pt, "pytorch_windows": before["windows"] + after["windows"],
                    "pytorch_faults_per_step": (before["faults_per_step"]
                                                + after["faults_per_step"]) / 2, **kb})
                print(f"round {r + 1} {name:7s} {c:15s} pytorch {pt:9.0f}  kindling"
                      f" {kb['kindling']:9.0f}  djl {kb['baseline']:9.0f}  samples/s"
                      f"  kindling/pytorch {kb['kindling'] / pt:.2f}  faults/step pytorch"
                      f" {rows[(name, c)][-1]['pytorch_faults_per_step']:,.0f} kindling"
                      f" {kb['kindling_faults_per_step']:,.0f}"
                      f"  (load {os.getloadavg()[0]:.1f})", flush=True)
    print()
    print("Equal terms: both sides under the same allocator; median (min-max) over rounds.")
    print()
    print("| model | allocator | pytorch samples/s | kindling samples/s | kindling / pytorch"
          " | page faults / step, pytorch | page faults / step, kindling | kindling / djl"
          " | window spread pytorch | window spread kindling |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name in names:
        for c in allocs:
            m = rows[(name, c)]
            print(f"| `{MODELS[name][0]}` | {c} | {spread([v['pytorch'] for v in m], '.0f')}"
                  f" | {spread([v['kindling'] for v in m], '.0f')}"
                  f" | **{spread([v['kindling'] / v['pytorch'] for v in m])}**"
                  f" | {spread([v['pytorch_faults_per_step'] for v in m], '.0f')}"
                  f" | {spread([v['kindling_faults_per_step'] for v in m], '.0f')}"
                  f" | {spread([v['ratio'] for v in m])}"
                  f" | {spread([width(v['pytorch_windows']) for v in m])}"
                  f" | {spread([width(v['kindling_windows']) for v in m])} |")
    if "glibc" in allocs and "jemalloc" in allocs:
        print()
        print("As shipped: Kindling as its launcher runs it (jemalloc, no decay) against PyTorch"
              " as installed (glibc), the same rounds.")
        print()
        print("| model | pytorch (glibc) samples/s | kindling (jemalloc) samples/s"
              " | kindling / pytorch | page faults / step, pytorch / kindling |")
        print("|---|---|---|---|---|")
        for name in names:
            g, j = rows[(name, "glibc")], rows[(name, "jemalloc")]
            print(f"| `{MODELS[name][0]}` | {spread([v['pytorch'] for v in g], '.0f')}"
                  f" | {spread([v['kindling'] for v in j], '.0f')}"
                  f" | **{spread([jv['kindling'] / gv['pytorch'] for gv, jv in zip(g, j)])}**"
                  f" | {statistics.median(v['pytorch_faults_per_step'] for v in g):,.0f} /"
                  f" {statistics.median(v['kindling_faults_per_step'] for v in j):,.0f} |")
    if a.json:
        print(json.dumps({"threads": a.threads, "batch": BATCH, "data": folder, "rows": {
            f"{n} {c}": {"expr": MODELS[n][0], "rounds": v} for (n, c), v in rows.items()}}))


if __name__ == "__main__":
    main()
