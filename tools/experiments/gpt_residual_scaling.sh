#!/bin/sh
# GPT-2 residual scaling at init: the residual stream's variance after the last block, for pre-LN
# gpt models of 6…48 blocks, with normal(std=0.02) everywhere vs init: gpt2 (attention_out and
# mlp_out at 0.02/√(2L)). One batch of 64 fortunes windows, seed 0. Prints one row per depth.
#   sh tools/experiments/gpt_residual_scaling.sh
set -e
DATA="text(path='examples/data/fortunes.txt', context=32)"
printf '%-6s %-12s %12s %12s %12s\n' layers init first_var last_var last/first
for L in 6 12 24 48; do
  for INIT in "normal(std=0.02)" gpt2; do
    ./kindling diagnose --model "gpt(layers=$L, width=64, heads=4, context=32)" --data "$DATA" \
      --init "$INIT" --batch 64 2>/dev/null |
      awk -v L="$L" -v I="$INIT" '
        /^residual stream/ {s=1; next}
        s && /^block[0-9]+\./ {n++; v[n]=$4}
        s && /^$/ {s=0}
        END {printf "%-6s %-12s %12.4g %12.4g %12.2f\n", L, (I=="gpt2"?"gpt2":"normal0.02"), v[1], v[n], v[n]/v[1]}'
  done
done
