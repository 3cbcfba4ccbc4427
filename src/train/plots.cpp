#include "train/plots.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace equipot {
namespace {

// A gnuplot double-quoted string.
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

bool gnuplot_available() { return std::system("command -v gnuplot > /dev/null 2>&1") == 0; }

// Runs the script with gnuplot; its messages go to warnings if it fails.
bool run_gnuplot(const std::string& script, const std::string& png, std::ostream& warnings) {
  if (!gnuplot_available()) {
    warnings << "equipot: gnuplot not found, no " << png << " (install gnuplot-nox for pictures)\n";
    return false;
  }
  const std::string script_path = png + ".gp", log_path = png + ".log";
  std::ofstream(script_path) << script;
  const int status = std::system(("gnuplot " + quoted(script_path) + " > " + quoted(log_path) + " 2>&1").c_str());
  std::ifstream log(log_path);
  std::stringstream messages;
  messages << log.rdbuf();
  std::filesystem::remove(script_path);
  std::filesystem::remove(log_path);
  if (status != 0 || !std::filesystem::exists(png)) {
    warnings << "equipot: gnuplot could not draw " << png << ":\n" << messages.str();
    return false;
  }
  return true;
}

std::string png_terminal(const std::string& png, int width, int height) {
  return "set terminal pngcairo size " + std::to_string(width) + "," + std::to_string(height) +
         " font 'sans,10'\nset output " + quoted(png) + "\n";
}

}  // namespace

bool plot_learning_curves(const std::string& metrics_csv, const std::string& png, std::ostream& warnings) {
  // Columns of kMetricsColumns: 4/9 energy MAE per atom, 5/10 force MAE (train/validation).
  const std::string data = quoted(metrics_csv);
  std::string script = png_terminal(png, 900, 900);
  script +=
      "set datafile separator ','\n"
      "set datafile missing ''\n"
      "set multiplot layout 2,1\n"
      "set logscale y\nset grid\nset xlabel 'epoch'\n"
      "set ylabel 'force MAE'\n"
      "plot " + data + " skip 1 using 1:5 with linespoints title 'train', " + data +
      " skip 1 using 1:10 with linespoints title 'validation'\n"
      "set ylabel 'energy MAE per atom'\n"
      "plot " + data + " skip 1 using 1:4 with linespoints title 'train', " + data +
      " skip 1 using 1:9 with linespoints title 'validation'\n"
      "unset multiplot\n";
  return run_gnuplot(script, png, warnings);
}

bool plot_parity(const ParityPoints& points, const std::string& png, const std::string& quantity,
                 std::ostream& warnings) {
  const std::string data_path = std::filesystem::path(png).replace_extension(".dat").string();
  {
    std::ofstream out(data_path);
    out << "# reference predicted: " << quantity << '\n';
    out.precision(12);
    for (size_t k = 0; k < points.reference.size(); ++k) out << points.reference[k] << ' ' << points.predicted[k] << '\n';
  }
  const std::string data = quoted(data_path);
  std::string script = png_terminal(png, 700, 700);
  script += "set size square\nset grid\nset key top left\n"
            "set xlabel " + quoted("reference " + quantity) + "\nset ylabel " + quoted("predicted " + quantity) + "\n"
            "plot " + data + " using 1:1 with lines lc 'gray' title 'y = x', " + data +
            " using 1:2 with points pt 7 ps 0.5 lc 'blue' title " + quoted(std::to_string(points.reference.size()) + " values") +
            "\n";
  return run_gnuplot(script, png, warnings);
}

}  // namespace equipot
