#include "data/extxyz_reader.hpp"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <utility>

#include "core/file_type.hpp"
#include "data/data_error.hpp"

namespace equipot {
namespace {

using KeyValues = std::vector<std::pair<std::string, std::string>>;

// key=value pairs of the comment line; quoted values keep their spaces.
KeyValues parse_comment(const std::string& line, std::string& problem) {
  KeyValues pairs;
  size_t k = 0;
  auto skip_space = [&] { while (k < line.size() && std::isspace(static_cast<unsigned char>(line[k]))) ++k; };
  auto read_token = [&]() {
    std::string token;
    if (k < line.size() && line[k] == '"') {
      for (++k; k < line.size() && line[k] != '"'; ++k) {
        if (line[k] == '\\' && k + 1 < line.size()) ++k;
        token += line[k];
      }
      if (k >= line.size()) {
        problem = "unterminated quote in the comment line";
        return token;
      }
      ++k;
      return token;
    }
    while (k < line.size() && !std::isspace(static_cast<unsigned char>(line[k])) && line[k] != '=') token += line[k++];
    return token;
  };
  for (skip_space(); k < line.size() && problem.empty(); skip_space()) {
    std::string key = read_token();
    if (key.empty()) {
      problem = "unexpected character '" + std::string(1, line[k]) + "' in the comment line";
      break;
    }
    skip_space();
    if (k < line.size() && line[k] == '=') {
      ++k;
      skip_space();
      pairs.emplace_back(key, read_token());
    } else {
      pairs.emplace_back(key, "T");
    }
  }
  return pairs;
}

const std::string* find_value(const KeyValues& pairs, const std::string& key) {
  for (const auto& [k, v] : pairs)
    if (k == key) return &v;
  return nullptr;
}

bool parse_double(const std::string& text, double& value) {
  if (text.empty()) return false;
  char* end = nullptr;
  errno = 0;
  value = std::strtod(text.c_str(), &end);
  return errno == 0 && *end == '\0' && std::isfinite(value);
}

std::vector<std::string> split(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

struct Column {
  std::string name;
  char type;  // S, R, I or L
  int count;
  int first;  // first whitespace-separated field of the atom line
};

}  // namespace

ExtxyzReader::ExtxyzReader(const std::string& path, ExtxyzKeys keys) : path_(path), keys_(std::move(keys)) {
  // Checked before opening: an ifstream on a FIFO would wait for a writer.
  struct stat info {};
  if (::stat(path.c_str(), &info) == 0) {
    const std::string irregular = core::irregular_file_problem(info.st_mode);
    if (!irregular.empty()) throw DataError("data file '" + path + "' " + irregular);
  }
  in_.open(path);
  if (!in_) throw DataError("cannot open data file '" + path + "': " + std::strerror(errno));
}

void ExtxyzReader::fail(const std::string& problem) const {
  throw DataError(path_ + ":" + std::to_string(line_number_) + ": frame " + std::to_string(frame_number_) + ": " +
                  problem);
}

bool ExtxyzReader::next(Frame& frame) {
  std::string line;
  do {
    if (!std::getline(in_, line)) return false;
    ++line_number_;
  } while (split(line).empty());  // blank lines between frames are tolerated
  ++frame_number_;
  frame = Frame{};
  frame.origin = path_ + ":" + std::to_string(line_number_) + ": frame " + std::to_string(frame_number_);

  double count_value = 0;
  const auto count_words = split(line);
  if (count_words.size() != 1 || !parse_double(count_words[0], count_value) || count_value < 1 ||
      count_value != std::floor(count_value))
    fail("expected the number of atoms, found '" + line + "'");
  if (count_value > kMaxAtomsPerFrame)
    fail("the frame declares " + count_words[0] + " atoms, more than the " + std::to_string(kMaxAtomsPerFrame) +
         " a frame may have");
  const int n_atoms = static_cast<int>(count_value);

  if (!std::getline(in_, line)) fail("file ends before the comment line");
  ++line_number_;
  std::string problem;
  const KeyValues pairs = parse_comment(line, problem);
  if (!problem.empty()) fail(problem);

  auto numbers = [&](const std::string& key, const std::string& text) {
    std::vector<double> values;
    for (const auto& word : split(text)) {
      double v;
      if (!parse_double(word, v)) fail("'" + key + "' has a value that is not a finite number: '" + word + "'");
      values.push_back(v);
    }
    return values;
  };

  const std::string* lattice = find_value(pairs, "Lattice");
  if (lattice) {
    const auto v = numbers("Lattice", *lattice);
    if (v.size() != 9) fail("'Lattice' needs 9 numbers, found " + std::to_string(v.size()));
    for (int a = 0; a < 3; ++a)
      for (int c = 0; c < 3; ++c) frame.cell[a][c] = v[3 * a + c];
    frame.pbc = {true, true, true};
  }
  if (const std::string* pbc = find_value(pairs, "pbc")) {
    const auto flags = split(*pbc);
    if (flags.size() != 3) fail("'pbc' needs 3 flags (T or F), found '" + *pbc + "'");
    for (int a = 0; a < 3; ++a) {
      const std::string& f = flags[a];
      if (f == "T" || f == "True" || f == "true" || f == "1")
        frame.pbc[a] = true;
      else if (f == "F" || f == "False" || f == "false" || f == "0")
        frame.pbc[a] = false;
      else
        fail("'pbc' flag '" + f + "' is neither T nor F");
    }
    if (!lattice && (frame.pbc[0] || frame.pbc[1] || frame.pbc[2])) fail("'pbc' is periodic but there is no 'Lattice'");
  }
  if (const std::string* energy = find_value(pairs, keys_.energy)) {
    const auto v = numbers(keys_.energy, *energy);
    if (v.size() != 1) fail("'" + keys_.energy + "' needs one number");
    frame.energy = v[0];
  }
  if (const std::string* virial = find_value(pairs, keys_.virial)) {
    const auto v = numbers(keys_.virial, *virial);
    if (v.size() != 9) fail("'" + keys_.virial + "' needs 9 numbers, found " + std::to_string(v.size()));
    frame.virial = std::array<double, 9>{};
    std::copy(v.begin(), v.end(), frame.virial->begin());
  } else if (const std::string* stress = find_value(pairs, keys_.stress)) {
    auto v = numbers(keys_.stress, *stress);
    if (v.size() == 6)  // Voigt xx yy zz yz xz xy
      v = {v[0], v[5], v[4], v[5], v[1], v[3], v[4], v[3], v[2]};
    if (v.size() != 9) fail("'" + keys_.stress + "' needs 9 or 6 numbers, found " + std::to_string(v.size()));
    if (!lattice) fail("'" + keys_.stress + "' is given but there is no 'Lattice' to give the volume");
    const auto& c = frame.cell;
    const double volume = std::abs(c[0][0] * (c[1][1] * c[2][2] - c[1][2] * c[2][1]) -
                                   c[0][1] * (c[1][0] * c[2][2] - c[1][2] * c[2][0]) +
                                   c[0][2] * (c[1][0] * c[2][1] - c[1][1] * c[2][0]));
    frame.virial = std::array<double, 9>{};
    for (int k = 0; k < 9; ++k) (*frame.virial)[k] = -volume * v[k];
  }

  // Columns of the atom lines.
  const std::string* properties = find_value(pairs, "Properties");
  const std::string layout = properties ? *properties : "species:S:1:pos:R:3";
  std::vector<Column> columns;
  {
    std::vector<std::string> parts;
    std::stringstream in(layout);
    for (std::string part; std::getline(in, part, ':');) parts.push_back(part);
    if (parts.size() % 3 != 0) fail("'Properties' must be name:type:count triples, found '" + layout + "'");
    int field = 0;
    for (size_t k = 0; k < parts.size(); k += 3) {
      const std::string& type = parts[k + 1];
      double count = 0;
      if (type.size() != 1 || std::string("SRIL").find(type[0]) == std::string::npos)
        fail("'Properties' column '" + parts[k] + "' has unknown type '" + type + "' (S, R, I or L)");
      if (!parse_double(parts[k + 2], count) || count < 1 || count != std::floor(count))
        fail("'Properties' column '" + parts[k] + "' has a bad count '" + parts[k + 2] + "'");
      if (field + count > kMaxColumns)
        fail("'Properties' declares more than " + std::to_string(kMaxColumns) + " columns per atom line");
      columns.push_back({parts[k], type[0], static_cast<int>(count), field});
      field += static_cast<int>(count);
    }
  }
  auto column = [&](const std::string& name, char type, int count, bool required) -> const Column* {
    for (const auto& c : columns)
      if (c.name == name) {
        if (c.type != type || c.count != count)
          fail("'Properties' column '" + name + "' must be " + std::string(1, type) + ":" + std::to_string(count));
        return &c;
      }
    if (required) fail("'Properties' has no '" + name + "' column");
    return nullptr;
  };
  const Column* species = column("species", 'S', 1, true);
  const Column* pos = column("pos", 'R', 3, true);
  const Column* forces = column(keys_.forces, 'R', 3, false);
  const int n_fields = columns.back().first + columns.back().count;

  frame.symbols.reserve(n_atoms);
  frame.positions.reserve(n_atoms);
  if (forces) frame.forces.emplace();
  for (int atom = 0; atom < n_atoms; ++atom) {
    if (!std::getline(in_, line))
      fail("file ends after " + std::to_string(atom) + " of " + std::to_string(n_atoms) + " atom lines");
    ++line_number_;
    const auto fields = split(line);
    if (static_cast<int>(fields.size()) != n_fields)
      fail("atom line has " + std::to_string(fields.size()) + " columns, 'Properties' declares " +
           std::to_string(n_fields));
    auto vec3 = [&](const Column* c) {
      Vec3 v;
      for (int k = 0; k < 3; ++k)
        if (!parse_double(fields[c->first + k], v[k]))
          fail("'" + c->name + "' value '" + fields[c->first + k] + "' is not a finite number");
      return v;
    };
    frame.symbols.push_back(fields[species->first]);
    frame.positions.push_back(vec3(pos));
    if (forces) frame.forces->push_back(vec3(forces));
  }
  return true;
}

std::vector<Frame> read_extxyz(const std::string& path, const ExtxyzKeys& keys) {
  ExtxyzReader reader(path, keys);
  std::vector<Frame> frames;
  for (Frame frame; reader.next(frame);) frames.push_back(std::move(frame));
  return frames;
}

}  // namespace equipot
