#pragma once
// Reads the e3nn reference values (docs/core.md, "Tests") whose path CMake passes in
// EQUIPOT_E3NN_REFERENCE_JSON.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

namespace equipot::test {

inline const nlohmann::json& e3nn_reference() {
  static const nlohmann::json reference = [] {
    std::ifstream in(EQUIPOT_E3NN_REFERENCE_JSON);
    if (!in) throw std::runtime_error("cannot open " EQUIPOT_E3NN_REFERENCE_JSON);
    return nlohmann::json::parse(in);
  }();
  return reference;
}

}  // namespace equipot::test
