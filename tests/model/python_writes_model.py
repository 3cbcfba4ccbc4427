#!/usr/bin/env python3
"""Python's torch writes a model file that equipot reads: torch.load a model file and torch.save it
unchanged; then torch.save it again as plain Python values (dict, list, int, float, str), with one weight given column-major
strides so that the reader has to follow them. `equipot evaluate` on the same structure must
print the same for all three files.

usage: python_writes_model.py EQUIPOT MODEL STRUCTURE.xyz COPY
"""
import subprocess
import sys

import torch

equipot, model, structure, copy = sys.argv[1:5]
unchanged = copy + ".unchanged.pt"
torch.save(torch.load(model), unchanged)
data = torch.load(model)
data["metadata"] = {key: (list(value) if isinstance(value, list) else value)
                    for key, value in data["metadata"].items()}
name, weight = next((n, w) for n, w in data["weights"].items() if w.dim() == 2 and min(w.shape) > 1)
data["weights"][name] = weight.t().contiguous().t()
assert not data["weights"][name].is_contiguous() and torch.equal(data["weights"][name], weight)
torch.save(data, copy)


def evaluate(path):
    return subprocess.run([equipot, "evaluate", path, structure], check=True, capture_output=True,
                          text=True).stdout


original = evaluate(model)
same = original == evaluate(unchanged) == evaluate(copy) and "energy" in original
print(f"torch {torch.__version__} wrote {unchanged} and {copy} ({name} with strides {data['weights'][name].stride()}): "
      f"{'same results' if same else 'FAILED: different results'}")
sys.exit(0 if same else 1)
