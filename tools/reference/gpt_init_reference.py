#!/usr/bin/env python3
"""Reference per-role init statistics for the ready-made Transformer plans (init: gpt2, ...).

For gpt(layers=3, width=32, heads=4, context=16, tie_embeddings=false) over a vocabulary of 50,
each parameter's target std under each plan, computed from the papers' recipes with
torch.nn.init's own fan rule (torch.nn.init._calculate_fan_in_and_fan_out) and checked against
torch.nn.init's samplers on the same shapes (sample_std: torch's sample under the recipe):

  gpt2        nanoGPT _init_weights: normal_(0, 0.02) for Linear and Embedding weights, biases
              zero; c_proj (attention_out, mlp_out) normal_(0, 0.02/sqrt(2*n_layer)).
  deepnorm    torchscale (DeepNet, decoder-only): xavier_normal_(gain=beta) on v_proj, out_proj,
              fc1, fc2 and xavier_normal_(gain=1) on q_proj, k_proj, beta = (8*L)^(-1/4);
              embeddings and head normal_(0, 0.02) (Kindling's choice, not the paper's).
  mup         q_proj zero (Yang et al. 2022 App. D.2), embeddings normal_(0, 0.02), every other
              weight normal_(0, 1/sqrt(fan_in)).
  t_fixup     Huang et al. 2020 §3.3, decoder of N = L blocks: xavier_normal_ everywhere, then
              v, out, fc1, fc2 scaled by (9N)^(-1/4); embeddings normal_(0, d^-1/2)*(9N)^(-1/4).
  small_init  Nguyen & Salazar 2019 (GPT-NeoX small_init_): embeddings normal_(0, sqrt(2/(5d)));
              the rest as gpt2.

Biases, norm gains and shifts are constants (std 0). KindlingGptInitPlansTest compares each
plan's std for every parameter and KS-tests Kindling's samples against N(0, std).

Run: python tools/reference/gpt_init_reference.py \\
    > kindling-core/src/test/resources/reference/gpt_init.json
"""
import json
import math

import torch
from torch import nn

L, C, T, V = 3, 32, 16, 50


def parameters():
    out = [("wte.weight", (V, C), "token_embedding"), ("wpe.weight", (T, C), "position_embedding")]
    for k in range(1, L + 1):
        out += [(f"block{k}.ln_1.gain", (C,), ""), (f"block{k}.ln_1.shift", (C,), "")]
        for r in ("query", "key", "value", "attention_out"):
            out += [(f"block{k}.attn.{r}.weight", (C, C), r), (f"block{k}.attn.{r}.bias", (C,), r)]
        out += [(f"block{k}.ln_2.gain", (C,), ""), (f"block{k}.ln_2.shift", (C,), "")]
        out += [(f"block{k}.mlp_in.weight", (4 * C, C), "mlp_in"), (f"block{k}.mlp_in.bias", (4 * C,), "mlp_in"),
                (f"block{k}.mlp_out.weight", (C, 4 * C), "mlp_out"), (f"block{k}.mlp_out.bias", (C,), "mlp_out")]
    out += [("ln_f.gain", (C,), ""), ("ln_f.shift", (C,), ""), ("head.weight", (V, C), "head")]
    return out


def fans(shape):
    t = torch.empty(shape)
    return nn.init._calculate_fan_in_and_fan_out(t)


def recipe(plan, name, shape, proj):
    """(sampler, std) for one weight under a plan; the sampler fills a tensor as the paper does."""
    if len(shape) == 1:
        return None, 0.0
    emb = proj in ("token_embedding", "position_embedding")
    fan_in, fan_out = fans(shape)
    xavier = lambda g: (lambda t: nn.init.xavier_normal_(t, gain=g), g * math.sqrt(2 / (fan_in + fan_out)))
    normal = lambda s: (lambda t: nn.init.normal_(t, 0, s), s)
    if plan == "gpt2" or (plan == "small_init" and not emb):
        s = 0.02 / math.sqrt(2 * L) if proj in ("attention_out", "mlp_out") else 0.02
        return normal(s)
    if plan == "small_init":
        return normal(math.sqrt(2 / (5 * C)))
    if plan == "deepnorm":
        if proj in ("query", "key"):
            return xavier(1.0)
        if proj in ("value", "attention_out", "mlp_in", "mlp_out"):
            return xavier((8 * L) ** -0.25)
        return normal(0.02)
    if plan == "mup":
        if proj == "query":
            return (lambda t: nn.init.zeros_(t)), 0.0
        if emb:
            return normal(0.02)
        return normal(1 / math.sqrt(fan_in))
    if plan == "t_fixup":
        f = (9 * L) ** -0.25
        if emb:
            return normal(C ** -0.5 * f)
        if proj in ("value", "attention_out", "mlp_in", "mlp_out"):
            return xavier(f)
        return xavier(1.0)
    raise ValueError(plan)


def main():
    torch.manual_seed(0)
    plans = {}
    for plan in ("gpt2", "deepnorm", "mup", "t_fixup", "small_init"):
        rows = []
        for name, shape, proj in parameters():
            sampler, std = recipe(plan, name, shape, proj)
            row = {"name": name, "std": std}
            if sampler is not None and std > 0:
                t = torch.empty(shape, dtype=torch.float64)
                sampler(t)
                row["sample_std"] = t.std(unbiased=False).item()
            rows.append(row)
        plans[plan] = rows
    print(json.dumps({"torch": torch.__version__, "vocab": V,
                      "expr": f"gpt(layers={L}, width={C}, heads=4, context={T}, tie_embeddings=false)",
                      "plans": plans}, indent=1))


if __name__ == "__main__":
    main()
