"""Regenerates e3nn_conventions.json: e3nn's real spherical harmonics and wigner_3j in float64.

These values are facts about e3nn 0.5.1 that the unit and model tests match to 1e-12
(docs/core.md). Run it with Debian's python3 (python3-torch, python3-scipy) and the sources of
e3nn 0.5.1, opt_einsum 3.3.0 and opt_einsum_fx 0.1.4 (their release tarballs, unpacked) on
PYTHONPATH:

    PYTHONPATH=e3nn-0.5.1:opt_einsum-3.3.0:opt_einsum_fx-0.1.4 \
      /usr/bin/python3 tests/reference/regenerate_e3nn_conventions.py > new.json

With --check FILE it compares its values with FILE's instead (the sign of a zero may differ
between runs) and exits non-zero on a difference.

The output is the committed file: the same vectors, l <= 4 for the harmonics, every l1, l2, l3 <= 3
allowed by the triangle rule for wigner_3j.
"""
import json
import sys

import torch
from e3nn import __version__ as e3nn_version
from e3nn import o3

VECTORS = [[0.3, -0.5, 0.8], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0],
           [-0.2, 0.7, 0.1], [0.577, -0.577, 0.577]]


def compute():
    if e3nn_version != "0.5.1":
        sys.exit(f"e3nn {e3nn_version} found; the committed values are from e3nn 0.5.1")
    torch.set_default_dtype(torch.float64)
    harmonics = []
    for v in VECTORS:
        entry = {"vector": v}
        for l in range(5):
            y = o3.spherical_harmonics(l, torch.tensor(v), normalize=True, normalization="component")
            entry[f"l{l}"] = y.tolist()
        harmonics.append(entry)
    wigner = []
    for l1 in range(4):
        for l2 in range(4):
            for l3 in range(abs(l1 - l2), min(l1 + l2, 3) + 1):
                w = o3.wigner_3j(l1, l2, l3)
                wigner.append({"l1": l1, "l2": l2, "l3": l3, "shape": list(w.shape),
                               "values": w.flatten().tolist()})
    return {"source": "e3nn 0.5.1 o3.spherical_harmonics(l, v, normalize=True, "
                      "normalization='component') and o3.wigner_3j(l1,l2,l3), float64",
            "spherical_harmonics": harmonics, "wigner_3j": wigner}


def main():
    values = compute()
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        with open(sys.argv[2]) as f:
            same = json.load(f) == values
        print(f"{sys.argv[2]}: {'the same values' if same else 'DIFFERENT values'} as e3nn {e3nn_version}")
        sys.exit(0 if same else 1)
    json.dump(values, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
