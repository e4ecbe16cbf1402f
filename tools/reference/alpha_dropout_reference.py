#!/usr/bin/python3
"""Reference alpha-dropout outputs from torch.nn.functional.alpha_dropout (training=True).

torch draws the keep mask as noise = empty_like(x).bernoulli_(1 - p) (aten/src/ATen/native/
Dropout.cpp, _dropout_impl). Re-seeding and drawing the same Bernoulli gives the mask torch
used; the script checks that the mask explains torch's output through the paper's formula
(Klambauer et al. 2017) before writing it, so the fixture holds torch's own output.

Run: /usr/bin/python3 tools/reference/alpha_dropout_reference.py \
    > kindling-core/src/test/resources/reference/alpha_dropout.json
"""
import json
import math
import torch
import torch.nn.functional as F

LAMBDA = 1.0507009873554805
ALPHA = 1.6732632423543772

g = torch.Generator().manual_seed(20261124)
x = torch.randn(4, 6, generator=g, dtype=torch.float64) * 1.5
out = {"generator": "tools/reference/alpha_dropout_reference.py",
       "torch_version": torch.__version__, "input": x.tolist(), "cases": []}
for i, p in enumerate([0.1, 0.3, 0.5]):
    seed = 1000 + i
    torch.manual_seed(seed)
    y = F.alpha_dropout(x, p, training=True)
    torch.manual_seed(seed)
    mask = torch.empty_like(x).bernoulli_(1 - p)
    # The paper's formula on that mask must reproduce torch's output.
    q = 1 - p
    a_prime = -LAMBDA * ALPHA
    a = (q + a_prime ** 2 * q * p) ** -0.5
    b = -a * a_prime * p
    formula = a * (mask * x + (1 - mask) * a_prime) + b
    assert torch.allclose(y, formula, rtol=0, atol=1e-12), (p, (y - formula).abs().max())
    assert 0 < mask.sum() < mask.numel(), "want both kept and dropped elements"
    out["cases"].append({"p": p, "seed": seed, "mask": mask.tolist(), "output": y.tolist(),
                         "a": a, "b": b})
print(json.dumps(out, indent=1))
