#include "runtime_libraries.hpp"

#include <dlfcn.h>

#include <climits>
#include <cstdlib>

namespace equipot::cli {
namespace {

// The symbol as the dynamic linker resolves it for this process, or null.
void* resolved(const char* symbol) { return dlsym(RTLD_DEFAULT, symbol); }

std::string file_defining(void* address) {
  Dl_info info{};
  if (!dladdr(address, &info) || !info.dli_fname) return "an unknown library";
  char real[PATH_MAX];
  return realpath(info.dli_fname, real) ? real : info.dli_fname;
}

}  // namespace

std::string allocator_in_use() {
  using Mallctl = int (*)(const char*, void*, size_t*, void*, size_t);
  const auto mallctl = reinterpret_cast<Mallctl>(resolved("mallctl"));
  const char* version = nullptr;
  size_t size = sizeof version;
  if (mallctl && mallctl("version", &version, &size, nullptr, 0) == 0 && version)
    return std::string("jemalloc ") + version + " (" + file_defining(reinterpret_cast<void*>(mallctl)) + ")";
  return "the C library's malloc";
}

std::string blas_in_use() {
  void* dgemm = resolved("dgemm_");
  if (!dgemm) return "none loaded";
  std::string text = file_defining(dgemm);
  using Config = const char* (*)();
  if (const auto openblas_config = reinterpret_cast<Config>(resolved("openblas_get_config")))
    text += " (" + std::string(openblas_config()) + ")";
  return text;
}

}  // namespace equipot::cli
