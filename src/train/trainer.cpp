#include "train/trainer.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <limits>
#include <optional>
#include <sstream>
#include <thread>

#include "config/config_error.hpp"
#include "data/data_error.hpp"
#include "model/data_range.hpp"
#include "model/initialise.hpp"
#include "model/model_file.hpp"
#include "train/data_statistics.hpp"
#include "train/error_table.hpp"
#include "train/interrupt.hpp"
#include "train/metrics_log.hpp"
#include "train/plots.hpp"
#include "train/shuffle.hpp"

namespace equipot {
namespace {

using Clock = std::chrono::steady_clock;

// Fine-tuning needs the config's architecture to be the model file's (avg_num_neighbors aside,
// which comes from the file).
void require_same_architecture(const Hyperparameters& file, const Hyperparameters& config, const std::string& path) {
  auto list = [](const auto& values) {
    std::string text;
    for (const auto& v : values) {
      std::ostringstream item;
      item << v;
      text += (text.empty() ? "" : " ") + item.str();
    }
    return "[" + text + "]";
  };
  const std::vector<std::array<std::string, 3>> fields{
      {"species", list(file.species), list(config.species)},
      {"units", file.units, config.units},
      {"r_cut", std::to_string(file.r_cut), std::to_string(config.r_cut)},
      {"num_basis", std::to_string(file.num_basis), std::to_string(config.num_basis)},
      {"cutoff_p", std::to_string(file.cutoff_p), std::to_string(config.cutoff_p)},
      {"num_layers", std::to_string(file.num_layers), std::to_string(config.num_layers)},
      {"l_max", std::to_string(file.l_max), std::to_string(config.l_max)},
      {"channels", std::to_string(file.channels), std::to_string(config.channels)},
      {"radial_hidden", list(file.radial_hidden), list(config.radial_hidden)},
      {"readout_hidden", std::to_string(file.readout_hidden), std::to_string(config.readout_hidden)}};
  for (const auto& [name, in_file, in_config] : fields)
    if (in_file != in_config)
      throw ConfigError("init_from: model file '" + path + "' has " + name + " " + in_file + ", the config's model has " +
                        in_config + "; fine-tuning needs the same architecture");
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Without a validation file: a seeded fraction of the training file (at least one structure
// on either side).
void split(std::vector<LabelledStructure>& all, double fraction, uint64_t seed, const std::string& path,
           std::vector<LabelledStructure>& train, std::vector<LabelledStructure>& validation) {
  if (all.size() < 2) throw DataError(path + ": needs at least 2 frames to split off a validation set");
  const auto n_validation =
      std::clamp<size_t>(static_cast<size_t>(std::lround(fraction * all.size())), 1, all.size() - 1);
  const auto order = seeded_permutation(all.size(), seed, 0);
  for (size_t k = 0; k < order.size(); ++k) (k < n_validation ? validation : train).push_back(std::move(all[order[k]]));
}

std::vector<TrainingBatch> batches_in_order(const std::vector<LabelledStructure>& data, int batch_size, double r_cut) {
  std::vector<TrainingBatch> batches;
  for (size_t first = 0; first < data.size(); first += batch_size) {
    std::vector<const LabelledStructure*> items;
    for (size_t k = first; k < std::min(data.size(), first + batch_size); ++k) items.push_back(&data[k]);
    batches.push_back(make_training_batch(items, r_cut));
  }
  return batches;
}

std::vector<torch::Tensor> clones(const std::vector<torch::Tensor>& tensors) {
  std::vector<torch::Tensor> copies;
  for (const auto& t : tensors) copies.push_back(t.detach().clone());
  return copies;
}

void assign(std::vector<torch::Tensor>& targets, const std::vector<torch::Tensor>& values, const std::string& what) {
  if (values.size() != targets.size()) throw DataError("checkpoint: " + what + " do not match the model in the config");
  torch::NoGradGuard no_grad;
  for (size_t k = 0; k < targets.size(); ++k) {
    if (!values[k].sizes().equals(targets[k].sizes()))
      throw DataError("checkpoint: " + what + " do not match the model in the config");
    targets[k].copy_(values[k]);
  }
}

long count_atoms(const std::vector<LabelledStructure>& data) {
  long n = 0;
  for (const auto& item : data) n += item.structure.num_atoms();
  return n;
}

}  // namespace

Trainer::Trainer(const TrainConfig& config, bool resume, std::ostream& log)
    : config_(config), resume_(resume), log_(ranks_.is_root() ? log : silent_) {
  // Every core by default, shared among the ranks on one node.
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const int threads = config_.threads > 0 ? config_.threads : std::max(1, cores / ranks_.ranks_on_this_node());
  torch::set_num_threads(threads);

  const auto& species = config_.model.species;
  auto all = read_labelled(config_.data.train, species, config_.data.keys);
  if (config_.data.validation.empty()) {
    split(all, config_.data.validation_fraction, config_.seed, config_.data.train, train_, validation_);
  } else {
    train_ = std::move(all);
    validation_ = read_labelled(config_.data.validation, species, config_.data.keys);
  }

  const std::string checkpoint_path = output_path("checkpoint.pt");
  if (resume_) {
    Checkpoint checkpoint = read_checkpoint(checkpoint_path);
    if (checkpoint.state.seed != config_.seed)
      throw DataError(checkpoint_path + ": made with seed " + std::to_string(checkpoint.state.seed) +
                      ", the config says " + std::to_string(config_.seed));
    set_up_model(&checkpoint);
  } else {
    if (std::filesystem::exists(checkpoint_path))
      throw DataError("'" + config_.output_directory +
                      "' already holds a checkpoint: continue it with --resume, or choose another 'output'");
    set_up_model(nullptr);
  }
  validation_batches_ = batches_in_order(validation_, config_.batch_size, config_.model.r_cut);

  log_ << "equipot train: " << train_.size() << " training structures (" << count_atoms(train_) << " atoms), "
       << validation_.size() << " validation structures; " << ranks_.size() << " rank"
       << (ranks_.size() > 1 ? "s" : "") << " x " << threads << " thread" << (threads > 1 ? "s" : "")
       << "; avg_num_neighbors " << model_->hyperparameters().avg_num_neighbors << '\n';
}

Trainer::~Trainer() = default;

std::string Trainer::output_path(const std::string& name) const {
  return (std::filesystem::path(config_.output_directory) / name).string();
}

Model Trainer::initial_model(const Checkpoint* checkpoint) const {
  Hyperparameters hyper = config_.model;
  if (!checkpoint && !config_.initial_model.empty()) {
    Model start = read_model_file(config_.initial_model);
    hyper.avg_num_neighbors = start.hyper.avg_num_neighbors;
    require_same_architecture(start.hyper, hyper, config_.initial_model);
    return start;
  }
  if (checkpoint) {
    hyper.avg_num_neighbors = checkpoint->state.avg_num_neighbors;
  } else if (!config_.avg_num_neighbors_given) {
    hyper.avg_num_neighbors = average_num_neighbors(train_, hyper.r_cut);
  }
  Model initial = initialise_model(hyper, config_.seed);
  const auto shifts = fit_energy_shifts(train_, hyper.num_species());
  initial.weights.at("species_shift").values = shifts;
  initial.weights.at("species_scale").values.assign(hyper.num_species(), force_rms(train_));
  return initial;
}

void Trainer::set_up_model(Checkpoint* checkpoint) {
  const Model initial = initial_model(checkpoint);
  const Hyperparameters& hyper = initial.hyper;
  model_ = std::make_unique<ReferenceModel>(initial, /*requires_grad=*/true);

  // The shifts and scales stay as measured: they set the output scale, the rest learns.
  for (const auto& [name, w] : model_->weights()) {
    weights_.push_back(w);
    if (name == "species_shift" || name == "species_scale") {
      w.requires_grad_(false);
    } else {
      trainable_.push_back(w);
    }
  }
  const auto& o = config_.optimizer;
  if (o.name == "adamw") {
    optimizer_ = std::make_unique<torch::optim::AdamW>(
        trainable_, torch::optim::AdamWOptions(o.learning_rate).weight_decay(o.weight_decay));
  } else {
    optimizer_ = std::make_unique<torch::optim::Adam>(
        trainable_, torch::optim::AdamOptions(o.learning_rate).weight_decay(o.weight_decay));
  }
  average_ = std::make_unique<WeightAverage>(weights_, o.ema_decay);

  state_.learning_rate = o.learning_rate;
  state_.best_loss = std::numeric_limits<double>::infinity();
  state_.avg_num_neighbors = hyper.avg_num_neighbors;
  state_.seed = config_.seed;
  best_ = clones(weights_);
  if (!checkpoint) return;

  assign(weights_, checkpoint->weights, "weights");
  assign(average_->averages(), checkpoint->averages, "averaged weights");
  best_ = clones(checkpoint->best);
  optimizer_->load(checkpoint->optimizer);
  state_ = checkpoint->state;
  average_->set_updates(state_.average_updates);
  set_learning_rate(state_.learning_rate);
}

void Trainer::set_learning_rate(double lr) {
  for (auto& group : optimizer_->param_groups()) group.options().set_lr(lr);
  state_.learning_rate = lr;
}

// Whole validation batches go round the ranks; the sums come together on every rank.
double Trainer::validate(ErrorStatistics& errors) {
  double loss = 0;
  const auto ranks = static_cast<size_t>(ranks_.size());
  for (auto b = static_cast<size_t>(ranks_.rank()); b < validation_batches_.size(); b += ranks) {
    const auto& batch = validation_batches_[b];
    const auto predicted = model_->evaluate_batch(batch.graph);
    loss += batch_loss(predicted, batch, config_.loss, loss_scale(batch)).item<double>() *
            static_cast<double>(batch.graph.num_structures);
    add_batch_errors(predicted, batch, errors);
  }
  ranks_.sum(errors);
  return ranks_.sum(loss) / static_cast<double>(validation_.size());
}

void Trainer::update_schedule(double validation_loss, int epoch) {
  if (validation_loss < state_.best_loss) {
    state_.best_loss = validation_loss;
    state_.best_epoch = epoch;
    state_.epochs_since_best = 0;
    state_.epochs_since_lr_change = 0;
    best_ = clones(weights_);  // called while the averaged weights are swapped in
    return;
  }
  ++state_.epochs_since_best;
  if (++state_.epochs_since_lr_change <= config_.schedule.lr_patience) return;
  state_.epochs_since_lr_change = 0;
  const double reduced = std::max(state_.learning_rate * config_.schedule.lr_factor, config_.schedule.min_learning_rate);
  if (reduced < state_.learning_rate) {
    log_ << "  no improvement for " << config_.schedule.lr_patience + 1 << " epochs: learning rate "
         << state_.learning_rate << " -> " << reduced << '\n';
    set_learning_rate(reduced);
  }
}

TrainingOutcome Trainer::run() {
  std::optional<MetricsLog> metrics_log;
  if (ranks_.is_root()) {
    std::filesystem::create_directories(config_.output_directory);
    metrics_log.emplace(output_path("metrics.csv"), resume_, state_.epoch);
  }
  const double r_cut = config_.model.r_cut;
  const int S = config_.model.num_species();
  TrainingOutcome outcome;

  if (state_.epoch == 0) {
    EpochMetrics initial;
    initial.learning_rate = state_.learning_rate;
    initial.train_loss = std::numeric_limits<double>::quiet_NaN();
    initial.validation = ErrorStatistics(S);
    initial.validation_loss = validate(initial.validation);
    log_ << metrics_line(initial, config_.epochs) << std::endl;  // live in batch-job logs too
    if (metrics_log) metrics_log->append(initial);
  } else {
    log_ << "resuming after epoch " << state_.epoch << " (best so far: epoch " << state_.best_epoch << ")\n";
  }

  const auto session_start = Clock::now();
  const int first_epoch = state_.epoch + 1;
  const auto n_train = train_.size();
  const auto n_batches = static_cast<int>((n_train + config_.batch_size - 1) / config_.batch_size);
  for (int epoch = first_epoch; epoch <= config_.epochs; ++epoch) {
    const auto epoch_start = Clock::now();
    const auto order = seeded_permutation(n_train, config_.seed, static_cast<uint64_t>(epoch));
    EpochMetrics m;
    m.epoch = epoch;
    m.learning_rate = state_.learning_rate;
    m.train = ErrorStatistics(S);
    m.validation = ErrorStatistics(S);
    double loss_sum = 0;
    for (int b = 0; b < n_batches; ++b) {
      std::vector<const LabelledStructure*> items;
      for (size_t k = size_t(b) * config_.batch_size; k < std::min(n_train, size_t(b + 1) * config_.batch_size); ++k)
        items.push_back(&train_[order[k]]);
      const auto mine = ranks_.share(items);
      std::optional<TrainingBatch> share;
      if (!mine.empty()) share = make_training_batch(mine, r_cut);
      double loss = 0;
      const auto predicted = training_step(*model_, *optimizer_, trainable_, share ? &*share : nullptr, config_.loss,
                                           loss_scale(items), config_.optimizer.max_gradient_norm, ranks_, loss);
      average_->update();
      loss_sum += loss * static_cast<double>(items.size());
      if (share) add_batch_errors(predicted, *share, m.train);
      if (after_batch) after_batch(epoch, b);
      if (live_progress) log_ << "\repoch " << epoch << "/" << config_.epochs << "  batch " << b + 1 << "/" << n_batches << std::flush;
      if (ranks_.any(interrupt_requested())) {
        if (live_progress) log_ << '\n';
        log_ << "interrupted during epoch " << epoch << "; the checkpoint ";
        if (state_.epoch > 0) {
          log_ << "of epoch " << state_.epoch << " in " << output_path("checkpoint.pt") << " is intact\n";
        } else {
          log_ << "comes after the first epoch: there is none yet, start again\n";
        }
        outcome.last_epoch = state_.epoch;
        outcome.interrupted = true;
        return outcome;
      }
    }
    if (live_progress) log_ << '\r';
    m.train_loss = loss_sum / static_cast<double>(n_train);
    ranks_.sum(m.train);

    average_->swap();
    m.validation_loss = validate(m.validation);
    update_schedule(m.validation_loss, epoch);
    average_->swap();

    state_.epoch = epoch;
    state_.average_updates = average_->updates();
    m.seconds = seconds_since(epoch_start);
    const int done = epoch - first_epoch + 1;
    const double eta = seconds_since(session_start) / done * (config_.epochs - epoch);
    log_ << metrics_line(m, config_.epochs) << "  [" << format_duration(m.seconds) << ", ETA " << format_duration(eta)
         << ", " << ranks_.size() << (ranks_.size() > 1 ? " ranks" : " rank") << "]" << std::endl;
    if (ranks_.is_root()) {
      metrics_log->append(m);
      write_checkpoint(output_path("checkpoint.pt"), state_, weights_, average_->averages(), best_, *optimizer_);
    }

    const int patience = config_.schedule.early_stopping_patience;
    if (patience > 0 && state_.epochs_since_best >= patience) {
      log_ << "early stop: no improvement of the validation loss for " << patience << " epochs\n";
      outcome.stopped_early = true;
      break;
    }
  }
  outcome.last_epoch = state_.epoch;
  deploy(outcome);  // rank 0 writes the model, the others only learn its path
  return outcome;
}

void Trainer::deploy(TrainingOutcome& outcome) {
  assign(weights_, best_, "best weights");
  outcome.best_epoch = state_.best_epoch;
  outcome.best_validation_loss = state_.best_loss;
  outcome.model_path = output_path("model.pt");
  if (!ranks_.is_root()) return;
  const std::string temporary = outcome.model_path + ".tmp";
  Model model = model_->to_model();
  // The range of the training set, for the pair styles' warning outside it.
  std::vector<Structure> structures;
  for (const auto& item : train_) structures.push_back(item.structure);
  model.data_range = measure_data_range(structures, config_.model.num_species(), config_.model.r_cut);
  write_model_file(model, temporary);
  std::filesystem::rename(temporary, outcome.model_path);
  log_ << "best epoch " << state_.best_epoch << " (validation loss " << state_.best_loss << "): deployed "
       << outcome.model_path << '\n';

  // The deployed model on the validation set: the table and the parity plots.
  ErrorStatistics errors(config_.model.num_species());
  ParityPoints energy, forces;
  for (const auto& batch : validation_batches_) {
    const auto predicted = model_->evaluate_batch(batch.graph);
    add_batch_errors(predicted, batch, errors);
    const auto e_pred = (predicted.energies / batch.num_atoms).contiguous();
    const auto e_ref = (batch.energies / batch.num_atoms).contiguous();
    energy.predicted.insert(energy.predicted.end(), e_pred.data_ptr<double>(), e_pred.data_ptr<double>() + e_pred.numel());
    energy.reference.insert(energy.reference.end(), e_ref.data_ptr<double>(), e_ref.data_ptr<double>() + e_ref.numel());
    const auto f_pred = predicted.forces.contiguous();
    forces.predicted.insert(forces.predicted.end(), f_pred.data_ptr<double>(), f_pred.data_ptr<double>() + f_pred.numel());
    forces.reference.insert(forces.reference.end(), batch.forces.data_ptr<double>(),
                            batch.forces.data_ptr<double>() + batch.forces.numel());
  }
  log_ << "validation errors of the deployed model:\n";
  print_error_table(log_, errors, model_->hyperparameters());
  const std::string e = energy_unit(config_.model.units);
  plot_learning_curves(output_path("metrics.csv"), output_path("learning_curves.png"), log_);
  plot_parity(energy, output_path("energy_parity.png"), "energy per atom (" + e + "/atom)", log_);
  plot_parity(forces, output_path("force_parity.png"), "force component (" + e + "/A)", log_);
}

}  // namespace equipot
