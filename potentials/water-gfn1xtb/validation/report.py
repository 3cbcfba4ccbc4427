#!/usr/bin/env python3
"""Compares O-O radial distribution functions and checks that molecules stay whole.

usage: report.py SPCFW_RDF EQUIPOT_RDF EQUIPOT_DUMP EQUIPOT_LOG OUTPUT.md

The RDF files are LAMMPS `fix ave/time ... mode vector` output of `compute rdf` (one block,
the average). Experiment: X-ray diffraction at 295 K, Skinner et al., J. Chem. Phys. 138,
074506 (2013): first peak 2.80 A, height 2.57.
"""
import sys

import numpy as np


def read_rdf(path):
    rows = [line.split() for line in open(path) if line.strip() and not line.startswith("#")]
    blocks = [k for k, r in enumerate(rows) if len(r) == 2]
    table = np.array([[float(v) for v in r] for r in rows[blocks[-1] + 1:]])
    return table[:, 1], table[:, 2]


def features(r, g):
    peak = int(np.argmax(g))
    after = peak + int(np.argmin(g[peak:]))
    return r[peak], g[peak], r[after], g[after]


def molecule_check(dump):
    """Largest distance of an H from its nearest O, and the most O with 2 H within 1.25 A."""
    lines = open(dump).read().splitlines()
    worst, frames = 0.0, 0
    k = 0
    while k < len(lines):
        n = int(lines[k + 3])
        box = np.array([float(lines[k + 5 + d].split()[1]) - float(lines[k + 5 + d].split()[0]) for d in range(3)])
        atoms = np.array([[float(v) for v in lines[k + 9 + i].split()[1:5]] for i in range(n)])
        oxygen, hydrogen = atoms[atoms[:, 0] == 1, 1:], atoms[atoms[:, 0] == 2, 1:]
        d = hydrogen[:, None, :] - oxygen[None, :, :]
        d -= box * np.round(d / box)
        worst = max(worst, np.sqrt((d ** 2).sum(-1)).min(1).max())
        frames += 1
        k += 9 + n
    return worst, frames


def main():
    spcfw, equipot, dump, log, output = sys.argv[1:6]
    rows = [("O-O first peak position", "A", 2.80), ("O-O first peak height", "", 2.57),
            ("O-O first minimum position", "A", None), ("O-O first minimum height", "", None)]
    f_spcfw, f_equipot = features(*read_rdf(spcfw)), features(*read_rdf(equipot))
    worst, frames = molecule_check(dump)
    drift = [line.split()[2] for line in open(log) if line.startswith("RESULT nve_drift")]
    text = ["| O-O RDF at 300 K | equipot | SPC/Fw (sampler) | experiment |", "|---|---|---|---|"]
    for (name, unit, experiment), a, b in zip(rows, f_equipot, f_spcfw):
        text.append(f"| {name}{' (' + unit + ')' if unit else ''} | {a:.2f} | {b:.2f} | "
                    f"{'-' if experiment is None else experiment} |")
    text += ["", f"- largest H to nearest O distance over {frames} frames of the equipot run: {worst:.3f} A "
             f"(molecules {'whole' if worst < 1.3 else 'NOT whole'})",
             f"- NVE total energy drift: {drift[0] if drift else 'not found'} eV/atom/ps"]
    open(output, "w").write("\n".join(text) + "\n")
    print("\n".join(text))


main()
