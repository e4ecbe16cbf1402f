#!/usr/bin/python3
"""Reference values from torch.nn.init (and the Keras/JAX variance-scaling formulas) for
Kindling's initializer tests.

For every (Kindling expression, shape, following activation) case we record what PyTorch
computes for the tensor: fans (torch.nn.init._calculate_fan_in_and_fan_out), gain
(calculate_gain), the bounds or std its init function uses, the exact std of the resulting
distribution, and the mean and std of a large float32 sample drawn with the torch function
itself. Truncated normals also record the untruncated sigma and the sample's min and max.
Keras/JAX cases (lecun_*, variance_scaling) follow keras.initializers.VarianceScaling's
source (scale / max(1, n); stddev = sqrt(scale) / .87962566103423978 truncated at 2 stddev;
uniform limit sqrt(3 * scale)) with samples from torch's trunc_normal_/uniform_/normal_.
eye_ and dirac_ record their exact outputs for small shapes.

Kindling's TorchReferenceInitTest compares formulas to 1e-9 and the torch sample moments to
Kindling's std() within 5 standard errors.

Run (Debian python3-torch):
  /usr/bin/python3 tools/reference/init_reference.py > kindling-core/src/test/resources/reference/init_reference.json
"""
import json
import math

import torch
import torch.nn.init as I

SAMPLES = 1_000_000
TRUNC = .87962566103423978


def phi(x):
    return math.exp(-x * x / 2) / math.sqrt(2 * math.pi)


def norm_cdf(x):
    return (1. + math.erf(x / math.sqrt(2.))) / 2.


def truncated_moments(mean, std, a, b):
    """Mean and std of N(mean, std^2) conditioned on [a, b]."""
    al, be = (a - mean) / std, (b - mean) / std
    z = norm_cdf(be) - norm_cdf(al)
    m = mean + std * (phi(al) - phi(be)) / z
    r = (phi(al) - phi(be)) / z
    s = std * math.sqrt(1 + (al * phi(al) - be * phi(be)) / z - r * r)
    return m, s


def gain_of(activation):
    """calculate_gain for a Kindling activation expression (auto = the following activation)."""
    if activation.startswith("leaky_relu(slope="):
        return I.calculate_gain("leaky_relu", float(activation[len("leaky_relu(slope="):-1]))
    return I.calculate_gain(activation, 0)


def uniform_case(low, high):
    return {"family": "uniform", "low": low, "high": high, "mean": (low + high) / 2,
            "std": (high - low) / math.sqrt(12)}


def normal_case(mean, std):
    return {"family": "normal", "mean": mean, "std": std}


def trunc_case(mean, std, a, b):
    m, s = truncated_moments(mean, std, a, b)
    return {"family": "truncated_normal", "sigma": std, "low": a, "high": b, "mean": m, "std": s,
            "normal_mean": mean}


def xavier(t, gain):
    fan_in, fan_out = I._calculate_fan_in_and_fan_out(t)
    return gain * math.sqrt(2.0 / float(fan_in + fan_out))


def kaiming_std(t, a, mode, nonlinearity):
    return I.calculate_gain(nonlinearity, a) / math.sqrt(I._calculate_correct_fan(t, mode))


def variance_scaling(t, scale, mode, distribution):
    fan_in, fan_out = I._calculate_fan_in_and_fan_out(t)
    n = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2.0}[mode]
    scale = scale / max(1.0, n)
    if distribution == "truncated_normal":
        sd = math.sqrt(scale) / TRUNC
        return trunc_case(0.0, sd, -2 * sd, 2 * sd), lambda x: I.trunc_normal_(x, 0., sd, -2 * sd, 2 * sd)
    if distribution == "untruncated_normal":
        sd = math.sqrt(scale)
        return normal_case(0.0, sd), lambda x: I.normal_(x, 0., sd)
    limit = math.sqrt(3.0 * scale)
    return uniform_case(-limit, limit), lambda x: I.uniform_(x, -limit, limit)


def xavier_uniform(t, gain):
    b = math.sqrt(3.0) * xavier(t, gain)
    return uniform_case(-b, b), lambda x: I.xavier_uniform_(x, gain)


def xavier_normal(t, gain):
    return normal_case(0.0, xavier(t, gain)), lambda x: I.xavier_normal_(x, gain)


def kaiming_uniform(t, a, mode, nl):
    b = math.sqrt(3.0) * kaiming_std(t, a, mode, nl)
    return uniform_case(-b, b), lambda x: I.kaiming_uniform_(x, a, mode, nl)


def kaiming_normal(t, a, mode, nl):
    return normal_case(0.0, kaiming_std(t, a, mode, nl)), lambda x: I.kaiming_normal_(x, a, mode, nl)


