#!/usr/bin/python3
"""Reference learning-rate trajectories from torch.optim.lr_scheduler for Kindling's schedules.

For every case: a dummy SGD optimizer over one parameter with lr = base, the scheduler built
from it, and the lr in optimizer.param_groups[0]['lr'] recorded after k calls of
scheduler.step() for k = 0..n (k = 0 is the lr right after construction). optimizer.step()
runs before each scheduler.step(), as in a training loop (the parameter has no gradient, so
it does nothing). Kindling's Schedule.value(k, base) must match every value to 1e-9 relative.

The values are whatever torch actually produces, i.e. the recursive (chainable) get_lr()
forms for ExponentialLR, CosineAnnealingLR, PolynomialLR, LinearLR, ConstantLR, StepLR and
MultiStepLR, and the closed form torch uses when SequentialLR restarts a child with step(0).

warmup_cosine has no torch class; its cases use the equivalent composition
SequentialLR([LinearLR(start_factor=1/w, total_iters=w), CosineAnnealingLR(T_max=T-w,
eta_min)], milestones=[w]), which agrees with it for k <= total_steps (after that the torch
cosine would rise again while warmup_cosine stays at eta_min; the Java test checks that part
against the formula). warmup_steps=0 is plain CosineAnnealingLR(T_max=T, eta_min).

Run (Debian python3-torch 1.13):
  /usr/bin/python3 tools/reference/schedule_reference.py \
      > kindling-core/src/test/resources/reference/schedules.json
"""
import json
import warnings

import torch
from torch.optim import lr_scheduler as S

warnings.filterwarnings("ignore")
BASE = 0.1


def sgd():
    return torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=BASE)


def trajectory(make, n):
    opt = sgd()
    sched = make(opt)
    out = [opt.param_groups[0]["lr"]]
    for _ in range(n):
        opt.step()
        sched.step()
        out.append(opt.param_groups[0]["lr"])
    return out


def warmup_cosine(w, t, eta_min=0.0):
    if w == 0:
        return lambda o: S.CosineAnnealingLR(o, T_max=t, eta_min=eta_min)
    return lambda o: S.SequentialLR(o, [
        S.LinearLR(o, start_factor=1.0 / w, end_factor=1.0, total_iters=w),
        S.CosineAnnealingLR(o, T_max=t - w, eta_min=eta_min)], milestones=[w])


