#!/usr/bin/python3
"""One training step of NequIP 0.6.1 on equipot's training benchmark batch.

Usage: nequip_train_step.py BATCH.xyz [--threads N] [--steps K] [--warmup W]

BATCH.xyz is what equipot_bench_train writes under EQUIPOT_BENCH_BATCH_XYZ. The model has the
hyperparameters of equipot's benchmark model (tests/benchmarks/reference_system.hpp); a step is
forward on the whole batch as one graph batch, the energy + force + stress loss of
bench_train.cpp, backward and an Adam step. The neighbour lists are built before timing, as
equipot's benchmark does. Runs on Debian's python3-torch; exits 77 when NequIP is absent.
"""
import argparse
import os
import shlex
import statistics
import sys
import time
import warnings

# NequIP warns on import about CUDA slowdowns with any torch 1.13; irrelevant on the CPU.
warnings.filterwarnings("ignore", message=".*PyTorch version")
try:
    from nequip.data import AtomicData, AtomicDataDict
    from nequip.model import model_from_config
    from nequip.utils.torch_geometric import Batch
except ImportError:
    print("nequip_train_step: NequIP not found on PYTHONPATH (the benchmark scripts set it up from EQUIPOT_PEERS_SOURCE)", file=sys.stderr)
    sys.exit(77)
import torch

PROPERTIES = "species:S:1:pos:R:3:forces:R:3"
TYPES = {"A": 0, "B": 1}  # type_names order; A and B are no chemical symbols, so no chemical_symbol_to_type
WEIGHTS = {"energy": 1.0, "forces": 10.0, "stress": 1.0}  # LossWeights of bench_train.cpp
CONFIG = dict(
    model_builders=["SimpleIrrepsConfig", "EnergyModel", "PerSpeciesRescale", "StressForceOutput", "RescaleEnergyEtc"],
    type_names=list(TYPES),
    r_max=5.0,
    num_layers=2,
    l_max=2,
    parity=False,
    num_features=32,
    num_basis=8,
    PolynomialCutoff_p=6,
    invariant_layers=2,
    invariant_neurons=64,
    avg_num_neighbors=40.0,
    # Numbers rather than dataset statistics, so the builders need no dataset.
    per_species_rescale_scales=1.0,
    per_species_rescale_shifts=0.0,
    global_rescale_scale=1.0,
    model_dtype="float64",
    default_dtype="float64",
)


def read_batch(path):
    """The structures of the extended XYZ file (ase cannot read species named A and B)."""
    lines = open(path).read().splitlines()
    structures, i = [], 0
    while i < len(lines) and lines[i].strip():
        n = int(lines[i])
        info = dict(token.split("=", 1) for token in shlex.split(lines[i + 1]))
        if info["Properties"] != PROPERTIES:
            sys.exit(f"nequip_train_step: {path}: expected Properties={PROPERTIES}")
        rows = [line.split() for line in lines[i + 2 : i + 2 + n]]
        structures.append(dict(
            cell=torch.tensor([float(v) for v in info["Lattice"].split()]).view(3, 3),
            pbc=[v == "T" for v in info["pbc"].split()],
            energy=float(info["energy"]),
            virial=torch.tensor([float(v) for v in info["virial"].split()]).view(3, 3) if "virial" in info else None,
            types=torch.tensor([TYPES[row[0]] for row in rows]),
            pos=torch.tensor([[float(v) for v in row[1:4]] for row in rows]),
            forces=torch.tensor([[float(v) for v in row[4:7]] for row in rows]),
        ))
        i += 2 + n
    return structures


def blas_libraries():
    """The BLAS libraries loaded into this process (Debian's torch uses whichever provides libblas.so.3)."""
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps}
    # Shared libraries only: scipy's Python modules _fblas, cython_blas are no BLAS of torch's.
    paths = {p for p in paths if os.path.basename(p).startswith("lib") and "blas" in os.path.basename(p)}
    return ",".join(sorted(os.path.realpath(p) for p in paths)) or "none"


def timed_steps(step, warmup, steps, quantity):
    """Runs step() (which returns (seconds, value)) warmup times untimed, then steps times; each
    printed with its value named quantity. Returns the timed steps' seconds."""
    for k in range(warmup):
        seconds, value = step()
        print(f"warm-up {k + 1}: {seconds:.3f} s {quantity}={value:.10g}", flush=True)
    times = []
    for k in range(steps):
        seconds, value = step()
        times.append(seconds)
        print(f"step {k + 1}: {seconds:.3f} s {quantity}={value:.10g}", flush=True)
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("batch")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_default_dtype(torch.float64)

    structures = read_batch(args.batch)
    batch = AtomicData.to_AtomicDataDict(Batch.from_data_list([
        AtomicData.from_points(pos=s["pos"], r_max=CONFIG["r_max"], cell=s["cell"], pbc=s["pbc"], atom_types=s["types"])
        for s in structures
    ]))
    atoms = sum(len(s["pos"]) for s in structures)
    edges_per_atom = batch[AtomicDataDict.EDGE_INDEX_KEY].shape[1] / atoms

    n_atoms = torch.tensor([float(len(s["pos"])) for s in structures])
    e_ref = torch.tensor([s["energy"] for s in structures])
    f_ref = torch.cat([s["forces"] for s in structures])
    # Stress = -virial / volume; structures without a virial have no stress label.
    stressed = [k for k, s in enumerate(structures) if s["virial"] is not None]
    if stressed:
        s_ref = torch.stack([-structures[k]["virial"] / torch.linalg.det(structures[k]["cell"]).abs() for k in stressed])

    start = time.perf_counter()
    model = model_from_config(CONFIG, initialize=True)
    print(f"model construction: {time.perf_counter() - start:.2f} s, "
          f"{sum(p.numel() for p in model.parameters())} parameters", flush=True)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

    def step():
        """One timed training step: (seconds, loss)."""
        start = time.perf_counter()
        out = model(batch)
        loss = WEIGHTS["energy"] * ((out[AtomicDataDict.TOTAL_ENERGY_KEY].view(-1) - e_ref) / n_atoms).square().mean()
        loss = loss + WEIGHTS["forces"] * (out[AtomicDataDict.FORCE_KEY] - f_ref).square().mean()
        if stressed:
            loss = loss + WEIGHTS["stress"] * (out[AtomicDataDict.STRESS_KEY][stressed] - s_ref).square().mean()
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        return time.perf_counter() - start, loss.item()

    times = timed_steps(step, args.warmup, args.steps, "loss")

    median = statistics.median(times)
    print(f"nequip_train_step threads={args.threads} structures={len(structures)} atoms={atoms} "
          f"edges_per_atom={edges_per_atom:.1f} min_s={min(times):.3g} median_s={median:.3g} "
          f"atoms_per_s={atoms / median:.1f} blas={blas_libraries()}")


if __name__ == "__main__":
    main()
