#!/usr/bin/env python3
"""Turn the frames of sample.lmp runs (PREFIX.dump + PREFIX.thermo) into extended XYZ.

usage: to_extxyz.py OUTPUT.xyz PREFIX [PREFIX ...]

Each frame gets energy (eV), forces (eV/A) and the pair virial (eV, LAMMPS's sign: the sum of
r (x) f, so W = -V * stress in ASE's convention), and a config_type comment naming its run.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
from lammps_dump import read_dump  # noqa: E402


def read_thermo(path):
    rows = {}
    with open(path) as f:
        for line in f:
            if line.startswith("#"):
                continue
            step, pe, _vol, xx, yy, zz, xy, xz, yz = line.split()
            rows[int(step)] = (float(pe), [xx, xy, xz, xy, yy, yz, xz, yz, zz])
    return rows


def main():
    output, prefixes = sys.argv[1], sys.argv[2:]
    frames = 0
    with open(output, "w") as out:
        for prefix in prefixes:
            thermo = read_thermo(prefix + ".thermo")
            for step, bounds, atoms in read_dump(prefix + ".dump"):
                energy, virial = thermo[step]
                a, b, c = (hi - lo for lo, hi in bounds)
                out.write(f"{len(atoms)}\n")
                out.write(
                    f'Lattice="{a} 0 0 0 {b} 0 0 0 {c}" '
                    "Properties=species:S:1:pos:R:3:forces:R:3 "
                    f'energy={energy:.10f} virial="{" ".join(virial)}" '
                    f'config_type={os.path.basename(prefix)} step={step} pbc="T T T"\n')
                for _id, _type, x, y, z, fx, fy, fz in atoms:
                    out.write(f"Si {x} {y} {z} {fx} {fy} {fz}\n")
                frames += 1
    print(f"{output}: {frames} frames")


main()
