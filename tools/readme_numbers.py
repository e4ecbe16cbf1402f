#!/usr/bin/env python3
"""Regenerate every number the docs show from training the shipped experiments.

Runs each shipped experiment with `kindling compare --seeds 3` (seeds 0, 1, 2; 300 steps as in
the files; libtorch threads as the machine's cores) on the full Fashion-MNIST set when Debian's
dataset-fashion-mnist is installed, and he-vs-xavier once more on the shipped subset, then prints
one Markdown table per experiment (and for the worked example, examples/first-run.yaml): test accuracy and final training loss as the mean over seeds
with the [min, max] range, the verdict at initialization, and the per-layer activation std that
the docs quote. Everything it prints is read back from the comparisons' summary.json files,
which stay under runs/readme/ for inspection.

Results are bit-identical on one machine with the same threads; another CPU gives other
numbers within about the printed ranges (see "Determinism" in docs/training.md). About an
hour on 2 cores with the full set (the three architecture experiments take most of it), and
about another hour for the sequence experiments (adding-memory and the μP
learning-rate sweep take most of that).

Standard library only. Usage:
    python3 tools/readme_numbers.py [--out runs/readme] [--seeds 3] [--only NAME ...]
    python3 tools/readme_numbers.py --summarize-only   # re-read existing summaries
"""

import argparse
import json
import os
import subprocess
import sys

EXPERIMENTS = ["he-vs-xavier", "glorot-tanh", "saxe-linear", "mishkin-lsuv", "klambauer-selu",
               "lenet5-inits", "deep-residual", "deep-cnn"]
# Sequence experiments (issues 13 and 14): name -> (example file, extra compare options, what the
# steps are). They train on shipped data, so the full Fashion-MNIST set does not matter to them.
SEQUENCES = {
    "forecast-inits": ("forecast-inits", [], "600 steps"),
    "forecast-inits-weather": ("forecast-inits", [
        "--data", "series(path='examples/data/seattle-weather.csv', column=temp_max, time=date,"
                  " window=28, horizon=1, season=7)"], "600 steps"),
    "adding-memory": ("adding-memory", [], "3,000 steps"),
    # The budget behind the adding-memory row: every variant at the file's earlier 1500 steps, and
    # the LSTM alone over five seeds at 1500 and 3000 steps and on another draw of the data.
    "adding-memory-1500": ("adding-memory", ["--steps", "1500"], "1,500 steps"),
    "adding-lstm-1500": ("adding-memory-lstm", ["--steps", "1500", "--seeds", "5"],
                         "1,500 steps, seeds 0..4"),
    "adding-lstm-3000": ("adding-memory-lstm", ["--seeds", "5"], "3,000 steps, seeds 0..4"),
    "adding-lstm-data7": ("adding-memory-lstm", [
        "--seed", "3", "--seeds", "3",
        "--data", "adding(steps=100, train=20000, test=1000, seed=7)"],
        "3,000 steps, data seed 7, seeds 3..5"),
    "gpt-norm-placement": ("gpt-norm-placement", ["--optimizer", "adam(lr=0.01)", "--steps", "80"],
                           "80 steps"),
    "gpt-mup-lr-transfer": ("gpt-mup-lr-transfer", [], "200 steps"),
}
# Layers (1-based) whose activation std the docs quote, per experiment.
LAYERS = {
    "he-vs-xavier": [1, 10, 20, 30],
    "glorot-tanh": [1, 2, 3, 4, 5],
    "saxe-linear": [1, 10, 20, 29],
    "mishkin-lsuv": [1, 10, 20, 30],
    "klambauer-selu": [1, 10, 20, 30],
    "lenet5-inits": [1, 2, 3, 4, 5],
    "deep-residual": [1, 50, 101],
    "deep-cnn": [1, 8, 16, 24],
}
# Layers whose weight gradient norm the docs quote, per experiment.
GRADIENTS = {"deep-cnn": [1, 8, 16, 24]}
# Residual blocks whose stream variance the docs quote, per experiment.
BLOCKS = {"deep-residual": [1, 10, 25, 50]}
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(example, out, seeds, extra):
    """Runs one comparison unless its summary already exists; returns the summary path."""
    summary = os.path.join(out, "summary.json")
    if os.path.exists(summary):
        return summary
    own_seeds = [] if "--seeds" in extra else ["--seeds", str(seeds)]  # an entry may fix its own
    cmd = [os.path.join(ROOT, "kindling"), "compare",
           os.path.join(ROOT, "examples", example + ".yaml")] + own_seeds + ["--out", out] + extra
    print("$", " ".join(cmd), file=sys.stderr, flush=True)
    subprocess.run(cmd, check=True, cwd=ROOT, stdout=sys.stderr)
    return summary


