#!/usr/bin/env python3
"""Golden values for Kindling's engine self-check (`kindling doctor`), computed by PyTorch in float64.

Why: the libtorch that DJL ships carries a oneDNN whose AVX-512 LSTM inference kernel computes
wrong outputs on some CPUs. Kindling cannot know in advance which kernels a user's CPU gets, so
before a run it feeds a few small cases through the same blocks it trains with and compares them
with these values. The cases cover the kernels Kindling's families use: the fused recurrent layers
(LSTM, GRU, RNN), 2-D convolutions (3x3 with padding, strided, 1x1, grouped, depthwise), batch norm
(training mode normalizes with the batch's statistics, inference mode with the running ones), layer
norm, causal self-attention and linear layers.

Every case is deterministic on both sides. Its input and each parameter j (in PyTorch's order, e.g.
weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0, ...) hold

    value[k] = offset + scale * sin(0.37 * k + phase)      (k over the flattened tensor)

computed in float64 and rounded to float32, so Kindling (float32) and this script start from the
same numbers; the script then computes in float64. The phase is the tensor's index (input 0), the
scale 1/sqrt(fan_in) for weights (so pre-activations stay O(1)), 0.5 for biases and shifts; gains
and running variances have offset 1. Each case records

- "inference": the output with module.eval() under torch.no_grad() (batch norm: running stats);
- "training": the output with module.train() and grad enabled (no dropout anywhere, so equal to
  inference except for batch norm, which normalizes with the batch's statistics);
- "gradients": of L = sum_k y[k] * c[k], c[k] = cos(0.07 k) (rounded to float32) over the flattened
  training output, with respect to the input and every trainable parameter.

To keep the files small each tensor is stored as {shape, values (only when it has <= 256 elements),
dot1 = sum v[k] sin(0.7 k + 0.3), dot2 = sum v[k] cos(1.3 k), norm = ||v||_2}; values are rounded to
10 significant digits. Kindling compares values element-wise when present and always the three
projections.

Run with a Python that has torch 2.x:

    python tools/reference/engine_golden.py --shipped \\
        > kindling-core/src/main/resources/io/kindling/engine/golden.json
    python tools/reference/engine_golden.py --recurrent \\
        > kindling-core/src/test/resources/reference/recurrent_kernels.json

--shipped is the small set every run checks (a few milliseconds); --recurrent is the wide set of
RecurrentKernelsMatchTorchTest: LSTM on both sides of every H mod 32 boundary, one and two layers,
plus GRU and RNN.
"""
import argparse
import json
import math

import torch
from torch import nn

VALUES_LIMIT = 256
RECURRENT = {"lstm": nn.LSTM, "gru": nn.GRU, "rnn_tanh": nn.RNN}


def pattern(shape, phase, scale, offset):
    """offset + scale * sin(0.37 k + phase) in float64, rounded to float32, back in float64."""
    n = math.prod(shape)
    k = torch.arange(n, dtype=torch.float64)
    v = offset + scale * torch.sin(0.37 * k + phase)
    return v.to(torch.float32).to(torch.float64).reshape(shape)


def summary(t):
    v = t.detach().to(torch.float64).flatten()
    k = torch.arange(v.numel(), dtype=torch.float64)
    s = {"shape": list(t.shape)}
    if v.numel() <= VALUES_LIMIT:
        s["values"] = [float(f"{x:.10g}") for x in v.tolist()]
    s["dot1"] = float((v * torch.sin(0.7 * k + 0.3)).sum())
    s["dot2"] = float((v * torch.cos(1.3 * k)).sum())
    s["norm"] = float(v.norm())
    return s


def spec(name, shape, phase, scale, offset, buffer=False):
    d = {"name": name, "shape": list(shape), "phase": phase, "scale": scale, "offset": offset}
    if buffer:
        d["buffer"] = True
    return d


