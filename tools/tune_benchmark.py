#!/usr/bin/env python3
"""Median best value of Kindling's samplers (and Optuna's TPE, where Optuna is installed) on the
built-in objectives of `kindling tune`, over seeds 0..S-1 at a budget of N trials.

    python3 tools/tune_benchmark.py                 # 10 seeds, 100 trials
    python3 tools/tune_benchmark.py --seeds 20 --trials 100

Kindling's numbers come from `./kindling tune --objective F --sampler S --trials N --seed K
--out DIR` (best.json); Optuna's from optuna.samplers.TPESampler(seed=K) with its defaults
(and multivariate=True) on the same functions and domains. Debian: apt-get install python3-optuna.
"""
import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def branin(x):
    b, c, t = 5.1 / (4 * math.pi ** 2), 5 / math.pi, 1 / (8 * math.pi)
    return (x[1] - b * x[0] ** 2 + c * x[0] - 6) ** 2 + 10 * (1 - t) * math.cos(x[0]) + 10


ALPHA = [1.0, 1.2, 3.0, 3.2]
A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14],
     [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
P = [[0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886],
     [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
     [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650],
     [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381]]


def hartmann6(x):
    return -sum(ALPHA[i] * math.exp(-sum(A[i][j] * (x[j] - P[i][j]) ** 2 for j in range(6)))
                for i in range(4))


def rosenbrock(x):
    return sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in range(len(x) - 1))


OBJECTIVES = {
    "branin": (branin, [(-5, 10), (0, 15)]),
    "hartmann6": (hartmann6, [(0, 1)] * 6),
    "rosenbrock(dim=4)": (rosenbrock, [(-5, 10)] * 4),
}


def kindling(objective, sampler, trials, seed, tmp):
    out = os.path.join(tmp, f"{objective}-{sampler}-{seed}".replace("(", "_").replace(")", "_")
                       .replace("=", "_"))
    subprocess.run([os.path.join(ROOT, "kindling"), "tune", "--objective", objective,
                    "--sampler", sampler, "--trials", str(trials), "--seed", str(seed),
                    "--out", out, "--quiet"], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    with open(os.path.join(out, "best.json")) as f:
        return json.load(f)["value"]


def optuna_best(objective, trials, seed, multivariate):
    import optuna
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    f, bounds = OBJECTIVES[objective]
    sampler = optuna.samplers.TPESampler(seed=seed, multivariate=multivariate)
    study = optuna.create_study(sampler=sampler)
    study.optimize(lambda t: f([t.suggest_float(f"x{i + 1}", lo, hi)
                                for i, (lo, hi) in enumerate(bounds)]), n_trials=trials)
    return study.best_value


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--trials", type=int, default=100)
    ap.add_argument("--samplers", default="random,sobol,tpe,tpe(multivariate=false)")
    args = ap.parse_args()
    try:
        import optuna
        optuna_version = optuna.__version__
    except ImportError:
        optuna_version = None
        print("(Optuna not installed: only Kindling's columns; apt-get install python3-optuna)",
              file=sys.stderr)
    samplers = args.samplers.split(",")
    columns = [f"kindling {s}" for s in samplers]
    if optuna_version:
        columns += [f"optuna {optuna_version} tpe", f"optuna {optuna_version} tpe(multivariate)"]
    print(f"median best value over seeds 0..{args.seeds - 1}, {args.trials} trials (lower is better)")
    print("| objective (minimum) | " + " | ".join(columns) + " |")
    print("|---" * (len(columns) + 1) + "|")
    minima = {"branin": 0.397887, "hartmann6": -3.32237, "rosenbrock(dim=4)": 0.0}
    with tempfile.TemporaryDirectory() as tmp:
        for objective in OBJECTIVES:
            cells = []
            for s in samplers:
                best = [kindling(objective, s, args.trials, k, tmp) for k in range(args.seeds)]
                cells.append(statistics.median(best))
            if optuna_version:
                for mv in (False, True):
                    best = [optuna_best(objective, args.trials, k, mv) for k in range(args.seeds)]
                    cells.append(statistics.median(best))
            print(f"| {objective} ({minima[objective]}) | "
                  + " | ".join(f"{c:.4f}" for c in cells) + " |", flush=True)


if __name__ == "__main__":
    main()
