#!/usr/bin/env python3
"""A model file is readable by Python's torch alone (no equipot code): torch.load gives the
documented dictionary (src/model/model_file.hpp) with float64 weights of the documented shapes.

usage: python_reads_model.py MODEL SPECIES... --channels C
"""
import argparse
import sys

import torch

parser = argparse.ArgumentParser()
parser.add_argument("model")
parser.add_argument("species", nargs="+")
parser.add_argument("--channels", type=int, required=True)
args = parser.parse_args()

data = torch.load(args.model)
problems = []
if data.get("format") != "equipot-model":
    problems.append(f"format is {data.get('format')!r}")
if data.get("format_version") != 1:
    problems.append(f"format_version is {data.get('format_version')!r}")
metadata, weights = data["metadata"], data["weights"]
if metadata["species"] != args.species:
    problems.append(f"species are {metadata['species']!r}")
for name, tensor in weights.items():
    if tensor.dtype != torch.float64:
        problems.append(f"weight {name} is {tensor.dtype}")
if tuple(weights["embedding"].shape) != (len(args.species), args.channels):
    problems.append(f"embedding has shape {tuple(weights['embedding'].shape)}")
for message in problems:
    print("FAILED:", message)
print(f"torch {torch.__version__} read {args.model}: {len(weights)} weights, "
      f"{sum(t.numel() for t in weights.values())} parameters, {'ok' if not problems else 'problems'}")
sys.exit(1 if problems else 0)
