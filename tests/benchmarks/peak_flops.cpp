// The fp64 peak of one core, measured: chains of fused multiply-adds on registers of the widest
// SIMD width the build targets (AVX-512, AVX or SSE2), enough independent chains to cover the
// FMA units' latency. Prints "peak_gflops G simd_bits B"; the best of several runs of about
// 0.2 s. tests/benchmarks/lammps/run.sh divides the engine's FLOP rate by it.
#include <chrono>
#include <cstdio>

namespace {

#if defined(__AVX512F__)
constexpr int kBytes = 64;
#elif defined(__AVX__)
constexpr int kBytes = 32;
#else
constexpr int kBytes = 16;
#endif
typedef double Vector __attribute__((vector_size(kBytes)));
constexpr int kLanes = kBytes / 8;
// Latency 4 x 2 FMA units = 8 in flight on current x86 cores; 12 leaves headroom.
constexpr int kChains = 12;

double seconds_for(long iterations, double *checksum) {
  Vector acc[kChains], a, b;
  for (int l = 0; l < kLanes; ++l) {
    a[l] = 0.999999;
    b[l] = 1e-6;
  }
  for (int k = 0; k < kChains; ++k) acc[k] = a * (k + 1);
  const auto start = std::chrono::steady_clock::now();
  for (long n = 0; n < iterations; ++n)
    for (int k = 0; k < kChains; ++k) acc[k] = acc[k] * a + b;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (int k = 0; k < kChains; ++k)
    for (int l = 0; l < kLanes; ++l) *checksum += acc[k][l];
  return seconds;
}

}  // namespace

int main() {
  const long iterations = 20'000'000;
  double best = 0, checksum = 0;
  for (int run = 0; run < 7; ++run) {
    const double gflops = 2.0 * kChains * kLanes * iterations / seconds_for(iterations, &checksum) * 1e-9;
    if (gflops > best) best = gflops;
  }
  std::printf("peak_gflops %.1f simd_bits %d checksum %.6g\n", best, kBytes * 8, checksum);
  return 0;
}
