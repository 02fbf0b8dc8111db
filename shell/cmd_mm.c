/* Commands about the memory manager: its figures (mem), trim, memtest (over paged pool), pages handed
 * out and paged out (valloc, vfree, pageout, flipslot, the paging-file corruption hook), the page
 * tables and the PFN database decoded (pte, pfn, as WinDbg's !pte and !pfn), any kernel address
 * (peek, poke), and what each kind of fault costs (faultbench). */
#include "shell/cmd_mm.h"

#include "hal/cpu.h"
#include "kernel/console.h"
#include "kernel/lib/kformat.h"
#include "kernel/lib/kstring.h"
#include "kernel/wdm.h"
#include "mm/frames.h"
#include "mm/mm.h"
#include "mm/page_table.h"
#include "mm/pool_pages.h"
#include "shell/args.h"
#include "shell/ctrl_c.h"

/* Every handler has the table's signature; those that take no words leave argc or argv unused. */
#pragma GCC diagnostic ignored "-Wunused-parameter"

const char *mm_limit_refusal(uint32_t failures_before)
{
    static char phrase[64];
    enum pool_pages_limit limit;
    if (pool_pages_failures(&limit) == failures_before)
        return "";
    ksnprintf(phrase, sizeof phrase, " (refused by the %s)", pool_pages_limit_name(limit));
    return phrase;
}

int cmd_mem(int argc, char **argv)
{
    struct mm_info m;
    mm_query(&m);
    kprintf("frames_total=%u frames_free=%u frames_zeroed=%u frames_standby=%u frames_modified=%u "
            "frames_active=%u frames_kernel=%u frames_locked=%u ranges=%u\n",
            m.frames_total, m.frames_free, m.frames_zeroed, m.frames_standby, m.frames_modified, m.frames_active,
            m.frames_kernel, m.frames_locked, mm_physmem()->run_count);
    kprintf("pagefile_total=%u pagefile_used=%u commit=%u commit_limit=%u resident_available=%u ws_pages=%u "
            "ws_limit=%u ws_storage=%u\n",
            m.pagefile_total, m.pagefile_used, m.commit, m.commit_limit, m.resident_available, m.ws_pages,
            m.ws_limit, m.ws_storage);
    kprintf("faults_dz=%u faults_soft=%u faults_hard=%u pageouts=%u pageins=%u pageout_errors=%u trimmed=%u\n",
            m.faults_dz, m.faults_soft, m.faults_hard, m.pageouts, m.pageins, m.pageout_errors, m.trimmed);
    return 0;
}

