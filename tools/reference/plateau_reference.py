#!/usr/bin/python3
"""Reference learning rates from torch.optim.lr_scheduler.ReduceLROnPlateau.

A fixed metric sequence (falls, stalls, bumps, falls again) is fed to scheduler.step(metric)
for several settings; we record the lr after each call. Kindling's ReduceOnPlateau must give
the same lr after each metric.

Run (Debian python3-torch): /usr/bin/python3 tools/reference/plateau_reference.py \
    > kindling-core/src/test/resources/reference/plateau.json
"""
import json
import torch

METRICS = [1.0, 0.8, 0.7, 0.7, 0.69995, 0.71, 0.7, 0.7, 0.65, 0.66, 0.66, 0.66, 0.66, 0.5,
           0.5, 0.5, 0.5, 0.5, 0.5, 0.49, 0.49, 0.49, 0.49, 0.49, 0.49]
CASES = {
    "reduce_on_plateau(patience=2)": dict(patience=2),
    "reduce_on_plateau(mode=max, factor=0.5, patience=1)": dict(mode="max", factor=0.5, patience=1),
    "reduce_on_plateau(factor=0.5, patience=1, threshold=0.05, threshold_mode=abs)":
        dict(factor=0.5, patience=1, threshold=0.05, threshold_mode="abs"),
    "reduce_on_plateau(factor=0.5, patience=0, cooldown=2, min_lr=0.02)":
        dict(factor=0.5, patience=0, cooldown=2, min_lr=0.02),
    "reduce_on_plateau(factor=0.3, patience=1, threshold=0.1)":
        dict(factor=0.3, patience=1, threshold=0.1),
}


def run(kwargs):
    p = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([p], lr=0.1)
    sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, **kwargs)
    out = []
    for m in METRICS:
        sched.step(m)
        out.append(opt.param_groups[0]["lr"])
    return out


print(json.dumps({"generator": "tools/reference/plateau_reference.py",
                  "torch_version": torch.__version__, "base_lr": 0.1, "metrics": METRICS,
                  "cases": {k: run(v) for k, v in CASES.items()}}, indent=1))