# (Kindling expression, torch constructor as text, constructor, n)
CASES = [
    ("step(step_size=10)", "StepLR(step_size=10)",
     lambda o: S.StepLR(o, step_size=10), 60),
    ("step(step_size=7, gamma=0.5)", "StepLR(step_size=7, gamma=0.5)",
     lambda o: S.StepLR(o, step_size=7, gamma=0.5), 60),
    ("step(step_size=1, gamma=0.9)", "StepLR(step_size=1, gamma=0.9)",
     lambda o: S.StepLR(o, step_size=1, gamma=0.9), 60),

    ("multistep(milestones=[10, 25, 40])", "MultiStepLR(milestones=[10, 25, 40])",
     lambda o: S.MultiStepLR(o, milestones=[10, 25, 40]), 60),
    ("multistep(milestones=[3, 4, 30], gamma=0.5)",
     "MultiStepLR(milestones=[3, 4, 30], gamma=0.5)",
     lambda o: S.MultiStepLR(o, milestones=[3, 4, 30], gamma=0.5), 50),
    ("multistep(milestones=[0, 5], gamma=0.3)", "MultiStepLR(milestones=[0, 5], gamma=0.3)",
     lambda o: S.MultiStepLR(o, milestones=[0, 5], gamma=0.3), 20),

    ("exponential(gamma=0.95)", "ExponentialLR(gamma=0.95)",
     lambda o: S.ExponentialLR(o, gamma=0.95), 120),
    ("exponential(gamma=0.5)", "ExponentialLR(gamma=0.5)",
     lambda o: S.ExponentialLR(o, gamma=0.5), 60),
    ("exponential(gamma=1.02)", "ExponentialLR(gamma=1.02)",
     lambda o: S.ExponentialLR(o, gamma=1.02), 60),

    ("cosine(t_max=10)", "CosineAnnealingLR(T_max=10)",
     lambda o: S.CosineAnnealingLR(o, T_max=10), 60),
    ("cosine(t_max=50, eta_min=0.001)", "CosineAnnealingLR(T_max=50, eta_min=0.001)",
     lambda o: S.CosineAnnealingLR(o, T_max=50, eta_min=0.001), 120),
    ("cosine(t_max=7, eta_min=0.02)", "CosineAnnealingLR(T_max=7, eta_min=0.02)",
     lambda o: S.CosineAnnealingLR(o, T_max=7, eta_min=0.02), 80),
    ("cosine(t_max=1, eta_min=0.01)", "CosineAnnealingLR(T_max=1, eta_min=0.01)",
     lambda o: S.CosineAnnealingLR(o, T_max=1, eta_min=0.01), 20),

    ("cosine_warm_restarts(t_0=10)", "CosineAnnealingWarmRestarts(T_0=10)",
     lambda o: S.CosineAnnealingWarmRestarts(o, T_0=10), 60),
    ("cosine_warm_restarts(t_0=5, t_mult=2, eta_min=0.001)",
     "CosineAnnealingWarmRestarts(T_0=5, T_mult=2, eta_min=0.001)",
     lambda o: S.CosineAnnealingWarmRestarts(o, T_0=5, T_mult=2, eta_min=0.001), 100),
    ("cosine_warm_restarts(t_0=3, t_mult=3)", "CosineAnnealingWarmRestarts(T_0=3, T_mult=3)",
     lambda o: S.CosineAnnealingWarmRestarts(o, T_0=3, T_mult=3), 60),

    ("linear", "LinearLR()", lambda o: S.LinearLR(o), 20),
    ("linear(start_factor=0.1, total_iters=10)", "LinearLR(start_factor=0.1, total_iters=10)",
     lambda o: S.LinearLR(o, start_factor=0.1, total_iters=10), 30),
    ("linear(start_factor=1, end_factor=0.05, total_iters=40)",
     "LinearLR(start_factor=1.0, end_factor=0.05, total_iters=40)",
     lambda o: S.LinearLR(o, start_factor=1.0, end_factor=0.05, total_iters=40), 60),

    ("constant", "ConstantLR()", lambda o: S.ConstantLR(o), 20),
    ("constant(factor=0.5, total_iters=10)", "ConstantLR(factor=0.5, total_iters=10)",
     lambda o: S.ConstantLR(o, factor=0.5, total_iters=10), 30),
    ("constant(factor=0.1, total_iters=1)", "ConstantLR(factor=0.1, total_iters=1)",
     lambda o: S.ConstantLR(o, factor=0.1, total_iters=1), 10),

    ("polynomial", "PolynomialLR()", lambda o: S.PolynomialLR(o), 20),
    ("polynomial(total_iters=50, power=2)", "PolynomialLR(total_iters=50, power=2.0)",
     lambda o: S.PolynomialLR(o, total_iters=50, power=2.0), 70),
    ("polynomial(total_iters=30, power=0.5)", "PolynomialLR(total_iters=30, power=0.5)",
     lambda o: S.PolynomialLR(o, total_iters=30, power=0.5), 40),

    ("cyclic(base_lr=0.001, max_lr=0.1, step_size_up=10)",
     "CyclicLR(base_lr=0.001, max_lr=0.1, step_size_up=10, cycle_momentum=False)",
     lambda o: S.CyclicLR(o, base_lr=0.001, max_lr=0.1, step_size_up=10,
                          cycle_momentum=False), 100),
    ("cyclic(base_lr=0.01, max_lr=0.2, step_size_up=5, step_size_down=15, mode=triangular2)",
     "CyclicLR(base_lr=0.01, max_lr=0.2, step_size_up=5, step_size_down=15, "
     "mode='triangular2', cycle_momentum=False)",
     lambda o: S.CyclicLR(o, base_lr=0.01, max_lr=0.2, step_size_up=5, step_size_down=15,
                          mode="triangular2", cycle_momentum=False), 120),
    ("cyclic(base_lr=0.001, max_lr=0.05, step_size_up=8, mode=exp_range, gamma=0.99)",
     "CyclicLR(base_lr=0.001, max_lr=0.05, step_size_up=8, mode='exp_range', gamma=0.99, "
     "cycle_momentum=False)",
     lambda o: S.CyclicLR(o, base_lr=0.001, max_lr=0.05, step_size_up=8, mode="exp_range",
                          gamma=0.99, cycle_momentum=False), 100),

    ("onecycle(max_lr=0.1, total_steps=100)", "OneCycleLR(max_lr=0.1, total_steps=100)",
     lambda o: S.OneCycleLR(o, max_lr=0.1, total_steps=100), 100),
    ("onecycle(max_lr=0.5, total_steps=60, pct_start=0.25, anneal_strategy=linear, "
     "div_factor=10, final_div_factor=100)",
     "OneCycleLR(max_lr=0.5, total_steps=60, pct_start=0.25, anneal_strategy='linear', "
     "div_factor=10.0, final_div_factor=100.0)",
     lambda o: S.OneCycleLR(o, max_lr=0.5, total_steps=60, pct_start=0.25,
                            anneal_strategy="linear", div_factor=10.0,
                            final_div_factor=100.0), 60),
    ("onecycle(max_lr=0.2, total_steps=80, three_phase=true)",
     "OneCycleLR(max_lr=0.2, total_steps=80, three_phase=True)",
     lambda o: S.OneCycleLR(o, max_lr=0.2, total_steps=80, three_phase=True), 80),
    ("onecycle(max_lr=0.2, total_steps=37, pct_start=0.4, three_phase=true)",
     "OneCycleLR(max_lr=0.2, total_steps=37, pct_start=0.4, three_phase=True)",
     lambda o: S.OneCycleLR(o, max_lr=0.2, total_steps=37, pct_start=0.4, three_phase=True),
     37),

    ("sequential(schedules=[linear(start_factor=0.1, total_iters=5), exponential(gamma=0.9)], "
     "milestones=[5])",
     "SequentialLR([LinearLR(start_factor=0.1, total_iters=5), ExponentialLR(gamma=0.9)], "
     "milestones=[5])",
     lambda o: S.SequentialLR(o, [S.LinearLR(o, start_factor=0.1, total_iters=5),
                                  S.ExponentialLR(o, gamma=0.9)], milestones=[5]), 40),
    ("sequential(schedules=[constant(factor=0.5, total_iters=3), cosine(t_max=20), "
     "step(step_size=5, gamma=0.5)], milestones=[10, 30])",
     "SequentialLR([ConstantLR(factor=0.5, total_iters=3), CosineAnnealingLR(T_max=20), "
     "StepLR(step_size=5, gamma=0.5)], milestones=[10, 30])",
     lambda o: S.SequentialLR(o, [S.ConstantLR(o, factor=0.5, total_iters=3),
                                  S.CosineAnnealingLR(o, T_max=20),
                                  S.StepLR(o, step_size=5, gamma=0.5)],
                              milestones=[10, 30]), 60),
    ("sequential(schedules=[multistep(milestones=[4, 8], gamma=0.5), "
     "cosine_warm_restarts(t_0=5, eta_min=0.01), polynomial(total_iters=10, power=2)], "
     "milestones=[12, 30])",
     "SequentialLR([MultiStepLR(milestones=[4, 8], gamma=0.5), "
     "CosineAnnealingWarmRestarts(T_0=5, eta_min=0.01), "
     "PolynomialLR(total_iters=10, power=2.0)], milestones=[12, 30])",
     lambda o: S.SequentialLR(o, [S.MultiStepLR(o, milestones=[4, 8], gamma=0.5),
                                  S.CosineAnnealingWarmRestarts(o, T_0=5, eta_min=0.01),
                                  S.PolynomialLR(o, total_iters=10, power=2.0)],
                              milestones=[12, 30]), 50),

    ("warmup_cosine(warmup_steps=5, total_steps=50)",
     "SequentialLR([LinearLR(start_factor=1/5, total_iters=5), CosineAnnealingLR(T_max=45)], "
     "milestones=[5])",
     warmup_cosine(5, 50), 50),
    ("warmup_cosine(warmup_steps=10, total_steps=100, eta_min=0.001)",
     "SequentialLR([LinearLR(start_factor=1/10, total_iters=10), "
     "CosineAnnealingLR(T_max=90, eta_min=0.001)], milestones=[10])",
     warmup_cosine(10, 100, 0.001), 100),
    ("warmup_cosine(warmup_steps=1, total_steps=20, eta_min=0.005)",
     "SequentialLR([LinearLR(start_factor=1, total_iters=1), "
     "CosineAnnealingLR(T_max=19, eta_min=0.005)], milestones=[1])",
     warmup_cosine(1, 20, 0.005), 20),
    ("warmup_cosine(warmup_steps=0, total_steps=30)", "CosineAnnealingLR(T_max=30)",
     warmup_cosine(0, 30), 30),
]

print(json.dumps({
    "generator": "tools/reference/schedule_reference.py",
    "torch_version": torch.__version__,
    "base": BASE,
    "cases": [{"expr": expr, "torch": text, "lr": trajectory(make, n)}
              for expr, text, make, n in CASES],
}, indent=1))
