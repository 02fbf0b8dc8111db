/* faultbench: the cost of each kind of page fault next to a 4 KiB copy, counted with rdtsc (which
 * counts guest instructions under QEMU's -icount shift=0; tools/bench_mm.py runs it that way). */
#include "hal/cpu.h"
#include "kernel/console.h"
#include "kernel/lib/kstring.h"
#include "mm/mm.h"
#include "shell/args_print.h"
#include "shell/commands.h"

#define PAGE_WORDS 1024

/* Touches the first word of each page: every touch is one fault of the kind the pages are set up for. */
static uint32_t per_touch(volatile uint32_t *p, uint32_t npages)
{
    uint64_t t0 = cpu_rdtsc();
    for (uint32_t i = 0; i < npages; i++)
        p[i * PAGE_WORDS] += i;
    return (uint32_t)((cpu_rdtsc() - t0) / npages);
}

int cmd_faultbench(int argc, char **argv)
{
    uint32_t npages = 64;
    if (argc > 2)
        return cmd_usage_error("faultbench");
    if (argc == 2 && !args_u32("faultbench", argv[1], 1, 4096, &npages))
        return -1;
    volatile uint32_t *p = mm_alloc_pages(npages, true);
    uint8_t *copy = mm_alloc_pages(2, false);
    if (!p || !copy) {
        console_error("faultbench: cannot allocate %u pages", npages);
        if (p)
            mm_free_pages((void *)p, npages);
        if (copy)
            mm_free_pages(copy, 2);
        return -1;
    }
    uint32_t dz = per_touch(p, npages);
    mm_trim_all();
    uint32_t soft = per_touch(p, npages);
    mm_page_out_all();
    uint32_t hard = per_touch(p, npages);
    uint64_t t0 = cpu_rdtsc();
    for (uint32_t i = 0; i < npages; i++)
        memcpy(copy + 4096, copy, 4096);
    uint32_t copy4k = (uint32_t)((cpu_rdtsc() - t0) / npages);
    mm_free_pages((void *)p, npages);
    mm_free_pages(copy, 2);
    kprintf("faultbench: pages=%u dz=%u soft=%u hard=%u copy4k=%u\n", npages, dz, soft, hard, copy4k);
    return 0;
}
