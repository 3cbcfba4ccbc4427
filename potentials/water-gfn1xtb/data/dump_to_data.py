#!/usr/bin/env python3
"""Turn the last frame of a LAMMPS dump (id type x y z, orthogonal box) of water into a data
file for atom_style atomic (type 1 = O, type 2 = H), the form equipot runs read.

usage: dump_to_data.py DUMP OUTPUT.data "TITLE"
"""
import sys


def last_frame(path):
    lines = open(path).read().splitlines()
    starts = [k for k, line in enumerate(lines) if line.startswith("ITEM: TIMESTEP")]
    k = starts[-1]
    natoms = int(lines[k + 3])
    bounds = [lines[k + 5 + d].split()[:2] for d in range(3)]
    return bounds, [lines[k + 9 + i].split()[:5] for i in range(natoms)]


def main():
    dump, output, title = sys.argv[1:4]
    bounds, atoms = last_frame(dump)
    with open(output, "w") as f:
        f.write(f"{title}\n\n{len(atoms)} atoms\n2 atom types\n\n")
        for (lo, hi), axis in zip(bounds, "xyz"):
            f.write(f"{lo} {hi} {axis}lo {axis}hi\n")
        f.write("\nMasses\n\n1 15.9994\n2 1.008\n\nAtoms # atomic\n\n")
        for atom_id, atom_type, x, y, z in atoms:
            f.write(f"{atom_id} {atom_type} {float(x):.6f} {float(y):.6f} {float(z):.6f}\n")


main()