def slope_of(act):
    return float(act[len("leaky_relu(slope="):-1]) if act.startswith("leaky_relu(") else 0.0


def name_of(act):
    return "leaky_relu" if act.startswith("leaky_relu(") else act


# (Kindling expression, shape, activation after the layer, how torch/Keras does it)
CASES = [
    ("normal(mean=0.5, std=0.2)", [60, 70], "relu",
     lambda t, act: (normal_case(0.5, 0.2), lambda x: I.normal_(x, 0.5, 0.2))),
    ("uniform", [60, 70], "relu",
     lambda t, act: (uniform_case(0.0, 1.0), lambda x: I.uniform_(x))),
    ("uniform(a=-0.3, b=0.7)", [16, 8, 3, 3], "relu",
     lambda t, act: (uniform_case(-0.3, 0.7), lambda x: I.uniform_(x, -0.3, 0.7))),
    ("trunc_normal", [60, 70], "relu",
     lambda t, act: (trunc_case(0., 1., -2., 2.), lambda x: I.trunc_normal_(x))),
    ("trunc_normal(mean=0.5, std=2, a=-1, b=3)", [16, 8, 3, 3], "relu",
     lambda t, act: (trunc_case(.5, 2., -1., 3.), lambda x: I.trunc_normal_(x, .5, 2., -1., 3.))),
    ("trunc_normal(mean=0, std=1, a=0.5, b=2.5)", [60, 70], "relu",
     lambda t, act: (trunc_case(0., 1., .5, 2.5), lambda x: I.trunc_normal_(x, 0., 1., .5, 2.5))),
    ("trunc_normal(std=0.02, a=-0.04, b=0.04)", [64, 32], "relu",
     lambda t, act: (trunc_case(0., .02, -.04, .04), lambda x: I.trunc_normal_(x, 0., .02, -.04, .04))),
    ("xavier_uniform", [60, 70], "relu", lambda t, act: xavier_uniform(t, 1.0)),
    ("xavier_uniform(gain=2)", [16, 8, 3, 3], "relu", lambda t, act: xavier_uniform(t, 2.0)),
    ("glorot_uniform", [30, 40], "relu", lambda t, act: xavier_uniform(t, 1.0)),
    ("xavier_uniform(gain=auto)", [60, 70], "tanh", lambda t, act: xavier_uniform(t, gain_of(act))),
    ("xavier_uniform(gain=auto)", [16, 8, 3, 3], "leaky_relu(slope=0.2)",
     lambda t, act: xavier_uniform(t, gain_of(act))),
    ("xavier_normal", [16, 8, 3, 3], "relu", lambda t, act: xavier_normal(t, 1.0)),
    ("xavier_normal(gain=1.5)", [60, 70], "relu", lambda t, act: xavier_normal(t, 1.5)),
    ("xavier_normal(gain=auto)", [60, 70], "relu", lambda t, act: xavier_normal(t, gain_of(act))),
    ("glorot_normal(gain=auto)", [16, 8, 3, 3], "selu", lambda t, act: xavier_normal(t, gain_of(act))),
    ("kaiming_uniform", [60, 70], "relu", lambda t, act: kaiming_uniform(t, 0, "fan_in", "leaky_relu")),
    ("kaiming_uniform(a=0.1, mode=fan_out)", [16, 8, 3, 3], "relu",
     lambda t, act: kaiming_uniform(t, 0.1, "fan_out", "leaky_relu")),
    ("kaiming_uniform(a=2.23606797749979)", [64, 32], "relu",   # nn.Linear's default init
     lambda t, act: kaiming_uniform(t, math.sqrt(5), "fan_in", "leaky_relu")),
    ("kaiming_uniform(nonlinearity=tanh)", [60, 70], "relu",
     lambda t, act: kaiming_uniform(t, 0, "fan_in", "tanh")),
    ("kaiming_uniform(nonlinearity=auto)", [60, 70], "leaky_relu(slope=0.2)",
     lambda t, act: kaiming_uniform(t, slope_of(act), "fan_in", name_of(act))),
    ("kaiming_uniform(mode=fan_out, nonlinearity=auto)", [16, 8, 3, 3], "sigmoid",
     lambda t, act: kaiming_uniform(t, 0, "fan_out", name_of(act))),
    ("he_uniform", [16, 8, 3, 3], "relu", lambda t, act: kaiming_uniform(t, 0, "fan_in", "relu")),
    ("he_uniform", [60, 70], "tanh", lambda t, act: kaiming_uniform(t, 0, "fan_in", "relu")),
    ("kaiming_normal", [60, 70], "relu", lambda t, act: kaiming_normal(t, 0, "fan_in", "leaky_relu")),
    ("kaiming_normal(mode=fan_out, nonlinearity=relu)", [16, 8, 3, 3], "relu",
     lambda t, act: kaiming_normal(t, 0, "fan_out", "relu")),
    ("kaiming_normal(nonlinearity=auto)", [60, 70], "selu",
     lambda t, act: kaiming_normal(t, 0, "fan_in", name_of(act))),
    ("kaiming_normal(nonlinearity=auto)", [16, 8, 3, 3], "leaky_relu(slope=0.01)",
     lambda t, act: kaiming_normal(t, slope_of(act), "fan_in", name_of(act))),
    ("he_normal", [16, 8, 3, 3], "relu", lambda t, act: kaiming_normal(t, 0, "fan_in", "relu")),
    ("lecun_normal", [60, 70], "selu", lambda t, act: variance_scaling(t, 1.0, "fan_in", "truncated_normal")),
    ("lecun_normal", [16, 8, 3, 3], "selu", lambda t, act: variance_scaling(t, 1.0, "fan_in", "truncated_normal")),
    ("lecun_uniform", [60, 70], "relu", lambda t, act: variance_scaling(t, 1.0, "fan_in", "uniform")),
    ("lecun_uniform", [16, 8, 3, 3], "relu", lambda t, act: variance_scaling(t, 1.0, "fan_in", "uniform")),
    ("variance_scaling", [60, 70], "relu", lambda t, act: variance_scaling(t, 1.0, "fan_in", "truncated_normal")),
    ("variance_scaling(scale=2, mode=fan_avg, distribution=uniform)", [16, 8, 3, 3], "relu",
     lambda t, act: variance_scaling(t, 2.0, "fan_avg", "uniform")),
    ("variance_scaling(scale=0.5, mode=fan_out, distribution=untruncated_normal)", [60, 70], "relu",
     lambda t, act: variance_scaling(t, 0.5, "fan_out", "untruncated_normal")),
    ("variance_scaling(scale=2, mode=fan_in, distribution=truncated_normal)", [16, 8, 3, 3], "relu",
     lambda t, act: variance_scaling(t, 2.0, "fan_in", "truncated_normal")),
    ("variance_scaling(mode=fan_avg)", [30, 40], "relu",
     lambda t, act: variance_scaling(t, 1.0, "fan_avg", "truncated_normal")),
]

