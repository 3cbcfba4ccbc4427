#include "data/extxyz_writer.hpp"

#include <cstdio>
#include <string>

namespace equipot {
namespace {

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", value);
  return text;
}

bool has_cell(const Frame& frame) {
  for (const Vec3& row : frame.cell)
    for (double v : row)
      if (v != 0) return true;
  return false;
}

}  // namespace

void write_extxyz(std::ostream& out, const Frame& frame) {
  out << frame.num_atoms() << '\n';
  if (has_cell(frame)) {
    out << "Lattice=\"";
    for (int k = 0; k < 9; ++k) out << (k ? " " : "") << number(frame.cell[k / 3][k % 3]);
    out << "\" ";
  }
  out << "Properties=species:S:1:pos:R:3" << (frame.forces ? ":forces:R:3" : "");
  if (frame.energy) out << " energy=" << number(*frame.energy);
  if (frame.virial) {
    out << " virial=\"";
    for (int k = 0; k < 9; ++k) out << (k ? " " : "") << number((*frame.virial)[k]);
    out << '"';
  }
  out << " pbc=\"";
  for (int d = 0; d < 3; ++d) out << (d ? " " : "") << (frame.pbc[d] ? 'T' : 'F');
  out << "\"\n";
  for (int i = 0; i < frame.num_atoms(); ++i) {
    out << frame.symbols[i];
    for (double x : frame.positions[i]) out << ' ' << number(x);
    if (frame.forces)
      for (double f : (*frame.forces)[i]) out << ' ' << number(f);
    out << '\n';
  }
}

}  // namespace equipot
