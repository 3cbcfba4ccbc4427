#pragma once
// PNG pictures drawn by gnuplot (Debian's gnuplot-nox, headless): learning curves from
// metrics.csv and parity plots of predicted against reference values. The numbers behind a
// parity plot are kept next to it (NAME.dat). Without gnuplot the functions say so on
// warnings and return false; training and evaluation go on.
#include <ostream>
#include <string>
#include <vector>

namespace equipot {

struct ParityPoints {
  std::vector<double> reference, predicted;
};

bool plot_learning_curves(const std::string& metrics_csv, const std::string& png, std::ostream& warnings);

// quantity names the axes, e.g. "energy per atom (eV)".
bool plot_parity(const ParityPoints& points, const std::string& png, const std::string& quantity,
                 std::ostream& warnings);

}  // namespace equipot
