/* One allocator under one workload, timed: built once per allocator (ALLOCATOR_POOL, _GLIBC,
 * _MIMALLOC, _JEMALLOC, and _NONE, the harness alone) so that each runs alone in its process;
 * bench_pool.py runs them all, interleaved, and prints medians and ratios.
 *
 *   bench_pool_X <mixed|small|medium|pair> <live blocks> <iterations>
 *   bench_pool_X overhead
 *
 * A workload first allocates <live blocks> blocks of its sizes, then times <iterations> steps in
 * run_steps (never inlined, so that callgrind --toggle-collect=run_steps counts the steps alone): the
 * random workloads free a random live block and allocate its replacement, pair allocates a block of
 * 64-88 bytes and frees it at once with the live blocks held beside it. Either way a step is two
 * operations. Output: one line of `key=value` tokens. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#if defined(ALLOCATOR_POOL)
#include "kernel/wdm.h"
#include "pool/pool.h"
#define NAME "pool"
#define ALLOC(n) ExAllocatePoolWithTag(NonPagedPool, (n), 'hcnB')
#define FREE(p) ExFreePoolWithTag((p), 'hcnB')
#elif defined(ALLOCATOR_MIMALLOC)
#include <mimalloc.h>
#define NAME "mimalloc"
#define ALLOC(n) mi_malloc(n)
#define FREE(p) mi_free(p)
#elif defined(ALLOCATOR_NONE)
/* The harness without an allocator: every request gets the same buffer, frees do nothing. */
#define NAME "none"
static char none_buffer[64 * 1024];
#define ALLOC(n) ((void)(n), (void *)none_buffer)
#define FREE(p) ((void)(p))
#else
#ifdef ALLOCATOR_JEMALLOC
#define NAME "jemalloc" /* Debian's libjemalloc replaces malloc itself */
#else
#define NAME "glibc"
#endif
#define ALLOC(n) malloc(n)
#define FREE(p) free(p)
#endif

#define FOOTPRINT_BLOCKS 100000

enum workload { MIXED, SMALL, MEDIUM, PAIR };
static const char *const workload_names[] = { "mixed", "small", "medium", "pair" };

static enum workload workload;
static void **slots;
static uint32_t live;

/* CPU time of this thread (user and system), not wall time: on a machine shared with other work, the
 * time the process waits for a CPU would otherwise be most of the noise. */
static double now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

static uint32_t rng = 2463534242u;
static inline uint32_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

/* Sizes as drivers ask. mixed: mostly small, some up to a page, a few larger than a page; small:
 * 8-504 bytes only; medium: 90% up to 512 bytes, 10% of 513-4096. */
static inline size_t next_size(void)
{
    uint32_t r = next_random();
    unsigned pick = r % 100;
    switch (workload) {
    case MIXED:
        if (pick < 90)
            return 8 + (r >> 8) % 505;
        if (pick < 99)
            return 512 + (r >> 8) % 3569;
        return 4096 + (r >> 8) % 28673;
    case MEDIUM:
        return pick < 90 ? 8 + (r >> 8) % 505 : 513 + (r >> 8) % 3584;
    default:
        return 8 + (r >> 8) % 497;
    }
}

static inline void *alloc_touched(size_t n)
{
    void *p = ALLOC(n);
    *(volatile char *)p = 1;
    return p;
}

/* A random live block, by multiply and shift (no division in the loop). */
static inline uint32_t random_slot(void)
{
    return (uint32_t)(((uint64_t)next_random() * live) >> 32);
}

__attribute__((noinline, noclone, used)) void run_steps(uint32_t steps)
{
    if (workload == PAIR) {
        for (uint32_t i = 0; i < steps; i++) {
            void *p = alloc_touched(64 + (i & 3) * 8);
            FREE(p);
        }
        return;
    }
    for (uint32_t i = 0; i < steps; i++) {
        uint32_t s = random_slot();
        FREE(slots[s]);
        slots[s] = alloc_touched(next_size());
    }
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

/* Memory the allocator takes beyond what was asked, per live block of random small sizes, on a
 * fresh heap; for the pool also what it says of its own blocks: header, class rounding, and what
 * its pages hold besides blocks in use. */
static void overhead(void)
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
    printf("allocator=%s overhead_bytes_per_block=%.1f", NAME, over);
#ifdef ALLOCATOR_POOL
    struct tag_entry e = { 0 };
    tagtab_find('hcnB', &e);
    struct pool_stats s;
    pool_get_stats(&s);
    double block_bytes = (double)e.pool[POOL_KIND_NONPAGED].bytes;
    printf(" header_bytes_per_block=8 rounding_bytes_per_block=%.1f page_bytes_per_block=%.1f",
           (block_bytes - asked) / FOOTPRINT_BLOCKS - 8,
           ((double)s.small_pages[POOL_KIND_NONPAGED] * 4096 - block_bytes) / FOOTPRINT_BLOCKS);
#endif
    printf("\n");
    for (unsigned i = 0; i < FOOTPRINT_BLOCKS; i++)
        FREE(blocks[i]);
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "overhead") == 0) {
        overhead();
        return 0;
    }
    unsigned w = 0;
    while (w < 4 && (argc != 4 || strcmp(argv[1], workload_names[w]) != 0))
        w++;
    if (w == 4) {
        fprintf(stderr, "usage: %s mixed|small|medium|pair <live blocks> <iterations> | overhead\n", argv[0]);
        return 2;
    }
    workload = (enum workload)w;
    live = (uint32_t)strtoul(argv[2], 0, 0);
    uint32_t steps = (uint32_t)strtoul(argv[3], 0, 0);
    slots = calloc(live ? live : 1, sizeof(*slots));
    enum workload kept = workload;
    if (workload == PAIR) /* the live blocks beside the pairs: small ones */
        workload = SMALL;
    for (uint32_t s = 0; s < live; s++)
        slots[s] = alloc_touched(next_size());
    workload = kept;
    if (!live && workload != PAIR) {
        fprintf(stderr, "bench_pool: the random workloads need live blocks\n");
        return 2;
    }
    double t0 = now_ns();
    run_steps(steps);
    double ns = (now_ns() - t0) / (2.0 * steps);
    for (uint32_t s = 0; s < live; s++)
        FREE(slots[s]);
    printf("allocator=%s workload=%s live=%u steps=%u ns_per_op=%.2f\n", NAME, workload_names[w], live, steps, ns);
    return 0;
}