int cmd_trim(int argc, char **argv)
{
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
        if (ctrl_c_requested())
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
    if (!args_u32("memtest", argv[1], 1, 1024, &mib) || !ctrl_c_can_arrive("memtest"))
        return -1;
    enum pool_pages_limit limit;
    uint32_t failures = pool_pages_failures(&limit);
    volatile uint32_t *p = ExAllocatePoolWithTag(PagedPool, mib << 20, MEMTEST_TAG);
    if (!p) {
        console_error("memtest: cannot commit %u MiB of paged pool%s", mib, mm_limit_refusal(failures));
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

int cmd_valloc(int argc, char **argv)
{
    uint32_t npages;
    if (argc == 3 && strcmp(argv[2], "nonpaged") != 0 && strcmp(argv[2], "paged") != 0)
        return ARGS_USAGE;
    if (!args_u32("valloc", argv[1], 1, 65536, &npages))
        return -1;
    enum pool_pages_limit limit;
    uint32_t failures = pool_pages_failures(&limit);
    void *p = pool_pages_alloc(npages, argc == 2 || strcmp(argv[2], "paged") == 0);
    if (!p) {
        console_error("valloc: %u pages: NULL%s", npages, mm_limit_refusal(failures));
        return -1;
    }
    kprintf("0x%08x\n", (uint32_t)p);
    return 0;
}

int cmd_vfree(int argc, char **argv)
{
    uint32_t va, npages;
    if (!args_address("vfree", argv[1], &va) || !args_u32("vfree", argv[2], 1, 65536, &npages))
        return -1;
    /* Pages the pool holds would go back under its feet, and it would corrupt itself later: refused.
     * Anything else (never handed out, freed twice) is the memory manager's 0x1A to report. */
    for (uint32_t i = 0; i < npages; i++) {
        const uint8_t *owner = pool_pages_owner((const void *)(va + i * 4096));
        if (owner && *owner) {
            console_error("vfree: 0x%08x is a page of the pool (free its blocks instead)", va + i * 4096);
            return -1;
        }
    }
    pool_pages_free((void *)va, npages);
    return 0;
}

int cmd_pageout(int argc, char **argv)
{
    mm_page_out_all();
    struct mm_info m;
    mm_query(&m);
    kprintf("pagefile_used=%u frames_standby=%u frames_modified=%u\n", m.pagefile_used, m.frames_standby,
            m.frames_modified);
    return 0;
}

int cmd_flipslot(int argc, char **argv)
{
    uint32_t va;
    if (!args_address("flipslot", argv[1], &va))
        return -1;
    if (!mm_corrupt_paged_out_copy(va)) {
        console_error("flipslot: '%s' is not a paged-out pageable page", argv[1]);
        return -1;
    }
    kprintf("flipped a bit of the paging-file copy of 0x%08x\n", va & ~0xFFFu);
    return 0;
}

/* One entry: where it is, what it holds, and its meaning. */
static void show_entry(const char *label, uint32_t address, uint32_t value)
{
    enum pte_kind kind = pte_kind_of(value);
    kprintf("%s at 0x%08x contains 0x%08x  ", label, address, value);
    if (kind == PTE_KIND_VALID)
        kprintf("pfn 0x%x %c%c%c%c%c%c%c\n", pte_payload(value), value & PTE_GLOBAL ? 'G' : '-',
                value & PTE_DIRTY ? 'D' : '-', value & PTE_ACCESSED ? 'A' : '-',
                value & PTE_CACHE_DISABLE ? 'N' : '-', value & PTE_WRITE_THROUGH ? 'T' : '-',
                value & PTE_WRITE ? 'W' : 'R', 'V');
    else if (kind == PTE_KIND_PAGEFILE)
        kprintf("pagefile slot 0x%x\n", pte_payload(value));
    else if (kind == PTE_KIND_TRANSITION)
        kprintf("transition pfn 0x%x\n", pte_payload(value));
    else if (kind == PTE_KIND_NO_ACCESS && pte_payload(value) == PTE_NO_ACCESS_FREED)
        kprintf("no-access (freed special pool)\n");
    else
        kprintf("%s\n", pte_kind_name(kind));
}

int cmd_pte(int argc, char **argv)
{
    uint32_t va;
    if (!args_address("pte", argv[1], &va))
        return -1;
    kprintf("VA 0x%08x\n", va);
    show_entry("PDE", pde_address(va), *(volatile uint32_t *)pde_address(va));
    if (page_table_present(va))
        show_entry("PTE", pte_address(va), *pte_of(va));
    else
        kprintf("PTE: no page table\n");
    return 0;
}

int cmd_pfn(int argc, char **argv)
{
    uint32_t pfn;
    if (!args_u32("pfn", argv[1], 0, 0xFFFFF, &pfn))
        return -1;
    struct pfn_db *db = frames_db();
    struct pfn_entry *e = pfn_entry(db, pfn);
    if (!e && pfn < db->first)
        console_error("pfn: 0x%x is outside the PFN database (0x%x..)", pfn, db->first);
    else if (!e) /* records are made as frames are first needed (mm/frames.c) */
        console_error("pfn: 0x%x has no record in the PFN database yet (0x%x..0x%x so far)", pfn, db->first,
                      db->first + db->count - 1);
    if (!e)
        return -1;
    kprintf("pfn 0x%x phys 0x%08x list=%s pte=0x%08x", pfn, pfn << 12, pfn_state_name(e->state), e->pte_va);
    if (e->pte_va)
        kprintf(" pte_contents=0x%08x", *(volatile uint32_t *)e->pte_va);
    if (e->slot != PFN_NO_SLOT)
        kprintf(" slot=0x%x", e->slot);
    kprintf("\n");
    return 0;
}

/* peek and poke go through the normal page-fault path: a bad address is the bugcheck it would be for
 * any kernel code. */
int cmd_peek(int argc, char **argv)
{
    uint32_t addr;
    if (!args_address("peek", argv[1], &addr))
        return -1;
    kprintf("0x%08x\n", *(volatile uint32_t *)addr);
    return 0;
}

int cmd_poke(int argc, char **argv)
{
    uint32_t addr, value;
    if (!args_address("poke", argv[1], &addr) || !args_u32("poke", argv[2], 0, UINT32_MAX, &value))
        return -1;
    *(volatile uint32_t *)addr = value;
    return 0;
}

/* faultbench: rdtsc counts guest instructions under QEMU's -icount shift=0 (tests/bench/bench_mm.py runs it
 * that way). Touches the first word of each page: every touch is one fault of the kind the pages are
 * set up for. */
#define PAGE_WORDS 1024

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
    if (argc == 2 && !args_u32("faultbench", argv[1], 1, 2048, &npages))
        return -1;
    /* Two runs of pages: the first for demand-zero faults served from the zeroed list the idle loop
     * fills, the second for every other kind, with that list emptied so each fault zeroes its frame. */
    volatile uint32_t *ready = pool_pages_alloc(2 * npages, true), *p = ready + npages * PAGE_WORDS;
    uint8_t *copy = pool_pages_alloc(2, false);
    if (!ready || !copy) {
        console_error("faultbench: cannot allocate %u pages", 2 * npages);
        if (ready)
            pool_pages_free((void *)ready, 2 * npages);
        if (copy)
            pool_pages_free(copy, 2);
        return -1;
    }
    mm_make_frame_records(3 * npages); /* more than the runs take: none of them pays for making records */
    while (frames_db()->in_state[PFN_ZEROED] < npages && mm_zero_page_wanted())
        mm_zero_page_idle();
    uint32_t dz_zeroed = per_touch(ready, npages);
    mm_forget_zeroed_pages();
    uint32_t dz = per_touch(p, npages);
    mm_trim_all();
    uint32_t soft = per_touch(p, npages);
    mm_page_out_all();
    uint32_t hard = per_touch(p, npages);
    uint64_t t0 = cpu_rdtsc();
    for (uint32_t i = 0; i < npages; i++)
        memcpy(copy + 4096, copy, 4096);
    uint32_t copy4k = (uint32_t)((cpu_rdtsc() - t0) / npages);
    pool_pages_free((void *)ready, 2 * npages);
    pool_pages_free(copy, 2);
    kprintf("faultbench: pages=%u dz=%u dz_zeroed=%u soft=%u hard=%u copy4k=%u\n", npages, dz, dz_zeroed, soft, hard,
            copy4k);
    return 0;
}
