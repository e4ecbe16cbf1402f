#!/usr/bin/env python3
"""Reference logits of Kindling's encoder(...) family, computed by PyTorch's own encoder layer.

Each block is torch.nn.TransformerEncoderLayer(d_model=C, nhead=H, dim_feedforward=4C,
dropout=0, activation="gelu", layer_norm_eps=1e-5, batch_first=True, norm_first=pre) — the
module BERT-style encoders are built from — with Kindling's separate query/key/value weights
stacked into its fused in_proj_weight. Padding goes in as src_key_padding_mask. Around the blocks:

    ids (B, T) -> wte[ids] + wpe[:T] -> blocks -> [ln_f (pre)]
      -> pool: first step, or the mean over the real (non-padding) steps -> head (classes, C)

Weights do not depend on any random generator: parameter number p (0-based, in the order of
"parameters" below) holds value[i] = 0.5*sin(0.37*(i+1) + 1.1*(p+1)) at flat index i, plus 1 for
layer-norm gains, as in gpt_reference.py. EncoderMatchesTorchTest fills Kindling's parameters by
the same rule, by name, and compares the logits.

Run with a Python that has torch 2.x:
    python tools/reference/encoder_reference.py \\
        > kindling-core/src/test/resources/reference/encoder.json
"""
import json

import torch
import torch.nn.functional as F

# the same deterministic weights, parameter by parameter, and the same stack's names
from gpt_reference import fill, stack_names

torch.set_default_dtype(torch.float64)
VOCAB = 9
CLASSES = 3
# token 0 is padding in the pad=0 cases; no row is all padding
TOKENS = [[4, 3, 6, 2, 8, 0, 0], [5, 1, 4, 7, 6, 2, 3], [2, 2, 0, 0, 0, 0, 0]]

CASES = [
    dict(expr="encoder(layers=2, width=8, heads=2, context=8, norm=pre, pool=mean)",
         layers=2, width=8, heads=2, context=8, pre=True, pool="mean", pad=None),
    dict(expr="encoder(layers=2, width=8, heads=4, context=7, norm=post, pool=first)",
         layers=2, width=8, heads=4, context=7, pre=False, pool="first", pad=None),
    dict(expr="encoder(layers=1, width=8, heads=2, context=8, norm=pre, pool=mean, pad=0)",
         layers=1, width=8, heads=2, context=8, pre=True, pool="mean", pad=0),
    dict(expr="encoder(layers=2, width=8, heads=2, context=8, norm=post, pool=first, pad=0)",
         layers=2, width=8, heads=2, context=8, pre=False, pool="first", pad=0),
]


def names_and_shapes(c):
    out = stack_names(VOCAB, c["width"], c["layers"], c["context"], c["pre"])
    return out + [("head.weight", (CLASSES, c["width"])), ("head.bias", (CLASSES,))]


def torch_layer(c, P, k):
    C = c["width"]
    layer = torch.nn.TransformerEncoderLayer(
        d_model=C, nhead=c["heads"], dim_feedforward=4 * C, dropout=0.0, activation="gelu",
        layer_norm_eps=1e-5, batch_first=True, norm_first=c["pre"])
    b = f"block{k}"
    with torch.no_grad():
        layer.self_attn.in_proj_weight.copy_(torch.cat(
            [P[f"{b}.attn.{r}.weight"] for r in ("query", "key", "value")]))
        layer.self_attn.in_proj_bias.copy_(torch.cat(
            [P[f"{b}.attn.{r}.bias"] for r in ("query", "key", "value")]))
        layer.self_attn.out_proj.weight.copy_(P[f"{b}.attn.attention_out.weight"])
        layer.self_attn.out_proj.bias.copy_(P[f"{b}.attn.attention_out.bias"])
        layer.linear1.weight.copy_(P[f"{b}.mlp_in.weight"])
        layer.linear1.bias.copy_(P[f"{b}.mlp_in.bias"])
        layer.linear2.weight.copy_(P[f"{b}.mlp_out.weight"])
        layer.linear2.bias.copy_(P[f"{b}.mlp_out.bias"])
        for n, norm in (("ln_1", layer.norm1), ("ln_2", layer.norm2)):
            norm.weight.copy_(P[f"{b}.{n}.gain"])
            norm.bias.copy_(P[f"{b}.{n}.shift"])
    return layer.eval()


def forward(c, P, ids):
    C = c["width"]
    B, T = ids.shape
    x = P["wte.weight"][ids] + P["wpe.weight"][:T]
    pad = (ids == c["pad"]) if c["pad"] is not None else None
    with torch.no_grad():
        for k in range(1, c["layers"] + 1):
            x = torch_layer(c, P, k)(x, src_key_padding_mask=pad)
        if c["pre"]:
            x = F.layer_norm(x, (C,), P["ln_f.gain"], P["ln_f.shift"], 1e-5)
        if c["pool"] == "first":
            v = x[:, 0]
        elif pad is None:
            v = x.mean(dim=1)
        else:
            keep = (~pad).to(x.dtype).unsqueeze(2)
            v = (x * keep).sum(dim=1) / keep.sum(dim=1)
        return F.linear(v, P["head.weight"], P["head.bias"])


def main():
    ids = torch.tensor(TOKENS)
    cases = []
    for c in CASES:
        names = names_and_shapes(c)
        P = fill(names)
        logits = forward(c, P, ids)
        cases.append({
            "expr": c["expr"],
            "parameters": [{"name": n, "shape": list(s)} for n, s in names],
            "logits": logits.flatten().tolist(),
            "logits_shape": list(logits.shape),
        })
    print(json.dumps({"torch": torch.__version__, "vocab": VOCAB, "classes": CLASSES,
                      "tokens": TOKENS, "cases": cases}, indent=1))


if __name__ == "__main__":
    main()
