"""Turns the LAMMPS logs of validate.sh into the Markdown comparison table (stdout).

usage: /usr/bin/python3 report.py LOG_DIR MODEL LMP POTENTIALS LENGTH CELLS
LOG_DIR holds {crystal,melt_quench}-{sw,equipot}.log and runs.txt ("name seconds exit-code" lines).
"""
import datetime
import hashlib
import math
import os
import sys

import numpy as np

EV_PER_A3_IN_GPA = 160.21766208
POTENTIALS = ("sw", "equipot")

# (key, label with unit, decimals, whether a relative difference means something); keys are
# RESULT names of the LAMMPS scripts or of the fits here.
ROWS = [
    ("lattice_constant", "lattice constant, relaxed cell (Å)", 4, True),
    ("fit_lattice_constant", "lattice constant, minimum of E(V) (Å)", 4, True),
    ("cohesive_energy", "energy per atom of the crystal (eV)", 4, False),
    ("fit_bulk_modulus", "bulk modulus B, Birch-Murnaghan fit of E(V) (GPa)", 1, True),
    ("fit_bulk_modulus_derivative", "B' = dB/dP, same fit", 2, True),
    ("elastic_bulk_modulus", "bulk modulus (C11 + 2 C12) / 3 (GPa)", 1, True),
    ("C11", "C11 (GPa)", 1, True),
    ("C12", "C12 (GPa)", 1, True),
    ("C44", "C44, atoms relaxed (GPa)", 1, True),
    ("C44_unrelaxed", "C44, atoms not relaxed (GPa)", 1, True),
    ("vacancy_formation_energy", "vacancy formation energy, 64-site cell (eV)", 3, True),
    ("liquid_msd", "melt-quench: mean squared displacement over the 3000 K hold (Å^2)", 1, False),
    ("liquid_density", "melt-quench: density at 3000 K, end of the hold (g/cm^3)", 3, True),
    ("final_temperature", "melt-quench: temperature of the final 300 K hold (K)", 0, False),
    ("final_density", "melt-quench: density of the final 300 K hold (g/cm^3)", 3, True),
    ("final_energy", "melt-quench: energy per atom of the final 300 K hold (eV)", 4, False),
]


def read_log(path):
    """RESULT values, E(V) points and the first ERROR line of a LAMMPS log."""
    results, ev, error = {}, [], None
    if not os.path.exists(path):
        return results, ev, "no log"
    with open(path, errors="replace") as f:
        for line in f:
            words = line.split()
            if len(words) == 3 and words[0] == "RESULT":
                results[words[1]] = float(words[2])  # 'nan', '-nan', 'inf' parse too
            elif len(words) == 3 and words[0] == "EV":
                ev.append((float(words[1]), float(words[2])))
            elif error is None and line.startswith("ERROR"):
                error = line.strip()
    return results, ev, error


def birch_murnaghan(ev):
    """V0 (A^3/atom), B0 (GPa), B0' of the third-order Birch-Murnaghan equation, which is a
    cubic polynomial in x = V^(-2/3); None when the scan holds no minimum."""
    v, e = np.array(ev).T
    p = np.polyfit(v ** (-2.0 / 3.0), e, 3)
    d1, d2, d3 = (np.polyder(p, k) for k in (1, 2, 3))
    x_range = sorted(v[[0, -1]] ** (-2.0 / 3.0))
    minima = [r.real for r in np.roots(d1) if abs(r.imag) < 1e-12
              and x_range[0] <= r.real <= x_range[1] and np.polyval(d2, r.real) > 0]
    if not minima:
        return None
    x0 = minima[0]
    v0 = x0 ** -1.5
    # Derivatives of E(V) = p(x(V)) at V0, where dp/dx = 0.
    x1, x2 = -2.0 / 3.0 * v0 ** (-5.0 / 3.0), 10.0 / 9.0 * v0 ** (-8.0 / 3.0)
    e_vv = np.polyval(d2, x0) * x1 ** 2
    e_vvv = np.polyval(d3, x0) * x1 ** 3 + 3 * np.polyval(d2, x0) * x1 * x2
    return v0, v0 * e_vv * EV_PER_A3_IN_GPA, -1.0 - v0 * e_vvv / e_vv


