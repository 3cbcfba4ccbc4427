#include "train/checkpoint.hpp"

#include <filesystem>

#include "data/data_error.hpp"

namespace equipot {
namespace {

constexpr const char* kFormat = "equipot-checkpoint";
constexpr int64_t kVersion = 1;

// Archive keys become attribute names: plain "w0", "w1", ... rather than dotted weight names.
void write_tensors(torch::serialize::OutputArchive& archive, const std::string& key,
                   const std::vector<torch::Tensor>& tensors) {
  torch::serialize::OutputArchive group;
  group.write("count", c10::IValue(static_cast<int64_t>(tensors.size())));
  for (size_t k = 0; k < tensors.size(); ++k) group.write("w" + std::to_string(k), tensors[k].detach(), true);
  archive.write(key, group);
}

std::vector<torch::Tensor> read_tensors(torch::serialize::InputArchive& archive, const std::string& key) {
  torch::serialize::InputArchive group;
  archive.read(key, group);
  c10::IValue count;
  group.read("count", count);
  std::vector<torch::Tensor> tensors(count.toInt());
  for (size_t k = 0; k < tensors.size(); ++k) group.read("w" + std::to_string(k), tensors[k], true);
  return tensors;
}

}  // namespace

void write_checkpoint(const std::string& path, const TrainingState& s, const std::vector<torch::Tensor>& weights,
                      const std::vector<torch::Tensor>& averages, const std::vector<torch::Tensor>& best,
                      const torch::optim::Optimizer& optimizer) {
  torch::serialize::OutputArchive archive;
  archive.write("format", c10::IValue(std::string(kFormat)));
  archive.write("format_version", c10::IValue(kVersion));
  archive.write("epoch", c10::IValue(static_cast<int64_t>(s.epoch)));
  archive.write("learning_rate", c10::IValue(s.learning_rate));
  archive.write("best_loss", c10::IValue(s.best_loss));
  archive.write("best_epoch", c10::IValue(static_cast<int64_t>(s.best_epoch)));
  archive.write("epochs_since_best", c10::IValue(static_cast<int64_t>(s.epochs_since_best)));
  archive.write("epochs_since_lr_change", c10::IValue(static_cast<int64_t>(s.epochs_since_lr_change)));
  archive.write("average_updates", c10::IValue(s.average_updates));
  archive.write("avg_num_neighbors", c10::IValue(s.avg_num_neighbors));
  archive.write("seed", c10::IValue(static_cast<int64_t>(s.seed)));
  write_tensors(archive, "weights", weights);
  write_tensors(archive, "averages", averages);
  write_tensors(archive, "best", best);
  torch::serialize::OutputArchive optimizer_archive;
  optimizer.save(optimizer_archive);
  archive.write("optimizer", optimizer_archive);

  const std::string temporary = path + ".tmp";
  archive.save_to(temporary);
  std::filesystem::rename(temporary, path);
}

Checkpoint read_checkpoint(const std::string& path) {
  if (!std::filesystem::exists(path)) throw DataError("no checkpoint '" + path + "' to resume from");
  Checkpoint c;
  try {
    torch::serialize::InputArchive archive;
    archive.load_from(path);
    c10::IValue value;
    archive.read("format", value);
    if (!value.isString() || value.toStringRef() != kFormat) throw DataError(path + ": not an equipot checkpoint");
    archive.read("format_version", value);
    if (value.toInt() != kVersion)
      throw DataError(path + ": checkpoint format version " + std::to_string(value.toInt()) + ", this build reads " +
                      std::to_string(kVersion));
    auto integer = [&](const char* key) {
      archive.read(key, value);
      return value.toInt();
    };
    auto number = [&](const char* key) {
      archive.read(key, value);
      return value.toDouble();
    };
    c.state.epoch = static_cast<int>(integer("epoch"));
    c.state.learning_rate = number("learning_rate");
    c.state.best_loss = number("best_loss");
    c.state.best_epoch = static_cast<int>(integer("best_epoch"));
    c.state.epochs_since_best = static_cast<int>(integer("epochs_since_best"));
    c.state.epochs_since_lr_change = static_cast<int>(integer("epochs_since_lr_change"));
    c.state.average_updates = integer("average_updates");
    c.state.avg_num_neighbors = number("avg_num_neighbors");
    c.state.seed = static_cast<uint64_t>(integer("seed"));
    c.weights = read_tensors(archive, "weights");
    c.averages = read_tensors(archive, "averages");
    c.best = read_tensors(archive, "best");
    archive.read("optimizer", c.optimizer);
  } catch (const c10::Error& e) {
    throw DataError(path + ": cannot read the checkpoint: " + e.what_without_backtrace());
  }
  return c;
}

}  // namespace equipot
