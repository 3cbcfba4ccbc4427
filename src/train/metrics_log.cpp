#include "train/metrics_log.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>
#include <vector>

#include "data/data_error.hpp"

namespace equipot {
namespace {

// Empty for NaN, so that spreadsheets and gnuplot see a missing value.
std::string csv_number(double value) {
  if (std::isnan(value)) return "";
  char text[32];
  std::snprintf(text, sizeof text, "%.9g", value);
  return text;
}

std::string short_number(double value) {
  if (std::isnan(value)) return "   -    ";
  char text[32];
  std::snprintf(text, sizeof text, "%.2e", value);
  return text;
}

std::string errors_text(const ErrorStatistics& e) {
  return "E/atom " + short_number(e.energy_per_atom.mae()) + "  F mae " + short_number(e.forces.mae()) + " rmse " +
         short_number(e.forces.rmse()) + "  S " + short_number(e.stress.mae());
}

}  // namespace

const char* const kMetricsColumns =
    "epoch,learning_rate,train_loss,train_energy_mae_per_atom,train_force_mae,train_force_rmse,train_stress_mae,"
    "validation_loss,validation_energy_mae_per_atom,validation_force_mae,validation_force_rmse,validation_stress_mae,"
    "seconds";

MetricsLog::MetricsLog(const std::string& path, bool resume, int last_epoch) {
  std::vector<std::string> kept;
  if (resume) {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line == kMetricsColumns) continue;
      if (std::stoi(line.substr(0, line.find(','))) <= last_epoch) kept.push_back(line);
    }
  }
  out_.open(path, std::ios::trunc);
  if (!out_) throw DataError("cannot write '" + path + "'");
  out_ << kMetricsColumns << '\n';
  for (const auto& line : kept) out_ << line << '\n';
  out_.flush();
}

void MetricsLog::append(const EpochMetrics& m) {
  const auto& t = m.train;
  const auto& v = m.validation;
  out_ << m.epoch << ',' << csv_number(m.learning_rate) << ',' << csv_number(m.train_loss) << ','
       << csv_number(t.energy_per_atom.mae()) << ',' << csv_number(t.forces.mae()) << ','
       << csv_number(t.forces.rmse()) << ',' << csv_number(t.stress.mae()) << ',' << csv_number(m.validation_loss)
       << ',' << csv_number(v.energy_per_atom.mae()) << ',' << csv_number(v.forces.mae()) << ','
       << csv_number(v.forces.rmse()) << ',' << csv_number(v.stress.mae()) << ',' << csv_number(m.seconds) << '\n';
  out_.flush();
}

std::string metrics_line(const EpochMetrics& m, int total_epochs) {
  std::ostringstream line;
  char head[64];
  std::snprintf(head, sizeof head, "epoch %4d/%d  lr %.1e  ", m.epoch, total_epochs, m.learning_rate);
  line << head;
  if (m.epoch > 0) line << "train " << errors_text(m.train) << "  | ";
  line << "val " << errors_text(m.validation);
  return line.str();
}

std::string format_duration(double seconds) {
  char text[48];
  if (seconds < 60) {
    std::snprintf(text, sizeof text, "%.1f s", seconds);
  } else if (seconds < 3600) {
    const long s = std::lround(seconds);
    std::snprintf(text, sizeof text, "%ld min %02ld s", s / 60, s % 60);
  } else {
    const long m = std::lround(seconds / 60);
    std::snprintf(text, sizeof text, "%ld h %02ld min", m / 60, m % 60);
  }
  return text;
}

}  // namespace equipot
