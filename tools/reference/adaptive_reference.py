#!/usr/bin/python3
"""Reference trajectories from torch.optim's adaptive optimizers for Kindling's tests.

Same problem as optimizer_reference.py: one float64 parameter vector p of 6 values; at every
step the gradient is
    g = c * p + sin(p)        (c = [0.5, 1, 2, 3, 0.25, 4])
set by hand on p.grad, then optimizer.step(). We record p after each of 15 steps.
AdaptiveMatchesTorchTest computes the same gradient with DJL ops and must match every step to
1e-9 relative (|got - want| <= 1e-9 * max(1, |want|)).

Each case's key is the Kindling expression; its value is the torch trajectory. Settings cover
weight decay on and off, AMSGrad, centered RMSprop, RMSprop momentum, Adagrad's lr_decay and
initial accumulator, RAdam's switch from the unrectified to the rectified update (step 6 with
beta2=0.999), and a large eps for each optimizer so that eps placement is checked.

NAdam runs with foreach=True: torch 1.13's default single-tensor NAdam multiplies mu_t into
the next step's momentum product twice (mu_product_next = mu_product * mu * mu_next, after
mu_product *= mu). The foreach implementation of the same release, the algorithm documented
in torch.optim.NAdam (prod_{i<=t+1} mu_i) and torch >= 2.0's single-tensor code all use
mu_product * mu_next; Kindling implements that. The output records how far apart the two
1.13 code paths end up for nadam(lr=0.1), to show the difference is not rounding.

Run (Debian python3-torch):
    /usr/bin/python3 tools/reference/adaptive_reference.py \
        > kindling-core/src/test/resources/reference/adaptive.json
"""
import json
import torch

torch.set_default_dtype(torch.float64)
START = [1.0, -2.0, 0.5, 3.0, -0.75, 0.1]
C = [0.5, 1.0, 2.0, 3.0, 0.25, 4.0]
STEPS = 15

O = torch.optim

