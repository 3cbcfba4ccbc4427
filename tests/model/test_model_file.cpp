// The model file: round trip, and every kind of bad file rejected with a message that names
// the file and the problem. Bad files are made by editing a valid file's decoded pickle.
#include <gtest/gtest.h>
#include <torch/serialize.h>
#include <torch/torch.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <limits>

#include "model/data_range.hpp"
#include "model/initialise.hpp"
#include "model/model_error.hpp"
#include "model/model_file.hpp"

namespace equipot {
namespace {

using Dict = c10::impl::GenericDict;

Hyperparameters small_hyperparameters() {
  Hyperparameters h;
  h.species = {"Si", "O"};
  h.r_cut = 4.5;
  h.num_basis = 4;
  h.num_layers = 2;
  h.l_max = 2;
  h.channels = 3;
  h.radial_hidden = {5};
  h.readout_hidden = 4;
  h.avg_num_neighbors = 12.5;
  return h;
}

class ModelFile : public ::testing::Test {
 protected:
  void SetUp() override {
    model_ = initialise_model(small_hyperparameters(), 7);
    path_ = ::testing::TempDir() + "equipot_model_file_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".pt";
    write_model_file(model_, path_);
  }
  void TearDown() override { std::remove(path_.c_str()); }

  // Decodes the valid file, lets edit change the pickle, and returns the re-encoded bytes.
  std::vector<char> edited(const std::function<void(Dict&)>& edit) const {
    c10::IValue root = torch::pickle_load(read_file_bytes(path_));
    Dict dict = root.toGenericDict();
    edit(dict);
    return torch::pickle_save(dict);
  }
  static Dict section(Dict& root, const char* key) { return root.at(key).toGenericDict(); }

  // The message decode_model gives for bytes; fails the test if they are accepted.
  std::string rejection(const std::vector<char>& bytes) const {
    try {
      decode_model(bytes, "bad.pt");
    } catch (const ModelError& e) {
      return e.what();
    }
    ADD_FAILURE() << "the bad model file was accepted";
    return "";
  }

