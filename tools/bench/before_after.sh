#!/usr/bin/env bash
# Training and initialization speed of revision BEFORE against the working tree, on this host in
# one script: `kindling bench --model` (Kindling's loop beside DJL's Trainer in the same process,
# as samples/s and their ratio) and `kindling bench --init` (seconds to initialize the model), on
# an MLP, LeNet-5, an LSTM and a GPT, each side run alternately for ROUNDS rounds so that the
# host's drift falls on both. Compare each side's ratio to DJL (same process, same moment) more
# than its raw samples/s.
# Usage, from the repository root: tools/bench/before_after.sh BEFORE [THREADS=2] [ROUNDS=2] [ONLY]
# (ONLY: a grep pattern; only the models whose expression matches it, e.g. lstm)
set -euo pipefail
BEFORE="${1:?usage: tools/bench/before_after.sh BEFORE [THREADS] [ROUNDS]}"
THREADS="${2:-2}"
ROUNDS="${3:-2}"
ONLY="${4:-.}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
# shellcheck source=../lib/revisions.sh
source tools/lib/revisions.sh
build_revision "$BEFORE"
train() { # $1 = checkout, $2 = model, $3 = data, then window options
  local dir="$1" model="$2" data="$3"; shift 3
  kindling_at "$dir" bench --model "$model" --data "$data" --threads "$THREADS" --json "$@" |
    python3 -c 'import json,sys; r=json.load(sys.stdin); print("%7.0f %7.0f %6.3f" % (r["kindling"], r["baseline"], r["ratio"]))'
}
init() { # $1 = checkout, $2 = model, $3 = data
  kindling_at "$1" bench --init "normal(std=0.02)" --model "$2" --data "$3" --threads "$THREADS" \
      --repeats 5 --json | python3 -c 'import json,sys; print("%.4f s" % json.load(sys.stdin)["seconds"])' ||
    echo "failed"
}
echo "host: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $THREADS threads," \
  "allocator: $ALLOCATOR on every side; before = $BEFORE, after = working tree"
echo "train: kindling samples/s, DJL Trainer samples/s, ratio | init: median seconds"
TEXT="text(path='examples/data/fortunes.txt', context=32)"
while IFS='|' read -r model data opts; do
  grep -q -- "$ONLY" <<< "$model" || continue
  for round in $(seq 1 "$ROUNDS"); do
    # shellcheck disable=SC2086
    b="$(train "$WORK/before" "$model" "$data" $opts)"
    # shellcheck disable=SC2086
    a="$(train "$ROOT" "$model" "$data" $opts)"
    echo "train $model round $round: before $b | after $a"
  done
  for round in $(seq 1 "$ROUNDS"); do
    echo "init  $model round $round: before $(init "$WORK/before" "$model" "$data") | after $(init "$ROOT" "$model" "$data")"
  done
done <<LIST
mlp(depth=2, width=512)|fashion-mnist(source=subset)|
lenet5|fashion-mnist(source=subset)|
lstm(hidden=128, layers=1)|adding(steps=100)|--warmup 20 --warmup-seconds 3 --steps 10 --windows 7
gpt(layers=2, width=64, heads=4, context=32)|$TEXT|--warmup 20 --warmup-seconds 3 --steps 20 --windows 7
LIST
