#!/usr/bin/env bash
# What the LSTM evaluation fix costs, before against after, on this host in one script:
#   1. `kindling bench` (Kindling's training loop beside DJL's Trainer, same process) on lenet5 and
#      on an LSTM over the adding problem, with the CLI of revision BEFORE and of the working tree,
#      run alternately, so each side's ratio to DJL can be compared (training runs the same oneDNN
#      kernels before and after: the ratios should agree within the host's noise);
#   2. tools/bench/LstmKernels.java: an LSTM evaluated through oneDNN's training kernel (Kindling
#      now) against DJL's LSTM on the inference kernel (Kindling before), in one process.
# Usage, from the repository root: tools/bench/lstm_fix_cost.sh [BEFORE=HEAD~1] [THREADS=2]
set -euo pipefail
BEFORE="${1:-HEAD~1}"
THREADS="${2:-2}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
# shellcheck source=../lib/revisions.sh
source tools/lib/revisions.sh
build_revision "$BEFORE"
run_bench() { # $1 = checkout, $2 = model, $3 = data, then bench's window options
  local dir="$1" model="$2" data="$3"; shift 3
  kindling_at "$dir" bench --model "$model" --data "$data" --threads "$THREADS" --json "$@" |
    python3 -c 'import json,sys; r=json.load(sys.stdin); print("%.0f %.0f %.3f" % (r["kindling"], r["baseline"], r["ratio"]))'
}
echo "host: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $THREADS threads, allocator: $ALLOCATOR on every side"
# an LSTM step over 100 steps is ~50x a LeNet-5 step: fewer, shorter windows keep it to minutes
for spec in "lenet5|fashion-mnist(source=subset)|" \
    "lstm(hidden=128, layers=1)|adding(steps=100)|--warmup 20 --warmup-seconds 3 --steps 10 --windows 7"; do
  IFS='|' read -r model data opts <<< "$spec"
  for round in 1 2; do
    # shellcheck disable=SC2086
    b="$(run_bench "$WORK/before" "$model" "$data" $opts)"
    # shellcheck disable=SC2086
    a="$(run_bench "$ROOT" "$model" "$data" $opts)"
    echo "$model round $round: before $BEFORE kindling/djl samples/s ratio: $b | after: $a"
  done
done
java -Dai.djl.offline=true \
    -cp "kindling-cli/target/kindling-cli-0.1.0-SNAPSHOT.jar:kindling-cli/target/lib/*" \
    tools/bench/LstmKernels.java 128 "$THREADS" 128
