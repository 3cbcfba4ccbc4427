#include "train/train_config.hpp"

#include <filesystem>
#include <set>

#include "config/model_config.hpp"
#include "config/yaml_values.hpp"

namespace equipot {
namespace {

using config::value_as;
using config::where;

// Reads one key of a section with its range check; the error names file, line and key.
class SectionReader {
 public:
  SectionReader(const std::string& path, const YAML::Node& section) : path_(path), section_(section) {}

  double number(const std::string& key, double fallback, double low, double high, const char* range) const {
    if (!section_[key]) return fallback;
    const auto value = value_as<double>(path_, key, section_[key], "a number");
    if (!(value >= low && value <= high)) fail(key, range);
    return value;
  }
  int integer(const std::string& key, int fallback, int low, const char* range) const {
    if (!section_[key]) return fallback;
    const auto value = value_as<int>(path_, key, section_[key], "an integer");
    if (value < low) fail(key, range);
    return value;
  }
  std::string text(const std::string& key, const std::string& fallback) const {
    if (!section_[key]) return fallback;
    return value_as<std::string>(path_, key, section_[key], "a string");
  }
  [[noreturn]] void fail(const std::string& key, const char* range) const {
    throw ConfigError(where(path_, section_[key]) + ": '" + key + "' must be " + range);
  }

 private:
  const std::string& path_;
  const YAML::Node& section_;
};

constexpr double kHuge = 1e300;

// Paths in the config are relative to the config's folder, so a run does not depend on the
// working directory.
std::string relative_to_config(const std::string& config_path, const std::string& path) {
  if (path.empty() || std::filesystem::path(path).is_absolute()) return path;
  return (std::filesystem::path(config_path).parent_path() / path).lexically_normal().string();
}

void read_data(const std::string& path, const YAML::Node& section, TrainConfig& c) {
  config::require_known_keys(path, section, "data",
                             {"train", "validation", "validation_fraction", "energy_key", "forces_key",
                              "stress_key", "virial_key"});
  const SectionReader read(path, section);
  if (!section["train"]) throw ConfigError(where(path, section) + ": 'data' needs 'train' (an extended XYZ file)");
  c.data.train = relative_to_config(path, read.text("train", ""));
  c.data.validation = relative_to_config(path, read.text("validation", ""));
  c.data.validation_fraction = read.number("validation_fraction", 0.1, 0.0, 1.0, "between 0 and 1");
  if (c.data.validation.empty() && !(c.data.validation_fraction > 0 && c.data.validation_fraction < 1))
    read.fail("validation_fraction", "between 0 and 1 (exclusive) when there is no 'validation' file");
  c.data.keys.energy = read.text("energy_key", c.data.keys.energy);
  c.data.keys.forces = read.text("forces_key", c.data.keys.forces);
  c.data.keys.stress = read.text("stress_key", c.data.keys.stress);
  c.data.keys.virial = read.text("virial_key", c.data.keys.virial);
}

void read_loss(const std::string& path, const YAML::Node& section, TrainConfig& c) {
  config::require_known_keys(path, section, "loss", {"energy_per_atom", "forces", "stress"});
  const SectionReader read(path, section);
  c.loss.energy_per_atom = read.number("energy_per_atom", c.loss.energy_per_atom, 0, kHuge, "a number >= 0");
  c.loss.forces = read.number("forces", c.loss.forces, 0, kHuge, "a number >= 0");
  c.loss.stress = read.number("stress", c.loss.stress, 0, kHuge, "a number >= 0");
  if (c.loss.energy_per_atom + c.loss.forces + c.loss.stress <= 0)
    throw ConfigError(where(path, section) + ": 'loss' needs at least one weight > 0");
}

void read_optimizer(const std::string& path, const YAML::Node& section, TrainConfig& c) {
  config::require_known_keys(path, section, "optimizer",
                             {"name", "learning_rate", "weight_decay", "ema_decay", "max_gradient_norm"});
  const SectionReader read(path, section);
  auto& o = c.optimizer;
  o.name = read.text("name", o.name);
  if (o.name != "adam" && o.name != "adamw") read.fail("name", "'adam' or 'adamw'");
  o.learning_rate = read.number("learning_rate", o.learning_rate, 1e-300, kHuge, "a number > 0");
  o.weight_decay = read.number("weight_decay", o.weight_decay, 0, kHuge, "a number >= 0");
  o.ema_decay = read.number("ema_decay", o.ema_decay, 0, 1, "between 0 and 1");
  if (o.ema_decay == 1) read.fail("ema_decay", "below 1 (0 turns the average off)");
  o.max_gradient_norm = read.number("max_gradient_norm", o.max_gradient_norm, 0, kHuge, "a number >= 0");
}

void read_training(const std::string& path, const YAML::Node& section, TrainConfig& c) {
  config::require_known_keys(path, section, "training",
                             {"epochs", "batch_size", "seed", "threads", "lr_factor", "lr_patience",
                              "min_learning_rate", "early_stopping_patience"});
  const SectionReader read(path, section);
  c.epochs = read.integer("epochs", c.epochs, 1, "an integer >= 1");
  c.batch_size = read.integer("batch_size", c.batch_size, 1, "an integer >= 1");
  c.threads = read.integer("threads", c.threads, 0, "an integer >= 0 (0: every core)");
  if (section["seed"]) {
    const auto& node = section["seed"];
    if (value_as<long long>(path, "seed", node, "a non-negative integer") < 0) read.fail("seed", "a non-negative integer");
    c.seed = value_as<uint64_t>(path, "seed", node, "a non-negative integer");
  }
  auto& s = c.schedule;
  s.lr_factor = read.number("lr_factor", s.lr_factor, 1e-300, 1, "between 0 (exclusive) and 1");
  s.lr_patience = read.integer("lr_patience", s.lr_patience, 0, "an integer >= 0");
  s.min_learning_rate = read.number("min_learning_rate", s.min_learning_rate, 0, kHuge, "a number >= 0");
  s.early_stopping_patience =
      read.integer("early_stopping_patience", s.early_stopping_patience, 0, "an integer >= 0 (0: never stop early)");
}

}  // namespace

TrainConfig read_train_config(const std::string& path) {
  const YAML::Node root = config::load_yaml_file(path);
  if (!root.IsMap()) throw ConfigError(path + ": expected a mapping with 'data', 'model', ...");
  config::require_known_keys(path, root, "top level", {"data", "model", "loss", "optimizer", "training", "output", "init_from"});
  if (!root["data"]) throw ConfigError(path + ": missing section 'data'");
  if (!root["model"]) throw ConfigError(path + ": missing section 'model'");

  TrainConfig c;
  read_data(path, root["data"], c);
  c.model = read_model_section(path, root["model"]);
  c.avg_num_neighbors_given = static_cast<bool>(root["model"]["avg_num_neighbors"]);
  if (root["loss"]) read_loss(path, root["loss"], c);
  if (root["optimizer"]) read_optimizer(path, root["optimizer"], c);
  if (root["training"]) read_training(path, root["training"], c);
  if (root["init_from"])
    c.initial_model =
        relative_to_config(path, value_as<std::string>(path, "init_from", root["init_from"], "a model file"));
  if (root["output"]) {
    c.output_directory = relative_to_config(path, value_as<std::string>(path, "output", root["output"], "a folder name"));
    if (c.output_directory.empty()) throw ConfigError(where(path, root["output"]) + ": 'output' must be a folder name");
  } else {
    c.output_directory = relative_to_config(path, c.output_directory);
  }
  return c;
}

}  // namespace equipot
