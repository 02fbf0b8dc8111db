/* Memory-manager commands: mem (figures as key=value), trim, memtest (over paged pool). */
#include "kernel/console.h"
#include "kernel/wdm.h"
#include "mm/mm.h"
#include "shell/args_print.h"
#include "shell/commands.h"
#include "shell/shell.h"

int cmd_mem(int argc, char **argv)
{
    (void)argv;
    if (argc != 1)
        return cmd_usage_error("mem");
    struct mm_info m;
    mm_query(&m);
    kprintf("frames_total=%u frames_free=%u frames_zeroed=%u frames_standby=%u frames_modified=%u "
            "frames_active=%u frames_kernel=%u ranges=%u\n",
            m.frames_total, m.frames_free, m.frames_zeroed, m.frames_standby, m.frames_modified, m.frames_active,
            m.frames_kernel, mm_physmem()->run_count);
    kprintf("pagefile_total=%u pagefile_used=%u commit=%u commit_limit=%u ws_pages=%u ws_limit=%u\n",
            m.pagefile_total, m.pagefile_used, m.commit, m.commit_limit, m.ws_pages, m.ws_limit);
    kprintf("faults_dz=%u faults_soft=%u faults_hard=%u pageouts=%u pageins=%u trimmed=%u\n", m.faults_dz,
            m.faults_soft, m.faults_hard, m.pageouts, m.pageins, m.trimmed);
    return 0;
}

int cmd_trim(int argc, char **argv)
{
    (void)argv;
    if (argc != 1)
        return cmd_usage_error("trim");
    struct mm_info before, after;
    mm_query(&before);
    mm_trim_all();
    mm_query(&after);
    kprintf("trimmed %u pages: frames_standby=%u frames_modified=%u\n", before.ws_pages - after.ws_pages,
            after.frames_standby, after.frames_modified);
    return 0;
}

static uint32_t pattern(uint32_t i)
{
    return i * 2654435761u ^ 0x5A5A5A5Au;
}

#define MEMTEST_TAG 'tmeM' /* "Memt" in poolmon while the test runs */
#define MEMTEST_STEPS 4    /* progress lines per pass */

/* One pass over the block, a page at a time: writes the pattern, or counts the words that differ
 * from it. Prints a progress line at each quarter; returns false if Ctrl-C stopped it. */
static bool memtest_pass(volatile uint32_t *p, uint32_t mib, bool write, uint32_t *bad)
{
    uint32_t pages = mib * 256, step = pages / MEMTEST_STEPS;
    for (uint32_t page = 0; page < pages; page++) {
        if (shell_interrupt_requested())
            return false;
        volatile uint32_t *w = p + page * 1024;
        for (uint32_t i = 0; i < 1024; i++) {
            uint32_t want = pattern(page * 1024 + i);
            if (write)
                w[i] = want;
            else
                *bad += w[i] != want;
        }
        if ((page + 1) % step == 0)
            kprintf("memtest: %s %u of %u MiB\n", write ? "written" : "checked", (page + 1) / 256, mib);
    }
    return true;
}

int cmd_memtest(int argc, char **argv)
{
    uint32_t mib;
    if (argc != 2)
        return cmd_usage_error("memtest");
    if (!args_u32("memtest", argv[1], 1, 1024, &mib))
        return -1;
    volatile uint32_t *p = ExAllocatePoolWithTag(PagedPool, mib << 20, MEMTEST_TAG);
    if (!p) {
        console_error("memtest: cannot commit %u MiB of paged pool (past the commit limit)", mib);
        return -1;
    }
    struct mm_info before, after;
    mm_query(&before);
    uint32_t bad = 0;
    bool done = memtest_pass(p, mib, true, &bad) && memtest_pass(p, mib, false, &bad);
    mm_query(&after);
    ExFreePoolWithTag((void *)p, MEMTEST_TAG);
    if (!done) {
        kprintf("memtest: interrupted; the memory is freed\n");
        return 0;
    }
    kprintf("memtest: %s mib=%u bad_words=%u pageouts=%u pageins=%u\n", bad ? "FAIL" : "PASS", mib, bad,
            after.pageouts - before.pageouts, after.pageins - before.pageins);
    return bad ? -1 : 0;
}
