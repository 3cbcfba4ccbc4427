#!/usr/bin/env python3
"""Checks LAMMPS runs of in.single_point against each other and against the standalone engine
and the LibTorch reference (equipot evaluate), and checks per-atom sums against totals.

usage: compare_runs.py --dir RUNS --equipot EQUIPOT --model MODEL --species Si O --runs NAME...
                       [--energy-rtol 1e-10] [--force-rtol 1e-9] [--without-reference]
Each NAME has RUNS/NAME.log (LAMMPS screen output) and RUNS/NAME.forces (dump). The first run is
the baseline. Energies, per-atom energies, pressures and virials must agree to the energy
tolerance (relative), forces to the force tolerance (relative to the largest component).
Exits 1 with one line per failed check.
"""
import argparse
import subprocess
import sys

NKTV2P_METAL = 1.6021765e6  # LAMMPS's pressure conversion in metal units (bar A^3 / eV)
tolerance = {"energy": 1e-10, "force": 1e-9}
failures = []


def check(ok, message):
    if not ok:
        failures.append(message)


def read_log(path):
    values = {}
    for line in open(path):
        if line.startswith("equipot-"):
            key, *numbers = line.split()
            values[key[len("equipot-"):]] = [float(x) for x in numbers]
    for key in ("energy", "sum-atom-energy", "pressure", "sum-atom-stress", "volume"):
        if key not in values:
            sys.exit(f"{path}: no 'equipot-{key}' line (did the run fail?)")
    return values


def read_dump(path):
    lines = open(path).read().splitlines()
    bounds = lines.index("ITEM: BOX BOUNDS pp pp pp")
    box = [[float(x) for x in lines[bounds + k].split()] for k in (1, 2, 3)]
    start = next(k for k, line in enumerate(lines) if line.startswith("ITEM: ATOMS")) + 1
    atoms = [line.split() for line in lines[start:] if line.strip()]
    return box, [{"type": int(a[1]), "x": [float(v) for v in a[2:5]], "f": [float(v) for v in a[5:8]],
                  "pe": float(a[8])} for a in atoms]


def rel(a, b, scale):
    return abs(a - b) / max(abs(scale), 1e-300)


def compare_forces(name, atoms, forces, reference_name):
    scale = max(max(abs(c) for c in f) for f in forces)
    worst = max(rel(a["f"][k], f[k], scale) for a, f in zip(atoms, forces) for k in range(3))
    check(worst < tolerance['force'], f"{name}: forces differ from {reference_name} by {worst:.3g} (relative to max |F|)")


def evaluate(equipot, model, xyz, reference):
    command = [equipot, "evaluate", model, xyz] + (["--reference"] if reference else [])
    out = subprocess.run(command, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{out.stderr}")
    result = {"forces": [], "atom_energies": []}
    for line in out.stdout.splitlines():
        words = line.split()
        if words and words[0] == "energy":
            result["energy"] = float(words[1])
        elif words and words[0] == "virial":
            result["virial"] = [float(x) for x in words[1:]]
        elif words and words[0] == "atom":
            result["atom_energies"].append(float(words[3]))
            result["forces"].append([float(x) for x in words[4:7]])
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--equipot", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--species", nargs="+", required=True)
    parser.add_argument("--runs", nargs="+", required=True)
    parser.add_argument("--energy-rtol", type=float, default=tolerance["energy"])
    parser.add_argument("--force-rtol", type=float, default=tolerance["force"])
    parser.add_argument("--without-reference", action="store_true",
                        help="compare with the standalone engine only (a build without LibTorch has no reference)")
    args = parser.parse_args()
    tolerance.update(energy=args.energy_rtol, force=args.force_rtol)

    runs = {name: (read_log(f"{args.dir}/{name}.log"), read_dump(f"{args.dir}/{name}.forces")) for name in args.runs}
    base_name = args.runs[0]
    base_log, (box, base_atoms) = runs[base_name]

    for name, (log, (_, atoms)) in runs.items():
        energy = log["energy"][0]
        check(rel(log["sum-atom-energy"][0], energy, energy) < tolerance['energy'],
              f"{name}: per-atom energies sum to {log['sum-atom-energy'][0]!r}, total is {energy!r}")
        pv = [p * log["volume"][0] for p in log["pressure"]]  # = virial * nktv2p at rest
        for k in range(6):
            check(rel(-log["sum-atom-stress"][k], pv[k], max(abs(x) for x in pv)) < tolerance['energy'],
                  f"{name}: per-atom virial component {k} sums to {-log['sum-atom-stress'][k]!r}, global is {pv[k]!r}")
        if name != base_name:
            check(rel(energy, base_log["energy"][0], energy) < tolerance['energy'],
                  f"{name}: energy {energy!r} differs from {base_name} {base_log['energy'][0]!r}")
            for k in range(6):
                check(rel(log["pressure"][k], base_log["pressure"][k], max(map(abs, base_log["pressure"]))) < tolerance['energy'],
                      f"{name}: pressure component {k} differs from {base_name}")
            compare_forces(name, atoms, [a["f"] for a in base_atoms], base_name)
            worst_pe = max(rel(a["pe"], b["pe"], max(abs(c["pe"]) for c in base_atoms)) for a, b in zip(atoms, base_atoms))
            check(worst_pe < tolerance['energy'], f"{name}: per-atom energies differ from {base_name} by {worst_pe:.3g}")

    # The baseline structure, evaluated outside LAMMPS by the engine and by the reference.
    xyz = f"{args.dir}/{base_name}.xyz"
    lengths = [hi - lo for lo, hi in box]
    with open(xyz, "w") as out:
        out.write(f"{len(base_atoms)}\n")
        out.write('Lattice="{!r} 0 0 0 {!r} 0 0 0 {!r}" Properties=species:S:1:pos:R:3 pbc="T T T"\n'.format(*lengths))
        for a in base_atoms:
            out.write("{} {!r} {!r} {!r}\n".format(args.species[a["type"] - 1], *a["x"]))
    virial_lammps = [p * base_log["volume"][0] / NKTV2P_METAL for p in base_log["pressure"]]
    standalone = (("engine", False),) if args.without_reference else (("engine", False), ("reference", True))
    for label, reference in standalone:
        result = evaluate(args.equipot, args.model, xyz, reference)
        energy = base_log["energy"][0]
        check(rel(result["energy"], energy, energy) < tolerance['energy'],
              f"{base_name} vs standalone {label}: energy {energy!r} vs {result['energy']!r}")
        compare_forces(f"{base_name} vs standalone {label}", base_atoms, result["forces"], label)
        scale = max(map(abs, result["virial"]))
        for k in range(6):
            check(rel(virial_lammps[k], result["virial"][k], scale) < tolerance['energy'],
                  f"{base_name} vs standalone {label}: virial component {k} {virial_lammps[k]!r} vs {result['virial'][k]!r}")

    for message in failures:
        print("FAILED:", message)
    print(f"compared {len(runs)} LAMMPS runs with the standalone {' and '.join(label for label, _ in standalone)}: "
          f"{'all agree' if not failures else f'{len(failures)} check(s) failed'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
