#!/usr/bin/python3
"""Reference values from torch for Kindling's gradient-clipping transforms and chains.

1. "single": one call of torch.nn.utils.clip_grad_value_, torch.clamp_ and
   torch.nn.utils.clip_grad_norm_ (per tensor, and over all tensors at once) on fixed float64
   gradients. Kindling's test feeds the same arrays to one update() of the named transform.

2. "chains": two float64 parameters, a 6-vector and a 2x3 matrix; at every step the gradient
   of each is set by hand to
       g = c * p + sin(p)
   then clipped in place by torch.nn.utils and stepped by torch.optim.SGD. We record both
   parameters (flattened, row-major) after each of 12 steps. Kindling's test runs the chain
   named by the key with DJL ops, adds the updates to the parameters and must match to 1e-9
   relative.

Run (Debian python3-torch):
    /usr/bin/python3 tools/reference/transform_reference.py \
        > kindling-core/src/test/resources/reference/transforms.json
"""
import json
import sys

import torch
from torch.nn.utils import clip_grad_norm_, clip_grad_value_

torch.set_default_dtype(torch.float64)

INPUTS = {
    "a": {"shape": [6], "values": [0.3, -1.2, 2.5, -0.05, 0.9, -3.1]},
    "b": {"shape": [2, 3], "values": [0.02, -0.4, 0.15, 1.7, -0.6, 0.08]},
    "small": {"shape": [3], "values": [0.01, -0.02, 0.005]},
    "z": {"shape": [3], "values": [0.0, 0.0, 0.0]},
}


def tensors(names):
    return [torch.tensor(INPUTS[n]["values"]).reshape(INPUTS[n]["shape"]) for n in names]


def with_grads(names):
    params = []
    for g in tensors(names):
        p = torch.zeros_like(g, requires_grad=True)
        p.grad = g.clone()
        params.append(p)
    return params


def clip_value(names, value):
    params = with_grads(names)
    clip_grad_value_(params, value)
    return [p.grad for p in params]


def clamp(names, lo, hi):
    gs = tensors(names)
    for g in gs:
        g.clamp_(min=lo, max=hi)
    return gs


def clip_norm_each(names, max_norm):
    params = with_grads(names)
    for p in params:
        clip_grad_norm_(p, max_norm)
    return [p.grad for p in params]


def clip_norm_global(names, max_norm):
    params = with_grads(names)
    clip_grad_norm_(params, max_norm)
    return [p.grad for p in params]


SINGLE = [
    ("clip(value=0.5)", ["a", "b"], lambda n: clip_value(n, 0.5)),
    ("clip(value=2)", ["a", "b"], lambda n: clip_value(n, 2.0)),
    ("clip_by_value(min=-0.3, max=1)", ["a", "b"], lambda n: clamp(n, -0.3, 1.0)),
    ("clip_by_norm(max_norm=1)", ["a", "b", "small", "z"], lambda n: clip_norm_each(n, 1.0)),
    ("clip_by_norm(max_norm=2.5)", ["a", "b"], lambda n: clip_norm_each(n, 2.5)),
    ("clip_by_global_norm(max_norm=1)", ["a", "b"], lambda n: clip_norm_global(n, 1.0)),
    ("clip_by_global_norm(max_norm=3)", ["a", "b", "z"], lambda n: clip_norm_global(n, 3.0)),
    ("clip_by_global_norm(max_norm=100)", ["a", "b"], lambda n: clip_norm_global(n, 100.0)),
    ("clip_by_global_norm(max_norm=0.5)", ["small", "z"], lambda n: clip_norm_global(n, 0.5)),
]

# The chain problem.
STARTS = [[1.0, -2.0, 0.5, 3.0, -0.75, 0.1], [[0.4, -1.5, 2.2], [-0.3, 1.1, -2.6]]]
CS = [[0.5, 1.0, 2.0, 3.0, 0.25, 4.0], [[1.5, 0.75, 2.5], [3.5, 0.2, 1.0]]]
STEPS = 12


