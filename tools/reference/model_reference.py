#!/usr/bin/python3
"""Reference parameters and shapes of Kindling's model families, built in PyTorch.

Each family (mlp, lenet5, cnn, resnet with its four block designs, resmlp) is written here in
plain PyTorch from the architecture text in the families' Javadoc (the same text the PyTorch
side of the speed comparison follows). For each model expression the script records:

- the ordered list of trainable parameters in forward order, each with the name Kindling gives
  it (``stage2.block1.conv1.weight``, ``conv1.batch_norm.gain``, ``stage1.block1.gate.gate``),
  its shape, and for tensors of rank >= 2 the fan_in and fan_out of
  ``torch.nn.init._calculate_fan_in_and_fan_out``;
- the output shape for a batch of two 1x28x28 images (Fashion-MNIST), 10 classes;
- the number of trainable parameters (sum of numel over ``model.parameters()``, which must
  equal the sum over the listed tensors; batch-norm running statistics are buffers, not listed).

kindling-core's ModelsMatchTorchTest builds each expression and compares.

Run: /usr/bin/python3 tools/reference/model_reference.py \\
    > kindling-core/src/test/resources/reference/models.json
(any torch >= 1.13 gives the same file: fans and shapes do not depend on the version).
"""
import json
import torch
from torch import nn

IMAGE = (1, 28, 28)
CLASSES = 10
ACTS = {"relu": nn.ReLU, "tanh": nn.Tanh}


class Scalar(nn.Module):
    """One learnable scalar added (bias) or multiplied (scale, gate), like ScalarBlock."""

    def __init__(self, op):
        super().__init__()
        self.op = op
        self.value = nn.Parameter(torch.zeros(1) if op == "add" else torch.ones(1))

    def forward(self, x):
        return x + self.value if self.op == "add" else x * self.value


class Residual(nn.Module):
    def __init__(self, branch, shortcut):
        super().__init__()
        self.branch = branch
        self.shortcut = shortcut

    def forward(self, x):
        return self.branch(x) + (x if self.shortcut is None else self.shortcut(x))


class Net:
    """Collects modules in forward order and Kindling's name for every parameter."""

    def __init__(self):
        self.names = []

    def named(self, layer, module, labels):
        for label, p in zip(labels, [module.weight, module.bias]):
            if p is not None:
                self.names.append((layer + "." + label, p))
        return module

    def conv(self, name, cin, cout, k, stride, pad, bias):
        return self.named(name, nn.Conv2d(cin, cout, k, stride, pad, bias=bias),
                          ["weight", "bias"])

    def linear(self, name, fin, fout):
        return self.named(name, nn.Linear(fin, fout), ["weight", "bias"])

    def norm(self, layer, kind, c, image):
        if kind == "none":
            return []
        if kind == "batch":
            m = nn.BatchNorm2d(c) if image else nn.BatchNorm1d(c)
        else:
            m = nn.LayerNorm(c)
        return [self.named(layer + "." + kind + "_norm", m, ["gain", "shift"])]

    def scalar(self, name, role):
        s = Scalar("add" if role == "bias" else "mul")
        self.names.append((name + "." + role, s.value))
        return s


def split(total, stages):
    return [total // stages + (1 if s < total % stages else 0) for s in range(stages)]


def mlp(net, depth=2, width=256, activation="relu", norm="none"):
    layers, fin = [nn.Flatten()], IMAGE[0] * IMAGE[1] * IMAGE[2]
    for i in range(1, depth + 1):
        layers += [net.linear("layer%d" % i, fin, width)] + net.norm("layer%d" % i, norm, width,
                                                                     False)
        layers.append(ACTS[activation]())
        fin = width
    layers.append(net.linear("layer%d" % (depth + 1), fin, CLASSES))
    return nn.Sequential(*layers)


def lenet5(net, activation="tanh", pool="avg"):
    act = ACTS[activation]
    pooling = nn.AvgPool2d if pool == "avg" else nn.MaxPool2d
    return nn.Sequential(
        net.conv("conv1", IMAGE[0], 6, 5, 1, 2, True), act(), pooling(2, 2),
        net.conv("conv2", 6, 16, 5, 1, 0, True), act(), pooling(2, 2),
        nn.Flatten(),
        net.linear("fc1", 400, 120), act(),
        net.linear("fc2", 120, 84), act(),
        net.linear("fc3", 84, CLASSES))


def cnn(net, depth=20, width=16, activation="relu", norm="none", stages=3):
    layers, cin, n = [], IMAGE[0], 0
    for s, count in enumerate(split(depth, stages), start=1):
        w = width * 2 ** (s - 1)
        for i in range(count):
            n += 1
            stride = 2 if s > 1 and i == 0 else 1
            layers.append(net.conv("conv%d" % n, cin, w, 3, stride, 1, norm == "none"))
            layers += net.norm("conv%d" % n, norm, w, True) + [ACTS[activation]()]
            cin = w
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), net.linear("head", cin, CLASSES)]
    return nn.Sequential(*layers)


