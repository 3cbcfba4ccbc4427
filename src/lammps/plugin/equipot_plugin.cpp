// Entry point of equipotplugin.so: `plugin load equipotplugin.so` registers pair_style equipot
// in a LAMMPS built with the PLUGIN package but without equipot compiled in.
#include "lammpsplugin.h"
#include "pair_equipot.h"
#include "version.h"

using namespace LAMMPS_NS;

static Pair *equipot_creator(LAMMPS *lmp) { return new PairEquipot(lmp); }

extern "C" void lammpsplugin_init(void *lmp, void *handle, void *regfunc) {
  lammpsplugin_t plugin;
  plugin.version = LAMMPS_VERSION;
  plugin.style = "pair";
  plugin.name = "equipot";
  plugin.info = "equipot equivariant message-passing potential (" EQUIPOT_VERSION ")";
  plugin.author = "The equipot developers";
  plugin.creator.v1 = reinterpret_cast<lammpsplugin_factory1 *>(&equipot_creator);
  plugin.handle = handle;
  reinterpret_cast<lammpsplugin_regfunc>(regfunc)(&plugin, lmp);
}
