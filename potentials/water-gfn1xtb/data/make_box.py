#!/usr/bin/env python3
"""Write a LAMMPS data file of N water molecules at a given density, for sample.lmp.

usage: make_box.py MOLECULES DENSITY_G_PER_CM3 SEED OUTPUT.data

Molecules sit on a simple cubic grid with random orientations (SPC/Fw geometry); the
sampling run's minimisation and equilibration remove the order.
"""
import math
import sys

import numpy as np

WATER_MASS = 18.01528  # g/mol
AVOGADRO = 6.02214076e23
BOND, ANGLE = 1.012, math.radians(113.24)  # SPC/Fw equilibrium geometry


def main():
    molecules, density, seed, output = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    rng = np.random.default_rng(seed)
    length = (molecules * WATER_MASS / AVOGADRO / density * 1e24) ** (1.0 / 3.0)
    grid = math.ceil(molecules ** (1.0 / 3.0))
    sites = [(i, j, k) for i in range(grid) for j in range(grid) for k in range(grid)]
    chosen = rng.choice(len(sites), molecules, replace=False)
    atoms = []
    for m, site in enumerate(sorted(chosen)):
        oxygen = (np.array(sites[site]) + 0.5) * length / grid
        axis = rng.normal(size=3)
        axis /= np.linalg.norm(axis)
        normal = np.cross(axis, rng.normal(size=3))
        normal /= np.linalg.norm(normal)
        half = ANGLE / 2
        for kind, position in ((1, oxygen),
                               (2, oxygen + BOND * (math.cos(half) * axis + math.sin(half) * normal)),
                               (2, oxygen + BOND * (math.cos(half) * axis - math.sin(half) * normal))):
            atoms.append((m + 1, kind, -0.82 if kind == 1 else 0.41, position))
    with open(output, "w") as f:
        f.write(f"{molecules} water molecules, {density} g/cm^3, seed {seed}\n\n")
        f.write(f"{len(atoms)} atoms\n{2 * molecules} bonds\n{molecules} angles\n")
        f.write("2 atom types\n1 bond types\n1 angle types\n\n")
        f.write(f"0 {length:.8f} xlo xhi\n0 {length:.8f} ylo yhi\n0 {length:.8f} zlo zhi\n\n")
        f.write("Masses\n\n1 15.9994\n2 1.008\n\nAtoms # full\n\n")
        for index, (molecule, kind, charge, (x, y, z)) in enumerate(atoms, start=1):
            f.write(f"{index} {molecule} {kind} {charge} {x:.8f} {y:.8f} {z:.8f}\n")
        f.write("\nBonds\n\n")
        for m in range(molecules):
            f.write(f"{2 * m + 1} 1 {3 * m + 1} {3 * m + 2}\n{2 * m + 2} 1 {3 * m + 1} {3 * m + 3}\n")
        f.write("\nAngles\n\n")
        for m in range(molecules):
            f.write(f"{m + 1} 1 {3 * m + 2} {3 * m + 1} {3 * m + 3}\n")


main()
