#include "kernel/bench.h"

#include "hal/cpu.h"
#include "kernel/console.h"
#include "kernel/lib/kstring.h"

#define BENCH_RUNS 5

extern const struct bench *const benches_start[];
extern const struct bench *const benches_end[];

static uint64_t least_time(void (*loop)(unsigned n), unsigned n)
{
    uint64_t best = UINT64_MAX;
    for (int run = 0; run < BENCH_RUNS; run++) {
        uint32_t flags = cpu_save_and_disable_interrupts();
        uint64_t start = cpu_rdtsc();
        loop(n);
        uint64_t t = cpu_rdtsc() - start;
        cpu_restore_interrupts(flags);
        if (t < best)
            best = t;
    }
    return best;
}

uint32_t bench_hundredths(void (*body)(unsigned n), void (*empty)(unsigned n), unsigned n)
{
    uint64_t with = least_time(body, n), without = least_time(empty, n);
    return with > without ? (uint32_t)((with - without) * 100 / n) : 0;
}

bool bench_run(const char *only)
{
    bool found = false;
    for (const struct bench *const *b = benches_start; b < benches_end; b++)
        if (!*only || strcmp((*b)->name, only) == 0) {
            found = true;
            (*b)->run();
        }
    if (!found)
        kprintf("bench: error: no benchmark named '%s'\n", only);
    return found;
}
