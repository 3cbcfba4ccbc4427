#pragma once
// Errors in data files (extended XYZ, configs of data sets): the message starts with
// "file:line:" so that editors and users can jump to the problem.
#include <stdexcept>
#include <string>

namespace equipot {

class DataError : public std::runtime_error {
 public:
  explicit DataError(const std::string& what) : std::runtime_error(what) {}
};

}  // namespace equipot