def wd_then_global_clip(params):
    for p in params:
        p.grad.add_(p.detach(), alpha=0.1)
    clip_grad_norm_(params, 6.0)


def global_then_each(params):
    clip_grad_norm_(params, 1.0)
    for p in params:
        clip_grad_norm_(p, 0.5)


CHAINS = {
    "chain(transforms=[clip_by_global_norm(max_norm=2), sgd(lr=0.05, momentum=0.9,"
    " dampening=0, nesterov=false, weight_decay=0)])":
        (lambda ps: clip_grad_norm_(ps, 2.0),
         lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9)),
    "chain(transforms=[clip_by_norm(max_norm=1.5), sgd(lr=0.1, momentum=0, dampening=0,"
    " nesterov=false, weight_decay=0)])":
        (lambda ps: [clip_grad_norm_(p, 1.5) for p in ps],
         lambda ps: torch.optim.SGD(ps, lr=0.1)),
    "chain(transforms=[clip(value=0.8), sgd(lr=0.05, momentum=0.8, dampening=0,"
    " nesterov=true, weight_decay=0)])":
        (lambda ps: clip_grad_value_(ps, 0.8),
         lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.8, nesterov=True)),
    "chain(transforms=[clip_by_value(min=-0.5, max=1.2), sgd(lr=0.1, momentum=0.5,"
    " dampening=0.2, nesterov=false, weight_decay=0)])":
        (lambda ps: [p.grad.clamp_(min=-0.5, max=1.2) for p in ps],
         lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.5, dampening=0.2)),
    "chain(transforms=[add_weight_decay(weight_decay=0.1), clip_by_global_norm(max_norm=6),"
    " trace(momentum=0.9, dampening=0, nesterov=false), scale(factor=-0.05)])":
        (wd_then_global_clip,
         lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9)),
    "chain(transforms=[clip_by_global_norm(max_norm=1), chain(transforms=["
    "clip_by_norm(max_norm=0.5), sgd(lr=0.2, momentum=0, dampening=0, nesterov=false,"
    " weight_decay=0)])])":
        (global_then_each,
         lambda ps: torch.optim.SGD(ps, lr=0.2)),
    "chain(transforms=[clip_by_global_norm(max_norm=1), sgd(lr=0.02, momentum=0.9,"
    " dampening=0, nesterov=false, weight_decay=0.05)])":
        (lambda ps: clip_grad_norm_(ps, 1.0),
         lambda ps: torch.optim.SGD(ps, lr=0.02, momentum=0.9, weight_decay=0.05)),
}


def trajectory(name, clip, make):
    ps = [torch.tensor(s, requires_grad=True) for s in STARTS]
    cs = [torch.tensor(c) for c in CS]
    opt = make(ps)
    out = []
    for step in range(STEPS):
        with torch.no_grad():
            for p, c in zip(ps, cs):
                p.grad = c * p + torch.sin(p)
            before = torch.norm(torch.stack([torch.norm(p.grad) for p in ps])).item()
            clip(ps)
            after = torch.norm(torch.stack([torch.norm(p.grad) for p in ps])).item()
        print(f"{name[:60]:60s} step {step + 1:2d}: |g| {before:8.4f} -> {after:8.4f}",
              file=sys.stderr)
        opt.step()
        out.append([p.detach().flatten().tolist() for p in ps])
    return out


def flat(ts):
    return [t.flatten().tolist() for t in ts]


print(json.dumps({
    "generator": "tools/reference/transform_reference.py",
    "torch_version": torch.__version__,
    "inputs": INPUTS,
    "single": [{"expr": e, "tensors": n, "expected": flat(f(n))} for e, n, f in SINGLE],
    "chains": {
        "starts": [{"shape": list(torch.tensor(s).shape),
                    "values": torch.tensor(s).flatten().tolist()} for s in STARTS],
        "c": [torch.tensor(c).flatten().tolist() for c in CS],
        "steps": STEPS,
        "cases": {name: trajectory(name, clip, make) for name, (clip, make) in CHAINS.items()},
    },
}, indent=1))
