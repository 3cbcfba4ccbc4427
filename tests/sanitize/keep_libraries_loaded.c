/* Preloaded into the sanitizer lane's LAMMPS runs (tests/sanitize/lammps_environment.sh):
 * dlclose does nothing, so the Open MPI components that MPI_Finalize unloads stay mapped until
 * exit. LeakSanitizer then symbolises their process-lifetime allocations and lsan.supp can name
 * their libraries; unloaded, they show as "<unknown module>" frames that no suppression can name.
 * Open MPI 4.1 has no setting that keeps its components loaded. */
int dlclose(void *handle) {
  (void)handle;
  return 0;
}
