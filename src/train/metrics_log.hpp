#pragma once
// What a person watches during training: one line per epoch on the console and one row per
// epoch in metrics.csv (epoch 0: the validation errors before the first step).
#include <fstream>
#include <string>

#include "train/error_statistics.hpp"

namespace equipot {

struct EpochMetrics {
  int epoch = 0;
  double learning_rate = 0;
  double train_loss = 0;  // NaN for epoch 0
  ErrorStatistics train;
  double validation_loss = 0;
  ErrorStatistics validation;
  double seconds = 0;  // wall time of the epoch
};

// The CSV header, also the column names docs/training.md explains.
extern const char* const kMetricsColumns;

class MetricsLog {
 public:
  // A fresh file, or (resuming) the existing one with the rows after last_epoch dropped:
  // they belong to an epoch the checkpoint does not have.
  MetricsLog(const std::string& path, bool resume, int last_epoch);
  void append(const EpochMetrics& metrics);

 private:
  std::ofstream out_;
};

// "epoch  12/100  lr 5.0e-03  train E/atom ... | val E/atom ... F mae ... rmse ... S ..."
std::string metrics_line(const EpochMetrics& metrics, int total_epochs);

// "1 h 02 min", "3 min 05 s", "12.3 s".
std::string format_duration(double seconds);

}  // namespace equipot