CASES = {
    # Adam (Kingma & Ba 2015), coupled L2 weight decay, AMSGrad (Reddi et al. 2018)
    "adam(lr=0.1)": lambda p: O.Adam([p], lr=0.1),
    "adam(lr=0.05, beta1=0.8, beta2=0.99, eps=0.1)":
        lambda p: O.Adam([p], lr=0.05, betas=(0.8, 0.99), eps=0.1),
    "adam(lr=0.05, weight_decay=0.1)": lambda p: O.Adam([p], lr=0.05, weight_decay=0.1),
    "adam(lr=0.1, beta2=0.9, amsgrad=true)":
        lambda p: O.Adam([p], lr=0.1, betas=(0.9, 0.9), amsgrad=True),
    "adam(lr=0.05, beta1=0.5, beta2=0.8, eps=0.01, weight_decay=0.05, amsgrad=true)":
        lambda p: O.Adam([p], lr=0.05, betas=(0.5, 0.8), eps=0.01, weight_decay=0.05,
                         amsgrad=True),
    # AdamW (Loshchilov & Hutter 2019): decoupled decay p <- p - lr*wd*p
    "adamw(lr=0.1)": lambda p: O.AdamW([p], lr=0.1),
    "adamw(lr=0.05, weight_decay=0.5, eps=0.01)":
        lambda p: O.AdamW([p], lr=0.05, weight_decay=0.5, eps=0.01),
    "adamw(lr=0.05, beta2=0.9, weight_decay=0.1, amsgrad=true)":
        lambda p: O.AdamW([p], lr=0.05, betas=(0.9, 0.9), weight_decay=0.1, amsgrad=True),
    "adamw(lr=0.1, weight_decay=0)": lambda p: O.AdamW([p], lr=0.1, weight_decay=0),
    # RMSprop (Hinton 2012)
    "rmsprop(lr=0.01)": lambda p: O.RMSprop([p], lr=0.01),
    "rmsprop(lr=0.02, alpha=0.9, eps=0.1)": lambda p: O.RMSprop([p], lr=0.02, alpha=0.9, eps=0.1),
    "rmsprop(lr=0.01, centered=true)": lambda p: O.RMSprop([p], lr=0.01, centered=True),
    "rmsprop(lr=0.005, momentum=0.9)": lambda p: O.RMSprop([p], lr=0.005, momentum=0.9),
    "rmsprop(lr=0.005, alpha=0.8, weight_decay=0.1, momentum=0.5, centered=true)":
        lambda p: O.RMSprop([p], lr=0.005, alpha=0.8, weight_decay=0.1, momentum=0.5,
                            centered=True),
    # Adagrad (Duchi et al. 2011)
    "adagrad(lr=0.1)": lambda p: O.Adagrad([p], lr=0.1),
    "adagrad(lr=0.1, lr_decay=0.05)": lambda p: O.Adagrad([p], lr=0.1, lr_decay=0.05),
    "adagrad(lr=0.1, initial_accumulator_value=0.5, eps=0.01)":
        lambda p: O.Adagrad([p], lr=0.1, initial_accumulator_value=0.5, eps=0.01),
    "adagrad(lr=0.05, lr_decay=0.01, weight_decay=0.1, initial_accumulator_value=0.1)":
        lambda p: O.Adagrad([p], lr=0.05, lr_decay=0.01, weight_decay=0.1,
                            initial_accumulator_value=0.1),
    # Adadelta (Zeiler 2012)
    "adadelta": lambda p: O.Adadelta([p]),
    "adadelta(lr=0.5, rho=0.5, eps=0.01)": lambda p: O.Adadelta([p], lr=0.5, rho=0.5, eps=0.01),
    "adadelta(lr=1, eps=0.001, weight_decay=0.1)":
        lambda p: O.Adadelta([p], lr=1.0, eps=1e-3, weight_decay=0.1),
    "adadelta(lr=2, rho=0.95, eps=0.0001)": lambda p: O.Adadelta([p], lr=2.0, rho=0.95, eps=1e-4),
    # Adamax (Kingma & Ba 2015, section 7.1)
    "adamax(lr=0.1)": lambda p: O.Adamax([p], lr=0.1),
    "adamax(lr=0.05, beta1=0.5, beta2=0.8, eps=0.01)":
        lambda p: O.Adamax([p], lr=0.05, betas=(0.5, 0.8), eps=0.01),
    "adamax(lr=0.05, weight_decay=0.1)": lambda p: O.Adamax([p], lr=0.05, weight_decay=0.1),
    # NAdam (Dozat 2016), torch's momentum schedule
    "nadam(lr=0.1)": lambda p: O.NAdam([p], lr=0.1, foreach=True),
    "nadam(lr=0.05, eps=0.01, momentum_decay=0.1)":
        lambda p: O.NAdam([p], lr=0.05, eps=0.01, momentum_decay=0.1, foreach=True),
    "nadam(lr=0.05, beta1=0.5, beta2=0.9, weight_decay=0.1)":
        lambda p: O.NAdam([p], lr=0.05, betas=(0.5, 0.9), weight_decay=0.1, foreach=True),
    "nadam(lr=0.05, momentum_decay=0)":
        lambda p: O.NAdam([p], lr=0.05, momentum_decay=0, foreach=True),
    # RAdam (Liu et al. 2020)
    "radam(lr=0.1)": lambda p: O.RAdam([p], lr=0.1),
    "radam(lr=0.05, beta2=0.9)": lambda p: O.RAdam([p], lr=0.05, betas=(0.9, 0.9)),
    "radam(lr=0.05, eps=0.1, weight_decay=0.1)":
        lambda p: O.RAdam([p], lr=0.05, eps=0.1, weight_decay=0.1),
    "radam(lr=0.05, beta1=0.5, beta2=0.99)": lambda p: O.RAdam([p], lr=0.05, betas=(0.5, 0.99)),
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


def nadam_single_tensor_bug():
    """Max |difference| between torch 1.13's two NAdam code paths, for the record."""
    single = trajectory(lambda p: O.NAdam([p], lr=0.1, foreach=False))
    multi = trajectory(lambda p: O.NAdam([p], lr=0.1, foreach=True))
    return max(abs(a - b) for sa, sm in zip(single, multi) for a, b in zip(sa, sm))


print(json.dumps({
    "generator": "tools/reference/adaptive_reference.py",
    "torch_version": torch.__version__,
    "start": START,
    "c": C,
    "steps": STEPS,
    "tolerance": "abs(got - want) <= 1e-9 * max(1, abs(want))",
    "nadam_foreach_vs_single_tensor_max_abs_diff": nadam_single_tensor_bug(),
    "cases": {name: trajectory(make) for name, make in CASES.items()},
}, indent=1))
