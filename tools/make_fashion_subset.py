#!/usr/bin/env python3
"""Write the stratified Fashion-MNIST subset that Kindling ships.

Reads the full set (Debian's dataset-fashion-mnist by default) and writes 600 training and
100 test images per class, in IDX format, gzipped, to the kindling-core resources. Images are
picked with a fixed seed and kept in the order they have in the source, and the gzip header
carries no time stamp or file name, so running this twice gives byte-identical files.

Standard library only, so it runs wherever python3 does.

Usage: python3 tools/make_fashion_subset.py [--source DIR] [--out DIR]
"""

import argparse
import gzip
import os
import random
import struct
import sys

SEED = 20261123
CLASSES = 10
PER_CLASS = {"train": 600, "t10k": 100}

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SOURCE = "/usr/share/datasets/fashion-mnist"
DEFAULT_OUT = os.path.join(REPO, "kindling-core", "src", "main", "resources", "io", "kindling",
                           "data", "fashion-mnist-subset")


def read_idx(path):
    """Returns (dims, data bytes) of a gzipped unsigned-byte IDX file."""
    with gzip.open(path, "rb") as f:
        raw = f.read()
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0 or raw[2] != 0x08:
        sys.exit(f"{path}: not an unsigned-byte IDX file")
    ndims = raw[3]
    header = 4 + 4 * ndims
    dims = list(struct.unpack(f">{ndims}i", raw[4:header]))
    expected = 1
    for d in dims:
        expected *= d
    if len(raw) - header != expected:
        sys.exit(f"{path}: expected {expected} data bytes, found {len(raw) - header}")
    return dims, raw[header:]


def idx_bytes(dims, data):
    return bytes([0, 0, 0x08, len(dims)]) + struct.pack(f">{len(dims)}i", *dims) + data


def write_gz(path, payload):
    # gzip.compress writes no file name, and mtime=0 removes the time stamp.
    with open(path, "wb") as f:
        f.write(gzip.compress(payload, compresslevel=9, mtime=0))


def pick(labels, per_class, rng):
    """Indices of a stratified sample, per_class of each label, in source order."""
    by_class = [[] for _ in range(CLASSES)]
    for i, label in enumerate(labels):
        by_class[label].append(i)
    chosen = []
    for c in range(CLASSES):
        if len(by_class[c]) < per_class:
            sys.exit(f"class {c} has only {len(by_class[c])} examples, need {per_class}")
        chosen.extend(rng.sample(by_class[c], per_class))
    return sorted(chosen)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", default=DEFAULT_SOURCE, help="folder of the full IDX files")
    parser.add_argument("--out", default=DEFAULT_OUT, help="folder to write the subset to")
    args = parser.parse_args()

    # One generator for both splits, train first, so the whole subset follows from SEED.
    rng = random.Random(SEED)
    os.makedirs(args.out, exist_ok=True)
    for split in ("train", "t10k"):
        image_name = f"{split}-images-idx3-ubyte.gz"
        label_name = f"{split}-labels-idx1-ubyte.gz"
        image_dims, images = read_idx(os.path.join(args.source, image_name))
        label_dims, labels = read_idx(os.path.join(args.source, label_name))
        if image_dims[0] != label_dims[0]:
            sys.exit(f"{split}: {image_dims[0]} images but {label_dims[0]} labels")
        rows = pick(labels, PER_CLASS[split], rng)
        pixels = image_dims[1] * image_dims[2]
        sub_images = b"".join(images[r * pixels:(r + 1) * pixels] for r in rows)
        sub_labels = bytes(labels[r] for r in rows)
        write_gz(os.path.join(args.out, image_name),
                 idx_bytes([len(rows), image_dims[1], image_dims[2]], sub_images))
        write_gz(os.path.join(args.out, label_name), idx_bytes([len(rows)], sub_labels))
        print(f"{split}: {len(rows)} of {image_dims[0]} images -> {args.out}")


if __name__ == "__main__":
    main()
