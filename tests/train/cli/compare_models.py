#!/usr/bin/env python3
"""Two model files hold the same weights to a relative tolerance: every weight tensor's largest
difference, divided by that tensor's largest magnitude, is at most TOLERANCE.

usage: compare_models.py A.pt B.pt TOLERANCE
"""
import sys

import torch

first, second, tolerance = sys.argv[1], sys.argv[2], float(sys.argv[3])
a, b = torch.load(first)["weights"], torch.load(second)["weights"]
if a.keys() != b.keys():
    sys.exit(f"{first} and {second} hold different weights: {sorted(a.keys() ^ b.keys())}")
worst_name, worst = None, 0.0
for name in a:
    scale = max(a[name].abs().max().item(), 1e-300)
    difference = (a[name] - b[name]).abs().max().item() / scale
    if difference >= worst:
        worst_name, worst = name, difference
print(f"{first} vs {second}: largest relative difference {worst:.3e} ({worst_name}), tolerance {tolerance:.0e}")
sys.exit(0 if worst <= tolerance else 1)
