/* In-kernel benchmarks, run by the `bench` boot option under QEMU's -icount shift=0, where rdtsc counts
 * guest instructions, so every run gives the same numbers. A benchmark registers itself with BENCH (in the
 * .benches section, as ktest suites do) and prints its results as `bench: ` lines; tests/bench/bench.py boots
 * one and shows them. */
#ifndef PAGODA_BENCH_H
#define PAGODA_BENCH_H

#include <stdbool.h>
#include <stdint.h>

struct bench {
    const char *name;
    void (*run)(void);
};

#define BENCH(ident, bench_name, function)                                                            \
    static const struct bench ident = { bench_name, function };                                      \
    static const struct bench *const ident##_entry __attribute__((used, section(".benches"))) = &ident

/* Runs every benchmark, or the one named. Returns false if there is none by that name. */
bool bench_run(const char *only);

/* Guest instructions per repetition of what body(n) repeats n times, less what empty(n) takes for the
 * same n (the loop around it): the least of a few runs, with interrupts off. In hundredths. */
uint32_t bench_hundredths(void (*body)(unsigned n), void (*empty)(unsigned n), unsigned n);

#endif