def collect(log_dir, potential, runs):
    """All numbers for one potential, and notes on what went wrong."""
    values, notes = {}, []
    for script in ("crystal", "melt_quench"):
        name = f"{script}-{potential}"
        results, ev, error = read_log(os.path.join(log_dir, name + ".log"))
        values.update(results)
        code = runs.get(name, ("", "not run"))[1]
        if code != "0":
            reason = {"124": "timed out", "not run": "not run"}.get(code, f"exit code {code}")
            notes.append(f"{script}: {reason}" + (f", {error}" if error else ""))
        if len(ev) >= 5:
            fit = birch_murnaghan(ev)
            if fit is None:
                notes.append("crystal: E(V) has no minimum in the scanned range")
            else:
                v0, b0, b1 = fit
                values.update(fit_lattice_constant=(8 * v0) ** (1 / 3), fit_bulk_modulus=b0,
                              fit_bulk_modulus_derivative=b1)
    residual = values.get("residual_pressure_GPa", 0.0)
    if abs(residual) > 0.01:
        notes.append(f"crystal: the relaxation stopped at {residual:.3g} GPa, not at zero pressure")
    if "C11" in values and "C12" in values:
        values["elastic_bulk_modulus"] = (values["C11"] + 2 * values["C12"]) / 3
    bad = [k for k, x in values.items() if not math.isfinite(x)]
    if bad:
        notes.append("non-finite: " + ", ".join(sorted(bad)))
    return values, notes


def cell(values, key, decimals):
    x = values.get(key)
    return "-" if x is None else f"{x:.{decimals}f}"


def difference(ref, val, decimals, relative):
    if ref is None or val is None or not (math.isfinite(ref) and math.isfinite(val)):
        return "-"
    text = f"{val - ref:+.{decimals}f}"
    return text + (f" ({100 * (val - ref) / abs(ref):+.1f}%)" if relative and ref != 0 else "")


def shown_path(path):
    """The path relative to this folder when it is inside the repository, else as given."""
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(os.path.dirname(here)))
    return os.path.relpath(path, here) if os.path.commonpath([path, repo]) == repo else path


def main():
    log_dir, model, lmp, potentials, length, cells = sys.argv[1:7]
    with open(os.path.join(log_dir, "runs.txt")) as f:
        runs = {name: (seconds, code) for name, seconds, code in (line.split() for line in f)}
    data = {p: collect(log_dir, p, runs) for p in POTENTIALS}
    with open(model, "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()[:16]
    sites = 8 * int(cells) ** 3

    out = ["# Physical validation: equipot silicon model against Stillinger-Weber", ""]
    out.append(f"`bash validate.sh` on {datetime.date.today().isoformat()}, methods in README.md.")
    out.append("")
    out.append(f"- model: `{shown_path(model)}` (sha256 {sha}...)")
    out.append(f"- reference: `{potentials}/Si.sw` (pair_style sw)")
    out.append(f"- LAMMPS: `{lmp}`, 1 MPI rank, OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', '')}")
    out.append(f"- crystal: 64 atoms; melt-quench: {sites} sites less 2 vacancies, "
               f"{6.5 * float(length):g} ps (length {length})")
    out.append("- run times (s): " + ", ".join(f"{k} {v[0]}" for k, v in runs.items()))
    out.append("")
    out.append("| property | SW (reference) | equipot | difference |")
    out.append("|---|---|---|---|")
    sw, eq = data["sw"][0], data["equipot"][0]
    for key, label, decimals, relative in ROWS:
        out.append(f"| {label} | {cell(sw, key, decimals)} | {cell(eq, key, decimals)} | "
                   f"{difference(sw.get(key), eq.get(key), decimals, relative)} |")
    out.append("")
    for p in POTENTIALS:
        values, notes = data[p]
        complete = all(key in values for key, *_ in ROWS)
        status = "; ".join(notes) or ("all runs completed, all numbers finite" if complete
                                      else "incomplete")
        out.append(f"- {p}: {status}")
    print("\n".join(out))
    return 0 if not any(notes for _, notes in data.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
