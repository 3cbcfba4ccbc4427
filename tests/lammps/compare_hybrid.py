#!/usr/bin/env python3
"""Checks runs of in.hybrid: equipot in a hybrid style with ZBL must give the ZBL part alone
plus equipot alone on the Si/O atoms, atom by atom.

usage: compare_hybrid.py --dir RUNS --reference NAME --runs NAME... [--rtol 1e-10]
RUNS/REFERENCE.log and .forces are in.single_point on the Si/O atoms (equipot alone). Each run
NAME has RUNS/NAME.log with the equipot-combined-* and equipot-zbl-* lines of in.report_part and
the dumps RUNS/NAME.combined and RUNS/NAME.zbl. Atoms the reference lacks (He, mapped NULL) get
nothing from equipot. Energy, pressure, forces, per-atom energies and per-atom virials must agree
relative to the largest equipot value of each.
Exits 1 with one line per failed check.
"""
import argparse
import sys

failures = []


def read_values(path, prefix):
    values = {}
    for line in open(path):
        if line.startswith(prefix):
            key, *numbers = line.split()
            values[key[len(prefix):]] = [float(x) for x in numbers]
    for key in ("energy", "pressure"):
        if key not in values:
            sys.exit(f"{path}: no '{prefix}{key}' line (did the run fail?)")
    return values


def read_atoms(path):
    """Per atom ID: forces, per-atom energy and the six per-atom stress components."""
    lines = open(path).read().splitlines()
    header = next(k for k, line in enumerate(lines) if line.startswith("ITEM: ATOMS"))
    columns = lines[header].split()[2:]
    wanted = ["fx", "fy", "fz", next(c for c in columns if c.startswith("c_pe_atom"))]
    wanted += [c for c in columns if c.startswith("c_stress_atom")]
    if len(wanted) != 10:
        sys.exit(f"{path}: expected forces, per-atom energy and 6 per-atom stress columns, got {columns}")
    index = [columns.index(c) for c in wanted]
    atoms = {}
    for line in lines[header + 1:]:
        words = line.split()
        if words:
            atoms[int(words[0])] = [float(words[k]) for k in index]
    return atoms


def compare(label, combined, zbl, equipot):
    """combined - zbl must be equipot, relative to the largest equipot value (ZBL can be far
    larger near He, and would hide an error in the equipot part)."""
    scale = max(max(abs(x) for x in equipot), 1e-300)
    worst = max(abs(c - z - e) for c, z, e in zip(combined, zbl, equipot)) / scale
    if worst >= rtol:
        failures.append(f"{label}: minus ZBL alone differs from equipot alone by {worst:.3g} (relative)")


def check_run(name, directory, reference_log, reference_atoms):
    log = f"{directory}/{name}.log"
    combined, zbl = read_values(log, "equipot-combined-"), read_values(log, "equipot-zbl-")
    for key in ("energy", "pressure"):
        compare(f"{name}: {key}", combined[key], zbl[key], reference_log[key])
    both, zbl_atoms = read_atoms(f"{directory}/{name}.combined"), read_atoms(f"{directory}/{name}.zbl")
    if set(reference_atoms) - set(both):
        failures.append(f"{name}: atoms {sorted(set(reference_atoms) - set(both))} of the reference are missing")
        return
    nothing = [0.0] * 10
    ids = sorted(both)
    for label, columns in (("forces", range(0, 3)), ("per-atom energies", [3]), ("per-atom virials", range(4, 10))):
        compare(f"{name}: {label}", [both[i][k] for i in ids for k in columns],
                [zbl_atoms[i][k] for i in ids for k in columns],
                [reference_atoms.get(i, nothing)[k] for i in ids for k in columns])


def main():
    global rtol
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--reference", required=True)
    parser.add_argument("--runs", nargs="+", required=True)
    parser.add_argument("--rtol", type=float, default=1e-10)
    args = parser.parse_args()
    rtol = args.rtol
    reference_log = read_values(f"{args.dir}/{args.reference}.log", "equipot-")
    reference_atoms = read_atoms(f"{args.dir}/{args.reference}.forces")
    for name in args.runs:
        check_run(name, args.dir, reference_log, reference_atoms)
    for message in failures:
        print("FAILED:", message)
    print(f"compared {len(args.runs)} hybrid runs with ZBL alone + equipot alone: "
          f"{'all agree' if not failures else f'{len(failures)} check(s) failed'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
