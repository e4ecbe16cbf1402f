#!/usr/bin/python3
"""Reference cross-entropy values from torch.nn.functional.cross_entropy (with label smoothing).

Run: /usr/bin/python3 tools/reference/loss_reference.py \
    > kindling-core/src/test/resources/reference/loss.json
"""
import json
import torch

g = torch.Generator().manual_seed(20261123)
logits = torch.randn(6, 4, generator=g, dtype=torch.float64) * 2
labels = torch.tensor([0, 3, 1, 1, 2, 0])
out = {"generator": "tools/reference/loss_reference.py", "torch_version": torch.__version__,
       "logits": logits.tolist(), "labels": labels.tolist(), "cases": {}}
for eps in [0.0, 0.1, 0.3]:
    out["cases"][str(eps)] = torch.nn.functional.cross_entropy(
        logits, labels, label_smoothing=eps).item()
print(json.dumps(out, indent=1))
