/* Memory-manager commands: mem (figures as key=value), trim, memtest. */
#include "../mm/mm.h"
#include "commands.h"
#include "console.h"
#include "lib/kparse.h"

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

int cmd_memtest(int argc, char **argv)
{
    uint32_t mib;
    if (argc != 2)
        return cmd_usage_error("memtest");
    enum parse_status st = parse_u32_range(argv[1], 1, 1024, &mib);
    if (st != PARSE_OK) {
        console_error("memtest: '%s': %s (1 to 1024 MiB)", argv[1], parse_status_text(st));
        return -1;
    }
    uint32_t npages = mib * 256, words = npages * 1024;
    volatile uint32_t *p = mm_alloc_pages(npages, true);
    if (!p) {
        console_error("memtest: cannot commit %u MiB of pageable memory", mib);
        return -1;
    }
    struct mm_info before, after;
    mm_query(&before);
    for (uint32_t i = 0; i < words; i++)
        p[i] = pattern(i);
    uint32_t bad = 0;
    for (uint32_t i = 0; i < words; i++)
        bad += p[i] != pattern(i);
    mm_query(&after);
    mm_free_pages((void *)p, npages);
    kprintf("memtest: %s mib=%u bad_words=%u pageouts=%u pageins=%u\n", bad ? "FAIL" : "PASS", mib, bad,
            after.pageouts - before.pageouts, after.pageins - before.pageins);
    return bad ? -1 : 0;
}
