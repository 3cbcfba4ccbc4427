#!/usr/bin/python3
"""Energy and forces of NequIP 0.6.1 on the structure of equipot's LAMMPS benchmark.

Usage: nequip_md_step.py [--nrep N] [--mode frozen|eager] [--steps K] [--warmup W] [--threads T]

The structure is that of tests/benchmarks/lammps/in.equipot: diamond Si (a = 5.43 A), N^3
periodic conventional cells of 8 atoms. The model has the hyperparameters of
tests/benchmarks/lammps/reference_model.yaml. frozen: compiled as nequip-deploy builds it and
frozen as its loader does; eager: the plain module. A step is one evaluation of energy and
forces on the graph, which is built once before timing (LAMMPS builds equipot's neighbour list,
so neither side counts it). Runs on Debian's python3-torch; exits 77 when NequIP is absent.
"""
import argparse
import resource
import statistics
import sys
import time
import warnings

# NequIP warns on import about CUDA slowdowns with any torch 1.13; irrelevant on the CPU.
warnings.filterwarnings("ignore", message=".*PyTorch version")
try:
    from nequip.data import AtomicData, AtomicDataDict
    from nequip.model import model_from_config
    from nequip.scripts.deploy import _compile_for_deploy
    from nequip.scripts.train import default_config
    from nequip.utils import Config
    from nequip.utils._global_options import _set_global_options
except ImportError:
    print("nequip_md_step: NequIP not found on PYTHONPATH (the benchmark scripts set it up from EQUIPOT_PEERS_SOURCE)", file=sys.stderr)
    sys.exit(77)
import torch

sys.dont_write_bytecode = True  # importing the sibling script must leave no __pycache__ in the source tree
from nequip_train_step import CONFIG as TRAINING_CONFIG, blas_libraries, timed_steps

LATTICE = 5.43
# The training benchmark's hyperparameters (the same model), one species, energy and forces only.
CONFIG = dict(
    TRAINING_CONFIG,
    model_builders=["SimpleIrrepsConfig", "EnergyModel", "PerSpeciesRescale", "ForceOutput", "RescaleEnergyEtc"],
    type_names=["Si"],
)


def diamond(nrep):
    """Positions and cell of nrep^3 conventional cells of diamond Si."""
    basis = torch.tensor([[0, 0, 0], [0, 2, 2], [2, 0, 2], [2, 2, 0], [1, 1, 1], [1, 3, 3], [3, 1, 3], [3, 3, 1]]) / 4
    cells = torch.cartesian_prod(*[torch.arange(nrep)] * 3)
    pos = (cells[:, None, :] + basis[None, :, :]).reshape(-1, 3) * LATTICE
    return pos.to(torch.float64), torch.eye(3, dtype=torch.float64) * (nrep * LATTICE)


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # ru_maxrss is in kB on Linux


def build(mode):
    """The model as nequip-deploy builds it (its defaults and global JIT options, deploy=True)."""
    config = Config.from_dict(CONFIG, defaults=default_config)
    _set_global_options(config)
    torch.manual_seed(1)  # the same weights in both modes, so their energies must agree
    model = model_from_config(config, deploy=True)
    if mode == "eager":
        return model.eval()
    # Scripted in eval mode as nequip-deploy saves it, then frozen as its loader does.
    return torch.jit.freeze(_compile_for_deploy(model))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nrep", type=int, default=8)
    parser.add_argument("--mode", choices=["frozen", "eager"], default="frozen")
    parser.add_argument("--steps", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)

    start = time.perf_counter()
    model = build(args.mode)
    print(f"model ({args.mode}): {time.perf_counter() - start:.2f} s, peak RSS {peak_rss_mib():.0f} MiB", flush=True)

    pos, cell = diamond(args.nrep)
    atoms = len(pos)
    graph = AtomicData.to_AtomicDataDict(AtomicData.from_points(
        pos=pos, r_max=CONFIG["r_max"], cell=cell, pbc=True, atom_types=torch.zeros(atoms, dtype=torch.long)))
    edges_per_atom = graph[AtomicDataDict.EDGE_INDEX_KEY].shape[1] / atoms

    def step():
        """One timed evaluation: (seconds, energy)."""
        start = time.perf_counter()
        out = model(graph)
        assert out[AtomicDataDict.FORCE_KEY].shape == (atoms, 3)
        return time.perf_counter() - start, out[AtomicDataDict.TOTAL_ENERGY_KEY].item()

    times = timed_steps(step, args.warmup, args.steps, "energy")

    print(f"nequip_md_step mode={args.mode} threads={args.threads} atoms={atoms} steps={args.steps} "
          f"edges_per_atom={edges_per_atom:.1f} min_s={min(times):.4g} median_s={statistics.median(times):.4g} "
          f"us_per_atom_step={min(times) * 1e6 / atoms:.2f} peak_rss_MiB={peak_rss_mib():.0f} blas={blas_libraries()}")


if __name__ == "__main__":
    main()