STRUCTURES = [
    ("eye", [3, 5], lambda x: I.eye_(x)),
    ("eye", [4, 2], lambda x: I.eye_(x)),
    ("eye", [3, 3], lambda x: I.eye_(x)),
    ("dirac", [4, 2, 3], lambda x: I.dirac_(x)),
    ("dirac", [3, 4, 3, 3], lambda x: I.dirac_(x)),
    ("dirac", [4, 3, 2, 2], lambda x: I.dirac_(x)),
    ("dirac(groups=2)", [6, 4, 3, 3], lambda x: I.dirac_(x, 2)),
    ("dirac(groups=2)", [4, 3, 1, 3], lambda x: I.dirac_(x, 2)),
    ("dirac(groups=3)", [6, 1, 3], lambda x: I.dirac_(x, 3)),
    ("dirac", [2, 3, 3, 2, 3], lambda x: I.dirac_(x)),
]


def sample_moments(shape, fill):
    t = torch.empty(shape)
    repeats = max(1, SAMPLES // t.numel())
    n, s1, s2, lo, hi = 0, 0.0, 0.0, math.inf, -math.inf
    for _ in range(repeats):
        fill(t)
        d = t.double()
        n += d.numel()
        s1 += d.sum().item()
        s2 += (d * d).sum().item()
        lo, hi = min(lo, d.min().item()), max(hi, d.max().item())
    mean = s1 / n
    return {"n": n, "mean": mean, "std": math.sqrt(s2 / n - mean * mean), "min": lo, "max": hi}


def case(expr, shape, act, how):
    t = torch.empty(shape)
    fan_in, fan_out = I._calculate_fan_in_and_fan_out(t)
    formula, fill = how(t, act)
    return {"expr": expr, "shape": shape, "activation": act, "fan_in": fan_in,
            "fan_out": fan_out, **formula, "sample": sample_moments(shape, fill)}


def structure(expr, shape, fill):
    t = torch.full(shape, 7.0)
    fill(t)
    return {"expr": expr, "shape": shape, "values": t.flatten().tolist()}


torch.manual_seed(0)
print(json.dumps({
    "generator": "tools/reference/init_reference.py",
    "torch_version": torch.__version__,
    "cases": [case(*c) for c in CASES],
    "structures": [structure(*s) for s in STRUCTURES],
}, indent=1))