def spread(values, fmt):
    values = [v for v in values if v is not None]
    if not values:
        return "diverged"
    mean = sum(values) / len(values)
    if len(values) == 1:
        return fmt.format(mean)
    return (fmt + " [" + fmt + ", " + fmt + "]").format(mean, min(values), max(values))


def table(title, summary_path):
    with open(summary_path) as f:
        summary = json.load(f)
    name = os.path.basename(os.path.dirname(summary_path))
    layers = LAYERS.get(name.replace("-subset", ""), [1, 2, 3])
    print(f"\n### {title}\n")
    key = name.replace("-subset", "")
    grads = GRADIENTS.get(key, [])
    blocks = BLOCKS.get(key, [])
    score = "test_rmse" if any("test_rmse" in v for v in summary["variants"]) else "test_accuracy"
    header = (f"| variant | {score.replace('_', ' ')}, mean [min, max] | final train loss"
              " | diverged seeds"
              " | verdict at init | activation std at layers " + ", ".join(map(str, layers))
              + " (seed 0) |")
    if grads:
        header += " gradient norm at layers " + ", ".join(map(str, grads)) + " |"
    if blocks:
        header += " stream variance after blocks " + ", ".join(map(str, blocks)) + " |"
    mse = score == "test_rmse"  # regression: the test MSE (= RMSE²) too, seed by seed
    if mse:
        header += " test mse, mean [min, max] | test mse per seed |"
    print(header)
    print("|---" * (6 + bool(grads) + bool(blocks) + 2 * mse) + "|")
    for v in summary["variants"]:
        runs = v.get("runs", [])
        accuracy = spread([r.get(score) for r in runs], "{:.3f}")
        loss = spread([r["final_train_loss"] for r in runs], "{:.2f}")
        diverged = sum(1 for r in runs if r["diverged"])
        by_index = {layer["index"]: layer for layer in v["init_layers"]}
        stds = []
        for index in layers:
            layer = by_index.get(index)
            std = layer and layer["activation_std"]
            stds.append("–" if std is None else f"{std:.3g}")
        row = (f"| `{v['label']}` | {accuracy} | {loss} | {diverged}/{len(runs)} "
               f"| {v['verdict']['kind']} | {', '.join(stds)} |")
        if grads:
            norms = [by_index.get(i, {}).get("gradient_norm") for i in grads]
            row += " " + ", ".join("–" if g is None else f"{g:.3g}" for g in norms) + " |"
        if blocks:
            by_block = {b["index"]: b for b in v.get("init_blocks", [])}
            var = [by_block.get(i, {}).get("stream_variance") for i in blocks]
            row += " " + ", ".join("–" if x is None else f"{x:.3g}" for x in var) + " |"
        if mse:
            squares = [None if r.get(score) is None else r[score] ** 2 for r in runs]
            row += (f" {spread(squares, '{:.3f}')} | "
                    + ", ".join(f"{r['seed']}: " + ("–" if q is None else f"{q:.3f}")
                                for r, q in zip(runs, squares)) + " |")
        print(row)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(ROOT, "runs", "readme"))
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--only", nargs="*",
                        default=EXPERIMENTS + ["first-run"] + list(SEQUENCES))
    parser.add_argument("--summarize-only", action="store_true")
    args = parser.parse_args()
    full = os.path.isdir("/usr/share/datasets/fashion-mnist")
    data = "full set" if full else "shipped subset"
    seeds = f"seeds 0..{args.seeds - 1}"
    subset = ["--data", "fashion-mnist(source=subset)"]
    # (title, folder under --out, example file, extra compare options)
    jobs = [(f"{name} ({data}, 300 steps, {seeds})", name, name, []) for name in args.only
            if name in EXPERIMENTS]
    if full and "he-vs-xavier" in args.only:
        jobs.append((f"he-vs-xavier (shipped subset, 300 steps, {seeds})",
                     "he-vs-xavier-subset", "he-vs-xavier", subset))
    if "first-run" in args.only:
        he = ["--init", "kaiming_normal(mode=fan_in, nonlinearity=relu)"]
        jobs.append((f"first-run ({data}, 1 epoch, {seeds})", "first-run", "first-run", he))
        jobs.append((f"first-run (shipped subset, 3 epochs, {seeds})", "first-run-subset",
                     "first-run", he + subset + ["--epochs", "3"]))
    for name in args.only:
        if name in SEQUENCES:
            example, extra, steps = SEQUENCES[name]
            label = steps if "seeds" in steps else f"{steps}, {seeds}"
            jobs.append((f"{name} (shipped data, {label})", name, example, extra))
    for title, folder, example, extra in jobs:
        out = os.path.join(args.out, folder)
        summary = os.path.join(out, "summary.json")
        if not args.summarize_only:
            summary = run(example, out, args.seeds, extra)
        table(title, summary)

if __name__ == "__main__":
    main()
