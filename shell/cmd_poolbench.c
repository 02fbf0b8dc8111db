/* poolbench: the cost of an ExAllocatePoolWithTag + ExFreePoolWithTag pair in the kernel, read from
 * the time-stamp counter. Under QEMU's -icount shift=0 the counter advances one per guest instruction,
 * so the figure is guest instructions per pair and repeats exactly (make bench runs it so). */
#include "hal/cpu.h"
#include "kernel/console.h"
#include "kernel/wdm.h"
#include "shell/args_print.h"
#include "shell/commands.h"

static uint64_t per_pair(uint32_t pairs, SIZE_T bytes)
{
    ExFreePoolWithTag(ExAllocatePoolWithTag(NonPagedPool, bytes, 'hcnB'), 'hcnB'); /* warm the lookaside */
    uint64_t t0 = cpu_rdtsc();
    for (uint32_t i = 0; i < pairs; i++)
        ExFreePoolWithTag(ExAllocatePoolWithTag(NonPagedPool, bytes, 'hcnB'), 'hcnB');
    return (cpu_rdtsc() - t0) / pairs;
}

int cmd_poolbench(int argc, char **argv)
{
    uint32_t pairs = 10000;
    if (argc > 2)
        return cmd_usage_error("poolbench");
    if (argc == 2 && !args_u32("poolbench", argv[1], 1, 10000000, &pairs))
        return -1;
    kprintf("poolbench: pairs=%u tsc_per_pair_64=%llu tsc_per_pair_1000=%llu\n", pairs,
            (unsigned long long)per_pair(pairs, 64), (unsigned long long)per_pair(pairs, 1000));
    return 0;
}
