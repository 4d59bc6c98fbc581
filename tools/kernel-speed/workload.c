// kernel-speed workload: the simulator's scan-bench layout (packages/ksm/src/bench/scan-bench.ts,
// benchToken) in one process, one VMA of NPAGES anonymous 4 KiB pages, MADV_MERGEABLE.
// usage: workload NPAGES
//   page i even -> token 1 + ((i >> 1) mod 64)   (64 contents, each repeated NPAGES/128 times)
//   page i odd  -> token 65 + i                  (a content of its own)
// Page content = tools/ksmd-truth/workload.c page_bytes(token): 1024 little-endian u32 words
// fmix32(fmix32(token) + k), so distinct tokens differ already in the first word.
// Prints "ready PID" once the memory is filled and madvised, then blocks on stdin; exits on EOF.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#define PAGE 4096
#define REPEATED 64
static uint32_t fmix32(uint32_t h) {
  h ^= h >> 16; h *= 0x85ebca6bu; h ^= h >> 13; h *= 0xc2b2ae35u; h ^= h >> 16; return h;
}
static void page_bytes(uint8_t *p, uint32_t token) {
  uint32_t *w = (uint32_t *)p;
  uint32_t s = fmix32(token);
  for (uint32_t i = 0; i < PAGE / 4; i++) w[i] = fmix32(s + i);
}
// the simulator's benchToken(i)
static uint32_t bench_token(long i) {
  return (i & 1) == 0 ? (uint32_t)(1 + ((i >> 1) % REPEATED)) : (uint32_t)(REPEATED + 1 + i);
}
int main(int argc, char **argv) {
  if (argc != 2) { fprintf(stderr, "usage: workload NPAGES\n"); return 2; }
  char *end;
  long n = strtol(argv[1], &end, 10);
  if (*end || n < 2 || n > (1L << 28)) { fprintf(stderr, "NPAGES: must be an integer from 2 to 2^28, got %s\n", argv[1]); return 2; }
  uint8_t *p = mmap((void *)0x10000000000UL, n * PAGE, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
  if (p == MAP_FAILED) { perror("mmap"); return 1; }
  if (madvise(p, n * PAGE, MADV_NOHUGEPAGE)) { perror("madvise nohugepage"); return 1; }
  for (long i = 0; i < n; i++) page_bytes(p + i * PAGE, bench_token(i));
  if (madvise(p, n * PAGE, MADV_MERGEABLE)) { perror("madvise mergeable"); return 1; }
  printf("ready %d\n", (int)getpid()); fflush(stdout);
  char buf[64];
  while (fgets(buf, sizeof buf, stdin)) {}
  return 0;
}
