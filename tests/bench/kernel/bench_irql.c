/* IRQL's benchmark: a KeRaiseIrql + KeLowerIrql pair with nothing pending, against pushf; cli; popf.
 * Five instructions is the design: the raise keeps its check (0x09), which NT's free HAL drops. */
#include "kernel/bench.h"
#include "kernel/console.h"
#include "kernel/wdm.h"

#define LOOPS 1000
#define UNROLL 10 /* repetitions in one pass of each loop, so the loop itself weighs little */
#define REPEAT(x) x x x x x x x x x x

static __attribute__((noinline)) void empty_loop(unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        __asm__ volatile("" ::: "memory");
}

static __attribute__((noinline)) void raise_lower_loop(unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        REPEAT({
            KIRQL old;
            KeRaiseIrql(DISPATCH_LEVEL, &old);
            KeLowerIrql(old);
        })
    }
}

static __attribute__((noinline)) void pushf_cli_popf_loop(unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        REPEAT(__asm__ volatile("pushf; cli; popf" ::: "memory", "cc");)
    }
}

static void bench_irql(void)
{
    uint32_t pair = bench_hundredths(raise_lower_loop, empty_loop, LOOPS) / UNROLL;
    uint32_t cli = bench_hundredths(pushf_cli_popf_loop, empty_loop, LOOPS) / UNROLL;
    uint32_t ratio = cli ? (pair * 100 + cli / 2) / cli : 0;
    kprintf("bench: irql raise+lower: %u.%02u instr; pushf/cli/popf: %u.%02u instr; ratio %u.%02u "
            "(the design: five with both checks, so bugcheck 0x09 stays)\n",
            pair / 100, pair % 100, cli / 100, cli % 100, ratio / 100, ratio % 100);
}
BENCH(irql_bench, "irql", bench_irql);
