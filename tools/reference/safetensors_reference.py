#!/usr/bin/python3
"""Safetensors and .npz interop with the reference implementations.

The real Python `safetensors` package (Hugging Face) writes a small file holding one tensor of
every dtype Kindling supports, plus a scalar and an empty tensor, with one metadata entry.
SafetensorsTest reads that file and checks that Kindling's writer, given the same tensors in
the same order, produces the same bytes.

  write:  /usr/bin/python3 tools/reference/safetensors_reference.py write \
              kindling-core/src/test/resources/reference
          writes safetensors_reference.safetensors (by safetensors.serialize, the function
          behind safetensors.numpy.save / safetensors.torch.save_file) and
          safetensors_reference.json: the tensors in file order with their raw bytes in hex
          and their values, the metadata, and the library version.

  check:  /usr/bin/python3 tools/reference/safetensors_reference.py check FILE.safetensors \
              [FILE.npz]
          reads a file Kindling wrote from those same tensors (any order) with the reference
          reader and numpy.load, and checks every tensor and the metadata against the JSON.

Needs numpy (Debian python3-numpy) and safetensors. Debian 12 has no safetensors package and
PyPI cannot be reached here, so the fixture was made with safetensors 0.3.0 built from its
source (git tag v0.3.0 of github.com/huggingface/safetensors, `cargo build --release` in
bindings/python against Debian's librust-pyo3-dev 0.17, librust-serde-json-dev and
librust-memmap2-dev, with the pyo3 requirement relaxed from 0.18.1 to 0.17 in its
Cargo.toml; the core `safetensors` crate unchanged), put on PYTHONPATH as
safetensors/_safetensors_rust.so beside py_src/safetensors. Its writer's layout (8-byte
aligned header padded with spaces, tensors sorted by dtype width then name) is the one the
current release still has.
"""
import json
import os
import sys
import zipfile

import numpy as np
import safetensors
from safetensors import safe_open

FIXTURE = "safetensors_reference.safetensors"
SPEC = "safetensors_reference.json"
METADATA = {"format": "pt"}


def bf16(values):
    """bfloat16 bytes: the top 16 bits of each float32 (values chosen to be exact)."""
    f32 = np.array(values, dtype="<f4")
    return (f32.view("<u4") >> 16).astype("<u2").tobytes()


def tensors():
    """name -> (safetensors dtype, shape, little-endian bytes, values)."""
    out = {}

    def add(name, dtype, array):
        a = np.asarray(array)
        out[name] = (dtype, list(a.shape), a.tobytes(), a.tolist())

    add("fc1.weight", "F32", (np.arange(6, dtype="<f4") * 0.5 - 1.0).reshape(2, 3))
    add("fc1.bias", "F32", np.array([0.25, -3.0e38], dtype="<f4"))
    add("scale", "F32", np.array(42.0, dtype="<f4"))
    add("empty", "F32", np.zeros((0, 3), dtype="<f4"))
    add("double", "F64", np.array([1.5, -2.25, 1e300], dtype="<f8"))
    add("half", "F16", np.array([0.5, -65504.0], dtype="<f2"))
    bvals = [1.0, -2.0, 3.140625]
    out["brain"] = ("BF16", [3], bf16(bvals), bvals)
    add("step", "I64", np.array([-1, 2 ** 40], dtype="<i8"))
    add("counts", "I32", np.array([-7, 0, 2 ** 31 - 1], dtype="<i4"))
    add("bytes.signed", "I8", np.array([-128, 127], dtype="i1"))
    add("bytes.unsigned", "U8", np.array([[0, 1], [254, 255]], dtype="u1"))
    add("mask", "BOOL", np.array([True, False, True], dtype="?"))
    return out


NAMES = {"F64": "float64", "F32": "float32", "F16": "float16", "BF16": "bfloat16",
         "I64": "int64", "I32": "int32", "I8": "int8", "U8": "uint8", "BOOL": "bool"}


def write(outdir):
    ts = tensors()
    raw = {name: {"dtype": NAMES[d], "shape": shape, "data": data}
           for name, (d, shape, data, _) in ts.items()}
    blob = safetensors.serialize(raw, METADATA)
    with open(os.path.join(outdir, FIXTURE), "wb") as f:
        f.write(blob)
    # the file's header order (json keeps key order); deserialize() lists in hash order
    header = json.loads(blob[8:8 + int.from_bytes(blob[:8], "little")])
    order = [name for name in header if name != "__metadata__"]
    spec = {
        "generator": "tools/reference/safetensors_reference.py",
        "safetensors_version": safetensors.__version__,
        "numpy_version": np.__version__,
        "file": FIXTURE,
        "metadata": METADATA,
        "tensors": [{"name": n, "dtype": ts[n][0], "shape": ts[n][1],
                     "hex": ts[n][2].hex(), "values": ts[n][3]} for n in order],
    }
    with open(os.path.join(outdir, SPEC), "w") as f:
        rows = ",\n  ".join(json.dumps(t) for t in spec.pop("tensors"))
        f.write(json.dumps(spec)[:-1] + ',\n "tensors": [\n  ' + rows + "\n ]\n}\n")
    print("wrote", FIXTURE, len(blob), "bytes, order", order)


def check(path, npz=None):
    ts = tensors()
    with open(path, "rb") as f:
        blob = f.read()
    got = dict(safetensors.deserialize(blob))
    assert set(got) == set(ts), (sorted(got), sorted(ts))
    for name, (d, shape, data, _) in ts.items():
        g = got[name]
        assert g["dtype"] == d and list(g["shape"]) == shape and bytes(g["data"]) == data, name
    with safe_open(path, framework="numpy") as f:
        assert f.metadata() == METADATA, f.metadata()
        for name, (d, shape, data, values) in ts.items():
            # numpy has no bfloat16, and safetensors 0.3.0 maps BOOL to np.bool (gone in
            # numpy 1.24); both were compared byte for byte above
            if d not in ("BF16", "BOOL"):
                a = f.get_tensor(name)
                assert a.dtype == np.dtype(NAMES[d]) and a.tolist() == values, name
    print("safetensors", safetensors.__version__, "read", path, "OK:", len(ts), "tensors")
    if npz:
        with zipfile.ZipFile(npz) as z:
            methods = {i.filename: i.compress_type for i in z.infolist()}
        loaded = np.load(npz)
        assert sorted(loaded.files) == sorted(ts), loaded.files
        for name, (d, shape, data, values) in ts.items():
            a = loaded[name]
            want = "float32" if d == "BF16" else NAMES[d]
            assert a.dtype == np.dtype(want) and list(a.shape) == shape, name
            assert a.tolist() == values, (name, a.tolist(), values)
        print("numpy", np.__version__, "loaded", npz, "OK:", len(ts), "arrays,",
              "methods", sorted(set(methods.values())))


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "write":
        write(sys.argv[2])
    elif len(sys.argv) >= 3 and sys.argv[1] == "check":
        check(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
    else:
        sys.exit(__doc__)
