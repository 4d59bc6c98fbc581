// ksmd-truth workload: one process with NPAGES anonymous 4 KiB pages, MADV_MERGEABLE.
// usage: workload NPAGES NREP PERIOD
//   pages [0, NREP) cycle through PERIOD contents (tokens 1..PERIOD);
//   pages [NREP, NPAGES) are all distinct (tokens 1000001, 1000002, ...).
// Page content = the kernel-oracle worker's page_bytes(token): 1024 words fmix32(fmix32(token) + i),
// so distinct tokens differ already in the first word (memcmp stops at once).
// Prints "ready PID" once the memory is filled and madvised, then blocks on stdin; exits on EOF.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#define PAGE 4096
static uint32_t fmix32(uint32_t h) {
  h ^= h >> 16; h *= 0x85ebca6bu; h ^= h >> 13; h *= 0xc2b2ae35u; h ^= h >> 16; return h;
}
static void page_bytes(uint8_t *p, uint32_t token) {
  uint32_t *w = (uint32_t *)p;
  uint32_t s = fmix32(token);
  for (uint32_t i = 0; i < PAGE / 4; i++) w[i] = fmix32(s + i);
}
int main(int argc, char **argv) {
  if (argc != 4) { fprintf(stderr, "usage: workload NPAGES NREP PERIOD\n"); return 2; }
  long n = atol(argv[1]), nrep = atol(argv[2]), period = atol(argv[3]);
  if (n <= 0 || nrep < 0 || nrep > n || (nrep > 0 && period <= 0)) { fprintf(stderr, "bad args\n"); return 2; }
  uint8_t *p = mmap((void *)0x10000000000UL, n * PAGE, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
  if (p == MAP_FAILED) { perror("mmap"); return 1; }
  if (madvise(p, n * PAGE, MADV_NOHUGEPAGE)) { perror("madvise nohugepage"); return 1; }
  for (long i = 0; i < n; i++)
    page_bytes(p + i * PAGE, i < nrep ? (uint32_t)(1 + i % period) : (uint32_t)(1000001 + (i - nrep)));
  if (madvise(p, n * PAGE, MADV_MERGEABLE)) { perror("madvise mergeable"); return 1; }
  printf("ready %d\n", (int)getpid()); fflush(stdout);
  char buf[64];
  while (fgets(buf, sizeof buf, stdin)) {}
  return 0;
}
