#!/usr/bin/env python3
"""Reference outputs of Kindling's gpt(...) family, computed with plain PyTorch ops.

The model is written here from the architecture text in Gpt.java's Javadoc (GPT-2 as in nanoGPT's
model.py, with separate query/key/value projections instead of a fused c_attn):

    ids (B, T) -> wte[ids] + wpe[:T] -> blocks -> [ln_f] -> logits = m * x @ W_head^T
    attention: softmax(s * q k^T + M) v with M[t, u] = -inf for u > t, s = 1/sqrt(d)
               (or sqrt(d0)/d under muP), heads split from the feature axis
    pre:      x = x + Attn(LN1(x));      x = x + MLP(LN2(x));   ln_f at the end
    post:     x = LN1(x + Attn(x));      x = LN2(x + MLP(x))
    deepnorm: x = LN1(a*x + Attn(x));    x = LN2(a*x + MLP(x)),  a = (2L)^(1/4)
    MLP(x) = W_out GELU(W_in x + b_in) + b_out (exact erf GELU), LayerNorm eps 1e-5

Weights do not depend on any random generator: parameter number p (0-based, in the order of
"parameters" below) holds value[i] = 0.5*sin(0.37*(i+1) + 1.1*(p+1)) at flat index i, plus 1 for
layer-norm gains. GptMatchesTorchTest fills Kindling's parameters by the same rule, by name, and
compares the logits, the block-1 attention probabilities and the mean next-token cross-entropy.

Run: python tools/reference/gpt_reference.py \\
    > kindling-core/src/test/resources/reference/gpt.json
(float64 throughout; torch 2.13 and 1.13 give the same numbers to ~1e-15).
"""
import json
import math

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
VOCAB = 7
TOKENS = [[0, 3, 6, 2, 2], [5, 1, 4, 0, 6]]
TARGETS = [[3, 6, 2, 2, 1], [1, 4, 0, 6, 5]]

CASES = [
    dict(expr="gpt(layers=2, width=8, heads=2, context=6, norm=pre)", layers=2, width=8,
         heads=2, context=6, norm="pre", tie=True, mup=0),
    dict(expr="gpt(layers=2, width=8, heads=2, context=6, norm=post, tie_embeddings=false)",
         layers=2, width=8, heads=2, context=6, norm="post", tie=False, mup=0),
    dict(expr="gpt(layers=3, width=8, heads=4, context=5, norm=deepnorm)", layers=3, width=8,
         heads=4, context=5, norm="deepnorm", tie=True, mup=0),
    dict(expr="gpt(layers=1, width=8, heads=2, context=6, mup_base_width=4,"
              " tie_embeddings=false)",
         layers=1, width=8, heads=2, context=6, norm="pre", tie=False, mup=4),
]


def stack_names(vocab, width, layers, context, pre):
    """Names and shapes of the embeddings, the blocks and, pre-LN, the final LayerNorm, in the
    order Kindling's Transformer module records them (GPT and the encoder share it)."""
    C = width
    out = [("wte.weight", (vocab, C)), ("wpe.weight", (context, C))]
    attn = lambda k: [
        (f"block{k}.attn.{r}.{part}", (C, C) if part == "weight" else (C,))
        for r in ("query", "key", "value", "attention_out") for part in ("weight", "bias")]
    ln = lambda n: [(f"{n}.gain", (C,)), (f"{n}.shift", (C,))]
    mlp = lambda k: [(f"block{k}.mlp_in.weight", (4 * C, C)), (f"block{k}.mlp_in.bias", (4 * C,)),
                     (f"block{k}.mlp_out.weight", (C, 4 * C)), (f"block{k}.mlp_out.bias", (C,))]
    for k in range(1, layers + 1):
        if pre:
            out += ln(f"block{k}.ln_1") + attn(k) + ln(f"block{k}.ln_2") + mlp(k)
        else:
            out += attn(k) + ln(f"block{k}.ln_1") + mlp(k) + ln(f"block{k}.ln_2")
    if pre:
        out += ln("ln_f")
    return out


def names_and_shapes(c):
    out = stack_names(VOCAB, c["width"], c["layers"], c["context"], c["norm"] == "pre")
    if not c["tie"]:
        out += [("head.weight", (VOCAB, c["width"]))]
    return out


def fill(names):
    params = {}
    for p, (name, shape) in enumerate(names):
        n = math.prod(shape)
        i = torch.arange(1, n + 1, dtype=torch.float64)
        v = 0.5 * torch.sin(0.37 * i + 1.1 * (p + 1))
        if name.endswith(".gain"):
            v = v + 1
        params[name] = v.reshape(shape)
    return params


def forward(c, P, ids):
    C, H, L = c["width"], c["heads"], c["layers"]
    d = C // H
    scale = math.sqrt(c["mup"] / H) / d if c["mup"] else 1 / math.sqrt(d)
    alpha = (2 * L) ** 0.25 if c["norm"] == "deepnorm" else 1.0
    B, T = ids.shape
    ln = lambda x, n: F.layer_norm(x, (C,), P[n + ".gain"], P[n + ".shift"], 1e-5)
    lin = lambda x, n: F.linear(x, P[n + ".weight"], P.get(n + ".bias"))
    x = P["wte.weight"][ids] + P["wpe.weight"][:T]
    mask = torch.full((T, T), float("-inf")).triu(1)
    first_attention = None

    def attention(x, k):
        nonlocal first_attention
        split = lambda t: t.view(B, T, H, d).transpose(1, 2)
        q, kk, v = (split(lin(x, f"block{k}.attn.{r}")) for r in ("query", "key", "value"))
        a = torch.softmax(scale * q @ kk.transpose(-2, -1) + mask, dim=-1)
        if first_attention is None:
            first_attention = a
        y = (a @ v).transpose(1, 2).reshape(B, T, C)
        return lin(y, f"block{k}.attn.attention_out")

    mlp = lambda x, k: lin(F.gelu(lin(x, f"block{k}.mlp_in")), f"block{k}.mlp_out")
    for k in range(1, L + 1):
        if c["norm"] == "pre":
            x = x + attention(ln(x, f"block{k}.ln_1"), k)
            x = x + mlp(ln(x, f"block{k}.ln_2"), k)
        else:
            x = ln(alpha * x + attention(x, k), f"block{k}.ln_1")
            x = ln(alpha * x + mlp(x, k), f"block{k}.ln_2")
    if c["norm"] == "pre":
        x = ln(x, "ln_f")
    head = P["wte.weight"] if c["tie"] else P["head.weight"]
    readout = c["mup"] / C if c["mup"] else 1.0
    return readout * F.linear(x, head), first_attention


def main():
    ids = torch.tensor(TOKENS)
    targets = torch.tensor(TARGETS)
    cases = []
    for c in CASES:
        names = names_and_shapes(c)
        P = fill(names)
        logits, att = forward(c, P, ids)
        loss = F.cross_entropy(logits.reshape(-1, VOCAB), targets.reshape(-1))
        cases.append({
            "expr": c["expr"],
            "parameters": [{"name": n, "shape": list(s)} for n, s in names],
            "logits": logits.flatten().tolist(),
            "logits_shape": list(logits.shape),
            "attention_block1": att.flatten().tolist(),
            "loss": loss.item(),
        })
    print(json.dumps({"torch": torch.__version__, "vocab": VOCAB, "tokens": TOKENS,
                      "targets": TARGETS, "cases": cases}, indent=1))


if __name__ == "__main__":
    main()
