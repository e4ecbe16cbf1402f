#!/usr/bin/env bash
# Checkpoints written by revision BEFORE resume bit-identically with the working tree's code:
# for an LSTM (adam, warmup-cosine), an MLP (nesterov SGD, dropout, validation, reduce-on-plateau)
# and a GPT (the fortunes example's chain: clipping, AdamW groups, warmup-cosine), run BEFORE
# uninterrupted with a checkpoint every 10 steps, copy the run folder, keep only its checkpoints up
# to step 20, resume it with the working tree, and compare the final weights, optimizer state and
# every metric record (wall-clock figures aside) with BEFORE's uninterrupted run.
# Usage, from the repository root: tools/resume_across_revisions.sh BEFORE
set -euo pipefail
BEFORE="${1:?usage: tools/resume_across_revisions.sh BEFORE}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
# shellcheck source=lib/revisions.sh
source tools/lib/revisions.sh
build_revision "$BEFORE"
TEXT="text(path='examples/data/fortunes.txt', context=32)"
status=0
while IFS='|' read -r name args; do
  eval "set -- $args"
  kindling_at "$WORK/before" train "$@" --checkpoint-every 10 --keep-last 20 \
      --out "$WORK/$name-before" >/dev/null 2>&1
  cp -r "$WORK/$name-before" "$WORK/$name-resumed"
  for c in "$WORK/$name-resumed"/checkpoints/step-*; do
    [ "$((10#${c##*step-}))" -gt 20 ] && rm -rf "$c"
  done
  kindling_at "$ROOT" train --resume "$WORK/$name-resumed" >/dev/null 2>&1
  last="$(ls -d "$WORK/$name-before"/checkpoints/step-* | tail -1)"
  same=yes
  for f in model.safetensors optimizer.safetensors; do
    cmp -s "$last/$f" "$WORK/$name-resumed/checkpoints/${last##*/}/$f" || same="no ($f differs)"
  done
  records="$(python3 - "$WORK/$name-before/metrics.jsonl" "$WORK/$name-resumed/metrics.jsonl" <<'PY'
import json, sys
def load(p):
    out = []
    for line in open(p):
        r = json.loads(line)
        out.append({k: v for k, v in r.items() if "per_second" not in k and "seconds" not in k})
    return out
a, b = load(sys.argv[1]), load(sys.argv[2])
print("identical" if a == b else f"DIFFER ({len(a)} vs {len(b)} records)")
PY
)"
  echo "$name: resumed from step 20 of $BEFORE's run to ${last##*/}: weights and optimizer state identical: $same; metric records: $records"
  [ "$same" = yes ] && [ "$records" = identical ] || status=1
done <<LIST
lstm|--model "lstm(hidden=16, layers=1)" --data "adding(steps=20)" --optimizer "adam(lr=0.01)" --schedule "warmup_cosine(warmup_steps=5, total_steps=40)" --steps 40 --batch 32 --seed 3
mlp|--model "mlp(depth=2, width=64, dropout=0.1)" --data "fashion-mnist(source=subset)" --optimizer "sgd(lr=0.05, momentum=0.9, nesterov=true)" --validation 0.2 --on-plateau "reduce_on_plateau(patience=0, factor=0.5)" --epochs 3 --batch 256 --seed 4
gpt|examples/gpt-fortunes.yaml --model "gpt(layers=2, width=32, heads=4, context=32)" --data "$TEXT" --schedule "warmup_cosine(warmup_steps=5, total_steps=30)" --steps 30 --batch 16 --seed 5
LIST
exit $status