def block(net, name, residual, norm, act, first, second, width, image, shortcut):
    """One residual block of the given design; first/second add the two weighted layers."""
    norm_of = lambda layer: net.norm(layer, norm, width, image)
    if residual == "plain":
        f = [first()] + norm_of(name + "." + LAYER[image] + "1") + [act()]
        f += [second()] + norm_of(name + "." + LAYER[image] + "2")
        after = [act()]
    elif residual == "fixup":
        f = [net.scalar(name + ".bias1a", "bias"), first(), net.scalar(name + ".bias1b", "bias"),
             act(), net.scalar(name + ".bias2a", "bias"), second(),
             net.scalar(name + ".scale", "scale"), net.scalar(name + ".bias2b", "bias")]
        after = [act()]
    else:  # rezero, skipinit: one block
        f = [act(), first()] + norm_of(name + "." + LAYER[image] + "1") + [act(), second()]
        f += norm_of(name + "." + LAYER[image] + "2") + [net.scalar(name + ".gate", "gate")]
        after = []
    branch = nn.Sequential(*f)
    return [Residual(branch, shortcut() if shortcut else None)] + after


LAYER = {True: "conv", False: "fc"}


def resnet(net, blocks=9, width=16, norm=None, residual="plain", activation="relu", stages=3):
    norm = norm or ("none" if residual == "fixup" else "batch")
    act = ACTS[activation]
    bias = norm == "none" and residual != "fixup"
    layers = [net.conv("stem", IMAGE[0], width, 3, 1, 1, bias)] + net.norm("stem", norm, width,
                                                                          True) + [act()]
    cin = width
    for s, count in enumerate(split(blocks, stages), start=1):
        w = width * 2 ** (s - 1)
        for k in range(1, count + 1):
            name = "stage%d.block%d" % (s, k)
            stride = 2 if s > 1 and k == 1 else 1
            c_in = cin
            first = lambda: net.conv(name + ".conv1", c_in, w, 3, stride, 1, bias)
            second = lambda: net.conv(name + ".conv2", w, w, 3, 1, 1, bias)
            shortcut = None
            if stride != 1:
                shortcut = lambda: nn.Sequential(
                    net.conv(name + ".shortcut", c_in, w, 1, stride, 0, bias),
                    *net.norm(name + ".shortcut", norm, w, True))
            layers += block(net, name, residual, norm, act, first, second, w, True, shortcut)
            cin = w
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten()]
    if residual == "fixup":
        layers.append(net.scalar("head_bias", "bias"))
    layers.append(net.linear("head", cin, CLASSES))
    return nn.Sequential(*layers)


def resmlp(net, blocks=8, width=64, norm="none", residual="plain", activation="relu"):
    act = ACTS[activation]
    layers = [nn.Flatten(), net.linear("stem", IMAGE[0] * IMAGE[1] * IMAGE[2], width), act()]
    for b in range(1, blocks + 1):
        name = "block%d" % b
        first = lambda: net.linear(name + ".fc1", width, width)
        second = lambda: net.linear(name + ".fc2", width, width)
        layers += block(net, name, residual, norm, act, first, second, width, False, None)
    if residual == "fixup":
        layers.append(net.scalar("head_bias", "bias"))
    layers.append(net.linear("head", width, CLASSES))
    return nn.Sequential(*layers)


CASES = [
    ("mlp(depth=2, width=32, norm=layer)", mlp, dict(depth=2, width=32, norm="layer")),
    ("lenet5", lenet5, {}),
    ("lenet5(activation=relu, pool=max)", lenet5, dict(activation="relu", pool="max")),
    ("cnn", cnn, {}),
    ("cnn(depth=5, width=8, norm=batch, stages=3)", cnn,
     dict(depth=5, width=8, norm="batch", stages=3)),
    ("resnet", resnet, {}),
    ("resnet(blocks=5, width=8, residual=fixup, stages=3)", resnet,
     dict(blocks=5, width=8, residual="fixup", stages=3)),
    ("resnet(blocks=4, width=8, residual=rezero, stages=2)", resnet,
     dict(blocks=4, width=8, residual="rezero", stages=2)),
    ("resnet(blocks=3, width=8, norm=none, residual=skipinit, activation=tanh)", resnet,
     dict(blocks=3, width=8, norm="none", residual="skipinit", activation="tanh")),
    ("resmlp", resmlp, {}),
    ("resmlp(blocks=3, width=32, norm=batch, residual=rezero)", resmlp,
     dict(blocks=3, width=32, norm="batch", residual="rezero")),
    ("resmlp(blocks=2, width=32, residual=fixup)", resmlp, dict(blocks=2, width=32,
                                                               residual="fixup")),
    ("resmlp(blocks=2, width=32, norm=layer, residual=skipinit)", resmlp,
     dict(blocks=2, width=32, norm="layer", residual="skipinit")),
]


def record(expr, family, kwargs):
    net = Net()
    model = family(net, **kwargs)
    listed = [p for _, p in net.names]
    assert len({id(p) for p in listed}) == len(listed), expr
    assert {id(p) for p in listed} == {id(p) for p in model.parameters()}, expr
    params = []
    for name, p in net.names:
        entry = {"name": name, "shape": list(p.shape)}
        if p.dim() >= 2:
            fan_in, fan_out = nn.init._calculate_fan_in_and_fan_out(p)
            entry["fan_in"], entry["fan_out"] = fan_in, fan_out
        params.append(entry)
    model.eval()
    with torch.no_grad():
        out = model(torch.randn(2, *IMAGE))
    return {"expr": expr, "input": list(IMAGE), "classes": CLASSES, "parameters": params,
            "output_shape": list(out.shape),
            "trainable": sum(p.numel() for p in model.parameters())}


torch.manual_seed(0)
print(json.dumps({"generator": "tools/reference/model_reference.py",
                  "torch_version": torch.__version__,
                  "models": [record(*c) for c in CASES]}, indent=1))
