#!/usr/bin/python3
"""Reference layout and forward values of Kindling's recurrent families, from torch.nn.

For each expression (rnn with tanh and relu, lstm, gru; one and two layers; head=last and
head=steps) the script builds the PyTorch module Kindling's Javadoc describes: a field named after
the family (``nn.RNN/LSTM/GRU(batch_first=True)``) and a ``head`` ``nn.Linear``. It records

- the ordered trainable parameters with Kindling's names (``lstm.weight_ih_l0``, ...,
  ``head.weight``) and shapes, which must equal ``model.named_parameters()``;
- deterministic parameter values, w[k] = 0.5·sin(0.37·k + j) for parameter j in that order, and a
  deterministic input x[k] = cos(0.11·k) of shape (2, steps, per_step), and the model's output
  for them. Kindling loads the same values into its DJL blocks and must give the same output, which
  proves the gate order (LSTM i|f|g|o, GRU r|z|n) and the head's reading of the last step.

Run: python tools/reference/recurrent_reference.py \\
    > kindling-core/src/test/resources/reference/recurrent.json
"""
import json
import math

import torch
from torch import nn

STEPS, PER_STEP, OUTPUTS, BATCH = 5, 3, 2, 2
CASES = [
    ("rnn(hidden=4, layers=1, activation=tanh, head=last)", "rnn", dict(nonlinearity="tanh"), 4, 1, "last"),
    ("rnn(hidden=4, layers=2, activation=relu, head=last)", "rnn", dict(nonlinearity="relu"), 4, 2, "last"),
    ("lstm(hidden=4, layers=1, head=last)", "lstm", {}, 4, 1, "last"),
    ("lstm(hidden=3, layers=2, head=steps)", "lstm", {}, 3, 2, "steps"),
    ("gru(hidden=4, layers=1, head=last)", "gru", {}, 4, 1, "last"),
    ("gru(hidden=3, layers=2, head=steps)", "gru", {}, 3, 2, "steps"),
]
CELLS = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}


class Net(nn.Module):
    def __init__(self, family, kwargs, hidden, layers, head):
        super().__init__()
        self.family, self.head_kind = family, head
        setattr(self, family, CELLS[family](PER_STEP, hidden, layers, batch_first=True, **kwargs))
        self.head = nn.Linear(hidden, OUTPUTS)

    def forward(self, x):
        out, _ = getattr(self, self.family)(x)
        return self.head(out[:, -1] if self.head_kind == "last" else out)


def main():
    torch.set_default_dtype(torch.float64)
    cases = []
    for expr, family, kwargs, hidden, layers, head in CASES:
        net = Net(family, kwargs, hidden, layers, head)
        params = []
        with torch.no_grad():
            for j, (name, p) in enumerate(net.named_parameters()):
                k = torch.arange(p.numel(), dtype=torch.float64)
                p.copy_((0.5 * torch.sin(0.37 * k + j)).reshape(p.shape))
                params.append({"name": name, "shape": list(p.shape)})
            n = BATCH * STEPS * PER_STEP
            x = torch.cos(0.11 * torch.arange(n, dtype=torch.float64)).reshape(BATCH, STEPS, PER_STEP)
            y = net(x)
        cases.append(
            {
                "expr": expr,
                "steps": STEPS,
                "per_step": PER_STEP,
                "outputs": OUTPUTS,
                "parameters": params,
                "output_shape": list(y.shape),
                "output": [round(v, 10) for v in y.flatten().tolist()],
            }
        )
    print(json.dumps({"torch": torch.__version__, "cases": cases}, indent=1))


if __name__ == "__main__":
    main()
