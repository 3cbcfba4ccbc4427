#!/usr/bin/env python3
"""Label LAMMPS dump frames of water with GFN1-xTB (Debian's xtb) and write extended XYZ.

usage: label.py OUTPUT.xyz [--workers N] [--stride K] DUMP[:TAG] [DUMP[:TAG] ...]

TAG (default: the dump's name without .dump) becomes each frame's config_type; --stride K
keeps every K-th frame of each dump.

Each frame is one periodic single point, `xtb POSCAR --gfn 1 --grad`, in a scratch folder.
Energies are converted from Hartree to eV, gradients from Hartree/Bohr to forces in eV/A.
xtb 6.5 gives no lattice gradient for GFN1 in a periodic cell (its gradlatt is zero), so the
frames carry no stress. A frame whose SCF fails is reported and left out.
"""
import argparse
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
from lammps_dump import read_dump  # noqa: E402

HARTREE_EV = 27.211386245988
BOHR_A = 0.529177210903
SPECIES = {"1": "O", "2": "H"}


def single_point(frame):
    """Returns (energy eV, forces eV/A in frame order) or an error string."""
    lengths, atoms = frame
    order = sorted(range(len(atoms)), key=lambda a: atoms[a][0] != "O")  # O first, then H
    counts = [sum(1 for s, _ in atoms if s == "O"), sum(1 for s, _ in atoms if s == "H")]
    with tempfile.TemporaryDirectory() as scratch:
        with open(os.path.join(scratch, "POSCAR"), "w") as f:
            f.write("water\n1.0\n")
            for k in range(3):
                f.write(" ".join(f"{lengths[k] if j == k else 0.0:.10f}" for j in range(3)) + "\n")
            f.write(f"O H\n{counts[0]} {counts[1]}\nCartesian\n")
            for a in order:
                f.write("%.10f %.10f %.10f\n" % atoms[a][1])
        run = subprocess.run(["xtb", "POSCAR", "--gfn", "1", "--grad"], cwd=scratch,
                             env=dict(os.environ, OMP_NUM_THREADS="1"),
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        gradient_file = os.path.join(scratch, "gradient")
        if run.returncode != 0 or not os.path.exists(gradient_file):
            return "xtb failed: " + run.stdout.strip().splitlines()[-1]
        with open(gradient_file) as f:
            lines = f.read().splitlines()
    energy = float(lines[1].split("SCF energy =")[1].split()[0]) * HARTREE_EV
    gradient = [[float(v.replace("D", "E")) for v in line.split()]
                for line in lines[2 + len(atoms):2 + 2 * len(atoms)]]
    forces = [None] * len(atoms)
    for row, a in enumerate(order):
        forces[a] = [-g * HARTREE_EV / BOHR_A for g in gradient[row]]
    return energy, forces


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("output")
    parser.add_argument("dumps", nargs="+")
    parser.add_argument("--workers", type=int, default=os.cpu_count())
    parser.add_argument("--stride", type=int, default=1)
    args = parser.parse_args()
    jobs = []
    for spec in args.dumps:
        path, _, tag = spec.partition(":")
        tag = tag or os.path.basename(path).removesuffix(".dump")
        for k, (step, bounds, rows) in enumerate(read_dump(path)):
            if k % args.stride == 0:
                atoms = [(SPECIES[r[1]], tuple(map(float, r[2:5]))) for r in rows]
                jobs.append((tag, step, [hi - lo for lo, hi in bounds], atoms))
    print(f"label.py: {len(jobs)} frames, {args.workers} xtb processes", flush=True)
    written = 0
    with ProcessPoolExecutor(args.workers) as pool, open(args.output, "w") as out:
        results = pool.map(single_point, [(lengths, atoms) for _, _, lengths, atoms in jobs])
        for n, ((tag, step, lengths, atoms), result) in enumerate(zip(jobs, results), start=1):
            if isinstance(result, str):
                print(f"  {tag} step {step}: {result}; frame left out", file=sys.stderr)
                continue
            energy, forces = result
            a, b, c = lengths
            out.write(f"{len(atoms)}\n")
            out.write(f'Lattice="{a} 0 0 0 {b} 0 0 0 {c}" '
                      "Properties=species:S:1:pos:R:3:forces:R:3 "
                      f'energy={energy:.8f} config_type={tag} step={step} pbc="T T T"\n')
            for (species, (x, y, z)), (fx, fy, fz) in zip(atoms, forces):
                out.write(f"{species} {x:.8f} {y:.8f} {z:.8f} {fx:.8f} {fy:.8f} {fz:.8f}\n")
            written += 1
            if n % 20 == 0 or n == len(jobs):
                print(f"  {n}/{len(jobs)} frames", flush=True)
    print(f"{args.output}: {written} frames")


main()
