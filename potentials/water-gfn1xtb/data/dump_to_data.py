#!/usr/bin/env python3
"""Turn the last frame of a LAMMPS dump (id type x y z, orthogonal box) of water into a data
file for atom_style atomic (type 1 = O, type 2 = H), the form equipot runs read.

usage: dump_to_data.py DUMP OUTPUT.data "TITLE"
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
from lammps_dump import read_dump  # noqa: E402


def main():
    dump, output, title = sys.argv[1:4]
    *_, (_, bounds, rows) = read_dump(dump)
    atoms = [row[:5] for row in rows]
    with open(output, "w") as f:
        f.write(f"{title}\n\n{len(atoms)} atoms\n2 atom types\n\n")
        for (lo, hi), axis in zip(bounds, "xyz"):
            f.write(f"{lo} {hi} {axis}lo {axis}hi\n")
        f.write("\nMasses\n\n1 15.9994\n2 1.008\n\nAtoms # atomic\n\n")
        for atom_id, atom_type, x, y, z in atoms:
            f.write(f"{atom_id} {atom_type} {float(x):.6f} {float(y):.6f} {float(z):.6f}\n")


main()