  Model model_;
  std::string path_;
};

TEST_F(ModelFile, RoundTripKeepsHyperparametersAndWeights) {
  const Model back = read_model_file(path_);
  EXPECT_EQ(back.hyper.species, model_.hyper.species);
  EXPECT_EQ(back.hyper.units, "metal");
  EXPECT_EQ(back.hyper.r_cut, 4.5);
  EXPECT_EQ(back.hyper.radial_hidden, std::vector<int>{5});
  EXPECT_EQ(back.hyper.avg_num_neighbors, 12.5);
  ASSERT_EQ(back.weights.size(), model_.weights.size());
  for (const auto& [name, tensor] : model_.weights) {
    EXPECT_EQ(back.weight(name).shape, tensor.shape) << name;
    EXPECT_EQ(back.weight(name).values, tensor.values) << name;
  }
}

TEST_F(ModelFile, KeepsTheDataRangeAndReadsFilesWithoutOne) {
  EXPECT_FALSE(read_model_file(path_).data_range.recorded());  // as every file before it
  Structure dimer;
  dimer.positions = {{0, 0, 0}, {0, 0, 1.7}, {0, 3.5, 0}};
  dimer.species = {0, 1, 1};
  model_.data_range = measure_data_range({dimer}, 2, model_.hyper.r_cut);
  EXPECT_EQ(model_.data_range.shortest, (std::vector<double>{4.5, 1.7, 1.7, std::sqrt(3.5 * 3.5 + 1.7 * 1.7)}));
  EXPECT_EQ(model_.data_range.atoms, (std::vector<int64_t>{1, 2}));
  write_model_file(model_, path_);
  const Model back = read_model_file(path_);
  EXPECT_EQ(back.data_range.shortest, model_.data_range.shortest);
  EXPECT_EQ(back.data_range.atoms, model_.data_range.atoms);
}

TEST_F(ModelFile, RejectsABadDataRange) {
  model_.data_range.shortest = {1.0, 2.0, 2.5, 1.0};
  model_.data_range.atoms = {3, 4};
  EXPECT_THROW(
      {
        try {
          write_model_file(model_, path_);
        } catch (const ModelError& e) {
          EXPECT_STREQ(e.what(), "data_range: the shortest distances are not symmetric");
          throw;
        }
      },
      ModelError);
  auto msg = rejection(edited([](Dict& root) {
    Dict range(c10::StringType::get(), c10::AnyType::get());
    range.insert("shortest", c10::List<double>({1.0, 2.0, 2.0}));
    range.insert("atoms", c10::List<int64_t>({3, 4}));
    root.insert_or_assign("data_range", range);
  }));
  EXPECT_EQ(msg, "model file 'bad.pt': data_range: 3 shortest distances for 2 species (expected 4)");
}

TEST_F(ModelFile, SameSeedSameModelOtherSeedOtherModel) {
  const std::vector<double> a = initialise_model(small_hyperparameters(), 7).weight("layers.1.up.2").values;
  const std::vector<double> b = initialise_model(small_hyperparameters(), 8).weight("layers.1.up.2").values;
  EXPECT_EQ(a, model_.weight("layers.1.up.2").values);
  EXPECT_NE(a, b);
}

TEST_F(ModelFile, RejectsMissingFile) {
  EXPECT_THROW(
      {
        try {
          read_model_file("/nonexistent/equipot.pt");
        } catch (const ModelError& e) {
          EXPECT_STREQ(e.what(), "cannot open model file '/nonexistent/equipot.pt': No such file or directory");
          throw;
        }
      },
      ModelError);
}

// The message read_file_bytes gives for path; fails the test if it reads the path.
std::string read_rejection(const std::string& path) {
  try {
    read_file_bytes(path);
  } catch (const ModelError& e) {
    return e.what();
  }
  ADD_FAILURE() << path << " was read";
  return "";
}

TEST_F(ModelFile, RejectsDirectory) {
  const std::string dir = ::testing::TempDir();
  EXPECT_EQ(read_rejection(dir), "model file '" + dir + "' is a directory, not a file");
}

TEST_F(ModelFile, RejectsFifoWithoutWaitingForAWriter) {
  const std::string fifo = path_ + ".fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_EQ(read_rejection(fifo), "model file '" + fifo + "' is not a regular file (a FIFO)");
  std::remove(fifo.c_str());
}

TEST_F(ModelFile, RejectsCharacterDevice) {
  EXPECT_EQ(read_rejection("/dev/zero"), "model file '/dev/zero' is not a regular file (a character device)");
}

TEST_F(ModelFile, RejectsFileTooLargeToBroadcast) {
  // Sparse: 3 GiB of size, no disk blocks, never read.
  const std::string huge = path_ + ".huge";
  const int fd = ::open(huge.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::ftruncate(fd, 3LL << 30), 0);
  ::close(fd);
  EXPECT_EQ(read_rejection(huge),
            "model file '" + huge + "' is 3221225472 bytes, more than the 2147483647 a model file may have");
  std::remove(huge.c_str());
}

// A file without read permission. Root reads it regardless, so as root the check runs in a
// child process that has become the unprivileged user nobody (65534) first.
TEST_F(ModelFile, RejectsUnreadableFile) {
  ASSERT_EQ(::chmod(path_.c_str(), 0), 0);
  const std::string expected = "cannot open model file '" + path_ + "': Permission denied";
  if (::geteuid() != 0) {
    EXPECT_EQ(read_rejection(path_), expected);
    return;
  }
  int pipe_fds[2];
  ASSERT_EQ(::pipe(pipe_fds), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::close(pipe_fds[0]);
    std::string message = "could not drop root";
    if (::setgid(65534) == 0 && ::setuid(65534) == 0) {
      try {
        read_file_bytes(path_);
        message = "read it";
      } catch (const ModelError& e) {
        message = e.what();
      }
    }
    (void)!::write(pipe_fds[1], message.data(), message.size());
    ::_exit(0);
  }
  ::close(pipe_fds[1]);
  std::string message;
  char buffer[512];
  for (ssize_t got; (got = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0;) message.append(buffer, got);
  ::close(pipe_fds[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  EXPECT_EQ(message, expected);
}

TEST_F(ModelFile, RejectsSizesThatOverflowAnInt) {
  auto msg = rejection(edited([](Dict& root) {
    section(root, "metadata").insert_or_assign("channels", int64_t{(1LL << 32) + 3});
  }));
  EXPECT_EQ(msg, "model file 'bad.pt' metadata: 'channels' holds 4294967299, which does not fit in a 32-bit integer");
  auto widths = rejection(edited([](Dict& root) {
    section(root, "metadata").insert_or_assign("radial_hidden", c10::List<int64_t>({5, -(1LL << 40)}));
  }));
  EXPECT_EQ(widths,
            "model file 'bad.pt' metadata: 'radial_hidden' holds -1099511627776, which does not fit in a 32-bit integer");
}

TEST_F(ModelFile, RejectsEmptyAndTruncatedFiles) {
  EXPECT_EQ(rejection({}), "model file 'bad.pt' is empty");
  std::vector<char> bytes = read_file_bytes(path_);
  bytes.resize(bytes.size() / 2);
  EXPECT_NE(rejection(bytes).find("model file 'bad.pt' is not a readable torch pickle"), std::string::npos);
}

TEST_F(ModelFile, RejectsAnotherFormat) {
  auto msg = rejection(edited([](Dict& root) { root.insert_or_assign("format", std::string("nequip")); }));
  EXPECT_EQ(msg, "model file 'bad.pt': format is 'nequip', expected 'equipot-model'");
}

TEST_F(ModelFile, RejectsWrongVersion) {
  auto msg = rejection(edited([](Dict& root) { root.insert_or_assign("format_version", int64_t{7}); }));
  EXPECT_EQ(msg, "model file 'bad.pt': format version 7 is not supported (this equipot reads version 1)");
}

TEST_F(ModelFile, RejectsUnknownUnits) {
  auto msg = rejection(edited([](Dict& root) { section(root, "metadata").insert_or_assign("units", std::string("lj")); }));
  EXPECT_EQ(msg, "model file 'bad.pt': units: unknown units 'lj' (known: metal, real)");
}

TEST_F(ModelFile, RejectsMissingMetadata) {
  auto msg = rejection(edited([](Dict& root) { EXPECT_EQ(section(root, "metadata").erase("r_cut"), 1u); }));
  EXPECT_EQ(msg, "model file 'bad.pt' metadata: 'r_cut' is missing");
}

TEST_F(ModelFile, RejectsWrongShape) {
  auto msg = rejection(edited([](Dict& root) {
    section(root, "weights").insert_or_assign("layers.0.up.1", torch::zeros({3, 4}, torch::kDouble));
  }));
  EXPECT_EQ(msg, "model file 'bad.pt': weight 'layers.0.up.1' has shape [3, 4], expected [3, 3] from the hyperparameters");
}

TEST_F(ModelFile, RejectsNaNWeights) {
  auto msg = rejection(edited([](Dict& root) {
    auto w = torch::zeros({4, 1}, torch::kDouble);
    w[2][0] = std::numeric_limits<double>::quiet_NaN();
    section(root, "weights").insert_or_assign("readout.1", w);
  }));
  EXPECT_EQ(msg, "model file 'bad.pt': weight 'readout.1' has a non-finite value (nan) at flat index 2");
}

TEST_F(ModelFile, RejectsMissingAndUnexpectedWeights) {
  auto missing = rejection(edited([](Dict& root) { EXPECT_EQ(section(root, "weights").erase("species_shift"), 1u); }));
  EXPECT_EQ(missing, "model file 'bad.pt': missing weight 'species_shift'");
  auto extra = rejection(edited([](Dict& root) {
    section(root, "weights").insert_or_assign("layers.2.up.0", torch::zeros({3, 3}, torch::kDouble));
  }));
  EXPECT_EQ(extra, "model file 'bad.pt': unexpected weight 'layers.2.up.0' (not part of this architecture)");
}

TEST_F(ModelFile, RejectsSinglePrecisionWeights) {
  auto msg = rejection(edited([](Dict& root) {
    section(root, "weights").insert_or_assign("embedding", torch::zeros({2, 3}, torch::kFloat));
  }));
  EXPECT_EQ(msg, "model file 'bad.pt': weight 'embedding' has dtype Float, expected float64");
}

}  // namespace
}  // namespace equipot
