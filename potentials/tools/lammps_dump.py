"""Reader of LAMMPS text dumps (dump custom / write_dump, orthogonal boxes), shared by the data
and validation scripts of the potentials."""


def read_dump(path):
    """Yields (step, bounds, rows) per frame: bounds are three (lo, hi) float pairs, rows the
    atom lines split into words, in file order."""
    with open(path) as f:
        lines = f.read().splitlines()
    i = 0
    while i < len(lines):
        step = int(lines[i + 1])
        natoms = int(lines[i + 3])
        bounds = [tuple(map(float, lines[i + 5 + k].split()[:2])) for k in range(3)]
        rows = [lines[i + 9 + k].split() for k in range(natoms)]
        yield step, bounds, rows
        i += 9 + natoms
