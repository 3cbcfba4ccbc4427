#!/usr/bin/env python3
"""Checks that two LAMMPS runs ended in the same state: the "equipot-final" lines of their logs
and the positions, velocities and forces of their .state dumps agree to a relative 1e-9.

usage: compare_states.py RUN_A RUN_B   (paths without the .log / .state suffix)
"""
import sys

TOLERANCE = 1e-9


def final_line(path):
    lines = [line.split() for line in open(path) if line.startswith("equipot-final")]
    if not lines:
        sys.exit(f"{path}: no 'equipot-final' line (did the run fail?)")
    words = lines[-1]
    return {words[k]: float(words[k + 1]) for k in range(1, len(words) - 1, 2)}


def atoms(path):
    lines = open(path).read().splitlines()
    start = next(k for k, line in enumerate(lines) if line.startswith("ITEM: ATOMS")) + 1
    return {int(w[0]): [float(x) for x in w[1:]] for w in (line.split() for line in lines[start:] if line.strip())}


def main():
    a, b = sys.argv[1], sys.argv[2]
    failures = []
    final_a, final_b = final_line(a + ".log"), final_line(b + ".log")
    for key in final_a:
        scale = max(abs(final_a[key]), 1e-12)
        if abs(final_a[key] - final_b[key]) > TOLERANCE * scale:
            failures.append(f"{key}: {final_a[key]!r} vs {final_b[key]!r}")
    atoms_a, atoms_b = atoms(a + ".state"), atoms(b + ".state")
    if atoms_a.keys() != atoms_b.keys():
        failures.append("the runs have different atoms")
    else:
        worst = max(abs(x - y) / max(abs(x), 1.0) for i in atoms_a for x, y in zip(atoms_a[i], atoms_b[i]))
        if worst > TOLERANCE:
            failures.append(f"positions, velocities or forces differ by {worst:.3g}")
    for message in failures:
        print("FAILED:", message)
    print(f"{a} and {b}: {'same final state' if not failures else 'different final states'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
