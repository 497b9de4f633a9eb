/*
 * For `npm run bench -- --slow-fsync-us <n>` only (scripts/bench/run-benchmarks.ts builds and preloads it): every
 * fsync and fdatasync waits <n> microseconds (SLOW_FSYNC_US) before doing the real one, so a local disk behaves
 * like network storage. Nothing else changes: the data still reaches the disk before the call returns.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <unistd.h>

static void wait_first(void) {
  const char *us = getenv("SLOW_FSYNC_US");
  if (us) usleep((useconds_t)atoi(us));
}

int fsync(int fd) {
  static int (*real)(int);
  if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
  wait_first();
  return real(fd);
}

int fdatasync(int fd) {
  static int (*real)(int);
  if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
  wait_first();
  return real(fd);
}
