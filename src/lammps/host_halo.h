/* -*- c++ -*- */
#pragma once
// LAMMPS's host communication callbacks for the halo exchange an engine is in, behind a header
// free of Kokkos (the pair style's). LAMMPS calls the pair style's pack_*_comm with host
// buffers; the pair style hands them here. The adapter (lammps_adapter.h) implements it, staging
// its device rows through host memory when LAMMPS takes the host path.
namespace equipot::lammps {

class HostHalo {
 public:
  virtual ~HostHalo() = default;
  // Forward: buf := the rows of atoms list[0..n-1]; returns the doubles packed.
  virtual int pack_forward(int n, const int *list, double *buf) = 0;
  // Forward: the rows of atoms first..first+n-1 := buf.
  virtual void unpack_forward(int n, int first, const double *buf) = 0;
  // Reverse: buf := the rows of atoms first..first+n-1, which are cleared; returns the doubles.
  virtual int pack_reverse(int n, int first, double *buf) = 0;
  // Reverse: the rows of atoms list[0..n-1] += buf.
  virtual void unpack_reverse(int n, const int *list, const double *buf) = 0;
};

}  // namespace equipot::lammps
