#include "lammps_model.h"

#include <mpi.h>

#include "comm.h"
#include "error.h"
#include "lammps.h"
#include "model/model_error.hpp"
#include "model/model_file.hpp"
#include "update.h"
#include "utils.h"

namespace equipot::lammps {

namespace {

// Broadcasts rank 0's text to every rank.
std::string broadcast_text(LAMMPS_NS::LAMMPS* lmp, std::string text) {
  int size = static_cast<int>(text.size());
  MPI_Bcast(&size, 1, MPI_INT, 0, lmp->world);
  text.resize(size);
  MPI_Bcast(text.data(), size, MPI_CHAR, 0, lmp->world);
  return text;
}

}  // namespace

Model load_model(LAMMPS_NS::LAMMPS* lmp, const std::string& style, const std::string& path) {
  // Rank 0 reads and broadcasts either the bytes or why it could not read them: every rank
  // then fails or decodes together, so nobody hangs.
  std::string bytes, read_error;
  if (lmp->comm->me == 0) {
    try {
      const std::vector<char> raw = read_file_bytes(path);
      bytes.assign(raw.begin(), raw.end());
    } catch (const ModelError& e) {
      read_error = e.what();
    }
  }
  read_error = broadcast_text(lmp, read_error);
  if (!read_error.empty()) lmp->error->all(FLERR, "pair_style {}: {}", style, read_error);
  bytes = broadcast_text(lmp, bytes);
  try {
    return decode_model(std::vector<char>(bytes.begin(), bytes.end()), path);
  } catch (const ModelError& e) {
    lmp->error->all(FLERR, "pair_style {}: {}", style, e.what());
  }
  return {};
}

std::vector<int> map_types(LAMMPS_NS::LAMMPS* lmp, const std::string& style, const Model& model,
                           const std::vector<std::string>& names) {
  const auto& species = model.hyper.species;
  std::vector<int> map{-1};
  for (const auto& name : names) {
    if (name == "NULL") {
      map.push_back(-1);
      continue;
    }
    int found = -1;
    for (int s = 0; s < static_cast<int>(species.size()); ++s)
      if (species[s] == name) found = s;
    if (found < 0) {
      std::string known;
      for (const auto& s : species) known += " " + s;
      lmp->error->all(FLERR, "pair_coeff for {}: species '{}' is not in the model (model species:{})", style, name,
                      known);
    }
    map.push_back(found);
  }
  return map;
}

double energy_conversion(LAMMPS_NS::LAMMPS* lmp, const std::string& style, const std::string& path,
                         const Model& model) {
  const std::string lammps_units = lmp->update->unit_style;
  const std::string& model_units = model.hyper.units;
  if (lammps_units == model_units) return 1.0;
  // metal and real share the Angstrom; only the energy unit (eV vs kcal/mol) differs.
  if (model_units == "metal" && lammps_units == "real")
    return LAMMPS_NS::utils::get_conversion_factor(LAMMPS_NS::utils::ENERGY, LAMMPS_NS::utils::METAL2REAL);
  if (model_units == "real" && lammps_units == "metal")
    return LAMMPS_NS::utils::get_conversion_factor(LAMMPS_NS::utils::ENERGY, LAMMPS_NS::utils::REAL2METAL);
  lmp->error->all(FLERR, "pair_style {}: model file '{}' is in '{}' units but LAMMPS uses '{}' units; only metal "
                         "and real convert into each other",
                  style, path, model_units, lammps_units);
  return 0.0;
}

}  // namespace equipot::lammps
