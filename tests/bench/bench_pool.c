/* One allocator under one workload, timed: built once per allocator (ALLOCATOR_POOL, _GLIBC,
 * _MIMALLOC, _JEMALLOC) so that each runs alone in its process; bench_pool.py runs them all and
 * prints medians and ratios. Output: one line per measurement, `key=value` tokens. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#if defined(ALLOCATOR_POOL)
#include "kernel/wdm.h"
#define NAME "pool"
#define ALLOC(n) ExAllocatePoolWithTag(NonPagedPool, (n), 'hcnB')
#define FREE(p) ExFreePoolWithTag((p), 'hcnB')
#elif defined(ALLOCATOR_MIMALLOC)
#include <mimalloc.h>
#define NAME "mimalloc"
#define ALLOC(n) mi_malloc(n)
#define FREE(p) mi_free(p)
#else
#ifdef ALLOCATOR_JEMALLOC
#define NAME "jemalloc" /* Debian's libjemalloc replaces malloc itself */
#else
#define NAME "glibc"
#endif
#define ALLOC(n) malloc(n)
#define FREE(p) free(p)
#endif

#define SLOTS 4096
#define OPS 4000000
#define PAIRS 4000000
#define FOOTPRINT_BLOCKS 100000

static void *slots[SLOTS];

static double now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

static uint32_t rng = 2463534242u;
static uint32_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

/* Sizes as drivers ask: mostly small, some up to a page, a few larger than a page. */
static size_t next_size(void)
{
    uint32_t r = next_random();
    unsigned pick = r % 100;
    if (pick < 90)
        return 8 + (r >> 8) % 505;
    if (pick < 99)
        return 512 + (r >> 8) % 3569;
    return 4096 + (r >> 8) % 28673;
}

/* Only sizes the pool serves from its lookasides (blocks of 512 bytes or less, header included):
 * set beside the mixed workload, it tells the small-block path's share of a gap from the rest's. */
static size_t next_small_size(void)
{
    return 8 + (next_random() >> 8) % 497;
}

/* Random alloc/free over a working set of SLOTS blocks; each block gets its first byte written.
 * Inlined into each workload below, which stay out of line so that callgrind counts each apart. */
__attribute__((always_inline)) static inline double random_workload(size_t (*size)(void))
{
    double t0 = now_ns();
    for (unsigned i = 0; i < OPS; i++) {
        unsigned s = next_random() % SLOTS;
        if (slots[s]) {
            FREE(slots[s]);
            slots[s] = 0;
        } else {
            slots[s] = ALLOC(size());
            *(volatile char *)slots[s] = 1;
        }
    }
    double t = (now_ns() - t0) / OPS;
    for (unsigned s = 0; s < SLOTS; s++)
        if (slots[s]) {
            FREE(slots[s]);
            slots[s] = 0;
        }
    return t;
}

__attribute__((noinline)) static double mixed_workload(void)
{
    return random_workload(next_size);
}

__attribute__((noinline)) static double small_workload(void)
{
    return random_workload(next_small_size);
}

/* The commonest driver pattern: allocate a small block, use it, free it. Time per call. */
__attribute__((noinline)) static double pair_workload(void)
{
    double t0 = now_ns();
    for (unsigned i = 0; i < PAIRS; i++) {
        void *p = ALLOC(64 + (i & 3) * 8);
        *(volatile char *)p = 1;
        FREE(p);
    }
    return (now_ns() - t0) / (2.0 * PAIRS);
}

static long rss_bytes(void)
{
    long pages = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
            resident = 0;
        fclose(f);
    }
    return resident * sysconf(_SC_PAGESIZE);
}

/* Memory the allocator takes beyond what was asked, per live block of random small sizes. */
__attribute__((noinline)) static double overhead_per_block(void)
{
    static void *blocks[FOOTPRINT_BLOCKS];
    long before = rss_bytes();
    double asked = 0;
    for (unsigned i = 0; i < FOOTPRINT_BLOCKS; i++) {
        size_t n = 8 + next_random() % 249;
        asked += n;
        blocks[i] = ALLOC(n);
        memset(blocks[i], 1, n);
    }
    double over = (rss_bytes() - before - asked) / FOOTPRINT_BLOCKS;
    for (unsigned i = 0; i < FOOTPRINT_BLOCKS; i++)
        FREE(blocks[i]);
    return over;
}

int main(void)
{
    double over = overhead_per_block(); /* first, on a fresh heap */
    double mixed = mixed_workload();
    double small = small_workload();
    double pair = pair_workload();
    printf("allocator=%s mixed_ns_per_op=%.2f small_ns_per_op=%.2f pair_ns_per_op=%.2f overhead_bytes_per_block=%.1f\n",
           NAME, mixed, small, pair, over);
    return 0;
}
