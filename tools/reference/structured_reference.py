#!/usr/bin/python3
"""Reference values from torch.nn.init for Kindling's structured and depth-aware initializers.

What is recorded, and what the Java test (StructuredMatchesTorchTest) checks against it:

- orthogonal_: for small shapes, the exact tensor torch draws after torch.manual_seed(seed).
  DJL's PyTorch engine draws the same normal stream for the same seed, so Kindling's
  orthogonal must give the same tensor (to 1e-5: torch runs its QR in float32). For larger
  shapes, statistics: the largest |W^T W - gain^2 I| (or W W^T when wide) and the RMS of the
  entries, which is gain / sqrt(max(rows, cols)) for every (semi-)orthogonal matrix.
- sparse_: the number of exact zeros in each column, ceil(sparsity * rows) in float64 (so
  sparsity 0.07 on 100 rows gives 8, since 0.07 * 100 = 7.000000000000001), and for one small
  case the exact tensor for a seed.
- eye_: scale * I on a square matrix.
- formulas torch has no function for, written out from the papers independently of the Java
  code: GPT-2's 0.02 / sqrt(2 * n_layer) (nanoGPT), Fixup's L^(-1/(2m-2)), DeepNet's
  alpha / beta (Table 1 of arXiv:2203.00555), muP's output std (Table 3 of arXiv:2203.03466).

Run (Debian python3-torch):
  /usr/bin/python3 tools/reference/structured_reference.py \
      > kindling-core/src/test/resources/reference/structured_torch.json
"""
import json
import math
import torch

torch.set_default_dtype(torch.float32)

ORTHO_EXACT = [  # shape, gain, seed
    ([6, 4], 1.0, 1),
    ([3, 5], 2.0, 2),
    ([5, 5], 1.0, 4),
    ([4, 2, 3, 3], 1.0, 3),
    ([2, 3, 2], 1.5, 5),
]
ORTHO_STATS = [
    ([300, 200], 1.0, 11),
    ([100, 400], 1.0, 12),
    ([64, 32, 3, 3], 1.4142135623730951, 13),
]
SPARSE_EXACT = [  # shape, sparsity, std, seed
    ([10, 6], 0.3, 0.5, 21),
]
SPARSE_COUNTS = [
    ([100, 20], 0.07, 0.01, 22),  # 0.07 * 100 = 7.000000000000001 in float64: 8 zeros
    ([30, 40], 0.1, 0.01, 28),
    ([7, 5], 0.5, 0.01, 23),
    ([100, 50], 0.9, 0.01, 24),
    ([13, 3], 0.0, 0.01, 25),
    ([13, 3], 1.0, 0.01, 26),
    ([256, 784], 0.25, 0.02, 27),
]


def orthogonal_exact(shape, gain, seed):
    torch.manual_seed(seed)
    w = torch.empty(shape)
    torch.nn.init.orthogonal_(w, gain=gain)
    return {"shape": shape, "gain": gain, "seed": seed, "values": w.flatten().tolist()}


def orthogonal_stats(shape, gain, seed):
    torch.manual_seed(seed)
    w = torch.empty(shape)
    torch.nn.init.orthogonal_(w, gain=gain)
    rows = shape[0]
    mat = w.reshape(rows, -1).double()
    cols = mat.shape[1]
    gram = mat.t() @ mat if rows >= cols else mat @ mat.t()
    eye = torch.eye(gram.shape[0], dtype=torch.float64) * gain * gain
    return {
        "shape": shape, "gain": gain, "seed": seed,
        "gram_side": "WtW" if rows >= cols else "WWt",
        "gram_max_error": (gram - eye).abs().max().item(),
        "entry_rms": mat.pow(2).mean().sqrt().item(),
        "expected_rms": gain / math.sqrt(max(rows, cols)),
        "entry_mean": mat.mean().item(),
    }


def sparse(shape, sparsity, std, seed, values):
    torch.manual_seed(seed)
    w = torch.empty(shape)
    torch.nn.init.sparse_(w, sparsity=sparsity, std=std)
    out = {
        "shape": shape, "sparsity": sparsity, "std": std, "seed": seed,
        "zeros_per_column": (w == 0).sum(dim=0).tolist(),
        "ceil": int(math.ceil(sparsity * shape[0])),
    }
    if values:
        out["values"] = w.flatten().tolist()
    return out


def eye(n, scale):
    w = torch.empty(n, n)
    torch.nn.init.eye_(w)
    return {"n": n, "scale": scale, "values": (w * scale).flatten().tolist()}


def deepnet(n, m):
    return {
        "n": n, "m": m,
        "encoder_only": {"alpha": (2 * n) ** 0.25, "beta": (8 * n) ** -0.25},
        "decoder_only": {"alpha": (2 * m) ** 0.25, "beta": (8 * m) ** -0.25},
        "encoder_decoder_encoder": {"alpha": 0.81 * (n ** 4 * m) ** (1 / 16),
                                    "beta": 0.87 * (n ** 4 * m) ** (-1 / 16)},
        "encoder_decoder_decoder": {"alpha": (3 * m) ** 0.25, "beta": (12 * m) ** -0.25},
    }


print(json.dumps({
    "generator": "tools/reference/structured_reference.py",
    "torch_version": torch.__version__,
    "orthogonal_exact": [orthogonal_exact(*c) for c in ORTHO_EXACT],
    "orthogonal_stats": [orthogonal_stats(*c) for c in ORTHO_STATS],
    "sparse": [sparse(*c, True) for c in SPARSE_EXACT]
              + [sparse(*c, False) for c in SPARSE_COUNTS],
    "eye": [eye(4, 1.0), eye(3, 0.5)],
    "gpt2_scaled_std": [{"n_layer": n, "std": 0.02 / math.sqrt(2 * n)} for n in (1, 6, 12, 48)],
    "fixup_scale": [{"L": L, "m": m, "scale": L ** (-1 / (2 * m - 2))}
                    for L, m in ((16, 2), (16, 3), (54, 3), (1000, 2))],
    "deepnet": [deepnet(n, m) for n, m in ((6, 6), (12, 6), (18, 18), (100, 100))],
    "mup_output_std": [
        {"fan_in": f, "base_fan_in": b, "gain": 1.0,
         # Table 3: Var = c / fan_in^2, with c set so the base width gets 1/base_fan_in.
         "std": math.sqrt(b / f ** 2)}
        for f, b in ((256, 256), (1024, 256), (4096, 128))],
}, indent=1))
