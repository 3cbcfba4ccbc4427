#pragma once
// Paths that are not regular files, told apart for error messages: a directory, or a FIFO,
// socket or device, which would block a reader or fail in the middle of a read. Readers check
// (f)stat's mode before reading and report the problem with the file's name.
#include <sys/stat.h>

#include <string>

namespace equipot::core {

// Empty for a regular file, else e.g. "is a directory, not a file" or "is not a regular file
// (a FIFO)".
inline std::string irregular_file_problem(mode_t mode) {
  if (S_ISREG(mode)) return "";
  if (S_ISDIR(mode)) return "is a directory, not a file";
  const char* kind = S_ISFIFO(mode)   ? "FIFO"
                     : S_ISSOCK(mode) ? "socket"
                     : S_ISCHR(mode)  ? "character device"
                     : S_ISBLK(mode)  ? "block device"
                                      : "special file";
  return std::string("is not a regular file (a ") + kind + ")";
}

}  // namespace equipot::core
