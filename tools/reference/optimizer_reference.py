#!/usr/bin/python3
"""Reference trajectories from torch.optim for Kindling's optimizer tests.

Problem: one float64 parameter vector p of 6 values; at every step the gradient is
    g = c * p + sin(p)        (c = [0.5, 1, 2, 3, 0.25, 4])
set by hand on p.grad, then optimizer.step(). We record p after each of 12 steps.
Kindling's test computes the same gradient with DJL ops and must match to 1e-10.

Run (Debian python3-torch): /usr/bin/python3 tools/reference/optimizer_reference.py > kindling-core/src/test/resources/reference/optimizers.json
"""
import json
import math
import torch

torch.set_default_dtype(torch.float64)
START = [1.0, -2.0, 0.5, 3.0, -0.75, 0.1]
C = [0.5, 1.0, 2.0, 3.0, 0.25, 4.0]
STEPS = 12

CASES = {
    "sgd(lr=0.1)": lambda p: torch.optim.SGD([p], lr=0.1),
    "sgd(lr=0.05, momentum=0.9)": lambda p: torch.optim.SGD([p], lr=0.05, momentum=0.9),
    "sgd(lr=0.05, momentum=0.9, dampening=0.3)":
        lambda p: torch.optim.SGD([p], lr=0.05, momentum=0.9, dampening=0.3),
    "sgd(lr=0.05, momentum=0.8, nesterov=true)":
        lambda p: torch.optim.SGD([p], lr=0.05, momentum=0.8, nesterov=True),
    "sgd(lr=0.02, momentum=0.5, weight_decay=0.1)":
        lambda p: torch.optim.SGD([p], lr=0.02, momentum=0.5, weight_decay=0.1),
}


def trajectory(make):
    p = torch.tensor(START, requires_grad=True)
    opt = make(p)
    c = torch.tensor(C)
    out = []
    for _ in range(STEPS):
        with torch.no_grad():
            p.grad = c * p + torch.sin(p)
        opt.step()
        out.append(p.detach().tolist())
    return out


print(json.dumps({
    "generator": "tools/reference/optimizer_reference.py",
    "torch_version": torch.__version__,
    "start": START,
    "c": C,
    "steps": STEPS,
    "cases": {name: trajectory(make) for name, make in CASES.items()},
}, indent=1))
