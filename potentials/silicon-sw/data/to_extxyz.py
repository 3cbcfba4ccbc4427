#!/usr/bin/env python3
"""Turn the frames of sample.lmp runs (PREFIX.dump + PREFIX.thermo) into extended XYZ.

usage: to_extxyz.py OUTPUT.xyz PREFIX [PREFIX ...]

Each frame gets energy (eV), forces (eV/A) and the pair virial (eV, LAMMPS's sign: the sum of
r (x) f, so W = -V * stress in ASE's convention), and a config_type comment naming its run.
"""
import os
import sys


def read_thermo(path):
    rows = {}
    with open(path) as f:
        for line in f:
            if line.startswith("#"):
                continue
            step, pe, _vol, xx, yy, zz, xy, xz, yz = line.split()
            rows[int(step)] = (float(pe), [xx, xy, xz, xy, yy, yz, xz, yz, zz])
    return rows


def read_dump(path):
    with open(path) as f:
        lines = f.read().splitlines()
    i = 0
    while i < len(lines):
        step = int(lines[i + 1])
        natoms = int(lines[i + 3])
        bounds = [list(map(float, lines[i + 5 + k].split())) for k in range(3)]
        atoms = [lines[i + 9 + k].split() for k in range(natoms)]
        yield step, [hi - lo for lo, hi in bounds], atoms
        i += 9 + natoms


def main():
    output, prefixes = sys.argv[1], sys.argv[2:]
    frames = 0
    with open(output, "w") as out:
        for prefix in prefixes:
            thermo = read_thermo(prefix + ".thermo")
            for step, lengths, atoms in read_dump(prefix + ".dump"):
                energy, virial = thermo[step]
                a, b, c = lengths
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
