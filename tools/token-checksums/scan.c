/*
 * Which tokens' pages have a KSM checksum of 0 or of the zero page?
 *
 * A token t != 0 of the scenario format is the 4096-byte page whose
 * little-endian 32-bit word i is fmix32(fmix32(t) + i); KSM's checksum is
 * the low 32 bits of XXH64(page, seed 0). This program hashes the pages of
 * every token in [from, to) and prints each token whose checksum is 0 (a
 * first visit then finds it "unchanged": rmap_item->oldchecksum starts at 0)
 * or equals the zero page's (use_zero_pages then tries the zero-page merge).
 * Usage: scan FROM TO [THREADS]   (prints "zero-checksum T" / "zero-page-checksum T" lines, then "done FROM TO")
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline uint32_t fmix32(uint32_t h) {
  h ^= h >> 16; h *= 0x85ebca6bu; h ^= h >> 13; h *= 0xc2b2ae35u; h ^= h >> 16; return h;
}
static const uint64_t P1 = 11400714785074694791ull, P2 = 14029467366897019727ull,
                      P3 = 1609587929392839161ull, P4 = 9650029242287828579ull, P5 = 2870177450012600261ull;
static inline uint64_t rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }
static inline uint64_t round1(uint64_t acc, uint64_t in) { acc += in * P2; acc = rotl(acc, 31); return acc * P1; }
static inline uint64_t merge(uint64_t acc, uint64_t v) { v = round1(0, v); acc ^= v; return acc * P1 + P4; }

/* XXH64 of a token page, the words made as they are hashed (4096 bytes: 128 stripes of 32 bytes, no tail). */
static uint64_t token_xxh64(uint32_t t) {
  uint32_t base = fmix32(t);
  uint64_t v1 = P1 + P2, v2 = P2, v3 = 0, v4 = -P1;
  for (uint32_t i = 0; i < 1024; i += 8) {
    uint64_t w0 = (uint64_t)fmix32(base + i) | ((uint64_t)fmix32(base + i + 1) << 32);
    uint64_t w1 = (uint64_t)fmix32(base + i + 2) | ((uint64_t)fmix32(base + i + 3) << 32);
    uint64_t w2 = (uint64_t)fmix32(base + i + 4) | ((uint64_t)fmix32(base + i + 5) << 32);
    uint64_t w3 = (uint64_t)fmix32(base + i + 6) | ((uint64_t)fmix32(base + i + 7) << 32);
    v1 = round1(v1, w0); v2 = round1(v2, w1); v3 = round1(v3, w2); v4 = round1(v4, w3);
  }
  uint64_t h = rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18);
  h = merge(h, v1); h = merge(h, v2); h = merge(h, v3); h = merge(h, v4);
  h += 4096;
  h ^= h >> 33; h *= P2; h ^= h >> 29; h *= P3; h ^= h >> 32;
  return h;
}

static uint64_t zero_xxh64(void) {
  uint64_t v1 = P1 + P2, v2 = P2, v3 = 0, v4 = -P1;
  for (int i = 0; i < 128; i++) { v1 = round1(v1, 0); v2 = round1(v2, 0); v3 = round1(v3, 0); v4 = round1(v4, 0); }
  uint64_t h = rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18);
  h = merge(h, v1); h = merge(h, v2); h = merge(h, v3); h = merge(h, v4);
  h += 4096;
  h ^= h >> 33; h *= P2; h ^= h >> 29; h *= P3; h ^= h >> 32;
  return h;
}

static uint32_t zero_sum;
static pthread_mutex_t out_lock = PTHREAD_MUTEX_INITIALIZER;
struct range { uint64_t from, to; };

static void *work(void *arg) {
  struct range *r = arg;
  for (uint64_t t = r->from; t < r->to; t++) {
    if (t == 0) continue; /* token 0 is the zero page */
    uint32_t s = (uint32_t)token_xxh64((uint32_t)t);
    if (s == 0 || s == zero_sum) {
      pthread_mutex_lock(&out_lock);
      printf("%s %" PRIu64 "\n", s == 0 ? "zero-checksum" : "zero-page-checksum", t);
      fflush(stdout);
      pthread_mutex_unlock(&out_lock);
    }
  }
  return NULL;
}

int main(int argc, char **argv) {
  if (argc == 2 && strcmp(argv[1], "--check") == 0) {
    /* print a few checksums to compare with @ksm-sim/mm's tokenChecksum */
    printf("zero %" PRIu32 "\n", (uint32_t)zero_xxh64());
    for (uint32_t t = 1; t <= 5; t++) printf("%" PRIu32 " %" PRIu32 "\n", t, (uint32_t)token_xxh64(t));
    printf("%" PRIu32 " %" PRIu32 "\n", 4294967295u, (uint32_t)token_xxh64(4294967295u));
    return 0;
  }
  if (argc < 3) { fprintf(stderr, "usage: scan FROM TO [THREADS] | scan --check\n"); return 2; }
  uint64_t from = strtoull(argv[1], NULL, 0), to = strtoull(argv[2], NULL, 0);
  int n = argc > 3 ? atoi(argv[3]) : 1;
  if (n < 1 || n > 64) n = 1;
  zero_sum = (uint32_t)zero_xxh64();
  pthread_t th[64]; struct range rs[64];
  uint64_t step = (to - from + n - 1) / n;
  for (int i = 0; i < n; i++) {
    rs[i].from = from + i * step; rs[i].to = rs[i].from + step > to ? to : rs[i].from + step;
    pthread_create(&th[i], NULL, work, &rs[i]);
  }
  for (int i = 0; i < n; i++) pthread_join(th[i], NULL);
  printf("done %" PRIu64 " %" PRIu64 "\n", from, to);
  return 0;
}