def rule(name, shape):
    """The scale and offset of a parameter's pattern, by its kind."""
    if name.endswith("running_var"):
        return 0.5, 1.0
    if name.endswith("running_mean") or "bias" in name:
        return 0.5, 0.0
    if len(shape) >= 2:
        fan_in = math.prod(shape[1:])
        return 1.0 / math.sqrt(fan_in), 0.0
    return 0.5, 1.0  # a gain (norm weight)


class Attention(nn.Module):
    """Kindling's CausalSelfAttention: q, k, v, out projections, additive causal mask, softmax."""

    def __init__(self, width, heads, scale):
        super().__init__()
        self.heads, self.scale = heads, scale
        self.query = nn.Linear(width, width)
        self.key = nn.Linear(width, width)
        self.value = nn.Linear(width, width)
        self.attention_out = nn.Linear(width, width)

    def forward(self, x):
        b, t, c = x.shape
        h = self.heads

        def split(a):
            return a.reshape(b, t, h, c // h).transpose(1, 2)

        q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
        mask = torch.triu(torch.full((t, t), float("-inf"), dtype=x.dtype), diagonal=1)
        a = (q @ k.transpose(-1, -2) * self.scale + mask).softmax(-1)
        return self.attention_out((a @ v).transpose(1, 2).reshape(b, t, c))


class Recurrent(nn.Module):
    """nn.LSTM/GRU/RNN(batch_first=True); the output sequence (not the final state)."""

    def __init__(self, op, features, hidden, layers):
        super().__init__()
        self.rnn = RECURRENT[op](features, hidden, layers, batch_first=True)

    def forward(self, x):
        return self.rnn(x)[0]


def module(op, args, shape):
    if op in RECURRENT:
        return Recurrent(op, shape[-1], args["hidden"], args["layers"])
    if op == "conv2d":
        return nn.Conv2d(
            shape[1], args["out"], args["kernel"], args["stride"], args["padding"],
            groups=args["groups"])
    if op == "batch_norm":
        return nn.BatchNorm2d(shape[1]) if len(shape) == 4 else nn.BatchNorm1d(shape[1])
    if op == "layer_norm":
        return nn.LayerNorm(shape[-1])
    if op == "attention":
        return Attention(shape[-1], args["heads"], args["scale"])
    if op == "linear":
        return nn.Linear(shape[-1], args["out"])
    raise ValueError(f"unknown op {op}")


def case(name, op, shape, **args):
    torch.manual_seed(0)  # only the unused default init draws from it
    m = module(op, args, shape)
    tensors = list(m.named_parameters())
    buffers = [(n, b) for n, b in m.named_buffers() if n.endswith(("running_mean", "running_var"))]
    buffer_names = {n for n, _ in buffers}
    specs = [spec("input", shape, 0, 1.0, 0.0)]
    with torch.no_grad():
        for j, (n, t) in enumerate(tensors + buffers, start=1):
            scale, offset = rule(n, t.shape)
            t.copy_(pattern(t.shape, j, scale, offset))
            specs.append(spec(n.replace("rnn.", ""), t.shape, j, scale, offset, n in buffer_names))
    x = pattern(shape, 0, 1.0, 0.0)

    m.eval()
    with torch.no_grad():
        inference = m(x)

    m.train()
    x.requires_grad_(True)
    y = m(x)
    k = torch.arange(y.numel(), dtype=torch.float64)
    c = torch.cos(0.07 * k).to(torch.float32).to(torch.float64).reshape(y.shape)
    (y * c).sum().backward()
    gradients = {"input": summary(x.grad)}
    for n, t in tensors:
        gradients[n.replace("rnn.", "")] = summary(t.grad)
    return {
        "name": name,
        "op": op,
        "args": args,
        "tensors": specs,
        "inference": summary(inference),
        "training": summary(y),
        "gradients": gradients,
    }


def recurrent(op, hidden, layers, batch, steps, features):
    return case(
        f"{op}(hidden={hidden}, layers={layers}) on {batch}×{steps}×{features}",
        op, [batch, steps, features], hidden=hidden, layers=layers)


def conv(batch, channels, size, out, kernel, stride, padding, groups):
    name = (f"conv2d(out={out}, kernel={kernel}, stride={stride}, padding={padding},"
            f" groups={groups}) on {batch}×{channels}×{size}×{size}")
    return case(name, "conv2d", [batch, channels, size, size], out=out, kernel=kernel,
                stride=stride, padding=padding, groups=groups)


def shipped():
    cases = [recurrent("lstm", h, 1, 2, 3, 4) for h in (16, 17, 33)]
    cases.append(recurrent("lstm", 16, 2, 2, 3, 4))
    cases.append(recurrent("gru", 17, 1, 2, 3, 4))
    cases.append(recurrent("rnn_tanh", 17, 1, 2, 3, 4))
    cases += [
        conv(2, 3, 6, 4, 3, 1, 1, 1),
        conv(2, 4, 7, 5, 3, 2, 1, 1),
        conv(2, 6, 5, 3, 1, 1, 0, 1),
        conv(2, 4, 5, 6, 3, 1, 1, 2),
        conv(2, 4, 5, 4, 3, 1, 1, 4),
        case("batch_norm on 4×3×3×3 (images)", "batch_norm", [4, 3, 3, 3]),
        case("batch_norm on 6×5 (rows)", "batch_norm", [6, 5]),
        case("layer_norm on 3×8 (rows)", "layer_norm", [3, 8]),
        case("layer_norm on 2×3×8 (steps)", "layer_norm", [2, 3, 8]),
        case("attention(heads=2) on 2×5×8", "attention", [2, 5, 8], heads=2, scale=0.5),
        case("linear(out=5) on 4×6 (rows)", "linear", [4, 6], out=5),
        case("linear(out=3) on 2×3×4 (steps)", "linear", [2, 3, 4], out=3),
    ]
    return cases


def wide():
    cases = []
    for h in (1, 4, 15, 16, 17, 31, 32, 33, 48, 49, 63, 64, 65, 100, 128, 129):
        for layers in (1, 2):
            cases.append(recurrent("lstm", h, layers, 3, 7, 5))
    for op in ("gru", "rnn_tanh"):
        for h in (1, 16, 17, 33, 65, 129):
            for layers in (1, 2):
                cases.append(recurrent(op, h, layers, 3, 7, 5))
    return cases


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--shipped", action="store_true", help="the set every run checks")
    which.add_argument("--recurrent", action="store_true", help="the wide recurrent test set")
    a = parser.parse_args()
    torch.set_default_dtype(torch.float64)
    torch.set_num_threads(1)
    cases = shipped() if a.shipped else wide()
    generator = "tools/reference/engine_golden.py " + ("--shipped" if a.shipped else "--recurrent")
    print(dump({"generator": generator, "torch": torch.__version__, "cases": cases}))


def dump(golden):
    """JSON with one line per case entry and per tensor, so that diffs stay readable and small."""

    def flat(v):
        return json.dumps(v, ensure_ascii=False, separators=(",", ":"))

    def entry(c):
        lines = []
        for key, v in c.items():
            if key == "tensors":
                body = ",\n".join("    " + flat(t) for t in v)
                lines.append(f'   "tensors": [\n{body}\n   ]')
            elif key == "gradients":
                body = ",\n".join(f"    {flat(n)}: {flat(t)}" for n, t in v.items())
                lines.append(f'   "gradients": {{\n{body}\n   }}')
            else:
                lines.append(f"   {flat(key)}: {flat(v)}")
        return "  {\n" + ",\n".join(lines) + "\n  }"

    head = ",\n".join(f" {flat(k)}: {flat(v)}" for k, v in golden.items() if k != "cases")
    return "{\n" + head + ',\n "cases": [\n' + ",\n".join(entry(c) for c in golden["cases"]) + "\n ]\n}"


if __name__ == "__main__":
    main()
